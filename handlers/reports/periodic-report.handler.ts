import { PERIODIC_FORMS, periodicRangesOf } from '../../domain/reports/periodic-ranges';
import type { PeriodicKind } from '../../domain/reports/periodic-report';
import { argumentsOf, malformed } from '../command-args';
import type { Handler } from '../context';
import { reachFor } from '../reach';
import { NO_TEAM_TEXT } from '../target/performance.handler';
import { buildPeriodicReport } from '../use-cases/reports';
import { todayIn } from './team-standing';

/**
 * 周报 / 月报 [期间] on demand: the same image, markdown and page link as the Monday and 1st pushes, for the
 * week or month asked (this one so far by default, 上周 / 上月 as pushed, or a given one).
 */
function periodicReportHandler(kind: PeriodicKind): Handler<'text'> {
  return async (event, ctx) => {
    const args = argumentsOf(event.text);
    const ranges = args.length <= 1 ? periodicRangesOf(kind, args[0], todayIn(ctx)) : null;
    const form = PERIODIC_FORMS[kind];
    if (!ranges) throw malformed(event.text, form.usage, form.example);
    const { team } = await reachFor(ctx);
    if (team.length === 0) return { kind: 'text', text: NO_TEAM_TEXT };
    const report = await buildPeriodicReport(
      ctx.stores.reportFacts,
      {
        kind,
        manager: ctx.user,
        team,
        ...ranges,
        timeZone: ctx.timeZone,
        asOf: ctx.now,
        visitSettings: await ctx.stores.visitSettings.read(ctx.user.tenantId),
      },
      ctx.links.periodicReportPage(kind, ranges.range.from),
    );
    if (!report.page || !ctx.renderAfterCommit) return report.markdown;
    return [ctx.renderAfterCommit(report.page, `${kind}-${ranges.range.from}.png`), report.markdown];
  };
}

export const weeklyReportHandler = periodicReportHandler('weekly');
export const monthlyReportHandler = periodicReportHandler('monthly');
