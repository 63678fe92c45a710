/**
 * WeCom global error codes the fake API answers with (developer.work.weixin.qq.com, 全局错误码). The bot's
 * client keys its behaviour on these numbers (e.g. refresh the token on 40014/42001), so they must match.
 */
export const WECOM_ERRORS = {
  invalidCredential: { errcode: 40001, errmsg: 'invalid credential' },
  invalidMediaType: { errcode: 40004, errmsg: 'invalid media type' },
  invalidMediaId: { errcode: 40007, errmsg: 'invalid media_id' },
  invalidMessageType: { errcode: 40008, errmsg: 'invalid message type' },
  invalidImageSize: { errcode: 40009, errmsg: 'invalid image size' },
  invalidCorpId: { errcode: 40013, errmsg: 'invalid corpid' },
  invalidAccessToken: { errcode: 40014, errmsg: 'invalid access_token' },
  invalidAgentId: { errcode: 40056, errmsg: 'invalid agentid' },
  invalidParameter: { errcode: 40058, errmsg: 'invalid Request Parameter' },
  accessTokenMissing: { errcode: 41001, errmsg: 'access_token missing' },
  mediaDataMissing: { errcode: 41005, errmsg: 'media data missing' },
  accessTokenExpired: { errcode: 42001, errmsg: 'access_token expired' },
  emptyContent: { errcode: 44004, errmsg: 'text content is empty' },
  contentTooLong: { errcode: 45002, errmsg: 'content size out of limit' },
  dataFormatError: { errcode: 47001, errmsg: 'data format error' },
  allRecipientsInvalid: { errcode: 81013, errmsg: 'user & party & tag all invalid' },
} as const;

export type WecomError = (typeof WECOM_ERRORS)[keyof typeof WECOM_ERRORS];

/** A failed call's body; `hint` says what the simulator disliked, as WeCom's errmsg hint does. */
export function errorBody(error: WecomError, hint?: string): { errcode: number; errmsg: string } {
  return { errcode: error.errcode, errmsg: hint ? `${error.errmsg}, hint: [${hint}]` : error.errmsg };
}
