import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { createPackageFontLoader, type FontFileLoader } from '../../../cards/render/report-font';
import type { ReportChart, ReportPage } from '../../../cards/render/report-page';
import {
  createReportRenderer,
  type PuppeteerReportRenderer,
  type ReportRendererOptions,
} from '../../../cards/render/report-renderer';

/**
 * The real renderer on the system Chromium. Font checks run Chromium with a fontconfig that knows only
 * DejaVu (Latin, no CJK), as on a bare server image, so any Chinese glyph on the PNG can only come from
 * the embedded font.
 */

// Each test launches Chromium at least once; on a busy 2-core machine that alone can take seconds.
jest.setTimeout(240_000);

const NAMES = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄强'];

function halfPie(title: string, slices: Record<string, number>): ReportChart {
  const data = Object.entries(slices).map(([name, value]) => ({ name, value }));
  return { title, height: 220, half: true, option: { series: [{ type: 'pie', data }] } };
}

function samplePage(title = '销售日报汇总'): ReportPage {
  return {
    title,
    subtitle: '2026年11月22日 · 华南大区',
    charts: [
      {
        title: '拜访次数',
        height: 260,
        option: {
          xAxis: { type: 'category', data: NAMES },
          yAxis: { type: 'value' },
          series: [{ type: 'bar', data: [5, 8, 3, 9, 4, 7, 6, 2] }],
        },
      },
      halfPie('阶段分布', { 初步接触: 12, 方案报价: 5 }),
      halfPie('考勤', { 正常: 40, 迟到: 3 }),
    ],
    footnotes: ['完成率 62%，时间进度 73%'],
  };
}

const renderers: PuppeteerReportRenderer[] = [];
function renderer(options: ReportRendererOptions = {}): PuppeteerReportRenderer {
  const created = createReportRenderer({ deviceScaleFactor: 1, ...options });
  renderers.push(created);
  return created;
}
afterEach(async () => {
  await Promise.all(renderers.splice(0).map((r) => r.close()));
});

/**
 * A fontconfig that sees only DejaVu, which has no CJK: Chromium can fall back on no Chinese font. (With
 * no font at all Chromium cannot even use web fonts, so a real deployment keeps at least one.)
 */
function noCjkSystemFonts(): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'fieldbot-nocjk-'));
  const file = join(dir, 'fonts.conf');
  writeFileSync(
    file,
    `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>${dir}</cachedir></fontconfig>`,
  );
  return { FONTCONFIG_FILE: file };
}

/** Grey pixels of the title line (the `<h1>` at the page's top padding, 1× scale). */
async function titleRegion(png: Buffer): Promise<Buffer> {
  return sharp(png).extract({ left: 24, top: 24, width: 400, height: 34 }).greyscale().raw().toBuffer();
}

function inkPixels(grey: Buffer): number {
  return grey.filter((value) => value < 128).length;
}

function differingPixels(a: Buffer, b: Buffer): number {
  let count = 0;
  for (let i = 0; i < a.length; i++) if (Math.abs((a[i] ?? 0) - (b[i] ?? 0)) > 32) count++;
  return count;
}

/**
 * A bound for one render attempt that a healthy attempt meets even on a busy machine: several times a
 * cold launch and first render measured here, never under 1.5 s. The bound also covers the launch.
 */
let attemptBoundMs = 1_500;
beforeAll(async () => {
  const cold = createReportRenderer({ deviceScaleFactor: 1 });
  const started = Date.now();
  await cold.renderPng(samplePage()).finally(() => cold.close());
  attemptBoundMs = Math.max(1_500, 4 * (Date.now() - started));
});

describe('report renderer', () => {
  it('renders a page of charts to one non-trivial PNG within 2 MB', async () => {
    const png = await renderer({ deviceScaleFactor: 2 }).renderPng(samplePage());
    const meta = await sharp(png).metadata();
    expect(meta.format).toBe('png');
    expect(meta.width).toBe(1600); // 800 CSS px at 2×
    expect(meta.height).toBeGreaterThan(2 * 600);
    expect(png.length).toBeGreaterThan(20_000);
    expect(png.length).toBeLessThanOrEqual(2 * 1024 * 1024);
    const stats = await sharp(png).stats();
    expect(stats.channels[0]?.stdev).toBeGreaterThan(10);
  });

  it('draws Chinese with the embedded font on a machine without CJK system fonts', async () => {
    const env = noCjkSystemFonts();
    const embedded = renderer({ browserEnv: env });
    const bare = renderer({ browserEnv: env, embedFont: false });

    const report = await titleRegion(await embedded.renderPng(samplePage('销售日报汇总')));
    const ranking = await titleRegion(await embedded.renderPng(samplePage('团队业绩排行')));
    // Real glyphs: ink in the title box, and different characters draw differently.
    expect(inkPixels(report)).toBeGreaterThan(800);
    expect(differingPixels(report, ranking)).toBeGreaterThan(500);

    // Without the embedded font the same titles draw tofu: both boxes look alike.
    const bareReport = await titleRegion(await bare.renderPng(samplePage('销售日报汇总')));
    const bareRanking = await titleRegion(await bare.renderPng(samplePage('团队业绩排行')));
    expect(differingPixels(bareReport, bareRanking)).toBeLessThan(50);
    expect(differingPixels(report, bareReport)).toBeGreaterThan(500);
  });

  it('survives the browser being killed between renders', async () => {
    const r = renderer();
    await r.renderPng(samplePage());
    const browser = await r.currentBrowser();
    browser?.process()?.kill('SIGKILL');
    await new Promise<void>((resolve) => browser?.once('disconnected', () => resolve()));

    const png = await r.renderPng(samplePage());
    expect((await sharp(png).metadata()).width).toBe(800);
    expect(r.stats()).toMatchObject({ renders: 2, launches: 2, crashes: 1, failedAttempts: 0 });
  });

  it('retries a render whose browser is killed while the page is loading fonts', async () => {
    const fonts = createPackageFontLoader();
    let kills = 0;
    const killOnFirstFont: FontFileLoader = async (file) => {
      if (kills++ === 0) (await r.currentBrowser())?.process()?.kill('SIGKILL');
      return fonts(file);
    };
    const r = renderer({ fontLoader: killOnFirstFont });

    const png = await r.renderPng(samplePage());
    expect(png.length).toBeGreaterThan(20_000);
    expect(r.stats()).toMatchObject({ renders: 1, failedAttempts: 1, launches: 2, crashes: 1 });
  });

  it('times out a render that never settles and retries it once', async () => {
    const fonts = createPackageFontLoader();
    let hangs = 1;
    const hangOnce: FontFileLoader = (file) =>
      hangs-- > 0 ? new Promise<Buffer>(() => undefined) : fonts(file);
    const r = renderer({ fontLoader: hangOnce, timeoutMs: attemptBoundMs });

    const started = Date.now();
    const png = await r.renderPng(samplePage());
    expect(png.length).toBeGreaterThan(20_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(attemptBoundMs);
    expect(r.stats()).toMatchObject({ renders: 1, timeouts: 1, failedAttempts: 1, launches: 1 });
  });

  it('gives up after the retry also hangs, and keeps working afterwards', async () => {
    const fonts = createPackageFontLoader();
    let hanging = true;
    const r = renderer({
      fontLoader: (file) => (hanging ? new Promise<Buffer>(() => undefined) : fonts(file)),
      timeoutMs: attemptBoundMs,
    });

    await expect(r.renderPng(samplePage())).rejects.toThrow(/report render failed: .*timed out/);
    expect(r.stats()).toMatchObject({ renders: 0, timeouts: 2 });
    hanging = false;
    await expect(r.renderPng(samplePage())).resolves.toBeInstanceOf(Buffer);
  });

  it('replaces the browser every N renders and caps concurrent renders', async () => {
    const r = renderer({ relaunchAfterRenders: 3, concurrency: 2 });
    const pngs = await Promise.all([1, 2, 3, 4, 5].map(() => r.renderPng(samplePage())));
    expect(pngs.every((png) => png.length > 20_000)).toBe(true);
    expect(r.stats()).toMatchObject({ renders: 5, launches: 2, crashes: 0 });
    const pages = (await (await r.currentBrowser())?.pages()) ?? [];
    expect(pages.filter((p) => p.url().startsWith('https://fieldbot-report')).length).toBeLessThanOrEqual(2);
  });

  it('spreads renders over two long-lived browsers when asked, and a crash of one costs no render', async () => {
    const r = renderer({ browsers: 2, concurrency: 4 });
    const first = await Promise.all([1, 2, 3, 4].map(() => r.renderPng(samplePage())));
    expect(first.every((png) => png.length > 20_000)).toBe(true);
    expect(r.stats()).toMatchObject({ renders: 4, launches: 2, crashes: 0 });
    (await r.currentBrowser())?.process()?.kill('SIGKILL');
    const second = await Promise.all([1, 2, 3, 4].map(() => r.renderPng(samplePage())));
    expect(second.every((png) => png.length > 20_000)).toBe(true);
    expect(r.stats()).toMatchObject({ renders: 8, launches: 3, crashes: 1 });
  });

  it('says how to fix a missing Chromium', async () => {
    const r = renderer({ executablePath: '/nonexistent/chromium' });
    await expect(r.renderPng(samplePage())).rejects.toThrow(
      /cannot start Chromium at \/nonexistent\/chromium .*set CHROMIUM_PATH/,
    );
    expect(r.stats()).toMatchObject({ renders: 0, failedAttempts: 2, launches: 2 });
  });

  it('squeezes a PNG over the limit into a palette PNG, and refuses one that cannot fit', async () => {
    const full = await renderer().renderPng(samplePage());
    const limit = Math.floor(full.length * 0.8);
    const squeezed = await renderer({ maxBytes: limit }).renderPng(samplePage());
    expect(squeezed.length).toBeLessThanOrEqual(limit);
    expect((await sharp(squeezed).metadata()).format).toBe('png');

    const tiny = renderer({ maxBytes: 1_000 });
    await expect(tiny.renderPng(samplePage())).rejects.toThrow(/split the page/);
    expect(tiny.stats().failedAttempts).toBe(1);
  });
});
