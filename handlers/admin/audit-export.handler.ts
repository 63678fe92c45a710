import { localDateOf } from '../../domain/attendance/calendar';
import { EXPORT_LINK_TTL_MINUTES } from '../../domain/attendance/export';
import { DomainError } from '../../domain/errors';
import type { Reply } from '../../domain/messages/reply';
import { argumentsOf, malformed, parseMonthArgument } from '../command-args';
import type { Handler } from '../context';

export const AUDIT_EXPORT_USAGE = ['审计 导出 [本月｜上月｜2026-11]', '审计 导出 上月'] as const;

/**
 * 审计 导出 [本月|上月|YYYY-MM] (admins): a link to the month's audit log as CSV. The file is built when the
 * link is opened, which checks again that the person is still an admin (bot/h5/audit-export-route.ts).
 */
export const exportAuditHandler: Handler<'text'> = async (event, ctx): Promise<Reply> => {
  // `审计 导出 上月` or `审计导出 上月`.
  const args = argumentsOf(event.text);
  const [monthArg, extra] = args[0] === '导出' ? args.slice(1) : args;
  if (extra !== undefined) throw malformed(event.text, ...AUDIT_EXPORT_USAGE);
  const settings = await ctx.stores.attendanceSettings.read(ctx.user.tenantId);
  const today = localDateOf(ctx.now, settings.timeZone);
  let month: string;
  try {
    month = parseMonthArgument(`导出 ${monthArg ?? ''}`, today);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'command.malformed')
      throw malformed(event.text, ...AUDIT_EXPORT_USAGE);
    throw error;
  }
  if (month > today.slice(0, 7)) throw malformed(event.text, ...AUDIT_EXPORT_USAGE);
  const url = ctx.links.auditExport(month);
  return {
    kind: 'markdown',
    title: `审计记录 ${month}`,
    text: [
      `### 审计记录 ${month}`,
      `[下载 审计_${month}.csv](${url})`,
      `链接${EXPORT_LINK_TTL_MINUTES}分钟内有效，仅限管理员使用。`,
    ].join('\n'),
  };
};
