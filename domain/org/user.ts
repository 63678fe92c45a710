import type { Platform } from '../messages/inbound-event';

export const ROLES = ['rep', 'manager', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  rep: '销售',
  manager: '主管',
  approver: '审批人',
  admin: '管理员',
};

/** A person as the handlers see them: always inside one tenant. */
export interface UserProfile {
  id: number;
  tenantId: string;
  platform: Platform;
  platformUserId: string;
  name: string | null;
  role: Role;
  departmentId: number | null;
  /** First contact or import: days before it are not this person's workdays here. */
  createdAt: Date;
  /** False once the person left the company: records stay, the bot no longer serves them. */
  active: boolean;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function displayName(user: Pick<UserProfile, 'name' | 'platformUserId'>): string {
  return user.name ?? user.platformUserId;
}
