import { reportMarkdown } from '../../cards/reports/report-markdown';
import type { Reply } from '../../domain/messages/reply';
import { funnelConversion, percent, weightedPipeline, yuan } from '../../domain/reports/metrics';
import type { Handler } from '../context';
import { buildDigest, buildDigestView, liveDigestRequest } from './report-builders';

const NO_TEAM: Reply = { kind: 'text', text: '你名下还没有团队成员（按通讯录的部门负责人或导入文件确定）。' };

/** 今日简报 / 预览日报: the manager's morning digest, now (the previous workday and the month to date). */
export const digestNowHandler: Handler<'text'> = async (_event, ctx) => {
  const request = await liveDigestRequest(ctx.stores, ctx.user, ctx.now);
  if (request.team.length === 0) return NO_TEAM;
  const report = await buildDigest(request, ctx.links.digestPage());
  if (!report.page || !ctx.renderAfterCommit) return report.markdown;
  // Image first, as the morning push: the PNG is drawn once this transaction has committed.
  return [ctx.renderAfterCommit(report.page, `digest-${request.day}.png`), report.markdown];
};

/** 团队排行: the month's ranking by order completion (or visits, before orders exist). */
export const teamRankingHandler: Handler<'text'> = async (_event, ctx) => {
  const request = await liveDigestRequest(ctx.stores, ctx.user, ctx.now);
  if (request.team.length === 0) return NO_TEAM;
  const { ranking } = await buildDigestView(request);
  if (!ranking) return { kind: 'text', text: '暂无可排行的数据：订单或拜访记录启用后即可查看团队排行。' };
  const lines = ranking.rows.map(
    (r) =>
      `${r.rank}. ${r.name} ${r.completion === null ? (ranking.money ? yuan(r.actual) : `${r.actual}次`) : `${percent(r.completion)}（${yuan(r.actual)}）`}`,
  );
  return reportMarkdown('团队排行', `团队排行（本月，${ranking.measure}）`, [{ title: '排名', lines }]);
};

/** 漏斗: the team's open opportunities by stage, with amounts and stage-to-stage conversion. */
export const funnelHandler: Handler<'text'> = async (_event, ctx) => {
  const request = await liveDigestRequest(ctx.stores, ctx.user, ctx.now);
  const opportunities = ctx.stores.reportFacts.opportunities;
  if (!opportunities) return { kind: 'text', text: '商机功能启用后即可查看销售漏斗。' };
  const funnel = await opportunities.funnel(
    ctx.user.tenantId,
    request.team.map((p) => p.id),
  );
  const rows = funnelConversion(funnel);
  const lines = rows.map(
    (r) =>
      `${r.label}（${r.probability}%）：${r.count} 个 ${yuan(r.amountFen)}${r.conversionToNext === null ? '' : `，转化 ${percent(r.conversionToNext)}`}`,
  );
  return reportMarkdown('销售漏斗', '销售漏斗（在途商机）', [
    { title: '各阶段', lines: lines.length > 0 ? lines : ['暂无在途商机'] },
    { title: '加权金额', lines: [yuan(weightedPipeline(funnel))] },
  ]);
};
