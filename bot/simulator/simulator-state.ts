import type { WecomConfig } from '../config';
import type { Logger } from '../logger';
import type { AccessTokens } from './access-tokens';
import type { DeliveryResult } from './callback-sender';
import type { CallbackMessage } from './callback-xml';
import type { ChatStore } from './chat-store';
import type { MediaStore } from './media-store';
import type { ResponseCodes } from './response-codes';
import type { SimulatorSeed } from './seed';

/** Everything the simulator's routes share; built once per router, so two routers never mix chats. */
export interface SimulatorState {
  wecom: WecomConfig;
  seed: SimulatorSeed;
  /** The corp's members: the only valid recipients and senders. */
  userIds: ReadonlySet<string>;
  chats: ChatStore;
  media: MediaStore;
  codes: ResponseCodes;
  tokens: AccessTokens;
  /** Carries a user's action to the bot: as an app callback, or as a frame on the bot's connection. */
  sender: { deliver(fromUser: string, message: CallbackMessage, origin: string): Promise<DeliveryResult> };
  logger: Logger;
  timeZone: string;
}
