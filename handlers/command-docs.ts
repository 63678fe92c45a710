import { ROLE_LABELS } from '../domain/org/user';
import { TOPICS, type CommandDeclaration } from './command';
import { COMMANDS } from './command-registry';

const HEADER = '| Words | Usage | What it does | Who may use it |';
const RULE = '| --- | --- | --- | --- |';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function row(command: CommandDeclaration): string {
  const words = command.words.map((word) => `\`${word}\``).join(' ');
  const who = command.roles ? command.roles.map((role) => ROLE_LABELS[role]).join('、') : 'everyone';
  return `| ${words} | \`${cell(command.usage)}\` | ${cell(command.description)} | ${who} |`;
}

/** docs/commands.md: the command reference, generated from the declarations (`npm run docs:commands`). */
export function commandsReference(): string {
  const sections = TOPICS.map((topic) => {
    const rows = COMMANDS.filter((command) => command.topic === topic).map(row);
    return [`## ${topic}`, '', HEADER, RULE, ...rows].join('\n');
  });
  const help = COMMANDS.filter((command) => command.topic === null).map(row);
  return [
    '# Commands',
    '',
    '<!-- Generated from the command declarations (handlers/**/*.commands.ts) by `npm run docs:commands`; do not edit. -->',
    '',
    "Every command the bot understands in chat. A message starting with one of a command's words runs it;",
    'the bot refuses a command to a role not listed under *Who may use it* and says who may. In chat, `帮助`',
    "lists the topics, `帮助 <主题>` a topic's usages and `帮助 <命令>` one command.",
    '',
    HEADER,
    RULE,
    ...help,
    '',
    sections.join('\n\n'),
    '',
  ].join('\n');
}
