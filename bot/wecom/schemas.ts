import { z } from 'zod';

/** The POST body's envelope: only `Encrypt` matters; the rest is inside the ciphertext and signed. */
export const wecomEnvelopeSchema = z.object({
  xml: z.object({ Encrypt: z.string().min(1) }).loose(),
});

const common = {
  ToUserName: z.string().min(1),
  FromUserName: z.string().min(1).max(64),
  CreateTime: z.coerce.number().int().positive(),
  AgentID: z.coerce.string().optional(),
};

export const wecomTextSchema = z.object({
  ...common,
  MsgType: z.literal('text'),
  Content: z.string(),
  MsgId: z.string().min(1),
});
export const wecomImageSchema = z.object({
  ...common,
  MsgType: z.literal('image'),
  PicUrl: z.string().optional(),
  MediaId: z.string().min(1),
  MsgId: z.string().min(1),
});
/** A voice message; `Recognition` is the speech-to-text WeCom adds when the app has recognition on. */
export const wecomVoiceSchema = z.object({
  ...common,
  MsgType: z.literal('voice'),
  MediaId: z.string().min(1),
  Format: z.string().optional(),
  Recognition: z.coerce.string().optional(),
  MsgId: z.string().min(1),
});
export const wecomLocationSchema = z.object({
  ...common,
  MsgType: z.literal('location'),
  Location_X: z.coerce.number(),
  Location_Y: z.coerce.number(),
  Scale: z.coerce.number().optional(),
  Label: z.string().optional(),
  MsgId: z.string().min(1),
});

const selectedItemSchema = z.object({
  QuestionKey: z.string(),
  OptionIds: z.object({ OptionId: z.array(z.string()) }).optional(),
});

export const wecomEventSchema = z.object({
  ...common,
  MsgType: z.literal('event'),
  Event: z.string().min(1),
  EventKey: z.string().optional(),
  // LOCATION event
  Latitude: z.coerce.number().optional(),
  Longitude: z.coerce.number().optional(),
  Precision: z.coerce.number().optional(),
  // template_card_event
  TaskId: z.string().optional(),
  CardType: z.string().optional(),
  ResponseCode: z.string().optional(),
  SelectedItems: z.union([z.object({ SelectedItem: z.array(selectedItemSchema) }), z.literal('')]).optional(),
  // change_contact (通讯录变更事件): ChangeType with UserID (members) or Id (departments)
  ChangeType: z.string().optional(),
  UserID: z.string().min(1).max(64).optional(),
  NewUserID: z.string().min(1).max(64).optional(),
  Id: z.coerce.string().optional(),
});

/** Any other message type, kept only to answer `unsupported`. */
export const wecomOtherSchema = z.object({
  ...common,
  MsgType: z.string().min(1),
  MsgId: z.string().optional(),
});

export type WecomEvent = z.infer<typeof wecomEventSchema>;
