import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { assertSafeMediaKey, InvalidMediaKeyError, type MediaStore, type StoredMedia } from './media-store';

export interface LocalMediaStoreOptions {
  /** Directory that holds the files; relative paths resolve against the working directory. */
  root?: string;
}

export const DEFAULT_MEDIA_ROOT = './data/media';

/** Media as files under one root directory: key `corp/2026/11/<uuid>.jpg` → `<root>/corp/2026/11/<uuid>.jpg`. */
export class LocalMediaStore implements MediaStore {
  readonly root: string;

  constructor(options: LocalMediaStoreOptions = {}) {
    this.root = path.resolve(options.root ?? DEFAULT_MEDIA_ROOT);
  }

  async put(key: string, bytes: Buffer, contentType: string): Promise<StoredMedia> {
    const file = this.resolveKey(key);
    await mkdir(path.dirname(file), { recursive: true });
    // Write aside, then rename: a reader (or a crash) never sees half a photo under the real key.
    const partial = `${file}.${randomUUID()}.partial`;
    try {
      await writeFile(partial, bytes);
      await rename(partial, file);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    return { key, bytes: bytes.length, contentType };
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.resolveKey(key));
    } catch (error) {
      if (isMissingFile(error)) return null;
      throw error;
    }
  }

  private resolveKey(key: string): string {
    assertSafeMediaKey(key);
    const file = path.resolve(this.root, ...key.split('/'));
    // Defence in depth: the key grammar already rules out `..` and absolute paths.
    if (!file.startsWith(this.root + path.sep))
      throw new InvalidMediaKeyError(key, 'resolves outside the media root');
    return file;
  }
}

function isMissingFile(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
