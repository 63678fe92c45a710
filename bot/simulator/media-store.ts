import { randomBytes } from 'node:crypto';

export interface StoredMedia {
  mediaId: string;
  type: string;
  contentType: string;
  fileName: string;
  bytes: Buffer;
  /** Unix seconds, as WeCom reports `created_at`. */
  createdAt: number;
}

/** WeCom keeps temporary media 3 days; the simulator also caps total bytes so a long session stays small. */
const LIFETIME_MS = 3 * 24 * 60 * 60 * 1000;
const MAX_TOTAL_BYTES = 200 * 1024 * 1024;

/** Temporary media (media/upload, media/get) and the pictures users send from the page. */
export class MediaStore {
  private readonly media = new Map<string, StoredMedia>();
  private totalBytes = 0;

  constructor(private readonly now: () => number = Date.now) {}

  put(input: { type: string; contentType: string; fileName: string; bytes: Buffer }): StoredMedia {
    // WeCom media ids are opaque strings of this rough shape; the bot must not parse them.
    const mediaId = `3${randomBytes(24).toString('base64url')}`;
    const stored: StoredMedia = { ...input, mediaId, createdAt: Math.floor(this.now() / 1000) };
    this.media.set(mediaId, stored);
    this.totalBytes += stored.bytes.length;
    this.evict();
    return stored;
  }

  get(mediaId: string): StoredMedia | undefined {
    const stored = this.media.get(mediaId);
    if (!stored) return undefined;
    if (stored.createdAt * 1000 + LIFETIME_MS <= this.now()) {
      this.remove(mediaId, stored);
      return undefined;
    }
    return stored;
  }

  private evict(): void {
    // Oldest first: Map keeps insertion order.
    for (const [mediaId, stored] of this.media) {
      const expired = stored.createdAt * 1000 + LIFETIME_MS <= this.now();
      if (!expired && this.totalBytes <= MAX_TOTAL_BYTES) break;
      this.remove(mediaId, stored);
    }
  }

  private remove(mediaId: string, stored: StoredMedia): void {
    this.media.delete(mediaId);
    this.totalBytes -= stored.bytes.length;
  }
}
