import type { DomainError, ErrorCode } from '../domain/errors';

/** The one place where error codes become what the user reads. */
const MESSAGES: Record<ErrorCode, (p: Record<string, string | number>) => string> = {
  'location.share_not_found': () => '找不到这条位置记录，请重新发送位置。',
  'location.share_expired': () => '这条位置已超过30分钟，请重新发送当前位置后再选择。',
  'location.already_chosen': (p) => `这条位置已记录为「${p.choice}」，无需重复操作。`,
  'location.customer_not_nearby': (p) => `「${p.customer}」不在这个位置附近，请到客户现场后重新发送位置。`,
  'card.unknown_action': () => '这个按钮已失效，请发送「帮助」查看可用操作。',
};

export function describeError(error: DomainError): string {
  return MESSAGES[error.code](error.params);
}
