import { randomBytes } from 'node:crypto';

/** WeCom: a ResponseCode may update the tapped card once, within 72 hours. */
const LIFETIME_MS = 72 * 60 * 60 * 1000;

export interface ResponseCodeGrant {
  /** Whose copies of the card the code may update: the tapper, or every recipient of a sent card. */
  userIds: string[];
  taskId: string;
}

/**
 * The ResponseCodes the simulator handed out, each good for one update: one per card tap (callback
 * event), and one per interactive card sent (WeCom returns `response_code` from message/send).
 */
export class ResponseCodes {
  private readonly issued = new Map<string, ResponseCodeGrant & { expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(grant: ResponseCodeGrant): string {
    this.prune();
    const code = `ResponseCode_${randomBytes(16).toString('hex')}`;
    this.issued.set(code, { ...grant, expiresAt: this.now() + LIFETIME_MS });
    return code;
  }

  /** Returns the grant and forgets the code; undefined when unknown, used or expired. */
  consume(code: string): ResponseCodeGrant | undefined {
    const grant = this.issued.get(code);
    this.issued.delete(code);
    if (!grant || grant.expiresAt <= this.now()) return undefined;
    return { userIds: grant.userIds, taskId: grant.taskId };
  }

  private prune(): void {
    const now = this.now();
    // Insertion order is expiry order (one fixed lifetime), so stop at the first live code.
    for (const [code, grant] of this.issued) {
      if (grant.expiresAt > now) break;
      this.issued.delete(code);
    }
  }
}
