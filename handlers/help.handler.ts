import type { Platform } from '../domain/messages/inbound-event';
import type { Reply } from '../domain/messages/reply';
import type { Role } from '../domain/org/user';
import { COMMANDS, type CommandEntry } from './command-catalog';
import type { Handler } from './context';

export function buildHelpReply(platform: Platform, role: Role): Reply {
  const entries: CommandEntry[] = Object.values(COMMANDS);
  const lines = entries
    .filter((c) => !c.roles || c.roles.includes(role))
    .map((c) => `- **${c.usage}** ${c.description}`);
  // Only WeCom lets a user share a location in the chat; a DingTalk robot never receives one.
  if (platform === 'wecom')
    lines.push('- **发送位置** 在对话框点 ＋ → 位置，按卡片选择上班签到 / 拜访签到 / 下班签退');
  return { kind: 'markdown', title: '使用帮助', text: ['### fieldbot 外勤助手', ...lines].join('\n') };
}

export const helpHandler: Handler<'text'> = async (_event, ctx) =>
  buildHelpReply(ctx.user.platform, ctx.user.role);

/** Opening the app only earns a greeting the first time; it fires on every open (WeCom enter_agent). */
export const enterHandler: Handler<'enter'> = async (_event, ctx) =>
  ctx.firstContact ? buildHelpReply(ctx.user.platform, ctx.user.role) : undefined;
