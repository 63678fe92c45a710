import { localDateOf } from '../../domain/attendance/calendar';
import type { Reach } from '../../domain/org/reach';
import type { UserProfile } from '../../domain/org/user';
import type { TargetMeasure } from '../../domain/reports/facts';
import type { FigurePeriod } from '../../domain/reports/figure-period';
import { standingOf, type Standing } from '../../domain/reports/standing';
import type { HandlerContext } from '../context';
import { readerReach, reachFor } from '../reach';
import { personOf } from '../use-cases/reports';

/** The department whose own target is a reader's team target: a manager's; none for an admin's company. */
export function teamDepartmentOf(reader: UserProfile, reach: Reach): number | null {
  return reach.kind === 'own' || reader.role === 'admin' ? null : reader.departmentId;
}

/** Today in the tenant's calendar. */
export function todayIn(ctx: HandlerContext): string {
  return localDateOf(ctx.now, ctx.timeZone);
}

/** The current user's team (their reach, themselves excluded) standing on `measure` over `period`. */
export async function myTeamStanding(
  ctx: HandlerContext,
  measure: TargetMeasure,
  period: FigurePeriod,
): Promise<{ team: UserProfile[]; standing: Standing | null }> {
  const { reach, team } = await reachFor(ctx);
  return { team, standing: await teamStandingOf(ctx, ctx.user, reach, team, measure, period) };
}

/**
 * Where `person` stands in the team of the one who leads them (their manager's 团队排行): the same rows the
 * manager sees. Null when nobody leads them or the team has one person.
 */
export async function standingInLeadersTeam(
  ctx: HandlerContext,
  person: UserProfile,
  period: FigurePeriod,
): Promise<{ rank: number; of: number } | null> {
  const leader = await ctx.stores.org.leaderOf(person);
  if (!leader) return null;
  const { reach, team } = await readerReach({ org: ctx.stores.org, people: ctx.stores.people }, leader);
  if (team.length < 2) return null;
  const standing = await teamStandingOf(ctx, leader, reach, team, 'order_amount', period);
  const row = standing?.rows.find((r) => r.userId === person.id);
  return row ? { rank: row.rank, of: team.length } : null;
}

function teamStandingOf(
  ctx: HandlerContext,
  reader: UserProfile,
  reach: Reach,
  team: UserProfile[],
  measure: TargetMeasure,
  period: FigurePeriod,
): Promise<Standing | null> {
  return standingOf(ctx.stores.reportFacts, {
    tenantId: reader.tenantId,
    timeZone: ctx.timeZone,
    people: team.map(personOf),
    departmentId: teamDepartmentOf(reader, reach),
    measure,
    period,
  });
}
