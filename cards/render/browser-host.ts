import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/**
 * One long-lived Chromium with warm pages. Launching a browser costs ~0.3–0.5 s and a fresh page with
 * fonts tens of ms, so both are kept: a page is leased for one render and handed back. The browser is
 * replaced when it crashes or disconnects, and retired after `relaunchAfterRenders` renders (long-lived
 * Chromium slowly grows; a retired browser finishes its in-flight renders, then closes).
 */
export interface BrowserHostOptions {
  executablePath: string;
  args: string[];
  /** Extra environment for the Chromium process (merged over this process's). */
  env?: Record<string, string>;
  relaunchAfterRenders: number;
  /** Bound for launching and for closing a page or a browser. */
  timeoutMs: number;
  /** Makes a fresh page ready to render (request routing, shell document, viewport). */
  preparePage(page: Page): Promise<void>;
}

export type LeaseOutcome = 'ok' | 'discard' | 'suspect';

export interface PageLease {
  page: Page;
  /**
   * `ok` returns the page to the pool; `discard` closes it (a timeout, a page too large); `suspect` closes it
   * and retires its browser (any other failure: the browser may be dying).
   */
  release(outcome: LeaseOutcome): Promise<void>;
}

export interface BrowserHostStats {
  launches: number;
  /** Browsers lost to a crash or disconnect. */
  crashes: number;
}

interface Instance {
  browser: Promise<Browser>;
  /** The browser once launched: its `connected` tells synchronously whether it is still there. */
  launched?: Browser;
  idle: Page[];
  inFlight: number;
  renders: number;
  dead: boolean;
  retiring: boolean;
  /** Set just before we close or kill it ourselves: that disconnect is no crash. */
  closingOnPurpose: boolean;
}

export class BrowserHost {
  private current: Instance | undefined;
  private readonly all = new Set<Instance>();
  private readonly counters: BrowserHostStats = { launches: 0, crashes: 0 };
  private closed = false;

  constructor(private readonly options: BrowserHostOptions) {}

  stats(): BrowserHostStats {
    return { ...this.counters };
  }

  /** The browser serving new leases, if one is up (for diagnostics and resilience tests). */
  async currentBrowser(): Promise<Browser | undefined> {
    const instance = this.current;
    return instance && !instance.dead ? instance.browser : undefined;
  }

  async lease(): Promise<PageLease> {
    if (this.closed) throw new Error('the report renderer is closed');
    const instance = this.instanceForLease();
    instance.inFlight++;
    instance.renders++;
    if (instance.renders >= this.options.relaunchAfterRenders) instance.retiring = true;
    let page: Page;
    try {
      page = instance.idle.pop() ?? (await this.openPage(instance));
    } catch (error) {
      instance.inFlight--;
      await this.settle(instance);
      throw error;
    }
    return { page, release: (outcome) => this.release(instance, page, outcome) };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.current = undefined;
    await Promise.all([...this.all].map((instance) => this.shutDown(instance)));
  }

  private instanceForLease(): Instance {
    const existing = this.current;
    // A browser killed a moment ago may not have reported its disconnect yet, but its connection is closed:
    // a render retried at once must not land on it again.
    if (existing?.launched && !existing.launched.connected) existing.dead = true;
    if (existing && !existing.dead && !existing.retiring) return existing;
    if (existing) void this.settle(existing);
    const instance: Instance = {
      browser: this.launch(),
      idle: [],
      inFlight: 0,
      renders: 0,
      dead: false,
      retiring: false,
      closingOnPurpose: false,
    };
    this.all.add(instance);
    this.current = instance;
    instance.browser.then(
      (browser) => {
        instance.launched = browser;
        browser.on('disconnected', () => {
          if (!instance.closingOnPurpose) this.counters.crashes++;
          instance.dead = true;
          void this.settle(instance);
        });
      },
      () => {
        instance.dead = true;
        void this.settle(instance);
      },
    );
    return instance;
  }

  private async launch(): Promise<Browser> {
    this.counters.launches++;
    try {
      return await this.launchChromium();
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new Error(
        `cannot start Chromium at ${this.options.executablePath} (${reason}): install it (apt-get install chromium) or set CHROMIUM_PATH`,
        { cause: error },
      );
    }
  }

  private launchChromium(): Promise<Browser> {
    return puppeteer.launch({
      executablePath: this.options.executablePath,
      headless: true,
      args: this.options.args,
      env: this.options.env ? { ...process.env, ...this.options.env } : undefined,
      timeout: this.options.timeoutMs,
      // Above the render deadline, so a hung render surfaces as our timeout rather than a protocol error.
      protocolTimeout: 2 * this.options.timeoutMs + 5_000,
      // Headless Chromium has no user to see a window; puppeteer's defaults stay as they are.
    });
  }

  private async openPage(instance: Instance): Promise<Page> {
    const browser = await instance.browser;
    // Its own window: two tabs of one window share visibility, and a hidden tab's screenshot can wait forever.
    const page = await browser.newPage({ type: 'window' });
    try {
      await this.options.preparePage(page);
      return page;
    } catch (error) {
      await this.closePage(instance, page);
      throw error;
    }
  }

  private async release(instance: Instance, page: Page, outcome: LeaseOutcome): Promise<void> {
    instance.inFlight--;
    if (outcome === 'ok' && !instance.dead && !instance.retiring && !page.isClosed()) {
      instance.idle.push(page);
      return;
    }
    // A render that failed inside the browser (not a hang of its page) leaves the browser suspect: killed a
    // moment ago, it may still look connected until its socket closes, and a retry leased from it would fail
    // again. New leases go to a fresh browser.
    if (outcome === 'suspect') instance.retiring = true;
    await this.closePage(instance, page);
    await this.settle(instance);
  }

  /** Closes a page; a browser that cannot even close a page is wedged and gets killed. */
  private async closePage(instance: Instance, page: Page): Promise<void> {
    if (instance.dead || page.isClosed()) return;
    try {
      await withDeadline(page.close(), this.options.timeoutMs);
    } catch {
      instance.dead = true;
      await this.shutDown(instance);
    }
  }

  /** A dead or retiring browser goes away once nothing runs on it any more. */
  private async settle(instance: Instance): Promise<void> {
    if (this.current === instance && (instance.dead || instance.retiring)) this.current = undefined;
    if ((instance.dead || instance.retiring) && instance.inFlight === 0) await this.shutDown(instance);
  }

  private async shutDown(instance: Instance): Promise<void> {
    if (!this.all.delete(instance)) return;
    instance.dead = true;
    instance.idle = [];
    let browser: Browser;
    try {
      browser = await instance.browser;
    } catch {
      return; // never launched
    }
    // A browser already gone crashed (its disconnect is counted); one still connected we close.
    if (browser.connected) instance.closingOnPurpose = true;
    try {
      await withDeadline(browser.close(), this.options.timeoutMs);
    } catch {
      browser.process()?.kill('SIGKILL');
    }
  }
}

/** Resolves or rejects like `promise`, or rejects after `ms`; the loser's outcome is ignored. */
export function withDeadline<T>(promise: Promise<T>, ms: number, message = 'timed out'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${message} after ${ms} ms`)), ms);
  });
  promise.catch(() => undefined);
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}
