/**
 * Caches one platform access token. Refreshes early (before the platform's expiry), lets concurrent
 * callers share one refresh, and can be invalidated when the platform says the token is stale
 * (WeCom 40014/42001).
 */
export interface FetchedToken {
  token: string;
  /** Lifetime the platform announced, in seconds (WeCom 7200; DingTalk 7200). */
  expiresInSeconds: number;
}

export class AccessTokenCache {
  private current?: { token: string; refreshAt: number };
  private inflight?: Promise<string>;

  constructor(
    private readonly fetchToken: () => Promise<FetchedToken>,
    private readonly now: () => number = Date.now,
    /** Refresh this long before the announced expiry, so a token never dies mid-request. */
    private readonly earlyMs = 5 * 60 * 1000,
  ) {}

  async get(): Promise<string> {
    if (this.current && this.now() < this.current.refreshAt) return this.current.token;
    this.inflight ??= this.refresh().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /** Forget `token` if it is still the cached one (another caller may have refreshed already). */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = undefined;
  }

  private async refresh(): Promise<string> {
    const fetched = await this.fetchToken();
    const lifetimeMs = fetched.expiresInSeconds * 1000;
    this.current = {
      token: fetched.token,
      refreshAt: this.now() + Math.max(lifetimeMs - this.earlyMs, lifetimeMs / 2),
    };
    return fetched.token;
  }
}
