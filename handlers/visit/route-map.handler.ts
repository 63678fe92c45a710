import { buildRouteMapPage, routeStopLines, routeSummary } from '../../cards/reports/route-map.cards';
import { routeDayOf, type RouteDayView } from '../../domain/field/route-map';
import { displayName, type UserProfile } from '../../domain/org/user';
import { dateLabel, periodOf } from '../../domain/reports/periods';
import { parseChatDate } from '../approval/request-command';
import { argumentsOf, invalidValue, malformed } from '../command-args';
import type { Handler, HandlerContext } from '../context';
import { personInReach } from '../reach';
import { todayIn } from '../reports/team-standing';

const USAGE = '轨迹 [姓名] [日期]';
const EXAMPLE = '轨迹 张三 昨天';

/**
 * `轨迹 [姓名] [日期]`: a rep's visits of a day on a map image — in order, with arrival and time on site, a
 * check-in far from the customer marked — and the same stops as text. A rep sees his own; a manager his
 * team's. Today and oneself by default.
 */
export const routeMapHandler: Handler<'text'> = async (event, ctx) => {
  const args = argumentsOf(event.text);
  if (args.length > 2) throw malformed(event.text, USAGE, EXAMPLE);
  const today = todayIn(ctx);
  const last = args.at(-1);
  const typedDate = last === undefined ? null : parseChatDate(last, today, true);
  const dateGiven = typedDate !== null || (args.length === 2 && last !== undefined);
  const name = dateGiven ? (args.length === 2 ? args[0] : undefined) : args[0];
  if (dateGiven && typedDate === null) throw malformed(event.text, USAGE, EXAMPLE);
  const date = typedDate ?? today;
  if (date > today) throw invalidValue(`${dateLabel(date)}还没到，没有轨迹`, USAGE, EXAMPLE);
  const rep =
    name === undefined ? ctx.user : await personInReach(ctx, name, { label: '轨迹', example: EXAMPLE });
  const day = await routeDayFor(ctx, rep, date);
  const who = displayName(rep);
  const dateText = date === today ? `今天（${dateLabel(date)}）` : dateLabel(date);
  if (day.stops.length === 0)
    return { kind: 'text', text: `${who}${dateText}没有拜访记录。查看其他日期：「轨迹 ${who} 12月1日」。` };
  const text = {
    kind: 'text' as const,
    text: [`${who} ${dateText}拜访轨迹：${routeSummary(day)}`, ...routeStopLines(day)].join('\n'),
  };
  if (!ctx.renderAfterCommit) return text;
  return [ctx.renderAfterCommit(buildRouteMapPage(who, dateText, day), `route-${rep.id}-${date}.png`), text];
};

async function routeDayFor(ctx: HandlerContext, rep: UserProfile, date: string): Promise<RouteDayView> {
  const routes = ctx.stores.reportFacts.routes;
  if (!routes) throw new Error('report facts were built without the routes port');
  const visits = await routes.visitsOfDay(
    rep.tenantId,
    rep.id,
    periodOf({ from: date, to: date }, ctx.timeZone),
  );
  return routeDayOf(visits, ctx.timeZone);
}
