import {
  isImplausibleSnapshot,
  planContactsSync,
  summarizePlan,
  type ContactsSnapshot,
  type PlatformDepartment,
  type PlatformPerson,
  type StoredDepartment,
  type StoredMember,
  type StoredOrg,
} from '../../../domain/org/contacts-sync';

/** A second run over the same snapshot must write nothing. */
const nothingToWrite = (plan: object) => Object.values(plan).every((list: unknown[]) => list.length === 0);

const dept = (key: string, name: string, parentKey: string | null = null): PlatformDepartment => ({
  key,
  name,
  parentKey,
});
const person = (
  userId: string,
  departmentKeys: string[],
  more: Partial<PlatformPerson> = {},
): PlatformPerson => ({
  userId,
  name: `name-${userId}`,
  departmentKeys,
  leaderOf: [],
  active: true,
  ...more,
});
const member = (
  userId: string,
  departmentKey: string | null,
  more: Partial<StoredMember> = {},
): StoredMember => ({
  userId,
  name: `name-${userId}`,
  role: 'rep',
  roleSource: 'sync',
  departmentKey,
  active: true,
  ...more,
});
const EMPTY: StoredOrg = { departments: [], members: [], leaders: [] };

/** The company: root 1, 销售部 2 under it, 华东组 3 and 华南组 4 under 销售部, 财务部 5 under the root. */
const TREE: PlatformDepartment[] = [
  dept('1', '示例公司'),
  dept('2', '销售部', '1'),
  dept('3', '华东组', '2'),
  dept('4', '华南组', '2'),
  dept('5', '财务部', '1'),
];
const STORED_TREE: StoredDepartment[] = TREE.map(({ key, name, parentKey }) => ({
  key,
  name: name ?? key,
  parentKey,
}));

/** What the store holds after applying `plan` to an empty store: the state the next run starts from. */
function storedAfterFirstRun(snapshot: ContactsSnapshot): StoredOrg {
  const plan = planContactsSync(snapshot, EMPTY);
  return {
    departments: plan.departments.map(({ key, name, parentKey }) => ({ key, name, parentKey })),
    members: plan.create.map(({ userId, name, departmentKey, role, roleSource }) => ({
      userId,
      name,
      departmentKey,
      role,
      roleSource,
      active: true,
    })),
    leaders: plan.addLeaders,
  };
}

describe('first sync into an empty store', () => {
  const snapshot: ContactsSnapshot = {
    // Listed children first on purpose: the plan must still write parents first.
    departments: [dept('3', '华东组', '2'), dept('2', '销售部', '1'), dept('1', '示例公司')],
    people: [
      person('Lead', ['2'], { leaderOf: ['2'] }),
      person('ZhangSan', ['3']),
      person('Both', ['3', '2']),
      person('Gone', ['3'], { active: false }),
    ],
  };
  const plan = planContactsSync(snapshot, EMPTY);

  it('creates the departments with parents before children', () => {
    expect(plan.departments).toEqual([
      { key: '1', name: '示例公司', parentKey: null, kind: 'create' },
      { key: '2', name: '销售部', parentKey: '1', kind: 'create' },
      { key: '3', name: '华东组', parentKey: '2', kind: 'create' },
    ]);
  });

  it('creates people in their first listed department, a department leader as manager and the rest as reps', () => {
    expect(plan.create).toEqual([
      { userId: 'Lead', name: 'name-Lead', departmentKey: '2', role: 'manager', roleSource: 'sync' },
      { userId: 'ZhangSan', name: 'name-ZhangSan', departmentKey: '3', role: 'rep', roleSource: 'sync' },
      { userId: 'Both', name: 'name-Both', departmentKey: '3', role: 'rep', roleSource: 'sync' },
    ]);
  });

  it('does not create someone the address book lists as gone', () => {
    expect(plan.create.map((c) => c.userId)).not.toContain('Gone');
    expect(plan.deactivate).toEqual([]);
  });

  it('records the leaders per department', () => {
    expect(plan.addLeaders).toEqual([{ departmentKey: '2', userId: 'Lead' }]);
    expect(plan.removeLeaders).toEqual([]);
  });

  it('finds nothing to do when the same address book comes again', () => {
    expect(nothingToWrite(planContactsSync(snapshot, storedAfterFirstRun(snapshot)))).toBe(true);
  });

  it('creates ADMIN_USERS as admins whose role the sync then leaves alone', () => {
    const withAdmin = planContactsSync(snapshot, EMPTY, { adminUserIds: ['ZhangSan'] });
    expect(withAdmin.create.find((c) => c.userId === 'ZhangSan')).toMatchObject({
      role: 'admin',
      roleSource: 'admin',
    });
  });

  it('gives people in no listed department no department', () => {
    const outside = planContactsSync({ departments: TREE, people: [person('Far', ['99'])] }, EMPTY);
    expect(outside.create[0]?.departmentKey).toBeNull();
  });

  it('skips a first listed department the address book does not contain', () => {
    const skipped = planContactsSync({ departments: TREE, people: [person('Far', ['99', '4'])] }, EMPTY);
    expect(skipped.create[0]?.departmentKey).toBe('4');
  });
});

describe('departments', () => {
  const stored: StoredOrg = { departments: STORED_TREE, members: [], leaders: [] };

  it('renames a department and touches no other', () => {
    const renamed = TREE.map((d) => (d.key === '3' ? { ...d, name: '华东大区' } : d));
    expect(planContactsSync({ departments: renamed, people: [] }, stored).departments).toEqual([
      { key: '3', name: '华东大区', parentKey: '2', kind: 'update' },
    ]);
  });

  it('re-parents a department under a new one, creating the new parent first', () => {
    const moved = [
      ...TREE.map((d) => (d.key === '4' ? { ...d, parentKey: '6' } : d)),
      dept('6', '南方大区', '2'),
    ];
    expect(planContactsSync({ departments: moved, people: [] }, stored).departments).toEqual([
      { key: '6', name: '南方大区', parentKey: '2', kind: 'create' },
      { key: '4', name: '华南组', parentKey: '6', kind: 'update' },
    ]);
  });

  it('keeps the stored name when the platform withholds names, and names a new department by its key', () => {
    const nameless = [...TREE.map((d) => ({ ...d, name: null })), { key: '7', name: null, parentKey: '1' }];
    expect(planContactsSync({ departments: nameless, people: [] }, stored).departments).toEqual([
      { key: '7', name: '7', parentKey: '1', kind: 'create' },
    ]);
  });

  it('makes a department whose parent is not listed a root (WeCom root parentid 0, or outside the visible range)', () => {
    const plan = planContactsSync(
      { departments: [dept('8', '驻外组', '0'), dept('9', '小组', '8')], people: [] },
      EMPTY,
    );
    expect(plan.departments.map((d) => [d.key, d.parentKey])).toEqual([
      ['8', null],
      ['9', '8'],
    ]);
  });

  it('cuts a cycle in bad data instead of looping', () => {
    const plan = planContactsSync(
      { departments: [dept('a', 'A', 'b'), dept('b', 'B', 'a'), dept('c', 'C', 'c')], people: [] },
      EMPTY,
    );
    expect(plan.departments).toEqual([
      { key: 'b', name: 'B', parentKey: null, kind: 'create' },
      { key: 'a', name: 'A', parentKey: 'b', kind: 'create' },
      { key: 'c', name: 'C', parentKey: null, kind: 'create' },
    ]);
  });

  it('leaves departments the platform no longer lists as they are', () => {
    const plan = planContactsSync({ departments: TREE.filter((d) => d.key !== '5'), people: [] }, stored);
    expect(plan.departments).toEqual([]);
  });
});

describe('people who move, lead, stop leading, leave and come back', () => {
  const base = (members: StoredMember[], leaders: StoredOrg['leaders'] = []): StoredOrg => ({
    departments: STORED_TREE,
    members,
    leaders,
  });

  it('moves a person to their new primary department and renames them', () => {
    const plan = planContactsSync(
      { departments: TREE, people: [person('ZhangSan', ['4', '3'], { name: '张三丰' })] },
      base([member('ZhangSan', '3')]),
    );
    expect(plan.update).toEqual([{ userId: 'ZhangSan', set: { departmentKey: '4', name: '张三丰' } }]);
  });

  it('keeps the stored name when the platform withholds it', () => {
    const plan = planContactsSync(
      { departments: TREE, people: [person('ZhangSan', ['3'], { name: null })] },
      base([member('ZhangSan', '3')]),
    );
    expect(plan.update).toEqual([]);
  });

  it('makes a rep who became a department leader a manager', () => {
    const stored = base([member('Rep', '3', { roleSource: 'default' })]);
    const plan = planContactsSync(
      { departments: TREE, people: [person('Rep', ['3'], { leaderOf: ['3'] })] },
      stored,
    );
    expect(plan.update).toEqual([
      { userId: 'Rep', set: { role: 'manager', roleSource: 'sync' }, previousRole: 'rep' },
    ]);
    expect(plan.addLeaders).toEqual([{ departmentKey: '3', userId: 'Rep' }]);
  });

  it('sends a manager the sync made back to rep when they stop leading', () => {
    const stored = base([member('Lead', '2', { role: 'manager' })], [{ departmentKey: '2', userId: 'Lead' }]);
    const plan = planContactsSync({ departments: TREE, people: [person('Lead', ['2'])] }, stored);
    expect(plan.update).toEqual([
      { userId: 'Lead', set: { role: 'rep', roleSource: 'sync' }, previousRole: 'manager' },
    ]);
    expect(plan.removeLeaders).toEqual([{ departmentKey: '2', userId: 'Lead' }]);
  });

  it('keeps a manager the import file or an admin appointed, leader or not', () => {
    const stored = base([
      member('Imported', '2', { role: 'manager', roleSource: 'import' }),
      member('Appointed', '3', { role: 'manager', roleSource: 'admin' }),
    ]);
    const plan = planContactsSync(
      { departments: TREE, people: [person('Imported', ['2']), person('Appointed', ['3'])] },
      stored,
    );
    expect(plan.update).toEqual([]);
  });

  it('does not promote a rep an admin set, even when the address book says they lead', () => {
    const stored = base([member('Kept', '3', { role: 'rep', roleSource: 'admin' })]);
    const plan = planContactsSync(
      { departments: TREE, people: [person('Kept', ['3'], { leaderOf: ['3'] })] },
      stored,
    );
    expect(plan.update).toEqual([]);
    // Leadership itself is still recorded: it is a fact of the org chart, not a role.
    expect(plan.addLeaders).toEqual([{ departmentKey: '3', userId: 'Kept' }]);
  });

  it('never changes admins and approvers, whoever set them', () => {
    const stored = base([
      member('Boss', '1', { role: 'admin', roleSource: 'default' }),
      member('Finance', '5', { role: 'approver' }),
    ]);
    const plan = planContactsSync(
      {
        departments: TREE,
        people: [person('Boss', ['1'], { leaderOf: ['1'] }), person('Finance', ['5'], { leaderOf: ['5'] })],
      },
      stored,
    );
    expect(plan.update).toEqual([]);
  });

  it('counts leadership only in departments the address book lists', () => {
    const plan = planContactsSync(
      { departments: TREE, people: [person('Far', ['3'], { leaderOf: ['99'] })] },
      EMPTY,
    );
    expect(plan.create[0]?.role).toBe('rep');
    expect(plan.addLeaders).toEqual([]);
  });

  it('records several leaders of one department and one person leading several', () => {
    const plan = planContactsSync(
      {
        departments: TREE,
        people: [person('A', ['3'], { leaderOf: ['3', '4'] }), person('B', ['3'], { leaderOf: ['3'] })],
      },
      base([], [{ departmentKey: '3', userId: 'A' }]),
    );
    expect(plan.addLeaders).toEqual([
      { departmentKey: '4', userId: 'A' },
      { departmentKey: '3', userId: 'B' },
    ]);
    expect(plan.removeLeaders).toEqual([]);
  });

  it('deactivates people missing from the address book or listed as gone, keeping them stored', () => {
    const stored = base(
      [
        member('Stays', '3'),
        member('Missing', '3'),
        member('Left', '4', { role: 'manager' }),
        member('LongGone', '4', { active: false }),
      ],
      [{ departmentKey: '4', userId: 'Left' }],
    );
    const plan = planContactsSync(
      {
        departments: TREE,
        people: [person('Stays', ['3']), person('Left', ['4'], { active: false, leaderOf: ['4'] })],
      },
      stored,
    );
    expect(plan.deactivate).toEqual(['Missing', 'Left']);
    expect(plan.update).toEqual([]);
    expect(plan.create).toEqual([]);
    expect(plan.removeLeaders).toEqual([{ departmentKey: '4', userId: 'Left' }]);
  });

  it('reactivates someone who left and came back, in their new department and role', () => {
    const stored = base([member('Back', '3', { active: false })]);
    const plan = planContactsSync(
      { departments: TREE, people: [person('Back', ['4'], { leaderOf: ['4'] })] },
      stored,
    );
    expect(plan.update).toEqual([
      {
        userId: 'Back',
        set: { departmentKey: '4', active: true, role: 'manager', roleSource: 'sync' },
        previousRole: 'rep',
      },
    ]);
    expect(plan.create).toEqual([]);
  });

  it('merges a person listed once per department', () => {
    const plan = planContactsSync(
      {
        departments: TREE,
        people: [person('Twice', ['3']), person('Twice', ['3', '4'], { leaderOf: ['4'] })],
      },
      EMPTY,
    );
    expect(plan.create).toEqual([
      { userId: 'Twice', name: 'name-Twice', departmentKey: '3', role: 'manager', roleSource: 'sync' },
    ]);
    expect(plan.addLeaders).toEqual([{ departmentKey: '4', userId: 'Twice' }]);
  });
});

describe('safety and summary', () => {
  it('calls an address book that lists nobody implausible while people are active here', () => {
    const stored: StoredOrg = { departments: STORED_TREE, members: [member('A', '3')], leaders: [] };
    expect(isImplausibleSnapshot({ departments: TREE, people: [] }, stored)).toBe(true);
    expect(
      isImplausibleSnapshot({ departments: TREE, people: [person('A', ['3'], { active: false })] }, stored),
    ).toBe(true);
    expect(isImplausibleSnapshot({ departments: TREE, people: [person('B', ['3'])] }, stored)).toBe(false);
    expect(isImplausibleSnapshot({ departments: TREE, people: [] }, EMPTY)).toBe(false);
  });

  it('counts what a plan changes', () => {
    const stored: StoredOrg = {
      departments: STORED_TREE.slice(0, 4),
      members: [
        member('Old', '3'),
        member('Back', '3', { active: false }),
        member('Lead', '2', { role: 'manager' }),
      ],
      leaders: [{ departmentKey: '2', userId: 'Lead' }],
    };
    const snapshot: ContactsSnapshot = {
      departments: [...TREE.map((d) => (d.key === '4' ? { ...d, name: '华南大区' } : d))],
      people: [person('Back', ['3']), person('Lead', ['2']), person('New', ['5'], { leaderOf: ['5'] })],
    };
    expect(summarizePlan(planContactsSync(snapshot, stored))).toEqual({
      departmentsCreated: 1,
      departmentsUpdated: 1,
      usersCreated: 1,
      usersUpdated: 2,
      usersReactivated: 1,
      usersDeactivated: 1,
      rolesChanged: 1,
      leadersAdded: 1,
      leadersRemoved: 1,
    });
  });
});
