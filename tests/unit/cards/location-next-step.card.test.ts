import {
  buildLocationDecidedCard,
  buildLocationNextStepCard,
  locationActionSchema,
} from '../../../cards/location-next-step.card';
import type { LocationShare } from '../../../domain/field/location-share';
import { cardSchema } from '../../../domain/messages/reply';

const share: LocationShare = {
  id: 42,
  tenantId: 'corp',
  userId: 7,
  lat: 22.6543,
  lng: 114.0612,
  label: '深圳市龙岗区坂田街道华为基地',
  precisionM: null,
  source: 'map',
  deviceId: null,
  sharedAt: new Date('2026-11-23T01:05:00Z'),
  choice: null,
};
const customer = (id: number, name: string) => ({ id, name, address: null, lat: 22.6543, lng: 114.0612 });

describe('location next-step card', () => {
  it('offers check-in, the nearest customers and check-out, in the tenant zone', () => {
    const card = buildLocationNextStepCard({
      share,
      nearby: [
        { item: customer(3, '华为深圳'), distanceM: 12 },
        { item: customer(9, '一个名字特别特别长的客户公司'), distanceM: 420 },
      ],
      timeZone: 'Asia/Shanghai',
    });
    expect(cardSchema.parse(card)).toEqual(card);
    expect(card.id).toBe('loc-42');
    expect(card.buttons).toEqual([
      { type: 'action', label: '上班签到', key: 'loc:42:checkin_in', style: 'primary' },
      { type: 'action', label: '拜访 华为深圳', key: 'loc:42:visit:3', style: 'default' },
      { type: 'action', label: '拜访 一个名字特别特…', key: 'loc:42:visit:9', style: 'default' },
      { type: 'action', label: '下班签退', key: 'loc:42:checkin_out', style: 'default' },
    ]);
    expect(card.fields).toEqual([
      { label: '时间', value: '09:05' },
      { label: '来源', value: '地图选点' },
      { label: '附近客户', value: '华为深圳 12米、一个名字特别特别长的客户公司 420米' },
    ]);
  });

  it('says so when no customer is within the visit radius', () => {
    const card = buildLocationNextStepCard({
      share: { ...share, source: 'im_sdk', precisionM: 18.4 },
      nearby: [],
      timeZone: 'Asia/Shanghai',
    });
    expect(card.buttons.map((b) => b.label)).toEqual(['上班签到', '下班签退']);
    expect(card.fields.find((f) => f.label === '来源')?.value).toBe('企业微信/钉钉定位（精度 18米）');
    expect(card.fields.find((f) => f.label === '附近客户')?.value).toBe('500米内没有客户');
  });

  it('closes the card with the outcome as its status', () => {
    const action = locationActionSchema.parse('loc:42:visit:3');
    const card = buildLocationDecidedCard({
      share,
      action,
      customer: customer(3, '华为深圳'),
      decidedAt: new Date('2026-11-23T01:06:00Z'),
      timeZone: 'Asia/Shanghai',
    });
    expect(card).toMatchObject({
      id: 'loc-42',
      title: '已记录：拜访签到 · 华为深圳',
      buttons: [],
      status: '已拜访签到',
    });
  });
});

describe('location action keys', () => {
  it('parses what the card emits', () => {
    expect(locationActionSchema.parse('loc:42:checkin_out')).toEqual({
      shareId: 42,
      choice: 'checkin_out',
      customerId: null,
    });
    expect(locationActionSchema.parse('loc:42:visit:3')).toEqual({
      shareId: 42,
      choice: 'visit',
      customerId: 3,
    });
  });

  it.each([
    'loc:42:visit',
    'loc:42:checkin_in:3',
    'loc:x:checkin_in',
    'loc:42:dance',
    'approve',
    'loc:42:checkin_in;drop',
  ])('rejects %s', (key) => {
    expect(locationActionSchema.safeParse(key).success).toBe(false);
  });
});
