/**
 * 1,000 managers' digests composed, rendered and queued on a seeded database (issue 7: target ≤ 60 s on 2
 * cores). Runs the real `daily-digest` job against SQLite with the real renderer (one warm Chromium), and
 * samples the process's memory to show the run streams: one PNG at a time, never a thousand.
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
import { addDays, isoWeekdayOf, zonedTimeToUtc } from '../domain/attendance/calendar';
import { DEFAULT_PUSH_LANES, dailyDigestJob } from '../jobs/daily-digest.job';
import { Database } from '../storage/database';
import { PunchEntity, type PunchRow } from '../storage/entities/punch.entity';
import { createRepositories } from '../storage/repositories';
import { applySeed, seedFileSchema, type SeedFile } from '../storage/seed/seed-file';
import { TreeCpuTracker, treeMemory } from './proc-tree';

const MANAGERS = Number(process.env.BENCH_MANAGERS ?? 1000);
const REPS = Number(process.env.BENCH_REPS ?? 5);
const LANES = Number(process.env.BENCH_LANES ?? DEFAULT_PUSH_LANES);
const SCALE = process.env.BENCH_SCALE ? Number(process.env.BENCH_SCALE) : undefined;
const RENDER_CONCURRENCY = process.env.BENCH_RENDER_CONCURRENCY
  ? Number(process.env.BENCH_RENDER_CONCURRENCY)
  : undefined;
const TENANT = 'wwbenchdigest001';
const ZONE = 'Asia/Shanghai';
const RUN_AT = new Date('2026-11-24T00:45:00Z'); // Tuesday 08:45: the digest for Monday 23rd
const TARGET_S = 60;

function seedFile(): SeedFile {
  const departments = Array.from({ length: MANAGERS }, (_, i) => ({ key: `d${i}`, name: `销售${i}组` }));
  const users = departments.flatMap((d, i) => [
    { userId: `m${i}`, name: `主管${i}`, role: 'manager' as const, department: d.key },
    ...Array.from({ length: REPS }, (_, j) => ({
      userId: `r${i}_${j}`,
      name: `销售${i}-${j}`,
      role: 'rep' as const,
      department: d.key,
    })),
  ]);
  return seedFileSchema.parse({ departments, users });
}

/** Every rep punches each workday of November to date; one in seven is late, one in eleven forgets to punch out. */
async function seedPunches(db: Database): Promise<number> {
  const reps = (await createRepositories(db.manager).users.findActiveInTenant(TENANT)).filter(
    (u) => u.role === 'rep',
  );
  const rows: Array<Omit<PunchRow, 'id'>> = [];
  for (let date = '2026-11-02'; date <= '2026-11-23'; date = addDays(date, 1)) {
    if (isoWeekdayOf(date) > 5) continue;
    for (const rep of reps) {
      const late = (rep.id + date.charCodeAt(9)) % 7 === 0 ? 12 : 0;
      const base = {
        tenantId: TENANT,
        userId: rep.id,
        workDate: date,
        lat: 22.6,
        lng: 114.1,
        precisionM: 20,
        source: 'device',
        placeName: null,
        insideGeofence: false,
        isField: true,
        distanceM: null,
        earlyMinutes: 0,
        flags: '',
        locationShareId: null,
      };
      const inAt = zonedTimeToUtc(date, late ? '09:12' : '08:55', ZONE);
      rows.push({
        ...base,
        kind: 'in',
        punchedAt: inAt,
        status: late ? 'late' : 'normal',
        lateMinutes: late,
        createdAt: inAt,
      });
      if ((rep.id + date.charCodeAt(9)) % 11 !== 0) {
        const outAt = zonedTimeToUtc(date, '18:05', ZONE);
        rows.push({
          ...base,
          kind: 'out',
          punchedAt: outAt,
          status: 'normal',
          lateMinutes: 0,
          createdAt: outAt,
        });
      }
    }
  }
  for (let i = 0; i < rows.length; i += 500)
    await db.transaction((m) =>
      m
        .createQueryBuilder()
        .insert()
        .into(PunchEntity)
        .values(rows.slice(i, i + 500))
        .execute(),
    );
  return rows.length;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'fieldbot-digest-bench-'));
  const db = await Database.open(`sqlite:${join(dir, 'bench.sqlite')}`);
  const seedStart = Date.now();
  await applySeed(
    db,
    seedFile(),
    { tenantId: TENANT, platform: 'wecom', timeZone: ZONE },
    new Date('2026-10-01T00:00:00Z'),
  );
  const punches = await seedPunches(db);
  console.log(
    `seeded ${MANAGERS} managers × ${REPS} reps, ${punches} punches in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`,
  );

  const real = createReportRenderer({
    deviceScaleFactor: SCALE,
    concurrency: RENDER_CONCURRENCY,
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
  const deps = { db, renderer, logger, defaultTimeZone: ZONE, onRepliesQueued: () => undefined };
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
    `run (${LANES} lanes, render concurrency ${RENDER_CONCURRENCY ?? '2 (default)'}): ${seconds.toFixed(1)} s for ${MANAGERS} managers = ${((seconds * 1000) / MANAGERS).toFixed(0)} ms each (target ≤ ${TARGET_S} s for 1,000)`,
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
