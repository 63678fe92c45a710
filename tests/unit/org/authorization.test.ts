import { canAdminister, canViewTeam } from '../../../domain/org/authorization';
import { orderOwnerIds, oversees, reachOf, reaches, topDepartmentId } from '../../../domain/org/reach';
import type { Role } from '../../../domain/org/user';

const viewer = (role: Role, id = 1, tenantId = 'acme') => ({ id, tenantId, role });
const org = { team: [2, 3], colleagues: [1, 2, 3, 4, 5], leadsTop: false };
const reach = (role: Role, leadsTop = false) => reachOf(viewer(role), { ...org, leadsTop });

describe('the reach rule', () => {
  it('never lets anyone see another tenant, admins included', () => {
    for (const role of ['rep', 'approver', 'manager', 'admin'] as const) {
      expect(reaches(reach(role), { tenantId: 'beta', ownerUserId: 1 })).toBe(false);
      expect(reaches(reach(role), { tenantId: 'beta', ownerUserId: null })).toBe(false);
    }
  });

  it("lets a rep see their own records, a manager their subtree's, an admin the company's", () => {
    const peer = { tenantId: 'acme', ownerUserId: 2 };
    const outsider = { tenantId: 'acme', ownerUserId: 4 };
    expect(reaches(reach('rep'), { tenantId: 'acme', ownerUserId: 1 })).toBe(true);
    expect(reaches(reach('rep'), peer)).toBe(false);
    expect(reaches(reach('approver'), peer)).toBe(false);
    expect([reaches(reach('manager'), peer), reaches(reach('manager'), outsider)]).toEqual([true, false]);
    expect(reaches(reach('admin'), outsider)).toBe(true);
    expect(reach('manager').teamIds).toEqual([2, 3]);
    expect(reach('admin').teamIds).toEqual([2, 3, 4, 5]);
  });

  it('gives the head of the top department the whole company, a rep leading nothing stays own', () => {
    expect(reach('manager', true).kind).toBe('company');
    expect(reaches(reach('manager', true), { tenantId: 'acme', ownerUserId: 5 })).toBe(true);
    expect(reach('rep', true).kind).toBe('own');
    expect(
      topDepartmentId([
        { id: 1, parentId: null },
        { id: 2, parentId: 1 },
      ]),
    ).toBe(1);
    expect(
      topDepartmentId([
        { id: 1, parentId: null },
        { id: 2, parentId: null },
      ]),
    ).toBeNull();
  });

  it('lets everyone read the pool and only managers and admins change it', () => {
    const pool = { tenantId: 'acme', ownerUserId: null };
    for (const role of ['rep', 'approver', 'manager', 'admin'] as const)
      expect(reaches(reach(role), pool)).toBe(true);
    expect(['rep', 'approver', 'manager', 'admin'].map((r) => reach(r as Role).pool.change)).toEqual([
      false,
      false,
      true,
      true,
    ]);
  });

  it('opens every order to finance and shipping, and oversight follows the team', () => {
    expect(orderOwnerIds(reach('approver'))).toBeNull();
    expect(orderOwnerIds(reach('rep'))).toEqual([1]);
    expect(orderOwnerIds(reach('manager'))).toEqual([1, 2, 3]);
    expect([oversees(reach('manager'), 2), oversees(reach('manager'), 4)]).toEqual([true, false]);
    expect(oversees(reach('admin'), 99)).toBe(true);
    expect(oversees(reach('rep'), 2)).toBe(false);
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
