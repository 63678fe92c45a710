import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandsReference } from '../../handlers/command-docs';
import { COMMANDS, commandForWord } from '../../handlers/command-registry';

describe('command declarations', () => {
  it('give every word to one command only, and every command a unique key', () => {
    const words = COMMANDS.flatMap((c) => c.words.map((w) => w.toLowerCase()));
    expect(words.length).toBe(new Set(words).size);
    const keys = COMMANDS.map((c) => c.key);
    expect(keys.length).toBe(new Set(keys).size);
  });

  it('find a command by any of its words, case-insensitively', () => {
    expect(commandForWord('HELP')?.key).toBe('help');
    expect(commandForWord('下班签退')?.key).toBe('checkOut');
    expect(commandForWord('签到吧')).toBeUndefined();
  });

  it('describe every command and start its usage with one of its words', () => {
    for (const command of COMMANDS) {
      expect(command.description.length).toBeGreaterThan(0);
      // 审计导出 and 死信 are typed after 审计 / 管理, as their usage shows.
      if (['auditExport', 'deadLetters'].includes(command.key)) continue;
      expect(command.words.some((word) => command.usage.startsWith(word))).toBe(true);
    }
  });
});

describe('docs/commands.md', () => {
  it('is the reference generated from the declarations (run `npm run docs:commands` after changing one)', () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'docs', 'commands.md'), 'utf8');
    expect(committed).toBe(commandsReference());
  });

  it('lists every command word', () => {
    const doc = commandsReference();
    for (const word of COMMANDS.flatMap((c) => c.words)) expect(doc).toContain(`\`${word}\``);
  });
});
