import { ANTI_CHEAT_LABELS } from '../domain/attendance/anti-cheat';
import type { StoredPunch } from '../domain/attendance/ports';
import { punchStatusLabel } from '../domain/attendance/punch-evaluation';
import type { LocationShare } from '../domain/field/location-share';
import { formatDistance } from '../domain/geo/distance';
import type { Card } from '../domain/messages/reply';
import { formatClock } from '../domain/time/format';
import { locationCardId } from './location-next-step.card';

const ACTION = { in: '上班签到', out: '下班签退' } as const;

/**
 * The answer to a punch: time, place (the attendance location when inside its radius, the shared address
 * otherwise), status, and every anti-cheat flag in plain words. It replaces the location card in place.
 */
export function buildPunchResultCard(input: {
  share: LocationShare;
  punch: StoredPunch;
  distanceToPlaceM: number | null;
  timeZone: string;
}): Card {
  const { share, punch, timeZone } = input;
  // A picked point (手动选点) shows up among the flags, so the source needs no field of its own.
  const fields = [
    { label: '时间', value: formatClock(punch.at, timeZone) },
    { label: '状态', value: punchStatusLabel(punch) },
  ];
  if (punch.flags.length > 0)
    fields.push({ label: '提醒', value: punch.flags.map((code) => ANTI_CHEAT_LABELS[code]).join('、') });
  return {
    id: locationCardId(share.id),
    title: `${ACTION[punch.kind]}成功`,
    description: placeText(share, punch, input.distanceToPlaceM),
    fields,
    buttons: [],
    status: `已${ACTION[punch.kind]}`,
  };
}

function placeText(share: LocationShare, punch: StoredPunch, distanceM: number | null): string {
  if (punch.placeName && punch.insidePlace) return punch.placeName;
  const where = share.label ?? `${share.lat.toFixed(5)}, ${share.lng.toFixed(5)}`;
  return punch.placeName && distanceM !== null
    ? `${where}（距${punch.placeName}${formatDistance(distanceM)}）`
    : where;
}
