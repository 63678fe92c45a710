import { Database } from '../../../storage/database';
import { FormDraftEntity } from '../../../storage/entities/form-draft.entity';
import { PunchEntity } from '../../../storage/entities/punch.entity';
import { leanFind, leanFindOne } from '../../../storage/lean-find';
import { punchRow } from '../../support/record-builders';
import { freshDatabaseUrl } from '../../support/test-database';

let db: Database;

beforeAll(async () => {
  db = await Database.open(await freshDatabaseUrl());
  const at = (iso: string) => new Date(iso);
  await db.manager.insert(PunchEntity, [
    punchRow({
      tenantId: 't1',
      userId: 7,
      kind: 'in',
      workDate: '2026-03-02',
      punchedAt: at('2026-03-02T00:58:01.250Z'),
    }),
    punchRow({
      tenantId: 't1',
      userId: 7,
      kind: 'out',
      workDate: '2026-03-02',
      punchedAt: at('2026-03-02T10:02:59.999Z'),
      isField: false,
      insideGeofence: true,
      precisionM: null,
      placeName: '深圳总部',
      distanceM: 12.5,
    }),
    punchRow({
      tenantId: 't2',
      userId: 7,
      kind: 'in',
      workDate: '2026-03-02',
      punchedAt: at('2026-03-02T01:00:00.000Z'),
    }),
  ]);
  await db.manager.insert(FormDraftEntity, [
    {
      tenantId: 't1',
      userId: 7,
      formId: 'leave',
      formVersion: 1,
      answers: '{}',
      position: 0,
      createdAt: at('2026-03-01T01:00:00Z'),
      updatedAt: at('2026-03-01T01:00:00Z'),
      closedAt: at('2026-03-01T02:00:00Z'),
    },
    {
      tenantId: 't1',
      userId: 7,
      formId: 'expense',
      formVersion: 2,
      answers: '{"amount":12}',
      position: 1,
      createdAt: at('2026-03-01T03:00:00Z'),
      updatedAt: at('2026-03-01T03:00:00Z'),
      closedAt: null,
    },
  ]);
});

afterAll(async () => {
  await db.close();
});

test('rows read lean equal what TypeORM reads: dates to the millisecond, booleans, doubles and nulls', async () => {
  const lean = await leanFind(db.manager, PunchEntity, {
    where: { tenantId: 't1', userId: 7 },
    orderBy: [['punchedAt', 'ASC']],
  });
  const typeorm = await db.manager.find(PunchEntity, {
    where: { tenantId: 't1', userId: 7 },
    order: { punchedAt: 'ASC' },
  });
  expect(lean).toHaveLength(2);
  expect(lean).toEqual(typeorm);
  expect(lean.map((p) => [p.kind, p.isField, p.precisionM, p.punchedAt.toISOString()])).toEqual([
    ['in', true, 10, '2026-03-02T00:58:01.250Z'],
    ['out', false, null, '2026-03-02T10:02:59.999Z'],
  ]);
});

test('a null condition matches IS NULL; a boolean or a date binds as the column stores it', async () => {
  const open = await leanFindOne(db.manager, FormDraftEntity, {
    where: { tenantId: 't1', userId: 7, closedAt: null },
    orderBy: [['id', 'DESC']],
  });
  expect(open?.formId).toBe('expense');

  const office = await leanFind(db.manager, PunchEntity, { where: { tenantId: 't1', isField: false } });
  expect(office.map((p) => p.kind)).toEqual(['out']);

  const byTime = await leanFind(db.manager, PunchEntity, {
    where: { punchedAt: new Date('2026-03-02T01:00:00.000Z') },
  });
  expect(byTime.map((p) => p.tenantId)).toEqual(['t2']);
});

test('order and limit apply, and each tenant sees only its rows', async () => {
  const latest = await leanFindOne(db.manager, PunchEntity, {
    where: { tenantId: 't1', userId: 7 },
    orderBy: [['punchedAt', 'DESC']],
  });
  expect(latest?.kind).toBe('out');
  expect(await leanFind(db.manager, PunchEntity, { where: { tenantId: 't3' } })).toEqual([]);
});

test('inside a transaction it reads the transaction’s own writes', async () => {
  const seen = await db.transaction(async (manager) => {
    await manager.update(FormDraftEntity, { tenantId: 't1', formId: 'expense' }, { closedAt: new Date() });
    return leanFindOne(manager, FormDraftEntity, { where: { tenantId: 't1', userId: 7, closedAt: null } });
  });
  expect(seen).toBeNull();
});
