import { randomUUID } from 'node:crypto';
import type { PhotoArchive } from '../../domain/attendance/ports';

/**
 * Where photo evidence and rendered images live. The local store writes files; an object-storage store can
 * take its place when instances scale out (docs/architecture.md "Scaling out"), so keys are plain `/`-separated
 * paths that mean the same thing on a disk and in a bucket.
 */
export interface StoredMedia {
  key: string;
  bytes: number;
  contentType: string;
}

export interface MediaStore {
  put(key: string, bytes: Buffer, contentType: string): Promise<StoredMedia>;
  get(key: string): Promise<Buffer | null>;
}

/** A key a store refuses: it could escape the store's root or mean different things on different stores. */
export class InvalidMediaKeyError extends Error {
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super(`invalid media key ${JSON.stringify(key)}: ${reason}`);
    this.name = 'InvalidMediaKeyError';
  }
}

const MAX_KEY_LENGTH = 512;
// One segment: starts with a letter or digit (so never `.`, `..` or a hidden file), then letters, digits,
// `.`, `_`, `-`. No backslash, colon, space or control character can get through.
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function isSafeMediaKey(key: string): boolean {
  return (
    key.length > 0 && key.length <= MAX_KEY_LENGTH && key.split('/').every((segment) => SEGMENT.test(segment))
  );
}

export function assertSafeMediaKey(key: string): void {
  if (isSafeMediaKey(key)) return;
  throw new InvalidMediaKeyError(
    key,
    'use `/`-separated segments of letters, digits, `.`, `_` and `-`, each starting with a letter or digit',
  );
}

/** `<tenant>/<yyyy>/<mm>/<uuid>.<ext>`, year and month in UTC like every stored time. */
export function buildMediaKey(
  tenantId: string,
  at: Date,
  extension = 'jpg',
  id: string = randomUUID(),
): string {
  const year = String(at.getUTCFullYear()).padStart(4, '0');
  const month = String(at.getUTCMonth() + 1).padStart(2, '0');
  const key = `${tenantId}/${year}/${month}/${id}.${extension}`;
  assertSafeMediaKey(key);
  return key;
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
};

/** The PhotoArchive the handlers use, over any MediaStore: it names the files. */
export function photoArchiveOver(store: MediaStore): PhotoArchive {
  return {
    async save(tenantId, bytes, contentType, at) {
      const key = buildMediaKey(tenantId, at, EXTENSIONS[contentType] ?? 'bin');
      await store.put(key, Buffer.from(bytes), contentType);
      return key;
    },
    async load(tenantId, key) {
      if (!key.startsWith(`${tenantId}/`) || !isSafeMediaKey(key)) return null;
      return store.get(key);
    },
  };
}
