import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU and memory of this process and the processes it started (Chromium's browser, zygotes, renderers and
 * GPU/utility processes, including ones relaunched mid-run), from /proc (Linux). CPU counts what each live
 * process used, plus what exited children used once reaped (`cutime`/`cstime`), so a browser killed or
 * retired mid-run still counts.
 */
export interface TreeCpu {
  /** This Node process alone (user + system), ms. */
  nodeMs: number;
  /** Everything below it: Chromium, live and reaped, ms. */
  childrenMs: number;
}

const TICK_MS = 10; // USER_HZ = 100 on Linux

interface ProcStat {
  ppid: number;
  selfTicks: number;
  reapedTicks: number;
}

function readStats(): Map<number, ProcStat> {
  const stats = new Map<number, ProcStat>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // After "pid (comm) ": state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14).
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(entry), {
        ppid: Number(fields[1]),
        selfTicks: Number(fields[11]) + Number(fields[12]),
        reapedTicks: Number(fields[13]) + Number(fields[14]),
      });
    } catch {
      // it ended while we looked
    }
  }
  return stats;
}

function descendants(stats: Map<number, ProcStat>, root: number): Set<number> {
  const tree = new Set<number>([root]);
  for (let grown = true; grown;) {
    grown = false;
    for (const [pid, stat] of stats) {
      if (!tree.has(pid) && tree.has(stat.ppid)) {
        tree.add(pid);
        grown = true;
      }
    }
  }
  tree.delete(root);
  return tree;
}

/**
 * CPU used by this process and by every process below it seen since the tracker started, including ones
 * that have since exited (a browser relaunched or killed mid-run: its children are reparented and never
 * reaped by us, so `cutime` alone would lose them). Call `sample()` often (every ≤ 0.5 s): a process that
 * exits between two samples loses what it used since the last one.
 */
export class TreeCpuTracker {
  private readonly startTicks = new Map<number, number>();
  private readonly lastTicks = new Map<number, number>();
  private nodeStart: number;
  private nodeLast: number;

  constructor(private readonly root = process.pid) {
    const stats = readStats();
    this.nodeStart = this.nodeLast = stats.get(root)?.selfTicks ?? 0;
    for (const pid of descendants(stats, root)) this.startTicks.set(pid, stats.get(pid)?.selfTicks ?? 0);
  }

  sample(): TreeCpu {
    const stats = readStats();
    this.nodeLast = stats.get(this.root)?.selfTicks ?? this.nodeLast;
    for (const pid of descendants(stats, this.root)) {
      const ticks = stats.get(pid)?.selfTicks ?? 0;
      if (!this.startTicks.has(pid)) this.startTicks.set(pid, 0);
      this.lastTicks.set(pid, Math.max(ticks, this.lastTicks.get(pid) ?? 0));
    }
    let childrenTicks = 0;
    for (const [pid, last] of this.lastTicks) childrenTicks += last - (this.startTicks.get(pid) ?? 0);
    return { nodeMs: (this.nodeLast - this.nodeStart) * TICK_MS, childrenMs: childrenTicks * TICK_MS };
  }
}

/** Resident memory of one process from /proc/<pid>/status (cheap to read, unlike smaps): all, and private (anonymous). */
function residentOf(pid: number): { rss: number; anon: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) =>
      Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { rss: kb('VmRSS'), anon: kb('RssAnon') };
  } catch {
    return { rss: 0, anon: 0 };
  }
}

/**
 * Memory of this process (RSS) and of its descendants: the sum of their private (anonymous) resident memory,
 * so the pages Chromium's processes share (its binary, fonts, shared memory) are not counted once per process.
 */
export function treeMemory(root = process.pid): { nodeBytes: number; childrenBytes: number } {
  let childrenBytes = 0;
  for (const pid of descendants(readStats(), root)) childrenBytes += residentOf(pid).anon;
  return { nodeBytes: residentOf(root).rss, childrenBytes };
}

/** Pids of the live processes below `root` whose command line starts with `binary` (e.g. Chromium's). */
export function childProcesses(root: number, binary: string): number[] {
  return [...descendants(readStats(), root)].filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith(binary);
    } catch {
      return false;
    }
  });
}
