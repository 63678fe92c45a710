import type { QueryRunner } from 'typeorm';
import { zonedTimeToUtc } from '../../domain/attendance/calendar';

export const SCALE_TENANT = 'wwscale000000001';
export const SCALE_ZONE = 'Asia/Shanghai';
/** Shenzhen, roughly: where the customers and the punches are. */
export const SCALE_AREA = { minLat: 22.45, maxLat: 22.85, minLng: 113.75, maxLng: 114.35 };

const BATCH_ROWS = 1000;

export interface ScaleOrg {
  adminId: number;
  /** Region manager → everyone below them (5 team managers + 50 reps). */
  regionManagers: number[];
  /** Team manager → their 10 reps. */
  teamManagers: number[];
  reps: number[];
  departmentOf: Map<number, number>;
}

/** mulberry32: the same dataset on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What every part of the seed draws on: the connection, the random source and the year's calendar. */
export interface SeedContext {
  runner: QueryRunner;
  T: string;
  rnd: () => number;
  int: (min: number, max: number) => number;
  pick: <V>(items: readonly V[]) => V;
  /** `minutes` after midnight of `day` in the tenant's zone. */
  at: (day: string, minutes: number) => Date;
  now: Date;
  firstDay: string;
  lastDay: string;
  workdays: string[];
  yearStart: Date;
}

export function seedContext(
  runner: QueryRunner,
  now: Date,
  calendar: { firstDay: string; lastDay: string; workdays: string[] },
): SeedContext {
  const rnd = seededRandom(9);
  const at = (day: string, minutes: number): Date =>
    new Date(zonedTimeToUtc(day, '00:00', SCALE_ZONE).getTime() + minutes * 60_000);
  return {
    runner,
    T: SCALE_TENANT,
    rnd,
    int: (min, max) => min + Math.floor(rnd() * (max - min + 1)),
    pick: (items) => items[Math.floor(rnd() * items.length)] as (typeof items)[number],
    at,
    now,
    ...calendar,
    yearStart: at(calendar.firstDay, 0),
  };
}

export /** Rows of one table, flushed as multi-row INSERTs of BATCH_ROWS. */
class Writer {
  private rows: unknown[][] = [];
  count = 0;

  constructor(
    private readonly runner: QueryRunner,
    private readonly table: string,
    /** Column names, separated by spaces. */
    private readonly columnList: string,
  ) {}

  private get columns(): string[] {
    return this.columnList.split(' ');
  }

  async add(row: unknown[]): Promise<void> {
    this.rows.push(row);
    this.count += 1;
    if (this.rows.length >= BATCH_ROWS) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.rows.length === 0) return;
    const one = `(${this.columns.map(() => '?').join(',')})`;
    const sql = `INSERT INTO ${this.table} (${this.columns.join(',')}) VALUES ${this.rows.map(() => one).join(',')}`;
    const params = this.rows.flat();
    this.rows = [];
    await this.runner.query(sql, params);
  }
}
