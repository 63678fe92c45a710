/**
 * What the bot understands, as users read it in 帮助. handlers/index.ts maps each command to its handler;
 * a command is listed here only once it works.
 */
export interface CommandEntry {
  /** Words that start the command; the first is the canonical one. */
  names: readonly string[];
  usage: string;
  description: string;
}

export const COMMANDS = {
  help: { names: ['帮助', '菜单', 'help', '?', '？'], usage: '帮助', description: '查看可用命令' },
  checkIn: { names: ['签到', '上班签到', '上班'], usage: '签到', description: '上班签到：发送位置后选择「上班签到」' },
  checkOut: { names: ['签退', '下班签退', '下班'], usage: '签退', description: '下班签退：发送位置后选择「下班签退」' },
  location: { names: ['定位', '位置', '拜访签到'], usage: '定位', description: '打开定位页发送当前位置（钉钉请用这个）' },
} as const satisfies Record<string, CommandEntry>;

export type CommandName = keyof typeof COMMANDS;
