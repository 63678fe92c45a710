import type { Platform } from '../domain/messages/inbound-event';
import type { Reply } from '../domain/messages/reply';
import type { Role } from '../domain/org/user';
import { mayUse, TOPICS, type CommandDeclaration, type Topic } from './command';
import { argumentsOf } from './command-args';
import { COMMANDS, commandForWord } from './command-registry';
import type { Handler } from './context';

/**
 * 帮助, read from the command declarations. A WeCom message holds at most 2,048 bytes and the catalogue is
 * several times that, so `帮助` lists each topic's command words, `帮助 <主题>` gives that topic's usages,
 * and `帮助 <命令>` one command's.
 */
export function commandsOfTopic(topic: Topic, role: Role): CommandDeclaration[] {
  return COMMANDS.filter((command) => command.topic === topic && mayUse(command, role));
}

const usageLine = (command: CommandDeclaration) => `- **${command.usage}** ${command.description}`;

function overview(platform: Platform, role: Role): string[] {
  const lines = TOPICS.flatMap((topic) => {
    const words = commandsOfTopic(topic, role).map((command) => command.words[0]);
    return words.length ? [`- **${topic}**：${words.join(' · ')}`] : [];
  });
  // Only WeCom lets a user share a location in the chat; a DingTalk robot never receives one.
  if (platform === 'wecom') lines.push('- **发送位置** 对话框 ＋ → 位置，再选上班签到 / 拜访 / 下班签退');
  const first = TOPICS.find((topic) => commandsOfTopic(topic, role).length > 0) ?? '考勤';
  lines.push(`发送「帮助 ${first}」「帮助 请假」等查看用法和例子。`);
  return lines;
}

/** One topic's commands with usage and description; null when the topic has none for this role. */
export function topicHelp(title: string, role: Role): Reply | null {
  const topic = TOPICS.find((t) => t === title);
  const lines = topic ? commandsOfTopic(topic, role).map(usageLine) : [];
  if (lines.length === 0) return null;
  return { kind: 'markdown', title: `帮助：${title}`, text: [`### ${title}`, ...lines].join('\n') };
}

/** One command's part of its topic (`帮助 请假`); null for a word that is not a command this role may use. */
export function commandHelp(word: string, role: Role): Reply | null {
  const command = commandForWord(word);
  if (!command?.topic || !mayUse(command, role)) return null;
  const others = command.words.slice(1);
  const lines = [
    `### ${command.topic}：${command.words[0]}`,
    usageLine(command),
    ...(others.length ? [`也可以说：${others.join('、')}`] : []),
    `同类命令：发送「帮助 ${command.topic}」。`,
  ];
  return { kind: 'markdown', title: `帮助：${command.words[0]}`, text: lines.join('\n') };
}

export function buildHelpReply(platform: Platform, role: Role): Reply {
  return {
    kind: 'markdown',
    title: '使用帮助',
    text: ['### fieldbot 外勤助手', ...overview(platform, role)].join('\n'),
  };
}

export const helpHandler: Handler<'text'> = async (event, ctx) => {
  const [subject] = argumentsOf(event.text);
  const { platform, role } = ctx.user;
  return (
    (subject && (topicHelp(subject, role) ?? commandHelp(subject, role))) || buildHelpReply(platform, role)
  );
};

/** Opening the app only earns a greeting the first time; it fires on every open (WeCom enter_agent). */
export const enterHandler: Handler<'enter'> = async (_event, ctx) =>
  ctx.firstContact ? buildHelpReply(ctx.user.platform, ctx.user.role) : undefined;
