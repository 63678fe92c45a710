import { displayName, type UserProfile } from '../../domain/org/user';
import type { ReportFacts } from '../../domain/reports/facts';
import type { DailyReportStore } from '../../domain/reports/ports';

/** People of a team expected to write a 日报 on `date`: at work that day (rest days and full leave excused). */
export async function expectedAuthors(
  facts: ReportFacts,
  team: UserProfile[],
  date: string,
  asOf: Date,
): Promise<UserProfile[]> {
  const attendance = facts.attendance;
  if (!attendance || team.length === 0) return team;
  const days = await attendance.days(
    team[0]?.tenantId ?? '',
    team.map((p) => p.id),
    { from: date, to: date },
    asOf,
  );
  return team.filter((p) => days.some((d) => d.userId === p.id && d.isWorkday && !d.onLeave));
}

/**
 * A team's 日报 for `date`: everyone who submitted one (on a rest day or on leave too), and separately who
 * was expected (at work that day) and has not.
 */
export async function teamSubmissions(
  sources: { facts: ReportFacts; dailyReports: Pick<DailyReportStore, 'submittedOn'> },
  team: UserProfile[],
  date: string,
  asOf: Date,
): Promise<{ submitted: string[]; expected: number; missing: string[] }> {
  if (team.length === 0) return { submitted: [], expected: 0, missing: [] };
  const done = await sources.dailyReports.submittedOn(
    team[0]?.tenantId ?? '',
    team.map((p) => p.id),
    date,
  );
  const expected = await expectedAuthors(sources.facts, team, date, asOf);
  return {
    submitted: team.filter((p) => done.has(p.id)).map(displayName),
    expected: expected.length,
    missing: expected.filter((p) => !done.has(p.id)).map(displayName),
  };
}
