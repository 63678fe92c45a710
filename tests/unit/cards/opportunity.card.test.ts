import { buildOpportunityCard, opportunityActionSchema } from '../../../cards/opportunity.card';
import type { Opportunity } from '../../../domain/field/opportunity';
import { DEFAULT_OPPORTUNITY_SETTINGS, stagesOf } from '../../../domain/field/opportunity-stages';
import { cardSchema } from '../../../domain/messages/reply';

const stages = stagesOf(DEFAULT_OPPORTUNITY_SETTINGS);
const opp: Opportunity = {
  id: 12,
  tenantId: 't',
  customerId: 3,
  customerName: '华为技术有限公司',
  ownerUserId: 5,
  amountFen: 50_000_000,
  stageKey: '需求确认',
  stageEnteredAt: new Date('2026-11-20T02:00:00Z'),
  status: 'open',
  lostReason: null,
  version: 4,
  createdAt: new Date('2026-11-18T02:00:00Z'),
};
const build = (o: Opportunity) =>
  buildOpportunityCard({
    cardId: 'opp-1',
    opportunity: o,
    stages,
    ownerName: '张三',
    now: new Date('2026-11-23T03:00:00Z'),
  });

describe('opportunity card', () => {
  it('shows the deal and offers the later stages, 赢单 and 输单, each key naming the version and the stage', () => {
    const card = build(opp);
    expect(cardSchema.parse(card)).toEqual(card);
    expect(card).toMatchObject({
      title: '商机 #12 华为技术有限公司',
      fields: [
        { label: '金额', value: '¥500,000.00' },
        { label: '阶段', value: '需求确认（赢率40%）' },
        { label: '本阶段已停留', value: '3天' },
        { label: '加权金额', value: '¥200,000.00' },
        { label: '负责人', value: '张三' },
      ],
    });
    expect(card.buttons.map((b) => [b.label, b.type === 'action' && b.style])).toEqual([
      ['方案报价', 'default'],
      ['谈判审核', 'default'],
      ['赢单', 'primary'],
      ['输单', 'danger'],
    ]);
    const keys = card.buttons.map((b) => (b.type === 'action' ? b.key : ''));
    expect(keys.every((k) => /^[\x20-\x7e]+$/.test(k))).toBe(true);
    expect(opportunityActionSchema.parse(keys[3])).toEqual({
      opportunityId: 12,
      version: 4,
      stageKey: '输单',
    });
  });

  it('closes a lost deal: no buttons, the stage as status, the reason shown', () => {
    const card = build({ ...opp, stageKey: '输单', status: 'lost', lostReason: '预算取消' });
    expect(card.buttons).toEqual([]);
    expect(card.status).toBe('输单');
    expect(card.fields.at(-1)).toEqual({ label: '输单原因', value: '预算取消' });
  });

  it('refuses keys that are not its own', () => {
    expect(opportunityActionSchema.safeParse('opp:12:4:').success).toBe(false);
    expect(opportunityActionSchema.safeParse('opp:x:4:abc').success).toBe(false);
  });
});
