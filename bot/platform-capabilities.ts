import type { Platform } from '../domain/messages/inbound-event';
import type { PlatformCapabilities } from '../handlers/context';

/**
 * What each IM can do, declared once here at the edge; handlers and cards read the capability, never the
 * platform's name.
 */
const CAPABILITIES: Record<Platform, PlatformCapabilities> = {
  // WeCom: a user shares a location from the chat (＋ → 位置); a card is updated only with the one-time
  // token of a tap on it, and a button card's update only renames the tapped button.
  wecom: { sharesLocationInChat: true, editsOthersCards: false, updatedCardsShowDetail: false },
  // DingTalk: a robot never receives a location (the H5 page reads it); any card it sent can be edited by
  // its outTrackId at any time, with its whole content.
  dingtalk: { sharesLocationInChat: false, editsOthersCards: true, updatedCardsShowDetail: true },
};

export function capabilitiesOf(platform: Platform): PlatformCapabilities {
  return CAPABILITIES[platform];
}
