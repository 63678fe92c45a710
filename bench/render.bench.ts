import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import puppeteer from 'puppeteer-core';
import sharp from 'sharp';
import { renderChartSvg } from '../cards/render/chart-svg';
import type { ReportPage } from '../cards/render/report-page';
import { CONTAINER_CHROMIUM_ARGS, createReportRenderer } from '../cards/render/report-renderer';
import { chartWidth, DEFAULT_LAYOUT } from '../cards/render/report-html';
import { sampleDigestPage } from './sample-report-pages';

/**
 * `npm run bench:render`: the manager digest PNG for a 50-rep team (5 charts), rendered warm by the
 * report renderer, against a naive renderer that launches a browser per chart in the same run.
 * Targets (issue 7, "Performance"): warm median ≤ 150 ms, naive / warm ≥ 5×.
 *
 * Environment: BENCH_RENDERS (30) timed warm renders after BENCH_WARMUP (3); BENCH_NAIVE_RUNS (3);
 * BENCH_SCALE (1.5, the renderer's default pixel ratio); BENCH_THROUGHPUT (40) pages rendered at once
 * through the concurrency cap (0 skips); BENCH_SAMPLE_OUT, a path for the last PNG.
 */

const renders = numberFromEnv('BENCH_RENDERS', 30);
const warmup = numberFromEnv('BENCH_WARMUP', 3);
const naiveRuns = numberFromEnv('BENCH_NAIVE_RUNS', 3);
const scale = numberFromEnv('BENCH_SCALE', 1.5);
const throughputPages = numberFromEnv('BENCH_THROUGHPUT', 40);
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function main(): Promise<void> {
  const page = sampleDigestPage(50);
  const loadBefore = loadavg();

  const renderer = createReportRenderer({ deviceScaleFactor: scale });
  const coldStarted = performance.now();
  let png = await renderer.renderPng(page);
  const coldMs = performance.now() - coldStarted;
  for (let i = 1; i < warmup; i++) await renderer.renderPng(page);
  const browserPid = (await renderer.currentBrowser())?.process()?.pid;
  const warmMs: number[] = [];
  const warmCpuBefore = cpuMsOf(browserPid);
  for (let i = 0; i < renders; i++) {
    const started = performance.now();
    png = await renderer.renderPng(page);
    warmMs.push(performance.now() - started);
  }
  const warmCpuPerRender = (cpuMsOf(browserPid) - warmCpuBefore) / renders;
  let pagesPerSecond: number | null = null;
  if (throughputPages > 0) {
    const started = performance.now();
    await Promise.all(Array.from({ length: throughputPages }, () => renderer.renderPng(page)));
    pagesPerSecond = throughputPages / ((performance.now() - started) / 1000);
  }
  await renderer.close();

  const naiveMs: number[] = [];
  const naiveCpuBefore = cpuMsOf(undefined);
  for (let i = 0; i < naiveRuns; i++) {
    const started = performance.now();
    await renderNaively(page);
    naiveMs.push(performance.now() - started);
  }
  const naiveCpuPerRender = (cpuMsOf(undefined) - naiveCpuBefore) / naiveRuns;

  const warm = summarise(warmMs);
  const naive = summarise(naiveMs);
  const ratio = naive.median / warm.median;
  const meta = await sharp(png).metadata();
  console.log(
    `render: digest for 50 reps, ${page.charts.length} charts → PNG ${meta.width}×${meta.height}, ${kb(png.length)} (scale ${scale})`,
  );
  console.log(
    `  warm  (one browser, warm page): median ${ms(warm.median)}  p95 ${ms(warm.p95)}  min ${ms(warm.min)}  max ${ms(warm.max)}  over ${renders}   target median ≤ 150 ms  ${warm.median <= 150 ? 'MET' : 'NOT MET'}`,
  );
  console.log(`  cold  (first render, launches Chromium): ${ms(coldMs)}`);
  console.log(
    `  CPU per digest (this process + Chromium, less sensitive to other load): warm ${ms(warmCpuPerRender)}, naive ${ms(naiveCpuPerRender)}`,
  );
  console.log(
    `  naive (a browser per chart):    median ${ms(naive.median)}  min ${ms(naive.min)}  max ${ms(naive.max)}  over ${naiveRuns}`,
  );
  console.log(`  naive / warm = ${ratio.toFixed(1)}×   target ≥ 5×  ${ratio >= 5 ? 'MET' : 'NOT MET'}`);
  if (pagesPerSecond !== null) {
    console.log(
      `  throughput: ${throughputPages} pages queued at once, default concurrency (3) → ${pagesPerSecond.toFixed(1)} pages/s`,
    );
  }
  const loadAfter = loadavg();
  console.log(
    `  ${cpus().length} cpus (${cpus()[0]?.model ?? 'unknown'}), load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${loadAfter.map((l) => l.toFixed(2)).join(' ')}`,
  );

  const results = {
    at: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model, loadBefore, loadAfter },
    options: { renders, warmup, naiveRuns, scale, throughputPages },
    png: { width: meta.width, height: meta.height, bytes: png.length },
    warmMs: warm,
    coldMs,
    naiveMs: naive,
    cpuMsPerDigest: { warm: warmCpuPerRender, naive: naiveCpuPerRender },
    ratio,
    pagesPerSecond,
  };
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(join(__dirname, 'results', 'render-latest.json'), JSON.stringify(results, null, 2));
  if (process.env.BENCH_SAMPLE_OUT) writeFileSync(process.env.BENCH_SAMPLE_OUT, png);
}

/**
 * The straightforward way: for each chart, launch Chromium, load a page with the chart's SVG, screenshot
 * it, close the browser; then stack the chart images with sharp. It uses the system's CJK font (no web
 * font to load), which only flatters it.
 */
async function renderNaively(page: ReportPage): Promise<Buffer> {
  const width = DEFAULT_LAYOUT.width;
  const shots: Buffer[] = [];
  for (const chart of page.charts) {
    const svg = renderChartSvg(
      chart.option,
      { width: chartWidth(DEFAULT_LAYOUT, false), height: chart.height },
      'sans-serif',
    );
    const browser = await puppeteer.launch({
      executablePath,
      headless: true,
      args: CONTAINER_CHROMIUM_ARGS,
    });
    try {
      const tab = await browser.newPage();
      await tab.setViewport({ width, height: chart.height + 60, deviceScaleFactor: scale });
      await tab.setContent(
        `<html><body style="margin:0;padding:12px 36px;font-family:sans-serif"><h2 style="margin:0 0 8px;font-size:16px">${chart.title}</h2>${svg}</body></html>`,
      );
      shots.push(Buffer.from(await tab.screenshot({ type: 'png' })));
    } finally {
      await browser.close();
    }
  }
  const heights = await Promise.all(shots.map(async (shot) => (await sharp(shot).metadata()).height));
  let top = 0;
  const layers = shots.map((input, i) => {
    const layer = { input, top, left: 0 };
    top += heights[i] ?? 0;
    return layer;
  });
  return sharp({
    create: { width: width * scale, height: top, channels: 3, background: '#ffffff' },
  })
    .composite(layers)
    .png()
    .toBuffer();
}

/**
 * CPU milliseconds (user + system) used so far by this process, the children it has reaped (each naive
 * Chromium, with its own reaped helpers), and the live process tree under `browserPid`. Read from
 * /proc (Linux), in clock ticks of 10 ms.
 */
function cpuMsOf(browserPid: number | undefined): number {
  const TICK_MS = 10;
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      // After the command: state ppid … utime(12) stime(13) cutime(14) cstime(15), counted from state = 0.
      const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
      stats.set(Number(entry), { ppid: Number(fields[1]), ticks });
    } catch {
      // the process ended while we looked
    }
  }
  const tree = new Set<number>(browserPid === undefined ? [] : [browserPid]);
  for (let grown = true; grown;) {
    grown = false;
    for (const [pid, stat] of stats) {
      if (!tree.has(pid) && tree.has(stat.ppid)) {
        tree.add(pid);
        grown = true;
      }
    }
  }
  let ticks = stats.get(process.pid)?.ticks ?? 0;
  for (const pid of tree) ticks += stats.get(pid)?.ticks ?? 0;
  return ticks * TICK_MS;
}

function summarise(times: number[]): { median: number; p95: number; min: number; max: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * q) - 1)] ?? NaN;
  return { median: at(0.5), p95: at(0.95), min: sorted[0] ?? NaN, max: sorted.at(-1) ?? NaN };
}

function ms(value: number): string {
  return `${value.toFixed(0)} ms`;
}

function kb(bytes: number): string {
  return `${Math.round(bytes / 1024)} KB`;
}

function numberFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value >= 0 && process.env[name] !== '' && process.env[name] !== undefined
    ? value
    : fallback;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
