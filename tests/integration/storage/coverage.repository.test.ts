import { Database } from '../../../storage/database';
import { createRepositories, type Repositories } from '../../../storage/repositories';
import { CoverageRepository } from '../../../storage/repositories/coverage.repository';
import { VisitRouteRepository } from '../../../storage/repositories/visit-route.repository';
import { closeVisit, openVisit, storeCustomer } from '../../support/record-builders';
import { freshDatabaseUrl } from '../../support/test-database';

const T = 't-coverage';
const OTHER = 't-coverage-other';
// Monday 23 Nov 2026 09:00 in Shanghai.
const MON = new Date('2026-11-23T01:00:00Z');
const at = (days: number, hours = 0) => new Date(MON.getTime() + days * 86_400_000 + hours * 3_600_000);

let db: Database;
let repos: Repositories;
const ids = { huawei: 0, zte: 0, tencent: 0, elsewhere: 0 };

async function visit(tenantId: string, userId: number, customerId: number, start: Date) {
  await closeVisit(repos, await openVisit(repos, { tenantId, userId, customerId, startedAt: start }), 30);
}

beforeAll(async () => {
  db = await Database.open(await freshDatabaseUrl());
  repos = createRepositories(db.manager);
  const create = (tenantId: string, name: string, owner: number) =>
    storeCustomer(repos, tenantId, name, { owner, at: at(-30) });
  ids.huawei = await create(T, '华为', 1);
  ids.zte = await create(T, '中兴', 2);
  ids.tencent = await create(T, '腾讯', 1);
  ids.elsewhere = await create(OTHER, '别家', 1);
  await visit(T, 1, ids.huawei, at(-10));
  await visit(T, 1, ids.huawei, at(-3));
  await visit(T, 2, ids.zte, at(0, 2));
  await visit(OTHER, 1, ids.elsewhere, at(0, 1));
});

afterAll(async () => {
  await db.close();
});

describe('CoverageRepository', () => {
  it('gives each owned customer its latest visit, within the tenant and the owners asked', async () => {
    const coverage = new CoverageRepository(db.manager);
    const mine = await coverage.ownedCustomers(T, [1]);
    expect(mine.map((c) => [c.name, c.ownerUserId, c.lastVisitAt?.toISOString() ?? null])).toEqual([
      ['华为', 1, at(-3).toISOString()],
      ['腾讯', 1, null],
    ]);
    expect((await coverage.ownedCustomers(T, null)).map((c) => c.name)).toEqual(['华为', '中兴', '腾讯']);
    expect(await coverage.ownedCustomers(T, [])).toEqual([]);
  });
});

describe('VisitRouteRepository', () => {
  it('lists one rep’s visits of the day with the check-in point and the customer’s position', async () => {
    const day = { from: at(0, -1), to: at(1, -1) };
    const routes = new VisitRouteRepository(db.manager);
    const visits = await routes.visitsOfDay(T, 2, day);
    expect(visits).toEqual([
      {
        visitId: expect.any(Number),
        customerName: '中兴',
        customer: null,
        checkIn: { lat: 22.6, lng: 114.1 },
        startedAt: at(0, 2),
        endedAt: new Date(at(0, 2).getTime() + 30 * 60_000),
        distanceM: 1200,
        offSite: true,
      },
    ]);
    expect(await routes.visitsOfDay(T, 1, day)).toEqual([]);
    expect(await routes.visitsOfDay(OTHER, 2, day)).toEqual([]);
  });
});
