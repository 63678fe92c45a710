import { buildVisitResultCard } from '../../cards/visit.card';
import { fitsOptionCard } from '../../cards/custom-form.card';
import {
  buildCheckOutLocationCard,
  buildTemplateFieldCard,
  buildVisitCard,
  kindLabel,
} from '../../cards/visit-step.card';
import type { TimedPoint } from '../../domain/attendance/anti-cheat';
import { questionFor } from '../../domain/approval/form-grammar';
import {
  decideCheckOut,
  visitPositionTrust,
  type PositionTrust,
  type Visit,
  type VisitFix,
} from '../../domain/field/visit';
import { visitPurposes } from '../../domain/field/visit-settings';
import {
  customerUpdatesOf,
  nextTemplateField,
  templateFor,
  type VisitTemplate,
} from '../../domain/field/visit-template';
import type { InboundEvent } from '../../domain/messages/inbound-event';
import type { Reply } from '../../domain/messages/reply';
import { cardIdFor } from '../card-ids';
import type { HandlerContext } from '../context';
import { deviceOf } from '../location-device';

/** A position shared this recently (and after check-in) is where the rep checks out from. */
const FRESH_CHECK_OUT_MS = 10 * 60_000;

type CardSeed = Pick<InboundEvent, 'tenantId' | 'msgId'>;

/** The later of the rep's last punch point and last visit point: where the travel-speed check starts. */
export async function previousPointOf(ctx: HandlerContext): Promise<TimedPoint | null> {
  const { tenantId, id: userId } = ctx.user;
  const [punch, visit] = await Promise.all([
    ctx.stores.punches.findLatestPoint(tenantId, userId),
    ctx.stores.visits.findLatestPoint(tenantId, userId),
  ]);
  if (!punch || !visit) return punch ?? visit;
  return punch.at > visit.at ? punch : visit;
}

/** The anti-cheat flags of a visit position, with the thresholds punches use. */
export async function trustOf(ctx: HandlerContext, fix: VisitFix): Promise<PositionTrust> {
  const thresholds = await ctx.stores.attendanceSettings.read(ctx.user.tenantId);
  return visitPositionTrust({
    fix,
    previous: await previousPointOf(ctx),
    thresholds,
    device: await deviceOf(ctx, fix),
  });
}

/** The visit card with whatever is still to choose (purpose, customer type) or 结束拜访. */
export async function visitCardReply(
  ctx: HandlerContext,
  visit: Visit,
  seed: CardSeed,
  headline: string,
  where: string,
): Promise<Reply> {
  const settings = await ctx.stores.visitSettings.read(ctx.user.tenantId);
  return {
    kind: 'card',
    card: buildVisitCard({
      cardId: cardIdFor('visit', seed),
      visit,
      purposes: visitPurposes(settings),
      headline,
      where,
      noteUndoMinutes: settings.noteUndoMinutes,
    }),
  };
}

async function templateOf(ctx: HandlerContext, visit: Visit): Promise<VisitTemplate | null> {
  return templateFor(await ctx.stores.visitTemplates.list(ctx.user.tenantId), visit.purpose);
}

/** The question for a template field: buttons when its options fit a card, else a line to answer. */
export function askTemplateField(visit: Visit, template: VisitTemplate, seed: CardSeed): Reply | null {
  const field = nextTemplateField(template.form, visit.templateValues);
  if (!field) return null;
  const index = template.form.fields.indexOf(field);
  const question = `${questionFor(field, index + 1, template.form.fields.length)}\n结束拜访前请填写「${template.purpose}」拜访的内容，回复「取消」可继续拜访。`;
  if (field.type === 'choice' && fitsOptionCard(field))
    return {
      kind: 'card',
      card: buildTemplateFieldCard({
        cardId: cardIdFor('vfield', seed),
        visitId: visit.id,
        fieldIndex: index,
        title: `拜访「${visit.customerName}」：${field.label}`,
        question,
        field,
      }),
    };
  return { kind: 'text', text: question };
}

/**
 * Carries a requested check-out as far as it can go: the purpose and customer type, then the template's
 * fields one at a time, then a position (`shared` just now, one shared in the last 10 minutes after the
 * check-in, or asked for); with all of them, the visit is closed.
 */
export async function continueCheckOut(
  ctx: HandlerContext,
  visit: Visit,
  seed: CardSeed,
  shared?: VisitFix,
): Promise<Reply[]> {
  if (visit.purpose === null || visit.customerType === null)
    return [
      await visitCardReply(ctx, visit, seed, `结束拜访「${visit.customerName}」前请先选择`, kindLabel(visit)),
    ];
  const template = await templateOf(ctx, visit);
  const question = template ? askTemplateField(visit, template, seed) : null;
  if (question) return [question];
  const { tenantId, id: userId } = ctx.user;
  const since = Math.max(visit.startedAt.getTime(), ctx.now.getTime() - FRESH_CHECK_OUT_MS);
  const fix =
    shared ?? (await ctx.stores.visitRequests.latestPositionSince(tenantId, userId, new Date(since)));
  if (fix) return closeVisitAt(ctx, visit, fix, template);
  return [
    {
      kind: 'card',
      card: buildCheckOutLocationCard({
        cardId: cardIdFor('vout', seed),
        customerName: visit.customerName,
        sharesLocationInChat: ctx.capabilities.sharesLocationInChat,
        locationPageUrl: ctx.links.locationPage(),
      }),
    },
  ];
}

/** Closes the visit from `fix`: where it was, how far from the customer, the customer's fields updated. */
export async function closeVisitAt(
  ctx: HandlerContext,
  visit: Visit,
  fix: VisitFix,
  template?: VisitTemplate | null,
): Promise<Reply[]> {
  const { tenantId, id: userId } = ctx.user;
  const settings = await ctx.stores.visitSettings.read(tenantId);
  const customer = await ctx.stores.customerPool.findInScope(tenantId, visit.customerId, { kind: 'all' });
  const position = decideCheckOut(fix, customer ?? { lat: null, lng: null }, settings);
  const trust = await trustOf(ctx, fix);
  const closed = await ctx.stores.visits.close(tenantId, visit.id, ctx.now, visit.note, false, {
    ...trust,
    ...position,
    point: { lat: fix.lat, lng: fix.lng },
  });
  if (!closed) return [{ kind: 'text', text: `「${visit.customerName}」的拜访已经结束了。` }];
  await ctx.stores.customerPool.recordFollowUp(tenantId, visit.customerId, ctx.now);
  const updated = await writeCustomerFields(ctx, visit, template ?? (await templateOf(ctx, visit)));
  const ended = (await ctx.stores.visits.findOwn(tenantId, userId, visit.id)) as Visit;
  ctx.log.info(
    { visitId: visit.id, customerId: visit.customerId, endDistanceM: position.distanceM, far: position.far },
    'visit checked out',
  );
  const card: Reply = { kind: 'card', card: buildVisitResultCard(ended, ctx.timeZone) };
  return updated ? [{ kind: 'text', text: updated }, card] : [card];
}

/** The template's customer fields written to the customer, audited; the line saying so, or null. */
async function writeCustomerFields(
  ctx: HandlerContext,
  visit: Visit,
  template: VisitTemplate | null,
): Promise<string | null> {
  if (!template) return null;
  const updates = customerUpdatesOf(visit.templateValues);
  if (Object.keys(updates).length === 0) return null;
  const { tenantId } = ctx.user;
  const customer = await ctx.stores.customers.findRecord(tenantId, visit.customerId);
  const profile = await ctx.stores.customerProfiles.profile(tenantId, visit.customerId);
  const patch = {
    ...(updates.category ? { category: updates.category } : {}),
    ...(updates.region ? { region: updates.region } : {}),
  };
  if (Object.keys(patch).length > 0)
    await ctx.stores.customerProfiles.update(tenantId, visit.customerId, patch);
  if (updates.contact)
    await ctx.stores.customerProfiles.saveContact(tenantId, visit.customerId, updates.contact, ctx.now);
  await ctx.stores.auditLog.append({
    tenantId,
    actorUserId: ctx.user.id,
    action: 'customer.fields.set',
    subject: `customer:${visit.customerId} visit:${visit.id}`,
    before: {
      category: customer?.category ?? null,
      region: profile?.region ?? null,
      contacts: profile?.contacts ?? [],
    },
    after: updates,
    at: ctx.now,
  });
  const parts = [
    ...(updates.category ? [`分类 ${updates.category}`] : []),
    ...(updates.region ? [`区域 ${updates.region}`] : []),
    ...(updates.contact
      ? [`联系人 ${updates.contact.name}${updates.contact.phone ? ` ${updates.contact.phone}` : ''}`]
      : []),
  ];
  return `已按拜访模板更新客户「${visit.customerName}」的资料：${parts.join('、')}。`;
}
