import type { z } from 'zod';
import { DingtalkContacts, toContactsSnapshot } from '../../../bot/dingtalk/contacts';
import { PlatformApiError } from '../../../bot/outbox/platform';

/** A strict stand-in for the client's oapi call: answers only the pages it was given, in order. */
function clientAnswering(pages: unknown[]) {
  const bodies: unknown[] = [];
  return {
    bodies,
    postOapi<S extends z.ZodType>(_path: string, body: unknown, schema: S): Promise<z.infer<S>> {
      bodies.push(body);
      if (pages.length === 0) throw new Error('unexpected call');
      return Promise.resolve(schema.parse(pages.shift()));
    },
  };
}

const page = (list: Array<{ userid: string }>, more: { has_more: boolean; next_cursor?: number }) => ({
  errcode: 0,
  result: { ...more, list: list.map((u) => ({ name: u.userid, dept_id_list: [3], ...u })) },
});

describe('DingTalk contacts', () => {
  it('follows next_cursor until has_more is false', async () => {
    const client = clientAnswering([
      page([{ userid: 'a' }], { has_more: true, next_cursor: 1 }),
      page([{ userid: 'b' }], { has_more: false }),
    ]);
    const users = await new DingtalkContacts(client).listDepartmentUsers(3);
    expect(users.map((u) => u.userid)).toEqual(['a', 'b']);
    expect(client.bodies).toEqual([
      { dept_id: 3, cursor: 0, size: 100 },
      { dept_id: 3, cursor: 1, size: 100 },
    ]);
  });

  it('stops with an error when has_more comes without a cursor that moves on', async () => {
    const client = clientAnswering([page([{ userid: 'a' }], { has_more: true, next_cursor: 0 })]);
    await expect(new DingtalkContacts(client).listDepartmentUsers(3)).rejects.toThrow(PlatformApiError);
  });

  it('maps leaders and keeps people who have not activated DingTalk on the staff', () => {
    const snapshot = toContactsSnapshot(
      [
        { dept_id: 1, name: '公司' },
        { dept_id: 3, name: '一组', parent_id: 1 },
      ],
      [
        {
          userid: 'm',
          name: '经理',
          dept_id_list: [3, 1],
          leader_in_dept: [
            { dept_id: 3, leader: true },
            { dept_id: 1, leader: false },
          ],
          active: false,
        },
      ],
    );
    expect(snapshot).toEqual({
      departments: [
        { key: '1', name: '公司', parentKey: null },
        { key: '3', name: '一组', parentKey: '1' },
      ],
      people: [{ userId: 'm', name: '经理', departmentKeys: ['3', '1'], leaderOf: ['3'], active: true }],
    });
  });
});
