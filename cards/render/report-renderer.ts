import { Semaphore } from 'async-mutex';
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';
import sharp from 'sharp';
import {
  BrowserHost,
  type BrowserHostStats,
  type LeaseOutcome,
  TimeoutError,
  withDeadline,
} from './browser-host';
import { renderChartSvg } from './chart-svg';
import {
  buildFontFaceCss,
  createPackageFontLoader,
  type FontFileLoader,
  REPORT_FONT_STACK,
} from './report-font';
import {
  buildReportBody,
  buildShellHtml,
  chartWidth,
  DEFAULT_LAYOUT,
  type ReportLayout,
} from './report-html';
import type { ReportPage, ReportRenderer } from './report-page';

export interface ReportRendererOptions {
  /** Chromium binary; default `CHROMIUM_PATH`, then `/usr/bin/chromium`. */
  executablePath?: string;
  /**
   * Renders running at once (each on its own warm page of the one browser); default 3. A render spends much
   * of its time waiting on Chromium's pipeline (renderer, compositor, browser in turn), so three keep one
   * browser's processes busier than two without taking more CPU per render (bench/README.md).
   */
  concurrency?: number;
  /**
   * Long-lived browsers to spread renders over, round-robin; default 1. One browser keeps about one core busy
   * however many renders run at once (a render passes through its renderer, GPU and browser processes in
   * turn); a mass push on a machine with a second core to spare may use 2 (with `concurrency` 4). Each
   * browser is relaunched after a crash and every `relaunchAfterRenders` renders; a retry goes to the next.
   */
  browsers?: number;
  /** Bound for one render attempt (and for launching); a render that hangs is retried once. Default 15 s. */
  timeoutMs?: number;
  /** The browser is replaced after this many renders; default 500. */
  relaunchAfterRenders?: number;
  /**
   * Pixel density of the PNG; default 1.5 (a 1,200 px wide image, sharp on phones; 2 costs ~1.8× the
   * pixels to paint and encode). Lowered to 1 when the PNG would exceed `maxBytes`.
   */
  deviceScaleFactor?: number;
  /** Largest PNG allowed; default 2 MB (the IM image limit). */
  maxBytes?: number;
  layout?: Partial<ReportLayout>;
  /** Embed Noto Sans SC (default). Off only to show what a machine without CJK fonts would draw. */
  embedFont?: boolean;
  /** Where font subsets come from; default the installed `@fontsource/noto-sans-sc`. */
  fontLoader?: FontFileLoader;
  /** Extra environment and arguments for Chromium. */
  browserEnv?: Record<string, string>;
  browserArgs?: string[];
}

export interface RendererStats extends BrowserHostStats {
  renders: number;
  failedAttempts: number;
  timeouts: number;
  /** Wall time summed over renders (and attempts): chart SVGs in Node, content placed and laid out in the page, screenshot. */
  ssrMs: number;
  placeMs: number;
  captureMs: number;
}

export interface PuppeteerReportRenderer extends ReportRenderer {
  stats(): RendererStats;
  /** The (first) browser now serving renders, if one is up (diagnostics, resilience tests). */
  currentBrowser(): Promise<Browser | undefined>;
}

/**
 * Flags for Chromium in a container: no setuid sandbox, small /dev/shm, no GPU, nothing phoning home. No
 * 60 Hz frame clock either: a screenshot waits for the next frame, which otherwise adds up to ~17 ms per
 * frame the capture needs; a still page draws no frames while idle, so nothing spins.
 */
export const CONTAINER_CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-setuid-sandbox',
  '--disable-dev-shm-usage',
  '--disable-gpu',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-extensions',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--mute-audio',
  '--hide-scrollbars',
  '--font-render-hinting=none',
  '--disable-frame-rate-limit',
];

/** The shell and the fonts come from this origin, answered by request interception; nothing else loads. */
const ORIGIN = 'https://fieldbot-report.invalid';
const SHELL_URL = `${ORIGIN}/report.html`;
const FONT_BASE = `${ORIGIN}/fonts/`;
const MAX_BYTES = 2 * 1024 * 1024;

/**
 * A `ReportRenderer` on one long-lived Chromium: charts become SVG in Node (ECharts SSR), the page's
 * HTML goes into a warm page whose document already holds the fonts, and Chromium takes one screenshot.
 */
export function createReportRenderer(options: ReportRendererOptions = {}): PuppeteerReportRenderer {
  const layout: ReportLayout = { ...DEFAULT_LAYOUT, ...options.layout };
  const timeoutMs = options.timeoutMs ?? 15_000;
  const scale = options.deviceScaleFactor ?? 1.5;
  const maxBytes = options.maxBytes ?? MAX_BYTES;
  const fontLoader = options.fontLoader ?? createPackageFontLoader();
  const shellHtml = buildShellHtml(
    layout,
    options.embedFont === false ? '' : buildFontFaceCss(FONT_BASE),
    REPORT_FONT_STACK,
  );
  const slots = new Semaphore(Math.max(1, options.concurrency ?? 3));
  const counters = { renders: 0, failedAttempts: 0, timeouts: 0, ssrMs: 0, placeMs: 0, captureMs: 0 };
  let closed = false;

  const newHost = () =>
    new BrowserHost({
      executablePath: options.executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // The page's pixel ratio as the browser's own, not only emulated: a capture at an emulated ratio that
      // differs from the native one costs ~20 % more Chromium CPU for the same pixels (bench/README.md).
      args: [
        ...CONTAINER_CHROMIUM_ARGS,
        `--force-device-scale-factor=${scale}`,
        ...(options.browserArgs ?? []),
      ],
      env: options.browserEnv,
      relaunchAfterRenders: Math.max(1, options.relaunchAfterRenders ?? 500),
      timeoutMs,
      preparePage: async (page) => {
        await page.setRequestInterception(true);
        page.on('request', (request) => void answerRequest(request, shellHtml, fontLoader));
        await page.setViewport({ width: layout.width, height: 600, deviceScaleFactor: scale });
        await page.goto(SHELL_URL, { waitUntil: 'load', timeout: timeoutMs });
      },
    });
  const hosts = Array.from({ length: Math.max(1, options.browsers ?? 1) }, newHost);
  let nextHost = 0;

  async function attempt(body: string): Promise<Buffer> {
    const host = hosts[nextHost++ % hosts.length] as BrowserHost;
    const lease = await host.lease();
    let outcome: LeaseOutcome = 'ok';
    try {
      return await withDeadline(shoot(lease.page, body), timeoutMs, 'report render timed out');
    } catch (error) {
      outcome = error instanceof TimeoutError || error instanceof PageTooLargeError ? 'discard' : 'suspect';
      throw error;
    } finally {
      await lease.release(outcome);
    }
  }

  async function shoot(page: Page, body: string): Promise<Buffer> {
    const placing = performance.now();
    const height = Math.max(1, Number(await page.evaluate(placeContentScript(body))));
    const capturing = performance.now();
    counters.placeMs += capturing - placing;
    let png = await screenshot(page, height, scale);
    counters.captureMs += performance.now() - capturing;
    if (png.length > maxBytes) png = await toPalettePng(png);
    if (png.length > maxBytes && scale > 1) {
      png = await toPalettePng(await screenshot(page, height, 1));
      await page.setViewport({ width: layout.width, height, deviceScaleFactor: scale });
    }
    if (png.length > maxBytes) throw new PageTooLargeError(png.length, maxBytes);
    return png;
  }

  async function screenshot(page: Page, height: number, pixelRatio: number): Promise<Buffer> {
    const viewport = page.viewport();
    if (viewport?.height !== height || viewport.deviceScaleFactor !== pixelRatio) {
      await page.setViewport({ width: layout.width, height, deviceScaleFactor: pixelRatio });
    }
    const data = await page.screenshot({ type: 'png', optimizeForSpeed: true });
    return Buffer.from(data);
  }

  return {
    async renderPng(page: ReportPage): Promise<Buffer> {
      if (closed) throw new Error('the report renderer is closed');
      return slots.runExclusive(async () => {
        // Built inside the slot: a queue of 1,000 pages holds page data, not 1,000 pages of SVG.
        const building = performance.now();
        const svgs = page.charts.map((chart) =>
          renderChartSvg(
            chart.option,
            { width: chartWidth(layout, chart.half), height: chart.height },
            REPORT_FONT_STACK,
          ),
        );
        const body = buildReportBody(page, svgs);
        counters.ssrMs += performance.now() - building;
        let lastError: unknown;
        for (let tries = 0; tries < 2; tries++) {
          try {
            const png = await attempt(body);
            counters.renders++;
            return png;
          } catch (error) {
            counters.failedAttempts++;
            if (error instanceof TimeoutError) counters.timeouts++;
            lastError = error;
            if (closed || error instanceof PageTooLargeError) break;
          }
        }
        throw new Error(`report render failed: ${describe(lastError)}`, {
          cause: lastError,
        });
      });
    },
    async close(): Promise<void> {
      closed = true;
      await Promise.all(hosts.map((host) => host.close()));
    },
    stats: () => {
      const browsers = hosts.map((host) => host.stats());
      const sum = (key: keyof BrowserHostStats) => browsers.reduce((total, b) => total + b[key], 0);
      return { ...counters, launches: sum('launches'), crashes: sum('crashes') };
    },
    currentBrowser: () => (hosts[0] as BrowserHost).currentBrowser(),
  };
}

/**
 * Puts the page into `#report`, waits for every font face its characters need, and returns the height.
 * A string, not a function: the script runs in the page exactly as written, whatever the test
 * transpiler does to functions.
 */
function placeContentScript(body: string): string {
  return `(async () => {
  const root = document.getElementById('report');
  root.innerHTML = ${JSON.stringify(body)};
  void root.offsetHeight; // layout now, so the font subsets this content needs start loading
  await document.fonts.ready;
  while (document.fonts.status !== 'loaded') await document.fonts.ready;
  return Math.ceil(root.getBoundingClientRect().height);
})()`;
}

async function answerRequest(
  request: HTTPRequest,
  shellHtml: string,
  fontLoader: FontFileLoader,
): Promise<void> {
  const url = request.url();
  try {
    if (url === SHELL_URL) {
      await request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: shellHtml });
    } else if (url.startsWith(FONT_BASE)) {
      const font = await fontLoader(url.slice(FONT_BASE.length));
      await request.respond({ status: 200, contentType: 'font/woff2', body: font });
    } else if (url.startsWith('data:')) {
      await request.continue();
    } else {
      await request.abort('blockedbyclient'); // a report page fetches nothing from the network
    }
  } catch {
    // The page went away mid-request, or the font is missing: the page's own wait reports it.
    if (!request.isInterceptResolutionHandled()) await request.abort().catch(() => undefined);
  }
}

async function toPalettePng(png: Buffer): Promise<Buffer> {
  return sharp(png).png({ palette: true, compressionLevel: 9, effort: 7 }).toBuffer();
}

/** Even a palette PNG at 1× is over the limit: retrying cannot help, the page must be split. */
export class PageTooLargeError extends Error {
  override readonly name = 'PageTooLargeError';
  constructor(bytes: number, maxBytes: number) {
    super(`report PNG is ${bytes} bytes, over ${maxBytes}: split the page`);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
