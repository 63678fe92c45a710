import type { Reply } from '../domain/messages/reply';
import { COMMANDS } from './command-catalog';
import type { Handler } from './context';

export function buildHelpReply(): Reply {
  const lines = Object.values(COMMANDS).map((c) => `- **${c.usage}** ${c.description}`);
  return {
    kind: 'markdown',
    title: '使用帮助',
    text: [
      '### fieldbot 外勤助手',
      ...lines,
      '- **发送位置** 直接在对话里发送位置，按卡片选择上班签到 / 拜访签到 / 下班签退',
    ].join('\n'),
  };
}

export const helpHandler: Handler<'text'> = async () => buildHelpReply();

/** Opening the app only earns a greeting the first time; it fires on every open (WeCom enter_agent). */
export const enterHandler: Handler<'enter'> = async (_event, ctx) => (ctx.firstContact ? buildHelpReply() : undefined);
