import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandsReference } from '../../handlers/command-docs';

/** `npm run docs:commands`: rewrites docs/commands.md from the command declarations. */
const target = join(__dirname, '..', '..', 'docs', 'commands.md');
writeFileSync(target, commandsReference());
console.log(`wrote ${target}`);
