import type { Card } from '../domain/messages/reply';

/**
 * Asked for a punch without a location: how to send one. WeCom can share a location natively; DingTalk
 * robots cannot receive one, so the H5 page (device GPS through the IM's JS-API) is offered on both.
 */
export function buildLocationRequestCard(input: { cardId: string; command: string; locationPageUrl: string }): Card {
  return {
    id: input.cardId,
    title: `${input.command}：请发送你的位置`,
    description: '点「打开定位页」读取手机定位（推荐），或在企业微信对话框点 ＋ → 位置 发送。收到位置后可选择上班签到、下班签退或拜访签到。',
    fields: [],
    buttons: [{ type: 'link', label: '打开定位页', url: input.locationPageUrl }],
  };
}
