import type { UserProfile } from './user';

/** Storage port: who is in whose scope. */
export interface OrgDirectory {
  /** Active people in the department subtree the manager leads (their own department and below), the manager excluded. */
  teamOf(manager: UserProfile): Promise<UserProfile[]>;
}
