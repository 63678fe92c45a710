import type { AttendanceDayFact, Period, ReportFacts } from '../../../domain/reports/facts';
import { batchedFacts } from '../../../jobs/reports/batched-facts';

/** Facts whose per-rep answers are a function of the rep and the arguments, counting the reads. */
function fakeFacts() {
  const reads: string[] = [];
  const figure = (id: number, salt: string) => (id * 31 + salt.length * 7) % 13; // 0 for some reps
  const perRep = (name: string, ids: number[], salt: string) => {
    reads.push(`${name}:${ids.length}`);
    return new Map(ids.filter((id) => figure(id, salt) > 0).map((id) => [id, figure(id, salt)]));
  };
  const facts: ReportFacts = {
    visits: {
      countByRep: async (_t, ids, p) => perRep('visits', ids, p.from.toISOString()),
      listForRep: async () => [],
      followUpsDue: async (_t, ids) => {
        reads.push(`followUps:${ids.length}`);
        return ids.map((id) => ({
          customerId: id,
          customerName: `c${id}`,
          ownerUserId: id,
          dueDate: '2026-11-23',
          overdueDays: id % 3,
        }));
      },
    },
    customers: {
      newByRep: async (_t, ids, p) => perRep('new', ids, p.to.toISOString()),
      ownedByRep: async (_t, ids) => perRep('owned', ids, 'owned'),
      lostByRep: async () => new Map(),
      listNewForRep: async () => [],
    },
    dailyReports: {
      submittedOn: async (_t, ids, date) => {
        reads.push(`reports:${ids.length}`);
        return new Set(ids.filter((id) => (id + date.length) % 2 === 0));
      },
    },
    attendance: {
      days: async (_t, ids, range) => {
        reads.push(`attendance:${ids.length}`);
        return ids.flatMap((id) =>
          [range.from, range.to].map((workDate) => ({ userId: id, workDate }) as AttendanceDayFact),
        );
      },
    },
  };
  return { facts, reads };
}

const DAY: Period = { from: new Date('2026-11-22T16:00:00Z'), to: new Date('2026-11-23T16:00:00Z') };
const MONTH: Period = { from: new Date('2026-10-31T16:00:00Z'), to: new Date('2026-11-23T16:00:00Z') };
const teams = [[1, 2, 3], [4, 5], [2, 6, 7, 8], [9]];

describe('facts read once for a batch of teams', () => {
  it('gives each team exactly what a read for that team alone gives', async () => {
    const direct = fakeFacts();
    const batched = fakeFacts();
    const facts = batchedFacts(batched.facts, teams.flat());
    for (const team of teams) {
      for (const period of [DAY, MONTH]) {
        expect(await facts.visits?.countByRep('t', team, period)).toEqual(
          await direct.facts.visits?.countByRep('t', team, period),
        );
        expect(await facts.customers?.newByRep('t', team, period)).toEqual(
          await direct.facts.customers?.newByRep('t', team, period),
        );
      }
      expect(await facts.customers?.ownedByRep('t', team)).toEqual(
        await direct.facts.customers?.ownedByRep('t', team),
      );
      const asOf = new Date('2026-11-23T16:00:00Z');
      expect(await facts.visits?.followUpsDue('t', team, asOf)).toEqual(
        await direct.facts.visits?.followUpsDue('t', team, asOf),
      );
      expect(await facts.dailyReports?.submittedOn('t', team, '2026-11-23')).toEqual(
        await direct.facts.dailyReports?.submittedOn('t', team, '2026-11-23'),
      );
      const range = { from: '2026-11-01', to: '2026-11-23' };
      expect(await facts.attendance?.days('t', [...team].reverse(), range, asOf)).toEqual(
        await direct.facts.attendance?.days('t', [...team].reverse(), range, asOf),
      );
    }
    // One read of each kind and arguments for the whole batch, for all 9 reps.
    expect(batched.reads.sort()).toEqual(
      [
        'attendance:9',
        'followUps:9',
        'new:9',
        'new:9',
        'owned:9',
        'reports:9',
        'visits:9',
        'visits:9',
      ].sort(),
    );
  });

  it('reads directly for reps outside the batch', async () => {
    const batched = fakeFacts();
    const facts = batchedFacts(batched.facts, [1, 2]);
    await facts.customers?.ownedByRep('t', [1, 2, 3]);
    expect(batched.reads).toEqual(['owned:3']);
  });
});
