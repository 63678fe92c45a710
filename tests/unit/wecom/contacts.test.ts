import { toContactsSnapshot, type WecomUser } from '../../../bot/wecom/contacts';

const user = (status: number, more: Partial<WecomUser> = {}): WecomUser => ({
  userid: `u${status}`,
  name: `名${status}`,
  department: [2],
  status,
  ...more,
});

describe('WeCom contacts', () => {
  it('counts disabled (2) and left (5) as gone, active (1) and not yet activated (4) as staff', () => {
    const { people } = toContactsSnapshot(
      [{ id: 2, name: '销售部', parentid: 1 }],
      [user(1), user(2), user(4), user(5)],
    );
    expect(people.map((p) => [p.userId, p.active])).toEqual([
      ['u1', true],
      ['u2', false],
      ['u4', true],
      ['u5', false],
    ]);
  });

  it('puts the main department first and joins both ways WeCom names a leader', () => {
    const { people } = toContactsSnapshot(
      [
        { id: 2, name: '销售部', parentid: 1, department_leader: ['u1'] },
        { id: 3, name: '华东组', parentid: 2 },
        { id: 4, name: '华南组', parentid: 2 },
      ],
      [user(1, { department: [3, 4, 2], main_department: 4, is_leader_in_dept: [1, 0, 0] })],
    );
    expect(people).toEqual([
      { userId: 'u1', name: '名1', departmentKeys: ['4', '3', '2'], leaderOf: ['3', '2'], active: true },
    ]);
  });

  it('makes the root (parentid 0) a root and leaves a withheld name empty', () => {
    const { departments } = toContactsSnapshot([{ id: 1, parentid: 0 }], []);
    expect(departments).toEqual([{ key: '1', name: null, parentKey: null }]);
  });
});
