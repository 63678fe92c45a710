import { snapshotAfterDelta } from '../../../domain/org/contacts-change';
import { planContactsSync, type StoredOrg } from '../../../domain/org/contacts-sync';

/** A second run over the same snapshot must write nothing. */
const nothingToWrite = (plan: object) => Object.values(plan).every((list: unknown[]) => list.length === 0);

const stored: StoredOrg = {
  departments: [
    { key: '1', name: '公司', parentKey: null },
    { key: '2', name: '销售部', parentKey: '1' },
  ],
  members: [
    { userId: 'lead', name: '李四', role: 'manager', roleSource: 'sync', departmentKey: '2', active: true },
    { userId: 'rep', name: '张三', role: 'rep', roleSource: 'sync', departmentKey: '2', active: true },
    { userId: 'gone', name: '旧人', role: 'rep', roleSource: 'sync', departmentKey: '2', active: false },
  ],
  leaders: [{ departmentKey: '2', userId: 'lead' }],
};
const empty = { people: [], goneUserIds: [], departments: [] };

describe('a contact-change delta merged with what is stored', () => {
  it('changes nothing when the delta names nobody', () => {
    expect(nothingToWrite(planContactsSync(snapshotAfterDelta(stored, empty), stored))).toBe(true);
  });

  it('creates a new person and touches nobody else', () => {
    const person = { userId: 'new', name: '王五', departmentKeys: ['2'], leaderOf: [], active: true };
    const plan = planContactsSync(snapshotAfterDelta(stored, { ...empty, people: [person] }), stored);
    expect(plan.create).toEqual([
      { userId: 'new', name: '王五', departmentKey: '2', role: 'rep', roleSource: 'sync' },
    ]);
    expect(plan.update).toEqual([]);
    expect(plan.deactivate).toEqual([]);
  });

  it('deactivates a person who is gone, and the leadership goes with them', () => {
    const plan = planContactsSync(snapshotAfterDelta(stored, { ...empty, goneUserIds: ['lead'] }), stored);
    expect(plan.deactivate).toEqual(['lead']);
    expect(plan.removeLeaders).toEqual([{ departmentKey: '2', userId: 'lead' }]);
  });

  it("takes a department's leader list as the platform's word", () => {
    const department = { key: '2', name: '销售部', parentKey: '1', leaders: ['rep'] };
    const plan = planContactsSync(
      snapshotAfterDelta(stored, { ...empty, departments: [department] }),
      stored,
    );
    expect(plan.addLeaders).toEqual([{ departmentKey: '2', userId: 'rep' }]);
    expect(plan.removeLeaders).toEqual([{ departmentKey: '2', userId: 'lead' }]);
    expect(plan.update.map((u) => [u.userId, u.set.role])).toEqual([
      ['lead', 'rep'],
      ['rep', 'manager'],
    ]);
  });
});
