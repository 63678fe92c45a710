import { z } from 'zod';

/**
 * The DingTalk callback bodies fieldbot reads, and only the fields it reads. Objects are loose because
 * DingTalk adds fields over time (chatbotCorpId, senderPlatform, atUsers …) and a new field must not
 * turn a good callback into a 400.
 */

/** Fields every robot message carries (HTTP mode, "接收消息" callback). */
export const robotMessageSchema = z.looseObject({
  msgId: z.string().min(1),
  msgtype: z.string().min(1),
  /** The sender's userId inside the corp; DingTalk's API calls take this id, not senderId. */
  senderStaffId: z.string().min(1),
  senderCorpId: z.string().optional(),
  conversationType: z.string().optional(),
  createAt: z.number().optional(),
});

export const textMessageSchema = z.looseObject({
  text: z.looseObject({ content: z.string() }),
});

export const pictureMessageSchema = z.looseObject({
  content: z.looseObject({ downloadCode: z.string().min(1) }),
});

/** An audio message; `recognition` is DingTalk's speech-to-text of it, when it made one. */
export const audioMessageSchema = z.looseObject({
  content: z.looseObject({ recognition: z.string().optional(), downloadCode: z.string().optional() }),
});

/** A richText part is `{text}` or `{type: "picture", downloadCode}`; other part types are ignored. */
export const richTextPartSchema = z.looseObject({
  type: z.string().optional(),
  text: z.string().optional(),
  downloadCode: z.string().optional(),
});

export const richTextMessageSchema = z.looseObject({
  content: z.looseObject({ richText: z.array(richTextPartSchema) }),
});

/** Interactive card callback ("卡片回传请求"): `value` is a JSON string, parsed with cardValueSchema. */
export const cardCallbackSchema = z.looseObject({
  outTrackId: z.string().min(1),
  userId: z.string().min(1),
  corpId: z.string().optional(),
  value: z.string().min(1),
});

export const cardValueSchema = z.looseObject({
  cardPrivateData: z.looseObject({
    actionIds: z.array(z.string().min(1)).min(1),
    /** Template-defined values; usually strings, but a template may send numbers, lists or objects. */
    params: z.record(z.string(), z.unknown()).default({}),
  }),
});

export type RobotMessage = z.infer<typeof robotMessageSchema>;
export type RichTextPart = z.infer<typeof richTextPartSchema>;
export type CardCallback = z.infer<typeof cardCallbackSchema>;
export type CardValue = z.infer<typeof cardValueSchema>;

/*
 * API answers. The v1.0 API answers errors with a non-2xx status and `{code, message}`; the legacy
 * oapi host answers HTTP 200 with `{errcode, errmsg}` (errcode 0 = success).
 */
export const apiErrorBodySchema = z.looseObject({
  code: z.string().optional(),
  message: z.string().optional(),
  errcode: z.number().optional(),
  errmsg: z.string().optional(),
});

export const accessTokenAnswerSchema = z.looseObject({
  accessToken: z.string().min(1),
  expireIn: z.number().positive(),
});

export const batchSendAnswerSchema = z.looseObject({
  processQueryKey: z.string().optional(),
  invalidStaffIdList: z.array(z.string()).optional(),
  flowControlledStaffIdList: z.array(z.string()).optional(),
});

export const mediaUploadAnswerSchema = z.looseObject({
  errcode: z.number().optional(),
  media_id: z.string().min(1),
});

export const cardAnswerSchema = z.looseObject({
  success: z.boolean().optional(),
  result: z
    .union([
      z.boolean(),
      z.looseObject({
        deliverResults: z
          .array(z.looseObject({ success: z.boolean().optional(), errorMsg: z.string().optional() }))
          .optional(),
      }),
    ])
    .optional(),
});

export const downloadAnswerSchema = z.looseObject({
  downloadUrl: z.string().url(),
});

export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;
