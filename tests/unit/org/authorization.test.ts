import { canAdminister, canViewTeam, customerScopeOf } from '../../../domain/org/authorization';
import type { Role } from '../../../domain/org/user';

const viewer = (role: Role, id = 1, tenantId = 'acme') => ({ id, tenantId, role });

describe('authorisation rules', () => {
  it('keeps customers shared as before: reps their own and the pool, managers and admins all', () => {
    expect(customerScopeOf(viewer('rep'))).toEqual({ kind: 'own_and_unowned', userId: 1 });
    expect(customerScopeOf(viewer('approver'))).toEqual({ kind: 'own_and_unowned', userId: 1 });
    expect(customerScopeOf(viewer('manager'))).toEqual({ kind: 'all' });
    expect(customerScopeOf(viewer('admin'))).toEqual({ kind: 'all' });
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
