import { buildDiagnosisMarkdown, buildDiagnosisPage } from '../../cards/reports/diagnosis.cards';
import { dateLabel } from '../../domain/reports/periods';
import { diagnoseRep, gatherDiagnosisFacts } from '../../domain/reports/rep-diagnosis';
import { displayName, type UserProfile } from '../../domain/org/user';
import { argumentsOf, malformed } from '../command-args';
import type { Handler } from '../context';
import { personInReach, reachFor } from '../reach';
import { isManager, personOf } from '../use-cases/reports';
import { todayIn } from './team-standing';

const USAGE = '诊断 [姓名]';

/**
 * `诊断 [姓名]`: the three causes (no new customers, no follow-up, no deals) for one rep, or — a manager
 * without a name — for each member of his team; a rep diagnoses himself. An image of the grid and the text.
 */
export const diagnosisHandler: Handler<'text'> = async (event, ctx) => {
  const args = argumentsOf(event.text);
  if (args.length > 1) throw malformed(event.text, USAGE, '诊断 张三');
  const [name] = args;
  const { team } = await reachFor(ctx);
  let reps: UserProfile[];
  if (name !== undefined)
    reps = [
      await personInReach(ctx, name, { label: '诊断', example: isManager(ctx.user) ? '诊断 张三' : '诊断' }),
    ];
  else reps = isManager(ctx.user) && team.length > 0 ? team : [ctx.user];
  const { tenantId } = ctx.user;
  const today = todayIn(ctx);
  const settings = await ctx.stores.visitSettings.read(tenantId);
  const facts = await gatherDiagnosisFacts(ctx.stores.reportFacts, {
    tenantId,
    reps: reps.map(personOf),
    today,
    timeZone: ctx.timeZone,
    settings,
  });
  const diagnoses = facts.map((f) => diagnoseRep(f, settings));
  const who = reps.length === 1 ? displayName(reps[0] as UserProfile) : `${displayName(ctx.user)}团队`;
  const heading = `${who}的诊断（截至${dateLabel(today)}）`;
  const markdown = buildDiagnosisMarkdown(heading, diagnoses);
  if (!ctx.renderAfterCommit) return markdown;
  const page = buildDiagnosisPage(`${who}的诊断`, `截至${dateLabel(today)} · 三种原因`, diagnoses);
  return [ctx.renderAfterCommit(page, `diagnosis-${today}.png`), markdown];
};
