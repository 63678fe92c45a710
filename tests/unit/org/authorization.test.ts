import {
  canAdminister,
  canSee,
  canSeeCustomer,
  canViewTeam,
  customerScopeOf,
  recordScopeOf,
} from '../../../domain/org/authorization';
import type { Role } from '../../../domain/org/user';

const viewer = (role: Role, id = 1, tenantId = 'acme') => ({ id, tenantId, role });

describe('authorisation rules', () => {
  it('never lets anyone see another tenant, admins included', () => {
    for (const role of ['rep', 'approver', 'manager', 'admin'] as const) {
      expect(canSee(viewer(role), { tenantId: 'beta', ownerUserId: 1 }, [1])).toBe(false);
      expect(canSeeCustomer(viewer(role), { tenantId: 'beta', ownerUserId: null })).toBe(false);
    }
  });

  it("lets a rep see their own records only, a manager their team's, an admin the tenant's", () => {
    const peer = { tenantId: 'acme', ownerUserId: 2 };
    expect(canSee(viewer('rep'), { tenantId: 'acme', ownerUserId: 1 })).toBe(true);
    expect(canSee(viewer('rep'), peer, [2])).toBe(false);
    expect(canSee(viewer('approver'), peer)).toBe(false);
    expect(canSee(viewer('manager'), peer, [2])).toBe(true);
    expect(canSee(viewer('manager'), peer, [3])).toBe(false);
    expect(canSee(viewer('admin'), peer)).toBe(true);
    expect(canSee(viewer('manager'), { tenantId: 'acme', ownerUserId: null }, [2])).toBe(false);
  });

  it('builds list scopes from the same rules', () => {
    expect(recordScopeOf(viewer('rep'), [2, 3])).toEqual({ kind: 'users', userIds: [1] });
    expect(recordScopeOf(viewer('manager'), [2, 3])).toEqual({ kind: 'users', userIds: [1, 2, 3] });
    expect(recordScopeOf(viewer('admin'))).toEqual({ kind: 'tenant' });
  });

  it('keeps customers shared as before: reps their own and the pool, managers and admins all', () => {
    expect(customerScopeOf(viewer('rep'))).toEqual({ kind: 'own_and_unowned', userId: 1 });
    expect(customerScopeOf(viewer('approver'))).toEqual({ kind: 'own_and_unowned', userId: 1 });
    expect(customerScopeOf(viewer('manager'))).toEqual({ kind: 'all' });
    expect(customerScopeOf(viewer('admin'))).toEqual({ kind: 'all' });
    expect(canSeeCustomer(viewer('rep'), { tenantId: 'acme', ownerUserId: null })).toBe(true);
    expect(canSeeCustomer(viewer('rep'), { tenantId: 'acme', ownerUserId: 2 })).toBe(false);
  });

  it('gives team views to managers and admins, administration to admins', () => {
    expect([
      canViewTeam(viewer('rep')),
      canViewTeam(viewer('manager')),
      canViewTeam(viewer('admin')),
    ]).toEqual([false, true, true]);
    expect([canAdminister(viewer('manager')), canAdminister(viewer('admin'))]).toEqual([false, true]);
  });
});
