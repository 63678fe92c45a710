import type { WecomConfig } from '../config';
import type { Logger } from '../logger';
import type { AccessTokens } from './access-tokens';
import type { CallbackSender } from './callback-sender';
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
  sender: CallbackSender;
  logger: Logger;
  timeZone: string;
}
