import { LOCATION_SOURCE_LABELS } from '../domain/geo/location-source';
import { z } from 'zod';
import type { CustomerSummary } from '../domain/field/customer';
import {
  LOCATION_CHOICE_LABELS,
  type LocationChoice,
  type LocationShare,
} from '../domain/field/location-share';
import { formatDistance, type Ranked } from '../domain/geo/distance';
import type { CardButton, Card } from '../domain/messages/reply';
import { formatClock } from '../domain/time/format';

/**
 * The card a rep gets after sharing a location: the next likely steps as buttons (PRODUCT.md: 上班签到 /
 * 拜访签到 <nearest customers> / 下班签退). Button keys read `loc:<shareId>:<choice>[:<customerId>]`.
 */
const ACTION_PATTERN = /^loc:(\d{1,12}):(checkin_in|checkin_out|visit)(?::(\d{1,12}))?$/;

export const locationActionSchema = z
  .string()
  .regex(ACTION_PATTERN)
  .transform((key) => {
    const [, shareId, choice, customerId] = ACTION_PATTERN.exec(key) ?? [];
    return {
      shareId: Number(shareId),
      choice: choice as LocationChoice,
      customerId: customerId ? Number(customerId) : null,
    };
  })
  .refine(
    (a) => (a.choice === 'visit') === (a.customerId !== null),
    'a visit names its customer, nothing else does',
  );

export type LocationAction = z.infer<typeof locationActionSchema>;

export function isLocationActionKey(key: string): boolean {
  return key.startsWith('loc:');
}

export function locationCardId(shareId: number): string {
  return `loc-${shareId}`;
}

const MAX_CUSTOMER_BUTTONS = 3;

export interface LocationCard {
  share: LocationShare;
  nearby: Ranked<CustomerSummary>[];
  timeZone: string;
  /** The tenant's visit radius (default 500 m). */
  radiusM?: number;
}

export function buildLocationNextStepCard({ share, nearby, timeZone, radiusM = 500 }: LocationCard): Card {
  const visits = nearby.slice(0, MAX_CUSTOMER_BUTTONS);
  const buttons: CardButton[] = [
    {
      type: 'action',
      label: LOCATION_CHOICE_LABELS.checkin_in,
      key: `loc:${share.id}:checkin_in`,
      style: 'primary',
    },
    ...visits.map((r): CardButton => ({
      type: 'action',
      label: `拜访 ${truncate(r.item.name, 8)}`,
      key: `loc:${share.id}:visit:${r.item.id}`,
      style: 'default',
    })),
    {
      type: 'action',
      label: LOCATION_CHOICE_LABELS.checkin_out,
      key: `loc:${share.id}:checkin_out`,
      style: 'default',
    },
  ];
  return {
    id: locationCardId(share.id),
    title: '已收到你的位置',
    description: share.label ?? `${share.lat.toFixed(5)}, ${share.lng.toFixed(5)}`,
    fields: [
      { label: '时间', value: formatClock(share.sharedAt, timeZone) },
      { label: '来源', value: precisionNote(share) },
      {
        label: '附近客户',
        value: visits.length
          ? visits.map((r) => `${r.item.name} ${formatDistance(r.distanceM)}`).join('、')
          : `${radiusM}米内没有客户`,
      },
    ],
    buttons,
  };
}

export interface DecidedCard {
  share: LocationShare;
  action: LocationAction;
  customer: Pick<CustomerSummary, 'name'> | null;
  decidedAt: Date;
  timeZone: string;
}

/** The same card once the rep has chosen: no buttons, the outcome as its status. */
export function buildLocationDecidedCard({
  share,
  action,
  customer,
  decidedAt,
  timeZone,
}: DecidedCard): Card {
  const what = customer
    ? `${LOCATION_CHOICE_LABELS.visit} · ${customer.name}`
    : LOCATION_CHOICE_LABELS[action.choice];
  return {
    id: locationCardId(share.id),
    title: `已记录：${what}`,
    description: share.label ?? `${share.lat.toFixed(5)}, ${share.lng.toFixed(5)}`,
    fields: [
      { label: '位置时间', value: formatClock(share.sharedAt, timeZone) },
      { label: '来源', value: precisionNote(share) },
      { label: '记录时间', value: formatClock(decidedAt, timeZone) },
    ],
    buttons: [],
    status: `已${LOCATION_CHOICE_LABELS[action.choice]}`,
  };
}

function precisionNote(share: LocationShare): string {
  const base = LOCATION_SOURCE_LABELS[share.source];
  return share.precisionM !== null ? `${base}（精度 ${Math.round(share.precisionM)}米）` : base;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
