import { Database } from '../../../storage/database';
import { createRepositories, type Repositories } from '../../../storage/repositories';
import { closeVisit, openVisit, storeCustomer } from '../../support/record-builders';
import { freshDatabaseUrl } from '../../support/test-database';

const T = 't-visits';
const OTHER = 't-other';
const DAY = 86_400_000;
// Monday 23 Nov 2026 09:00 in Shanghai.
const MON = new Date('2026-11-23T01:00:00Z');
const at = (days: number, hours = 0) => new Date(MON.getTime() + days * DAY + hours * 3_600_000);
const week = { from: at(0, -1), to: at(7, -1) };

let db: Database;
let repos: Repositories;
const ids = { huawei: 0, zte: 0, tencent: 0, pool: 0, elsewhere: 0 };

const customer = (tenantId: string, name: string, owner: number | null, createdAt: Date) =>
  storeCustomer(repos, tenantId, name, { owner, at: createdAt });

async function visit(tenantId: string, userId: number, customerId: number, start: Date, minutes: number) {
  const opened = await openVisit(repos, {
    tenantId,
    userId,
    customerId,
    startedAt: start,
    point: { lat: 22.5, lng: 114 },
    distanceM: 800,
  });
  await repos.visits.attach(
    tenantId,
    opened,
    { kind: 'note', text: '聊了新品' },
    new Date(start.getTime() + 60_000),
  );
  await repos.visits.attach(
    tenantId,
    opened,
    { kind: 'photo', originalKey: 'o.jpg', stampedKey: 's.jpg' },
    new Date(start.getTime() + 120_000),
  );
  await closeVisit(repos, opened, minutes, '下周报价');
  await repos.visits.recordResult(tenantId, opened.id, 'interested');
  return opened.id;
}

beforeAll(async () => {
  db = await Database.open(await freshDatabaseUrl());
  repos = createRepositories(db.manager);
  ids.huawei = await customer(T, '华为', 1, at(-40));
  ids.zte = await customer(T, '中兴', 1, at(1));
  ids.tencent = await customer(T, '腾讯', 2, at(2));
  ids.pool = await customer(T, '公海店', null, at(-50));
  ids.elsewhere = await customer(OTHER, '别家', 1, at(1));
  await visit(T, 1, ids.huawei, at(0, 1), 45);
  await visit(T, 1, ids.zte, at(1, 2), 30);
  await visit(T, 2, ids.tencent, at(2, 3), 20);
  await visit(T, 1, ids.huawei, at(8), 10); // next week
  await visit(OTHER, 1, ids.elsewhere, at(1), 10);
});

afterAll(async () => {
  await db.close();
});

describe('VisitFacts', () => {
  it('counts visits per rep in the period, within the tenant and the given reps', async () => {
    expect(await repos.visits.countByRep(T, [1, 2, 3], week)).toEqual(
      new Map([
        [1, 2],
        [2, 1],
      ]),
    );
    expect(await repos.visits.countByRep(T, [2], week)).toEqual(new Map([[2, 1]]));
    expect(await repos.visits.countByRep(T, [], week)).toEqual(new Map());
  });

  it('lists one rep’s visits oldest first with result, note, 异地, purpose and customer type', async () => {
    const facts = await repos.visits.listForRep(T, 1, week);
    expect(facts).toEqual([
      {
        visitId: expect.any(Number),
        customerId: ids.huawei,
        customerName: '华为',
        startedAt: at(0, 1),
        endedAt: new Date(at(0, 1).getTime() + 45 * 60_000),
        result: '有意向',
        note: '下周报价',
        offSite: true,
        purpose: '订货',
        customerType: '原有',
      },
      expect.objectContaining({ customerName: '中兴' }),
    ]);
  });

  it('lists follow-ups due: a planned next visit date, or the pool rule 27 days after the last follow-up', async () => {
    await repos.customerPool.setNextVisitDate(T, ids.tencent, '2026-11-25');
    await repos.customerPool.recordFollowUp(T, ids.zte, at(1));
    // 华为 was last followed up on day 8; at day 40 the pool rule is 5 days overdue.
    await repos.customerPool.recordFollowUp(T, ids.huawei, at(8));
    await repos.customerPool.recordFollowUp(T, ids.huawei, at(2)); // an older one changes nothing
    const due = await repos.visits.followUpsDue(T, [1, 2], at(40));
    expect(due).toEqual([
      { customerId: ids.huawei, customerName: '华为', ownerUserId: 1, dueDate: '2026-12-28', overdueDays: 5 },
      { customerId: ids.zte, customerName: '中兴', ownerUserId: 1, dueDate: '2026-12-21', overdueDays: 12 },
      {
        customerId: ids.tencent,
        customerName: '腾讯',
        ownerUserId: 2,
        dueDate: '2026-11-25',
        overdueDays: 38,
      },
    ]);
    expect(await repos.visits.followUpsDue(T, [1], at(3))).toEqual([]);
  });
});

describe('CustomerFacts', () => {
  it('counts new customers per creating rep and what each owns now', async () => {
    expect(await repos.customerPool.newByRep(T, [1, 2], week)).toEqual(
      new Map([
        [1, 1],
        [2, 1],
      ]),
    );
    expect(await repos.customerPool.listNewForRep(T, 1, week)).toEqual([
      { customerId: ids.zte, name: '中兴' },
    ]);
    expect(await repos.customerPool.ownedByRep(T, [1, 2, 3])).toEqual(
      new Map([
        [1, 2],
        [2, 1],
      ]),
    );
  });

  it('counts customers that left a private list in the period, not the claims', async () => {
    const release = { fromUserId: 2, toUserId: null, reason: 'release' as const, actorUserId: 2, at: at(3) };
    expect(await repos.customerPool.move(T, { customerId: ids.tencent, ...release })).toBe(true);
    // Moving from an owner it no longer has changes nothing.
    expect(await repos.customerPool.move(T, { customerId: ids.tencent, ...release })).toBe(false);
    await repos.customerPool.move(T, {
      customerId: ids.tencent,
      fromUserId: null,
      toUserId: 1,
      reason: 'claim',
      actorUserId: 1,
      at: at(4),
    });
    expect(await repos.customerPool.lostByRep(T, [1, 2], week)).toEqual(new Map([[2, 1]]));
    expect(await repos.customerPool.lostByRep(T, [1, 2], { from: at(8), to: at(9) })).toEqual(new Map());
  });
});

describe('TimelineSource and HandoverParticipant', () => {
  it('gives a customer’s visits, notes and photos newest first', async () => {
    const entries = await repos.visits.entriesFor(T, ids.huawei, 4);
    expect(entries.map((e) => [e.kind, e.text])).toEqual([
      ['照片', '拜访现场照片'],
      ['备注', '聊了新品'],
      ['拜访', '拜访签到（异地 800米），结果：有意向，备注：下周报价'],
      ['照片', '拜访现场照片'],
    ]);
    expect(entries[0]?.at).toEqual(new Date(at(8).getTime() + 120_000));
    expect(await repos.visits.entriesFor(OTHER, ids.huawei, 4)).toEqual([]);
  });

  it('moves plans from the handover day on, leaving past days', async () => {
    await repos.visitPlans.replaceDay(T, 1, '2026-11-20', [ids.huawei], 1, at(-4));
    await repos.visitPlans.replaceDay(T, 1, '2026-11-24', [ids.huawei, ids.zte], 1, at(0));
    await repos.visitPlans.replaceDay(T, 2, '2026-11-24', [ids.zte], 2, at(0));
    expect(repos.visitPlans.label).toBe('拜访计划');
    expect(await repos.visitPlans.handOver(T, 1, 2, at(0))).toBe(2);
    expect((await repos.visitPlans.listDay(T, [2], '2026-11-24')).map((s) => s.customerName)).toEqual([
      '中兴',
      '华为',
    ]);
    expect((await repos.visitPlans.listDay(T, [1], '2026-11-20')).map((s) => s.customerName)).toEqual([
      '华为',
    ]);
    expect(await repos.visitPlans.listDay(T, [1], '2026-11-24')).toEqual([]);
  });
});
