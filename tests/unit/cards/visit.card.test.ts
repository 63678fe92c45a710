import { buildRouteCard, buildVisitResultCard, visitActionSchema } from '../../../cards/visit.card';
import type { Visit } from '../../../domain/field/visit';

const visit: Visit = {
  id: 42,
  tenantId: 't',
  userId: 7,
  customerId: 3,
  customerName: '华为坂田',
  startedAt: new Date('2026-11-23T02:00:00Z'),
  endedAt: new Date('2026-11-23T03:05:00Z'),
  distanceM: 1234,
  offSite: true,
  autoClosed: false,
  note: '下周报价',
  result: null,
  nextVisitDate: null,
  photoCount: 2,
  noteCount: 1,
  purpose: '收款',
  customerType: '原有',
  checkIn: { source: 'map', precisionM: null, flags: ['picked_point'] },
  checkOut: { source: 'im_sdk', precisionM: 30, flags: [], distanceM: 1500, far: true },
  endRequestedAt: null,
  templateValues: {},
};

describe('visit cards', () => {
  it('reads result and next-visit keys, and nothing else', () => {
    expect(visitActionSchema.parse('visit:result:42:won')).toEqual({
      step: 'result',
      visitId: 42,
      value: 'won',
    });
    expect(visitActionSchema.parse('visit:next:42:7')).toEqual({ step: 'next', visitId: 42, value: '7' });
    expect(visitActionSchema.safeParse('visit:result:42:maybe').success).toBe(false);
    expect(visitActionSchema.safeParse('visit:next:42:5').success).toBe(false);
  });

  it('shows time on site, purpose, both positions with their trust, and attachments with the four results', () => {
    const card = buildVisitResultCard(visit, 'Asia/Shanghai');
    expect(card.fields).toEqual([
      { label: '在访时长', value: '10:00–11:05（1小时5分钟）' },
      { label: '目的/类别', value: '收款 · 原有客户' },
      { label: '签到位置', value: '异地拜访，距客户1.2公里 · ⚠ 手动选点' },
      { label: '离开位置', value: '⚠ 远离客户签退，距客户1.5公里 · 企业微信/钉钉定位 ±30米' },
      { label: '照片/备注', value: '2张照片，1条备注' },
      { label: '备注', value: '下周报价' },
    ]);
    expect(card.buttons.map((b) => (b.type === 'action' ? b.key : ''))).toEqual([
      'visit:result:42:interested',
      'visit:result:42:follow_up',
      'visit:result:42:won',
      'visit:result:42:not_interested',
    ]);
  });

  it('keeps a long route within the card’s limits', () => {
    const lines = Array.from(
      { length: 20 },
      (_, i) => `${i + 1}. 一个名字很长很长的客户有限公司（某某市某某区某某路${i}号）`,
    );
    const card = buildRouteCard({
      cardId: 'route-7-2026-11-24',
      date: '2026-11-24',
      lines,
      lengthM: 0,
      plannedBy: null,
    });
    expect(card.title).toBe('今日拜访路线（11月24日，20家）');
    expect(card.description?.length).toBeLessThanOrEqual(500);
    expect(card.fields[0]).toEqual({ label: '全程', value: '客户未登记位置' });
  });
});
