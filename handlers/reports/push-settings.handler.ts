import { reportMarkdown } from '../../cards/reports/report-markdown';
import { jitteredTime, PUSH_KIND_LABELS, PUSH_KINDS, pushKindOf } from '../../domain/reports/settings';
import { argumentsOf, malformed } from '../command-args';
import type { Handler } from '../context';
import { displayName } from '../../domain/org/user';
import { formatDateTime } from '../../domain/time/format';

const KIND_WORDS = '简报（日报）｜周报｜月报｜日报提醒｜日报汇总';

function subscriptionHandler(optOut: boolean): Handler<'text'> {
  const verb = optOut ? '退订' : '订阅';
  return async (event, ctx) => {
    const kind = pushKindOf(argumentsOf(event.text)[0]);
    if (!kind) throw malformed(event.text, `${verb} ${KIND_WORDS}`, `${verb} 日报`);
    await ctx.stores.pushPreferences.setOptedOut(ctx.user.tenantId, ctx.user.id, kind, optOut, ctx.now);
    const label = PUSH_KIND_LABELS[kind];
    return {
      kind: 'text',
      text: optOut
        ? `已退订${label}，之后不再推送。发送「订阅 ${label}」可恢复。`
        : `已订阅${label}，将按时推送。`,
    };
  };
}

export const unsubscribeHandler = subscriptionHandler(true);
export const subscribeHandler = subscriptionHandler(false);

const SET_USAGE = `设置 推送时间 ${KIND_WORDS} HH:MM`;

/** `设置 推送时间 简报 08:30` (admins): the tenant's push times, audited. */
export const pushSettingsHandler: Handler<'text'> = async (event, ctx) => {
  const [what, word, time] = argumentsOf(event.text);
  const kind = pushKindOf(word);
  const hm = /^(\d{1,2}):(\d{2})$/.exec(time ?? '');
  if (what !== '推送时间' || !kind || !hm || Number(hm[1]) > 23 || Number(hm[2]) > 59)
    throw malformed(event.text, SET_USAGE, '设置 推送时间 简报 08:30');
  const value = `${hm[1]?.padStart(2, '0')}:${hm[2]}`;
  const { tenantId } = ctx.user;
  const before = await ctx.stores.reportSettings.read(tenantId);
  const after = { ...before, times: { ...before.times, [kind]: value } };
  await ctx.stores.reportSettings.write(tenantId, after, ctx.now);
  await ctx.stores.auditLog.append({
    tenantId,
    actorUserId: ctx.user.id,
    action: 'reports.push_time',
    subject: `reports:${kind}`,
    before: before.times,
    after: after.times,
    at: ctx.now,
  });
  const actual = jitteredTime(value, tenantId);
  return {
    kind: 'text',
    text: `已设置${PUSH_KIND_LABELS[kind]}推送时间 ${value}${actual === value ? '' : `（为错开整点高峰，实际 ${actual} 发出）`}。`,
  };
};

/** 推送设置: the tenant's push times and what this person has opted out of. */
export const showPushSettingsHandler: Handler<'text'> = async (_event, ctx) => {
  const { tenantId } = ctx.user;
  const settings = await ctx.stores.reportSettings.read(tenantId);
  const lines = [];
  for (const kind of PUSH_KINDS) {
    const out = (await ctx.stores.pushPreferences.optedOut(tenantId, kind)).has(ctx.user.id);
    lines.push(
      `${PUSH_KIND_LABELS[kind]}：${jitteredTime(settings.times[kind], tenantId)}${out ? '（已退订）' : ''}`,
    );
  }
  return reportMarkdown('推送设置', '推送设置', [
    { title: '推送时间', lines },
    {
      title: '说明',
      lines: ['简报每天发前一天和本月数据；周报每周一、月报每月1日发出', '「退订 日报」/「订阅 日报」'],
    },
  ]);
};

const RESULT_LABELS = { sent: '已送达', pending: '发送中', failed: '失败', skipped: '无内容' } as const;

/** 推送记录 [N] (admins): the latest scheduled pushes, who got what for which period, and how it went. */
export const pushHistoryHandler: Handler<'text'> = async (event, ctx) => {
  const [arg] = argumentsOf(event.text);
  const limit = arg === undefined ? 10 : Number(arg);
  if (!Number.isInteger(limit) || limit < 1 || limit > 50)
    throw malformed(event.text, '推送记录 [条数，最多50]', '推送记录 20');
  const { tenantId } = ctx.user;
  const rows = await ctx.stores.pushLog.recent(tenantId, limit);
  if (rows.length === 0) return { kind: 'text', text: '还没有定时推送记录。' };
  const lines = [];
  for (const row of rows) {
    const who = await ctx.stores.users.findById(tenantId, row.userId);
    const kind = PUSH_KIND_LABELS[row.kind as keyof typeof PUSH_KIND_LABELS] ?? row.kind;
    lines.push(
      `${formatDateTime(row.at, ctx.timeZone)} ${kind} ${row.periodKey} → ${who ? displayName(who) : `#${row.userId}`}：${RESULT_LABELS[row.result]}${row.error ? `（${row.error.slice(0, 60)}）` : ''}`,
    );
  }
  return reportMarkdown('推送记录', `最近 ${rows.length} 条推送`, [{ title: '记录', lines }]);
};
