import type { AuditEntry } from '../../domain/audit/audit-entry';
import { labelOfAuditAction } from '../../domain/audit/audit-labels';
import { displayName } from '../../domain/org/user';
import { formatDateTime } from '../../domain/time/format';
import { argumentsOf, malformed } from '../command-args';
import { COMMANDS } from '../command-registry';
import type { Handler, HandlerContext } from '../context';
import { exportAuditHandler } from './audit-export.handler';
import { deadLettersHandler } from './dead-letters.handler';

/** 管理 帮助: every command an admin may use, straight from the catalog. */
export const adminHelpHandler: Handler<'text'> = async (event, ctx) => {
  const [arg] = argumentsOf(event.text);
  if (arg === '死信') return deadLettersHandler(event, ctx);
  if (arg !== undefined && arg !== '帮助' && arg.toLowerCase() !== 'help')
    throw malformed(event.text, '管理 帮助', '管理 帮助');
  // Only what admins alone may do: a WeCom message holds 2,048 bytes; the rest is in 帮助 <主题>.
  const lines = COMMANDS.filter((c) => c.roles?.length === 1 && c.roles[0] === 'admin').map(
    (c) => `- ${c.usage}`,
  );
  return {
    kind: 'markdown',
    title: '管理员命令',
    text: ['### 管理员命令', ...lines, '说明和例子：发送「帮助 考勤」「帮助 管理」等。'].join('\n'),
  };
};

const AUDIT_USAGE = ['审计 最近 [条数，最多50]', '审计 最近 20'] as const;
export const AUDIT_DEFAULT_COUNT = 10;
export const AUDIT_MAX_COUNT = 50;

/** 审计 最近 [N]: the tenant's latest audited changes, newest first, one line each (read on a phone). */
export const recentAuditHandler: Handler<'text'> = async (event, ctx) => {
  const [word, countArg, extra] = argumentsOf(event.text);
  if (word === '导出') return exportAuditHandler(event, ctx);
  const count =
    countArg === undefined ? AUDIT_DEFAULT_COUNT : /^\d{1,3}$/.test(countArg) ? Number(countArg) : NaN;
  if (
    (word !== undefined && word !== '最近') ||
    !(count >= 1 && count <= AUDIT_MAX_COUNT) ||
    extra !== undefined
  )
    throw malformed(event.text, ...AUDIT_USAGE);

  const { tenantId } = ctx.user;
  const [entries, settings] = await Promise.all([
    ctx.stores.auditHistory.listRecent(tenantId, count),
    ctx.stores.attendanceSettings.read(tenantId),
  ]);
  if (entries.length === 0) return { kind: 'text', text: '还没有审计记录。' };
  const nameOf = nameResolver(ctx);
  const lines = [];
  for (const e of entries)
    lines.push(
      `- ${formatDateTime(e.at, settings.timeZone)} ${await whoDid(e, nameOf)} ${labelOfAuditAction(e.action)} ${await describeSubject(e.subject, nameOf)}`.trimEnd(),
    );
  return {
    kind: 'markdown',
    title: '审计记录',
    text: [`### 最近${entries.length}条审计记录`, ...lines].join('\n'),
  };
};

type NameOf = (userId: number) => Promise<string | null>;

/** Names of the tenant's people, each looked up once per reply. */
function nameResolver(ctx: HandlerContext): NameOf {
  const cache = new Map<number, Promise<string | null>>();
  return (userId) => {
    let name = cache.get(userId);
    if (!name) {
      name = ctx.stores.users.findById(ctx.user.tenantId, userId).then((u) => (u ? displayName(u) : null));
      cache.set(userId, name);
    }
    return name;
  };
}

async function whoDid(entry: AuditEntry, nameOf: NameOf): Promise<string> {
  if (entry.actorUserId === null) return '系统';
  return (await nameOf(entry.actorUserId)) ?? `用户#${entry.actorUserId}`;
}

/** `user:<id>:<platform id>` (role changes, contacts sync) reads as the person's name; other subjects as stored. */
async function describeSubject(subject: string, nameOf: NameOf): Promise<string> {
  const m = /^user:(\d+):(.+)$/.exec(subject);
  if (!m) return subject;
  return (await nameOf(Number(m[1]))) ?? (m[2] as string);
}
