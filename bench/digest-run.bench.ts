/**
 * 1,000 managers' digests composed, rendered and queued on a seeded database (issue 7: target ≤ 60 s on 2
 * cores). Runs the real `daily-digest` job against SQLite with the real renderer (one warm Chromium), and
 * reports CPU-seconds of Node and of Chromium's processes (steadier than wall time on a shared machine), the
 * renderer's phases, and the memory of the whole process tree (the run streams: a PNG per lane at most).
 *
 *   npx tsx bench/digest-run.bench.ts            # 1,000 managers × 5 reps
 *   BENCH_MANAGERS=100 npx tsx bench/digest-run.bench.ts
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import sharp from 'sharp';
import { createReportRenderer } from '../cards/render/report-renderer';
import { jobStoresOver } from '../bot/job-stores';
import { DEFAULT_PUSH_LANES, dailyDigestJob } from '../jobs/daily-digest.job';
import { Database } from '../storage/database';
import { applySeed } from '../storage/seed/seed-file';
import {
  DIGEST_RUN_AT,
  DIGEST_ZONE,
  digestSeed,
  seedDigestPunches,
} from '../tests/resilience/support/digest-faults';
import { TreeCpuTracker, treeMemory } from './proc-tree';

const MANAGERS = Number(process.env.BENCH_MANAGERS ?? 1000);
const REPS = Number(process.env.BENCH_REPS ?? 5);
const LANES = Number(process.env.BENCH_LANES ?? DEFAULT_PUSH_LANES);
const BROWSERS = Number(process.env.BENCH_BROWSERS ?? 1);
const SCALE = process.env.BENCH_SCALE ? Number(process.env.BENCH_SCALE) : undefined;
const RENDER_CONCURRENCY = process.env.BENCH_RENDER_CONCURRENCY
  ? Number(process.env.BENCH_RENDER_CONCURRENCY)
  : undefined;
const TENANT = 'wwbenchdigest001';
const ZONE = DIGEST_ZONE;
const RUN_AT = DIGEST_RUN_AT; // Tuesday 08:45: the digest for Monday 23rd
const TARGET_S = 60;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'fieldbot-digest-bench-'));
  const db = await Database.open(`sqlite:${join(dir, 'bench.sqlite')}`);
  const seedStart = Date.now();
  await applySeed(
    db,
    digestSeed(MANAGERS, REPS),
    { tenantId: TENANT, platform: 'wecom', timeZone: ZONE },
    new Date('2026-10-01T00:00:00Z'),
  );
  const punches = await seedDigestPunches(db, TENANT);
  console.log(
    `seeded ${MANAGERS} managers × ${REPS} reps, ${punches} punches in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`,
  );

  const real = createReportRenderer({
    deviceScaleFactor: SCALE,
    concurrency: RENDER_CONCURRENCY,
    browsers: BROWSERS,
  });
  let renderMs = 0;
  let samplePng: Buffer | undefined;
  // Times the renders apart from the rest (gathering, composing, queueing).
  const renderer = {
    async renderPng(page: Parameters<typeof real.renderPng>[0]) {
      const t = performance.now();
      try {
        const png = await real.renderPng(page);
        samplePng ??= png;
        return png;
      } finally {
        renderMs += performance.now() - t;
      }
    },
    close: () => real.close(),
  };
  // Warm: the browser launch is a start-up cost, not a per-digest one.
  await real.renderPng({ title: '预热', charts: [] });
  const logger = pino({ level: 'warn' });
  const deps = { ...jobStoresOver(db, ZONE), renderer, logger, onRepliesQueued: () => undefined };
  const memory: Array<{ node: number; chromium: number }> = [];
  const cpu = new TreeCpuTracker();
  const sampleMemory = () => {
    cpu.sample();
    const { nodeBytes, childrenBytes } = treeMemory();
    memory.push({ node: nodeBytes, chromium: childrenBytes });
  };
  sampleMemory();
  const sampler = setInterval(sampleMemory, 1000);
  const statsBefore = real.stats();
  const loadBefore = loadavg();

  const start = performance.now();
  await dailyDigestJob(LANES).run(deps, RUN_AT);
  const seconds = (performance.now() - start) / 1000;
  clearInterval(sampler);
  sampleMemory();
  const cpuUsed = cpu.sample();
  const loadAfter = loadavg();
  const stats = real.stats();

  const scalar = async (sql: string) =>
    Number(((await db.dataSource.query(sql)) as Array<{ v: number }>)[0]?.v ?? 0);
  const IMAGES = `FROM outbox_messages WHERE payload LIKE '{"kind":"image"%'`;
  const pushes = await scalar("SELECT COUNT(*) AS v FROM push_log WHERE kind = 'digest'");
  const images = await scalar(`SELECT COUNT(*) AS v ${IMAGES}`);
  // The payload is JSON around base64: ¾ of its length is about the PNG's size.
  const pngBytes = await scalar(`SELECT AVG(LENGTH(payload)) * 3 / 4 AS v ${IMAGES}`);
  await renderer.close();
  await db.close();

  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
  const perDigest = (ms: number) => `${(ms / MANAGERS).toFixed(0)} ms`;
  const nodeCpu = cpuUsed.nodeMs;
  const chromiumCpu = cpuUsed.childrenMs;
  const phase = (key: 'ssrMs' | 'placeMs' | 'captureMs') => stats[key] - statsBefore[key];
  const meta = samplePng ? await sharp(samplePng).metadata() : undefined;
  // Steady state: the second half of the run (the first samples include the warm-up's growth).
  const steady = memory.slice(Math.floor(memory.length / 2));
  const total = (m: { node: number; chromium: number }) => m.node + m.chromium;
  const maxOf = (rows: typeof memory, f: (m: (typeof memory)[number]) => number) => Math.max(...rows.map(f));
  console.log(
    `digests: ${pushes} recorded, ${images} images queued (PNG ${meta?.width}×${meta?.height} at pixel ratio ${SCALE ?? '1.5 (default)'}, mean ≈ ${(pngBytes / 1024).toFixed(0)} KB)`,
  );
  console.log(
    `run (${LANES} lanes, render concurrency ${RENDER_CONCURRENCY ?? '3 (default)'}, ${BROWSERS} browser(s)): ${seconds.toFixed(1)} s for ${MANAGERS} managers = ${((seconds * 1000) / MANAGERS).toFixed(0)} ms each (target ≤ ${TARGET_S} s for 1,000)`,
  );
  console.log(
    `CPU: Node ${(nodeCpu / 1000).toFixed(1)} s (${perDigest(nodeCpu)} a digest), Chromium ${(chromiumCpu / 1000).toFixed(1)} s (${perDigest(chromiumCpu)} a digest); ${((nodeCpu + chromiumCpu) / 1000 / seconds).toFixed(2)} cores busy on average`,
  );
  console.log(
    `wall per digest, summed over concurrent work: render ${perDigest(renderMs)} (SSR in Node ${perDigest(phase('ssrMs'))}, place + layout ${perDigest(phase('placeMs'))}, capture ${perDigest(phase('captureMs'))}); the rest (team, gather, compose, queue) ≈ ${perDigest(seconds * 1000 * LANES - renderMs)}`,
  );
  console.log(
    `memory (Node RSS, Chromium private RSS summed over its processes): Node ${mb(memory[0]?.node ?? 0)} before, max ${mb(maxOf(memory, (m) => m.node))}, steady ${mb(maxOf(steady, (m) => m.node))}; Chromium ${mb(memory[0]?.chromium ?? 0)} before, max ${mb(maxOf(memory, (m) => m.chromium))}, steady ${mb(maxOf(steady, (m) => m.chromium))}; together max ${mb(maxOf(memory, total))}`,
  );
  console.log(
    `browser launches ${stats.launches}, crashes ${stats.crashes}; load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${loadAfter.map((l) => l.toFixed(2)).join(' ')}`,
  );
  if (process.env.BENCH_SAMPLE_OUT && samplePng) writeFileSync(process.env.BENCH_SAMPLE_OUT, samplePng);
  if (pushes !== MANAGERS || images !== MANAGERS) {
    console.error('not every manager got a digest with an image');
    process.exitCode = 1;
  }
}

void main();
