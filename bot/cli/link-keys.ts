import { Database } from '../../storage/database';
import { LinkKeyRepository } from '../../storage/repositories/link-key.repository';
import { newLinkKey } from '../h5/link-keys';

export const LINK_KEYS_USAGE = `usage (DATABASE_URL names the database; LINK_SECRET must be unset for these keys to be used):
  npm run link-keys -- list      the stored keys, newest (signing) first; the secrets are never printed
  npm run link-keys -- rotate    a new signing key; links signed with the older keys keep working
  npm run link-keys -- retire    forget every key but the newest: links they signed stop opening
Restart every instance after rotate or retire: each reads the keys when it starts.`;

export interface LinkKeysIo {
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
  err: (line: string) => void;
  now?: () => Date;
}

/** `npm run link-keys -- <list|rotate|retire>`; returns the exit code. */
export async function runLinkKeysCli(argv: string[], io: LinkKeysIo): Promise<number> {
  const [command] = argv;
  if (command === undefined || !['list', 'rotate', 'retire'].includes(command) || argv.length > 1) {
    io.err(LINK_KEYS_USAGE);
    return 2;
  }
  const db = await Database.open(io.env.DATABASE_URL);
  try {
    const keys = new LinkKeyRepository(db.manager);
    const now = (io.now ?? (() => new Date()))();
    if (command === 'rotate') {
      const generation = await keys.addNext(newLinkKey(), now);
      io.out(
        `link key ${generation} now signs; older keys still verify until retired. Restart every instance.`,
      );
    } else if (command === 'retire') {
      const [newest] = await keys.list();
      if (!newest) {
        io.err('no link keys are stored yet (the bot generates the first one when it starts)');
        return 1;
      }
      const retired = await keys.retireBefore(newest.generation);
      io.out(
        `retired ${retired} older key(s); key ${newest.generation} alone signs and verifies. Restart every instance.`,
      );
    } else {
      for (const k of await keys.list()) io.out(`${k.generation}\t${k.createdAt.toISOString()}`);
    }
    if (io.env.LINK_SECRET)
      io.err('note: LINK_SECRET is set, so the bot signs with it and ignores these keys');
    return 0;
  } finally {
    await db.close();
  }
}
