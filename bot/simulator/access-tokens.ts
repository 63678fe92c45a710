import { randomBytes } from 'node:crypto';

/** WeCom access tokens live 7200 s. */
export const TOKEN_LIFETIME_SECONDS = 7200;

export type TokenCheck = 'ok' | 'missing' | 'invalid' | 'expired';

/** Access tokens and jsapi tickets the fake API issued; anything else is refused like WeCom does. */
export class AccessTokens {
  private readonly tokens = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(): { token: string; expiresInSeconds: number } {
    const now = this.now();
    for (const [token, expiresAt] of this.tokens) if (expiresAt <= now) this.tokens.delete(token);
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, now + TOKEN_LIFETIME_SECONDS * 1000);
    return { token, expiresInSeconds: TOKEN_LIFETIME_SECONDS };
  }

  check(token: string | undefined): TokenCheck {
    if (!token) return 'missing';
    const expiresAt = this.tokens.get(token);
    if (expiresAt === undefined) return 'invalid';
    return expiresAt > this.now() ? 'ok' : 'expired';
  }

  /** Lets tests and developers exercise the bot's refresh-on-42001 path. */
  expireAll(): void {
    for (const token of this.tokens.keys()) this.tokens.set(token, 0);
  }
}
