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
  checkIn: { names: ['签到', '上班签到', '上班'], usage: '签到', description: '上班签到：打开定位页，位置发回即记录' },
  checkOut: { names: ['签退', '下班签退', '下班'], usage: '签退', description: '下班签退：打开定位页，位置发回即记录' },
  location: { names: ['定位', '位置', '拜访签到'], usage: '定位', description: '发送当前位置，再选择上班签到、拜访签到或下班签退' },
} as const satisfies Record<string, CommandEntry>;

export type CommandName = keyof typeof COMMANDS;
