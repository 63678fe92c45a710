import { figurePeriodOf, PERIOD_FORMS, type FigurePeriod } from '../../domain/reports/figure-period';
import { standingOf, targetText } from '../../domain/reports/standing';
import {
  MEASURE_LABELS,
  parseMeasure,
  TARGET_MEASURES,
  type TargetMeasure,
} from '../../domain/targets/measures';
import { parseDimension, type TargetDimension } from '../../domain/targets/segments';
import { DomainError } from '../../domain/errors';
import { argumentsOf, malformed } from '../command-args';
import type { Handler, HandlerContext } from '../context';
import { capLines } from '../order/cap-lines';
import { personOf } from '../use-cases/reports';
import { myTeamStanding, standingInLeadersTeam, todayIn } from '../reports/team-standing';
import { segmentPerformance } from './segment-performance';
import { SEGMENT_MEASURE_ONLY } from './set-target.handler';
import { formatMeasure } from './target-scope';

function periodOrRefuse(ctx: HandlerContext, text: string | undefined, refusal: () => DomainError) {
  const period = figurePeriodOf(text, todayIn(ctx));
  if (!period) throw refusal();
  return period;
}

/** One person's line on a measure, or null for a count measure with neither target nor activity. */
async function myMeasureLine(
  ctx: HandlerContext,
  measure: TargetMeasure,
  period: FigurePeriod,
): Promise<string | null> {
  const standing = await standingOf(ctx.stores.reportFacts, {
    tenantId: ctx.user.tenantId,
    timeZone: ctx.timeZone,
    people: [personOf(ctx.user)],
    departmentId: null,
    measure,
    period,
  });
  const row = standing?.rows[0];
  if (!standing || !row) return null;
  if (row.target === null && (measure === 'new_customers' || measure === 'visits') && row.actual === 0)
    return null;
  const format = (v: number) => formatMeasure(measure, v);
  const shared = standing.sharedFrom.get(row.userId);
  return `- ${MEASURE_LABELS[measure]}：${targetText(format, row.actual, row.target, standing.elapsed, shared)}`;
}

/**
 * 我的业绩 [期间]: per measure, my actual against my target for the whole period (时间进度 beside it), and
 * my place in my manager's 团队排行 (the same ranking the manager sees).
 */
export const myPerformanceHandler: Handler<'text'> = async (event, ctx) => {
  const [periodText] = argumentsOf(event.text);
  const period = periodOrRefuse(ctx, periodText, () =>
    malformed(event.text, `我的业绩 [${PERIOD_FORMS}]`, '我的业绩 上月'),
  );
  const rows: string[] = [];
  for (const measure of TARGET_MEASURES) {
    const line = await myMeasureLine(ctx, measure, period);
    if (line) rows.push(line);
  }
  const place = await standingInLeadersTeam(ctx, ctx.user, period);
  const rank = place ? [`团队排名：第 ${place.rank} / ${place.of}（与主管的「团队排行」一致）`] : [];
  return {
    kind: 'markdown',
    title: '我的业绩',
    text: [`### 我的业绩（${period.label}）`, ...rows, ...rank].join('\n'),
  };
};

/**
 * 团队业绩 [期间] [指标]: every member of the reader's team (themselves excluded), ranked, and the team total;
 * with 品类 or 区域, the company's categories (regions) against their targets instead.
 */
export const teamPerformanceHandler: Handler<'text'> = async (event, ctx) => {
  const args = argumentsOf(event.text);
  const measureText = args.find((a) => parseMeasure(a) !== null);
  const measure = measureText ? (parseMeasure(measureText) as TargetMeasure) : 'order_amount';
  const dimensionText = args.find((a) => parseDimension(a) !== null);
  const periodText = args.find((a) => a !== measureText && a !== dimensionText);
  const refusal = () =>
    malformed(
      event.text,
      `团队业绩 [${PERIOD_FORMS}] [订单金额|回款金额|新客户数|拜访数|品类|区域]`,
      '团队业绩 上月 回款金额',
    );
  if (args.length > (dimensionText ? 3 : 2)) throw refusal();
  const period = periodOrRefuse(ctx, periodText, refusal);
  if (dimensionText) {
    if (measure !== 'order_amount') return { kind: 'text', text: SEGMENT_MEASURE_ONLY };
    return segmentPerformance(ctx, parseDimension(dimensionText) as TargetDimension, period);
  }
  const { team, standing } = await myTeamStanding(ctx, measure, period);
  if (team.length === 0) return { kind: 'text', text: NO_TEAM_TEXT };
  if (!standing)
    return { kind: 'text', text: `${MEASURE_LABELS[measure]}暂无数据（该功能的数据尚未接入）。` };
  const format = (v: number) => formatMeasure(measure, v);
  const lines = standing.rows.map(
    (r) =>
      `${r.rank}. ${r.name}：${targetText(format, r.actual, r.target, standing.elapsed, standing.sharedFrom.get(r.userId))}`,
  );
  return {
    kind: 'markdown',
    title: '团队业绩',
    text: [
      `### 团队业绩 · ${MEASURE_LABELS[measure]}（${period.label}）`,
      `合计：${targetText(format, standing.total, standing.teamTarget, standing.elapsed)}`,
      ...capLines(lines, 40),
    ].join('\n'),
  };
};

export const NO_TEAM_TEXT = '你名下还没有团队成员（按通讯录的部门负责人或导入文件确定）。';
