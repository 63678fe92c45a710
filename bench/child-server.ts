import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface ChildServer {
  url: string;
  pid: number;
  /** CPU seconds the server process has used so far (user + system). */
  cpuSeconds(): number;
  /** Starts, then stops and writes, the server's CPU profile (when started with BENCH_PROFILE_DIR). */
  toggleProfiler(): void;
  stop(): Promise<void>;
}

/** Linux clock ticks per second for /proc/<pid>/stat (USER_HZ, 100 on every mainstream kernel). */
const CLOCK_TICKS = 100;

/** CPU seconds of a process from /proc (fields 14 and 15: utime, stime); wall time lies on a shared box. */
export function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** Starts a bench/ entry in its own Node process and waits for its `READY <url>` line. */
export async function startChild(
  entry: string,
  env: NodeJS.ProcessEnv,
  nodeArgs: string[] = [],
): Promise<ChildServer> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', join(__dirname, entry)], {
    env: { ...env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    // Generous: a start runs the migrations and imports the seed (the e2e bench's has 2,000 people).
    const timer = setTimeout(() => reject(new Error(`${entry} did not print READY within 180 s`)), 180_000);
    const onExit = (code: number | null): void =>
      reject(new Error(`${entry} exited (${code}) before it was ready`));
    child.once('exit', onExit);
    if (!child.stdout) throw new Error('spawned without a stdout pipe');
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('READY ')) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(line.slice('READY '.length).trim());
      } else {
        process.stdout.write(`[${entry}] ${line}\n`);
      }
    });
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${entry} has no pid`);
  return {
    url,
    pid,
    cpuSeconds: () => processCpuSeconds(pid),
    toggleProfiler: () => void (env.BENCH_PROFILE_DIR && child.kill('SIGUSR2')),
    stop: () => stopChild(child),
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}
