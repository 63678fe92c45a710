import type { Database } from '../storage/database';
import { ProtocolGuardRepository } from '../storage/repositories/protocol-guard.repository';
import type { AppConfig } from './config';
import { DingtalkClient } from './dingtalk/client';
import type { Logger } from './logger';
import { SIMULATOR_BOT_PATH } from './simulator/bot-channel';
import { TenantDirectory } from './tenants/tenant-directory';
import { WecomClient } from './wecom/client';

/**
 * The platform clients: the environment's corps plus those registered in the database, each with its own
 * client and token. Throws when a registered tenant's secrets cannot be opened.
 */
export async function openTenants(
  db: Database,
  config: AppConfig,
  logger: Logger,
): Promise<{ tenants: TenantDirectory; taskIdTag: string }> {
  const taskIdTag = await new ProtocolGuardRepository(db.manager).deploymentTag(new Date());
  const wecomClient = config.wecom ? new WecomClient({ config: config.wecom, logger, taskIdTag }) : undefined;
  const dingtalkClient = config.dingtalk
    ? new DingtalkClient({ config: config.dingtalk, logger })
    : undefined;
  const tenants = new TenantDirectory({
    db,
    config,
    logger,
    defaults: { wecom: wecomClient, dingtalk: dingtalkClient },
    taskIdTag,
  });
  await tenants.load();
  return { tenants, taskIdTag };
}

/** In simulator mode the WeCom API and the bot's long connection are the simulator's, on the bot's own port. */
export function pointAtSimulator(config: AppConfig, url: string): void {
  if (!config.simulator) return;
  if (config.wecom) config.wecom = { ...config.wecom, apiBase: `${url}/sim/api` };
  if (config.wecomBot)
    config.wecomBot = { ...config.wecomBot, wsUrl: `${url.replace(/^http/, 'ws')}${SIMULATOR_BOT_PATH}` };
}
