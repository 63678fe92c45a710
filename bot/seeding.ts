import type { Database } from '../storage/database';
import { applySeed, DEMO_SEED_PATH, readSeedFile } from '../storage/seed/seed-file';
import type { SeedFile } from '../storage/seed/seed-schema';
import type { AppConfig } from './config';
import type { Logger } from './logger';

/** The seed the simulator's corp shows: SEED_FILE, else the demo company. Real corps get SEED_FILE only. */
export function loadSeed(config: AppConfig): SeedFile | undefined {
  if (config.seedFile) return readSeedFile(config.seedFile);
  return config.simulator ? readSeedFile(DEMO_SEED_PATH) : undefined;
}

/**
 * SEED_FILE goes into the environment's corps; the demo seed only into the simulator's stand-in corp, never
 * into a real company, which otherwise starts empty and fills from its address book and imports.
 */
export async function seedTenants(
  db: Database,
  config: AppConfig,
  seed: SeedFile | undefined,
  logger: Logger,
  now: Date,
): Promise<void> {
  const timeZone = config.timeZone;
  if (seed && config.wecom)
    await applySeed(db, seed, { tenantId: config.wecom.corpId, platform: 'wecom', timeZone }, now);
  if (config.dingtalk && config.seedFile && seed)
    await applySeed(db, seed, { tenantId: config.dingtalk.corpId, platform: 'dingtalk', timeZone }, now);
  const realCorps = [config.simulator ? undefined : config.wecom?.corpId, config.dingtalk?.corpId];
  if (!config.seedFile && realCorps.some(Boolean))
    logger.info(
      'no SEED_FILE: the company starts empty. People arrive with the address-book sync (nightly and at start); customers come from 导入客户 in chat or `npm run import:customers -- --tenant <corp id> <file>`; a seed file (people, customers, places, settings) is imported with SEED_FILE=<file> at start',
    );
}

/** The simulator shows seed people and the customers that have a position. */
export function simulatorSeedOf(seed: SeedFile | undefined) {
  if (!seed) return {};
  const located = seed.customers.flatMap((c) =>
    c.lat === undefined || c.lng === undefined
      ? []
      : [{ name: c.name, lat: c.lat, lng: c.lng, address: c.address }],
  );
  return { users: seed.users, customers: located, places: seed.places };
}
