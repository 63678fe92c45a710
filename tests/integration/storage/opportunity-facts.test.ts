import { Database } from '../../../storage/database';
import { createRepositories, type Repositories } from '../../../storage/repositories';
import { applySeed } from '../../../storage/seed/seed-file';
import { seedFileSchema } from '../../../storage/seed/seed-schema';
import { storeCustomer } from '../../support/record-builders';
import { freshDatabaseUrl } from '../../support/test-database';

const DAY = 24 * 60 * 60 * 1000;
const T0 = new Date('2026-11-01T02:00:00.000Z');
const at = (days: number) => new Date(T0.getTime() + days * DAY);

let db: Database;
let repos: Repositories;
const REP_A = 101;
const REP_B = 102;
const OTHER_TENANT_REP = 201;

const customer = (tenantId: string, name: string, owner: number) =>
  storeCustomer(repos, tenantId, name, { owner, at: T0 });

async function move(
  tenantId: string,
  id: number,
  to: string,
  status: 'open' | 'won' | 'lost',
  when: Date,
  reason: string | null = null,
) {
  const opp = await repos.opportunities.findForUpdate(tenantId, id);
  if (!opp) throw new Error(`no opportunity ${id}`);
  const days = Math.floor((when.getTime() - opp.stageEnteredAt.getTime()) / DAY);
  expect(
    await repos.opportunities.moveStage(
      tenantId,
      opp,
      { toStage: to, status, lostReason: reason, byUserId: opp.ownerUserId, daysInFromStage: days },
      when,
    ),
  ).toBe(true);
}

let huawei: number;
let zte: number;
let won: number;
let lost: number;
let stalled: number;
let fresh: number;

beforeAll(async () => {
  db = await Database.open(await freshDatabaseUrl());
  repos = createRepositories(db.manager);
  huawei = await customer('t1', '华为技术', REP_A);
  zte = await customer('t1', '中兴通讯', REP_B);
  const other = await customer('t2', '别的租户', OTHER_TENANT_REP);
  const create = (
    tenantId: string,
    customerId: number,
    owner: number,
    amountFen: number,
    stageKey: string,
    when: Date,
  ) =>
    repos.opportunities
      .create(tenantId, { customerId, ownerUserId: owner, amountFen, stageKey, createdByUserId: owner }, when)
      .then((o) => o.id);
  // ¥30 million: beyond a 32-bit integer of fen, as large deals are.
  stalled = await create('t1', huawei, REP_A, 3_000_000_000, '初步接洽', at(0));
  won = await create('t1', huawei, REP_A, 500_000, '需求确认', at(1));
  lost = await create('t1', zte, REP_B, 200_000, '方案报价', at(2));
  fresh = await create('t1', zte, REP_B, 100_050, '方案报价', at(18));
  await create('t2', other, OTHER_TENANT_REP, 999_999, '初步接洽', at(3));
  await move('t1', won, '谈判审核', 'open', at(4));
  await move('t1', won, '赢单', 'won', at(10));
  await move('t1', lost, '输单', 'lost', at(9), '价格太高');
});

afterAll(async () => {
  await db.close();
});

describe('OpportunityFacts', () => {
  it('lists the tenant’s stages in order, won and lost included', async () => {
    const stages = await repos.opportunityFacts.stages('t1');
    expect(stages.map((s) => [s.key, s.probability, s.kind])).toEqual([
      ['初步接洽', 20, 'open'],
      ['需求确认', 40, 'open'],
      ['方案报价', 60, 'open'],
      ['谈判审核', 80, 'open'],
      ['赢单', 100, 'won'],
      ['输单', 0, 'lost'],
    ]);
  });

  it('groups open opportunities of the given reps by stage, amounts in fen beyond 32 bits', async () => {
    const funnel = await repos.opportunityFacts.funnel('t1', [REP_A, REP_B]);
    expect(funnel.map((f) => [f.key, f.count, f.amountFen])).toEqual([
      ['初步接洽', 1, 3_000_000_000],
      ['需求确认', 0, 0],
      ['方案报价', 1, 100_050],
      ['谈判审核', 0, 0],
    ]);
    expect((await repos.opportunityFacts.funnel('t1', [REP_B])).map((f) => f.count)).toEqual([0, 0, 1, 0]);
    expect((await repos.opportunityFacts.funnel('t1', [])).every((f) => f.count === 0)).toBe(true);
  });

  it('finds deals stalled in their stage for at least N days', async () => {
    const deals = await repos.opportunityFacts.stalled('t1', [REP_A, REP_B], at(20), 14);
    expect(deals).toEqual([
      {
        opportunityId: stalled,
        customerName: '华为技术',
        ownerUserId: REP_A,
        stageLabel: '初步接洽',
        daysInStage: 20,
        amountFen: 3_000_000_000,
      },
    ]);
    expect(await repos.opportunityFacts.stalled('t1', [REP_B], at(20), 14)).toEqual([]);
  });

  it('tells which reps own an open opportunity', async () => {
    expect(await repos.opportunityFacts.ownersWithOpen('t1', [REP_A, REP_B, 999])).toEqual(
      new Set([REP_A, REP_B]),
    );
    expect(await repos.opportunityFacts.ownersWithOpen('t2', [REP_A])).toEqual(new Set());
  });

  it('lists the stage moves of a half-open period, oldest first, with days in the stage left and loss reasons', async () => {
    const moves = await repos.opportunityFacts.stageMoves('t1', [REP_A, REP_B], { from: at(1), to: at(10) });
    expect(
      moves.map((m) => [m.opportunityId, m.fromStage, m.toStage, m.daysInFromStage, m.lostReason]),
    ).toEqual([
      [won, null, '需求确认', null, null],
      [lost, null, '方案报价', null, null],
      [won, '需求确认', '谈判审核', 3, null],
      [lost, '方案报价', '输单', 7, '价格太高'],
    ]);
    expect(moves[3]).toMatchObject({ customerName: '中兴通讯', ownerUserId: REP_B, amountFen: 200_000 });
    const onlyA = await repos.opportunityFacts.stageMoves('t1', [REP_A], { from: at(0), to: at(30) });
    expect(onlyA.map((m) => m.toStage)).toEqual(['初步接洽', '需求确认', '谈判审核', '赢单']);
    expect(fresh).toBeGreaterThan(0);
  });

  it('refuses a move from a stale version (a concurrent move won)', async () => {
    const opp = await repos.opportunities.findForUpdate('t1', fresh);
    if (!opp) throw new Error('missing');
    const input = {
      toStage: '谈判审核',
      status: 'open' as const,
      lostReason: null,
      byUserId: REP_B,
      daysInFromStage: 0,
    };
    expect(await repos.opportunities.moveStage('t1', opp, input, at(19))).toBe(true);
    expect(
      await repos.opportunities.moveStage('t1', opp, { ...input, toStage: '赢单', status: 'won' }, at(19)),
    ).toBe(false);
    expect((await repos.opportunities.history('t1', fresh)).map((h) => h.toStage)).toEqual([
      '方案报价',
      '谈判审核',
    ]);
  });

  it('takes a tenant’s stages from the seed/import file, audited once however often it is applied', async () => {
    const seed = seedFileSchema.parse({
      opportunities: {
        openStages: [
          { name: '线索', probability: 10 },
          { name: '报价', probability: 50 },
        ],
        wonStage: '成交',
      },
    });
    const tenant = { tenantId: 't3', platform: 'wecom' as const };
    await applySeed(db, seed, tenant, T0);
    await applySeed(db, seed, tenant, T0);
    expect((await repos.opportunityFacts.stages('t3')).map((s) => `${s.label}${s.probability}`)).toEqual([
      '线索10',
      '报价50',
      '成交100',
      '输单0',
    ]);
    const audits = await repos.auditLog.listRecent('t3', 10);
    expect(audits.map((a) => a.action)).toEqual(['opportunity.stages.import']);
    const bad = seedFileSchema.parse({ opportunities: { openStages: [] } });
    await expect(applySeed(db, bad, tenant, T0)).rejects.toThrow('seed: opportunities is invalid');
  });
});
