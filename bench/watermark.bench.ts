import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { preparePhoto, stampPrepared } from '../cards/watermark';

/** Checks, decodes and stamps, as the photo intake does. */
const stampWatermark = async (image: Buffer, lines: string[]) =>
  stampPrepared(await preparePhoto(image), lines);

/**
 * `npx tsx bench/watermark.bench.ts`: time to stamp photo evidence (decode, orient, band + CJK text, JPEG
 * encode) on an 800×600 JPEG, one stamp at a time as a handler does it. docs/architecture.md "Performance notes"
 * expects about 70 ms with a CJK font installed.
 *
 * Environment: BENCH_STAMPS (50) timed stamps after BENCH_WARMUP (3) untimed ones (the first
 * is reported as the cold stamp); BENCH_SAMPLE_OUT, a path
 * to write the last stamped JPEG to, to look at.
 */

const stamps = numberFromEnv('BENCH_STAMPS', 50);
const warmup = numberFromEnv('BENCH_WARMUP', 3);
const LINES = ['张三', '2026-11-23 09:02', '华为深圳 · 深圳市龙岗区坂田街道'];

async function main(): Promise<void> {
  const photo = await photoLikeJpeg(800, 600);
  let last: Buffer = photo;
  // The first stamp in a process also loads fontconfig's font list; a handler pays it once.
  const coldStarted = performance.now();
  await stampWatermark(photo, LINES);
  const coldMs = performance.now() - coldStarted;
  for (let i = 1; i < warmup; i++) await stampWatermark(photo, LINES);

  const timesMs: number[] = [];
  for (let i = 0; i < stamps; i++) {
    const started = performance.now();
    last = (await stampWatermark(photo, LINES)).jpeg;
    timesMs.push(performance.now() - started);
  }

  const sorted = [...timesMs].sort((a, b) => a - b);
  const mean = timesMs.reduce((sum, t) => sum + t, 0) / timesMs.length;
  const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? NaN;
  console.log(
    `watermark: ${stamps} stamps of an 800×600 JPEG (${kb(photo.length)} in, ${kb(last.length)} out)`,
  );
  console.log(
    `  mean ${mean.toFixed(1)} ms   p95 ${p95.toFixed(1)} ms   min ${(sorted[0] ?? NaN).toFixed(1)} ms   max ${(sorted.at(-1) ?? NaN).toFixed(1)} ms`,
  );
  console.log(`  first stamp in the process (cold) ${coldMs.toFixed(1)} ms`);
  console.log(
    `  ${cpus().length} cpus (${cpus()[0]?.model ?? 'unknown'}), libvips ${sharp.versions.vips}, sharp concurrency ${sharp.concurrency()}`,
  );
  if (process.env.BENCH_SAMPLE_OUT) writeFileSync(process.env.BENCH_SAMPLE_OUT, last);
}

/** A gradient with grain, so the JPEG costs about what a phone photo of that size does (≈ 100 KB). */
async function photoLikeJpeg(width: number, height: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  let seed = 42;
  const grain = () => {
    seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
    return (seed % 41) - 20;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      pixels[i] = clampByte((255 * x) / width + grain());
      pixels[i + 1] = clampByte((255 * y) / height + grain());
      pixels[i + 2] = clampByte(140 + grain());
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

function clampByte(value: number): number {
  return Math.max(0, Math.min(255, Math.round(value)));
}

function kb(bytes: number): string {
  return `${Math.round(bytes / 1024)} KB`;
}

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive whole number, got "${raw}"`);
  return value;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
