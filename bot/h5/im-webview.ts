import type { Platform } from '../../domain/messages/inbound-event';

/** The user agents of the IMs' webviews (phone and desktop): WeCom says `wxwork`, DingTalk `DingTalk`. */
const WEBVIEW_AGENTS: Record<Platform, RegExp> = { wecom: /wxwork/i, dingtalk: /DingTalk/i };

export const IM_NAMES: Record<Platform, string> = { wecom: '企业微信', dingtalk: '钉钉' };

/** Whether a request comes from `platform`'s own webview, by its user agent (a hint, not a proof). */
export function isImWebview(platform: Platform, userAgent: string): boolean {
  return WEBVIEW_AGENTS[platform].test(userAgent);
}
