import { z } from 'zod';
import type { ContactsSnapshot, PlatformDepartment, PlatformPerson } from '../../domain/org/contacts-sync';
import { nullOnPlatformCodes, PlatformApiError } from '../outbox/platform';
import type { DingtalkClient } from './client';

/**
 * DingTalk's address book (通讯录) through the legacy oapi host: the department tree walked down from the
 * root (dept_id 1) and each department's members, page by page. The app sees only its contacts scope
 * (通讯录权限范围).
 */

/** DingTalk's root department is always 1. */
export const DINGTALK_ROOT_DEPT_ID = 1;
/** topapi/v2/user/list pages hold at most 100 people. */
export const DINGTALK_USER_PAGE_SIZE = 100;

const legacyAnswer = z.looseObject({ errcode: z.number().int().optional(), errmsg: z.string().optional() });
const departmentSchema = z.looseObject({
  dept_id: z.number().int(),
  name: z.string(),
  parent_id: z.number().int().optional(),
});

/** POST /topapi/v2/department/listsub {dept_id}: the direct children of one department. */
export const listSubAnswerSchema = legacyAnswer.extend({ result: z.array(departmentSchema) });

/** POST /topapi/v2/department/get {dept_id}: one department (the root's name is the company's). */
export const departmentGetAnswerSchema = legacyAnswer.extend({ result: departmentSchema });

/** POST /topapi/v2/user/list {dept_id, cursor, size}: one page of a department's direct members. */
export const userListAnswerSchema = legacyAnswer.extend({
  result: z.looseObject({
    has_more: z.boolean(),
    next_cursor: z.number().int().optional(),
    list: z.array(
      z.looseObject({
        userid: z.string().min(1),
        name: z.string().optional(),
        dept_id_list: z.array(z.number().int()),
        leader_in_dept: z.array(z.looseObject({ dept_id: z.number().int(), leader: z.boolean() })).optional(),
        /** Whether the person has activated DingTalk; everyone listed is still on the staff. */
        active: z.boolean().optional(),
      }),
    ),
  }),
});

/** POST /topapi/v2/user/get {userid}: one member (the fields user/list gives). */
export const userGetAnswerSchema = legacyAnswer.extend({
  result: userListAnswerSchema.shape.result.shape.list.element,
});

/** DingTalk errcodes for "no such user" (60121, 33012) and "no such department" (60003, 60123). */
const DINGTALK_NOT_FOUND = new Set(['60121', '33012', '60003', '60123']);

export type DingtalkDepartment = z.infer<typeof departmentSchema>;
export type DingtalkUser = z.infer<typeof userListAnswerSchema>['result']['list'][number];

export class DingtalkContacts {
  constructor(private readonly client: Pick<DingtalkClient, 'postOapi'>) {}

  async getDepartment(deptId: number): Promise<DingtalkDepartment> {
    return (
      await this.client.postOapi('/topapi/v2/department/get', { dept_id: deptId }, departmentGetAnswerSchema)
    ).result;
  }

  async listSubDepartments(deptId: number): Promise<DingtalkDepartment[]> {
    return (
      await this.client.postOapi('/topapi/v2/department/listsub', { dept_id: deptId }, listSubAnswerSchema)
    ).result;
  }

  /** Every department under the root, parents before children (breadth first); a department seen twice is walked once. */
  async listDepartments(): Promise<DingtalkDepartment[]> {
    const root = await this.getDepartment(DINGTALK_ROOT_DEPT_ID);
    const found: DingtalkDepartment[] = [root];
    const seen = new Set([root.dept_id]);
    for (let i = 0; i < found.length; i += 1) {
      for (const child of await this.listSubDepartments((found[i] as DingtalkDepartment).dept_id)) {
        if (seen.has(child.dept_id)) continue;
        seen.add(child.dept_id);
        found.push(child);
      }
    }
    return found;
  }

  /** All direct members of a department, following `next_cursor` while `has_more`. */
  async listDepartmentUsers(deptId: number): Promise<DingtalkUser[]> {
    const path = '/topapi/v2/user/list';
    const users: DingtalkUser[] = [];
    let cursor = 0;
    for (;;) {
      const { result } = await this.client.postOapi(
        path,
        { dept_id: deptId, cursor, size: DINGTALK_USER_PAGE_SIZE },
        userListAnswerSchema,
      );
      users.push(...result.list);
      if (!result.has_more) return users;
      if (result.next_cursor === undefined || result.next_cursor <= cursor) {
        // A cursor that does not move would page forever.
        throw new PlatformApiError(
          'dingtalk',
          path,
          'unexpected_answer',
          `has_more without a next_cursor after ${cursor}`,
          false,
        );
      }
      cursor = result.next_cursor;
    }
  }

  /** One member as DingTalk lists them now; null once they left (DingTalk then no longer knows the id). */
  async fetchPerson(userId: string): Promise<PlatformPerson | null> {
    const answer = await nullOnPlatformCodes(DINGTALK_NOT_FOUND, () =>
      this.client.postOapi('/topapi/v2/user/get', { userid: userId }, userGetAnswerSchema),
    );
    return answer ? (toContactsSnapshot([], [answer.result]).people[0] ?? null) : null;
  }

  async fetchDepartment(key: string): Promise<PlatformDepartment | null> {
    const id = Number(key);
    if (!Number.isSafeInteger(id)) return null;
    const department = await nullOnPlatformCodes(DINGTALK_NOT_FOUND, () => this.getDepartment(id));
    return department ? (toContactsSnapshot([department], []).departments[0] ?? null) : null;
  }

  async fetchSnapshot(): Promise<ContactsSnapshot> {
    const departments = await this.listDepartments();
    const users: DingtalkUser[] = [];
    for (const d of departments) users.push(...(await this.listDepartmentUsers(d.dept_id)));
    return toContactsSnapshot(departments, users);
  }
}

/** DingTalk's fields to the neutral snapshot; a member listed under several departments comes out once. */
export function toContactsSnapshot(
  departments: DingtalkDepartment[],
  users: DingtalkUser[],
): ContactsSnapshot {
  const people = new Map<string, PlatformPerson>();
  for (const u of users) {
    if (people.has(u.userid)) continue;
    people.set(u.userid, {
      userId: u.userid,
      name: u.name ?? null,
      departmentKeys: u.dept_id_list.map(String),
      leaderOf: (u.leader_in_dept ?? []).filter((l) => l.leader).map((l) => String(l.dept_id)),
      // DingTalk lists only current staff (leavers disappear); `active` false only means not activated yet.
      active: true,
    });
  }
  return {
    departments: departments.map((d) => ({
      key: String(d.dept_id),
      name: d.name,
      parentKey:
        d.dept_id === DINGTALK_ROOT_DEPT_ID || d.parent_id === undefined ? null : String(d.parent_id),
    })),
    people: [...people.values()],
  };
}
