import { reportMarkdown } from '../../cards/reports/report-markdown';
import type { Reply } from '../../domain/messages/reply';
import { figurePeriodOf, PERIOD_FORMS } from '../../domain/reports/figure-period';
import {
  completionPercent,
  funnelConversion,
  percent,
  weightedPipeline,
  yuan,
} from '../../domain/reports/metrics';
import { argumentsOf, malformed } from '../command-args';
import type { Handler } from '../context';
import { reachFor } from '../reach';
import { NO_TEAM_TEXT } from '../target/performance.handler';
import { formatMeasure } from '../target/target-scope';
import { buildDigest, liveDigestRequest } from '../use-cases/reports';
import { myTeamStanding, todayIn } from './team-standing';

const NO_TEAM: Reply = { kind: 'text', text: NO_TEAM_TEXT };

/** 今日简报 / 预览日报: the manager's digest now — today so far and the month through today. */
export const digestNowHandler: Handler<'text'> = async (_event, ctx) => {
  const request = await liveDigestRequest(ctx.stores, ctx.user, ctx.now);
  if (request.team.length === 0) return NO_TEAM;
  const report = await buildDigest(request, ctx.links.digestPage());
  if (!report.page || !ctx.renderAfterCommit) return report.markdown;
  // Image first, as the morning push: the PNG is drawn once this transaction has committed.
  return [ctx.renderAfterCommit(report.page, `digest-${request.day}.png`), report.markdown];
};

/**
 * 团队排行 [期间]: the team ranked by order completion (amount where nobody has a target) over the period,
 * 本月截至今日 by default — the same standing as 团队业绩, the digest and each rep's 我的业绩.
 */
export const teamRankingHandler: Handler<'text'> = async (event, ctx) => {
  const args = argumentsOf(event.text);
  const period = args.length <= 1 ? figurePeriodOf(args[0], todayIn(ctx)) : null;
  if (!period) throw malformed(event.text, `团队排行 [${PERIOD_FORMS}]`, '团队排行 上月');
  const { team, standing } = await myTeamStanding(ctx, 'order_amount', period);
  if (team.length === 0) return NO_TEAM;
  if (!standing) return { kind: 'text', text: '暂无可排行的数据：订单功能启用后即可查看团队排行。' };
  const byCompletion = standing.rows.some((r) => r.target !== null);
  const money = (fen: number) => formatMeasure('order_amount', fen);
  const lines = standing.rows.map(
    (r) =>
      `${r.rank}. ${r.name} ${r.completion === null ? money(r.actual) : `${completionPercent(r.completion)}（${money(r.actual)}）`}`,
  );
  return reportMarkdown(
    '团队排行',
    `团队排行（${period.label}，${byCompletion ? '订单完成率' : '订单金额'}）`,
    [{ title: '排名', lines }],
  );
};

/** 漏斗: the team's open opportunities by stage now, with amounts and conversion where a stage has deals. */
export const funnelHandler: Handler<'text'> = async (_event, ctx) => {
  const opportunities = ctx.stores.reportFacts.opportunities;
  if (!opportunities) return { kind: 'text', text: '商机功能启用后即可查看销售漏斗。' };
  const { team } = await reachFor(ctx);
  if (team.length === 0) return NO_TEAM;
  const funnel = await opportunities.funnel(
    ctx.user.tenantId,
    team.map((p) => p.id),
  );
  const rows = funnelConversion(funnel);
  const lines = rows.map(
    (r) =>
      `${r.label}（${r.probability}%）：${r.count} 个 ${yuan(r.amountFen)}${r.conversionToNext === null ? '' : `，转化 ${percent(r.conversionToNext)}`}`,
  );
  const open = rows.some((r) => r.count > 0);
  return reportMarkdown('销售漏斗', '销售漏斗（在途商机，截至此刻）', [
    { title: '各阶段', lines: open ? lines : ['暂无在途商机'] },
    { title: '加权金额', lines: [yuan(weightedPipeline(funnel))] },
  ]);
};
