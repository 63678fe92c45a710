import { LOCATION_CHOICE_LABELS } from '../domain/field/location-share';
import type { LocationIntent } from '../domain/messages/inbound-event';
import type { Card } from '../domain/messages/reply';

/**
 * Asked for a punch without a location: how to send one. Where the IM shares a location in the chat
 * (WeCom) that is offered too; elsewhere the H5 page (device GPS through the IM's JS-API) is the way.
 */
export function buildLocationRequestCard(input: {
  cardId: string;
  intent?: LocationIntent;
  sharesLocationInChat: boolean;
  locationPageUrl: string;
}): Card {
  const what = input.intent ? LOCATION_CHOICE_LABELS[input.intent] : '定位';
  const then = input.intent
    ? `收到位置后直接记为「${what}」。`
    : '收到位置后可选择上班签到、下班签退或拜访签到。';
  const how = input.sharesLocationInChat
    ? '点「打开定位页」读取手机定位（推荐），或在对话框点 ＋ → 位置 发送。'
    : '点「打开定位页」读取手机定位。';
  return {
    id: input.cardId,
    title: `${what}：请发送你的位置`,
    description: `${how}${then}`,
    fields: [],
    buttons: [{ type: 'link', label: '打开定位页', url: input.locationPageUrl }],
  };
}
