import { labelOfAuditAction } from '../../../domain/audit/audit-labels';
import { findPeopleNamed, isLastAdmin, parseRoleLabel } from '../../../domain/org/role-assignment';
import type { Role, UserProfile } from '../../../domain/org/user';

const person = (
  id: number,
  platformUserId: string,
  name: string | null,
  role: Role = 'rep',
): UserProfile => ({
  id,
  tenantId: 't1',
  platform: 'wecom',
  platformUserId,
  name,
  role,
  departmentId: null,
  createdAt: new Date(0),
  active: true,
});
const people = [
  person(1, 'Boss', '王总', 'admin'),
  person(2, 'ZhangSan', '张三'),
  person(3, 'ZhangSanB', '张三'),
  person(4, 'Wang', 'ZhangSan'),
];

describe('role assignment', () => {
  it('reads role labels and stored role names', () => {
    expect(parseRoleLabel('审批人')).toBe('approver');
    expect(parseRoleLabel('Admin')).toBe('admin');
    expect(parseRoleLabel('老板')).toBeNull();
  });

  it('prefers a user id over a display name, and returns every name match', () => {
    expect(findPeopleNamed(people, 'zhangsan').map((p) => p.id)).toEqual([2]);
    expect(findPeopleNamed(people, '张三').map((p) => p.id)).toEqual([2, 3]);
    expect(findPeopleNamed(people, '李四')).toEqual([]);
  });

  it('protects the last admin only', () => {
    const boss = people[0] as UserProfile;
    expect(isLastAdmin(people, boss, 'rep')).toBe(true);
    expect(isLastAdmin(people, boss, 'admin')).toBe(false);
    expect(isLastAdmin([...people, person(5, 'Second', '副总', 'admin')], boss, 'rep')).toBe(false);
  });
});

describe('audit action labels', () => {
  it('names known actions and families in Chinese, and shows unknown ones raw', () => {
    expect(labelOfAuditAction('org.role.set')).toBe('设置角色');
    expect(labelOfAuditAction('org.sync.rename')).toBe('通讯录同步（rename）');
    expect(labelOfAuditAction('approval.request_approved')).toBe('审批：申请通过');
    expect(labelOfAuditAction('billing.plan.change')).toBe('billing.plan.change');
  });
});
