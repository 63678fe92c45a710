import type { CardView } from './template-card';

/** What a bubble shows. Platform field names stop at the fake API; the page reads only these. */
export type ChatContent =
  | { kind: 'text'; text: string }
  | { kind: 'markdown'; text: string }
  | { kind: 'image'; mediaId: string; url: string }
  | { kind: 'location'; lat: number; lng: number; label: string }
  /** `decided` is WeCom's button.replace_name: the buttons are disabled and this text shows instead. */
  | { kind: 'card'; card: CardView; decided?: string }
  /** A centred line for things that are not messages: a card tap, opening the app. */
  | { kind: 'note'; text: string };

export type ChatItem = ChatContent & {
  id: string;
  /** Bumped on every change, so a poll with `after` also sees cards updated in place. */
  seq: number;
  from: 'user' | 'bot';
  /** Unix milliseconds. */
  at: number;
  /** The bot's HTTP answer to the callback that carried this message (user items only). */
  delivery?: { status: number; error?: string };
};

export interface ChatPage {
  items: ChatItem[];
  cursor: number;
}

/** Benchmarks can push thousands of messages; old bubbles are dropped so memory stays flat. */
const MAX_ITEMS_PER_USER = 500;

/**
 * In-memory conversations, one per user. The cursor is one counter across all users; a poll returns the
 * items whose `seq` is past it, and the page replaces items by `id`.
 */
export class ChatStore {
  private readonly chats = new Map<string, ChatItem[]>();
  private seq = 0;
  private nextId = 0;

  constructor(private readonly now: () => number = Date.now) {}

  append(userId: string, from: ChatItem['from'], content: ChatContent): ChatItem {
    const item: ChatItem = { ...content, id: `m${++this.nextId}`, seq: ++this.seq, from, at: this.now() };
    const chat = this.chats.get(userId) ?? [];
    chat.push(item);
    if (chat.length > MAX_ITEMS_PER_USER) chat.splice(0, chat.length - MAX_ITEMS_PER_USER);
    this.chats.set(userId, chat);
    return item;
  }

  /** Items changed after the cursor, in conversation order (a card updated in place keeps its position). */
  list(userId: string, after = 0): ChatPage {
    const items = (this.chats.get(userId) ?? []).filter((i) => i.seq > after);
    return { items, cursor: this.seq };
  }

  setDelivery(userId: string, itemId: string, delivery: NonNullable<ChatItem['delivery']>): void {
    const item = this.chats.get(userId)?.find((i) => i.id === itemId);
    if (!item) return;
    item.delivery = delivery;
    item.seq = ++this.seq;
  }

  /** The newest card with this task_id in the user's chat (WeCom task_id is unique per app). */
  findCard(userId: string, taskId: string): Extract<ChatItem, { kind: 'card' }> | undefined {
    const chat = this.chats.get(userId) ?? [];
    for (let i = chat.length - 1; i >= 0; i--) {
      const item = chat[i];
      if (item?.kind === 'card' && item.card.taskId === taskId) return item;
    }
    return undefined;
  }

  /** Replaces a card in place: a new card, a decided text, or both. False when there is no such card. */
  updateCard(userId: string, taskId: string, update: { card?: CardView; decided?: string }): boolean {
    const item = this.findCard(userId, taskId);
    if (!item) return false;
    if (update.card) {
      item.card = update.card;
      item.decided = undefined;
    }
    if (update.decided !== undefined) item.decided = update.decided;
    item.seq = ++this.seq;
    return true;
  }
}
