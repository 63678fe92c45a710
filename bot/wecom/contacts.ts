import { z } from 'zod';
import type { ContactsDelta } from '../../domain/org/contacts-change';
import type { ContactsSnapshot, PlatformPerson } from '../../domain/org/contacts-sync';
import { nullOnPlatformCodes } from '../outbox/platform';
import { wecomAnswerSchema } from './api-schemas';
import type { WecomClient } from './client';

/**
 * WeCom's address book (通讯录): departments and their members, read with the app's own token. WeCom lists
 * only what lies inside the app's visible range (可见范围), so that range decides whom fieldbot knows.
 */

/** GET /cgi-bin/department/list: every department in range, the root's `parentid` being 0. */
export const departmentListAnswerSchema = wecomAnswerSchema.extend({
  department: z.array(
    z.object({
      id: z.number().int(),
      /** Withheld from some app kinds (third-party, unauthorised agency apps): then absent. */
      name: z.string().optional(),
      parentid: z.number().int(),
      order: z.number().optional(),
      /** User ids of the department's leaders (部门负责人). */
      department_leader: z.array(z.string()).optional(),
    }),
  ),
});

/** WeCom member status: 1 active, 2 disabled, 4 not activated yet, 5 left the company. */
export const WECOM_USER_STATUS = { active: 1, disabled: 2, notActivated: 4, left: 5 } as const;

/** GET /cgi-bin/user/list?department_id: the department's direct members with their details. */
export const userListAnswerSchema = wecomAnswerSchema.extend({
  userlist: z.array(
    z.object({
      userid: z.string().min(1),
      name: z.string().optional(),
      department: z.array(z.number().int()),
      main_department: z.number().int().optional(),
      /** 1 where the member leads `department[i]`. */
      is_leader_in_dept: z.array(z.number().int()).optional(),
      status: z.number().int(),
    }),
  ),
});

/** GET /cgi-bin/user/get?userid: one member (the fields user/list gives). */
export const userGetAnswerSchema = wecomAnswerSchema.extend(
  userListAnswerSchema.shape.userlist.element.shape,
);

/** GET /cgi-bin/department/get?id: one department. */
export const departmentGetAnswerSchema = wecomAnswerSchema.extend({
  department: departmentListAnswerSchema.shape.department.element,
});

/** WeCom errcodes for "no such member" (60111) and "no such department" (60123, 60003). */
const WECOM_NOT_FOUND = new Set(['60111', '60123', '60003']);

export type WecomDepartment = z.infer<typeof departmentListAnswerSchema>['department'][number];
export type WecomUser = z.infer<typeof userListAnswerSchema>['userlist'][number];

export class WecomContacts {
  constructor(private readonly client: Pick<WecomClient, 'getJson'>) {}

  async listDepartments(): Promise<WecomDepartment[]> {
    return (await this.client.getJson('/cgi-bin/department/list', {}, departmentListAnswerSchema)).department;
  }

  async listDepartmentUsers(departmentId: number): Promise<WecomUser[]> {
    const query = { department_id: String(departmentId) };
    return (await this.client.getJson('/cgi-bin/user/list', query, userListAnswerSchema)).userlist;
  }

  /** One member as WeCom lists them now; null when WeCom no longer knows the id. */
  async fetchPerson(userId: string): Promise<PlatformPerson | null> {
    const user = await nullOnPlatformCodes(WECOM_NOT_FOUND, () =>
      this.client.getJson('/cgi-bin/user/get', { userid: userId }, userGetAnswerSchema),
    );
    return user ? (toContactsSnapshot([], [user]).people[0] ?? null) : null;
  }

  /** One department with its leaders; null when WeCom no longer knows it. */
  async fetchDepartment(key: string): Promise<ContactsDelta['departments'][number] | null> {
    const answer = await nullOnPlatformCodes(WECOM_NOT_FOUND, () =>
      this.client.getJson('/cgi-bin/department/get', { id: key }, departmentGetAnswerSchema),
    );
    if (!answer) return null;
    const [department] = toContactsSnapshot([answer.department], []).departments;
    return department ? { ...department, leaders: answer.department.department_leader } : null;
  }

  /**
   * The whole address book, one department at a time (WeCom answers 45033 to too many concurrent calls,
   * so they go one after another).
   */
  async fetchSnapshot(): Promise<ContactsSnapshot> {
    const departments = await this.listDepartments();
    const users: WecomUser[] = [];
    for (const d of [...departments].sort((a, b) => a.id - b.id))
      users.push(...(await this.listDepartmentUsers(d.id)));
    return toContactsSnapshot(departments, users);
  }
}

/** WeCom's fields to the neutral snapshot; a member listed under several departments comes out once. */
export function toContactsSnapshot(departments: WecomDepartment[], users: WecomUser[]): ContactsSnapshot {
  const ledBy = new Map<string, string[]>();
  for (const d of departments) {
    for (const userId of d.department_leader ?? [])
      ledBy.set(userId, [...(ledBy.get(userId) ?? []), String(d.id)]);
  }
  const people = new Map<string, PlatformPerson>();
  for (const u of users) {
    if (people.has(u.userid)) continue;
    const keys = u.department.map(String);
    // The main department (主部门) is the primary one; WeCom does not promise to list it first.
    const main = u.main_department === undefined ? undefined : String(u.main_department);
    const departmentKeys =
      main !== undefined && keys.includes(main) ? [main, ...keys.filter((k) => k !== main)] : keys;
    const flagged = keys.filter((_, i) => u.is_leader_in_dept?.[i] === 1);
    people.set(u.userid, {
      userId: u.userid,
      name: u.name ?? null,
      departmentKeys,
      leaderOf: [...new Set([...flagged, ...(ledBy.get(u.userid) ?? [])])],
      // Not activated yet (4) still works here; disabled (2) or left (5) counts as gone.
      active: u.status !== WECOM_USER_STATUS.disabled && u.status !== WECOM_USER_STATUS.left,
    });
  }
  return {
    departments: departments.map((d) => ({
      key: String(d.id),
      name: d.name ?? null,
      parentKey: d.parentid === 0 ? null : String(d.parentid),
    })),
    people: [...people.values()],
  };
}
