import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { preparePhoto, stampPrepared, type WatermarkOptions } from '../../../cards/watermark';
import { LocalMediaStore } from '../../../storage/media/local-media-store';
import { buildMediaKey, InvalidMediaKeyError } from '../../../storage/media/media-store';

/** Checks, decodes and stamps in one go, as the photo intake does in two steps. */
async function stampWatermark(image: Buffer, lines: string[], options: WatermarkOptions = {}) {
  return stampPrepared(await preparePhoto(image, options), lines, options);
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

describe('LocalMediaStore', () => {
  let base: string;
  let root: string;
  let store: LocalMediaStore;

  beforeEach(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'fieldbot-media-'));
    root = path.join(base, 'media');
    store = new LocalMediaStore({ root });
  });

  afterEach(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('stores bytes under the key and reads them back', async () => {
    const key = 'corp/2026/11/0b9e1c2a-6f0e-4c1e-9d7a-2f1c3b4a5d6e.jpg';
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x01, 0x02]);

    await expect(store.put(key, bytes, 'image/jpeg')).resolves.toEqual({
      key,
      bytes: 6,
      contentType: 'image/jpeg',
    });
    expect(await store.get(key)).toEqual(bytes);
    expect(await listFiles(root)).toEqual([
      path.join('corp', '2026', '11', '0b9e1c2a-6f0e-4c1e-9d7a-2f1c3b4a5d6e.jpg'),
    ]);
  });

  it('returns null for a key that was never stored', async () => {
    expect(await store.get('corp/2026/11/missing.jpg')).toBeNull();
    await store.put('corp/file.jpg', Buffer.from('x'), 'image/jpeg');
    // A file where a directory would be: still just "not there".
    expect(await store.get('corp/file.jpg/child.jpg')).toBeNull();
  });

  it('replaces the bytes when a key is stored again, leaving no partial files', async () => {
    await store.put('corp/a.jpg', Buffer.from('first'), 'image/jpeg');
    await store.put('corp/a.jpg', Buffer.from('second'), 'image/jpeg');
    expect((await store.get('corp/a.jpg'))?.toString()).toBe('second');
    expect(await listFiles(root)).toEqual([path.join('corp', 'a.jpg')]);
  });

  it.each(['../outside.jpg', 'corp/../../outside.jpg', '/tmp/outside.jpg', 'corp\\..\\..\\outside.jpg', ''])(
    'rejects the traversal key %j without touching the disk',
    async (key) => {
      await expect(store.put(key, Buffer.from('x'), 'image/jpeg')).rejects.toThrow(InvalidMediaKeyError);
      await expect(store.get(key)).rejects.toThrow(InvalidMediaKeyError);
      expect(await readdir(base)).toEqual([]);
    },
  );

  it('defaults to ./data/media', () => {
    expect(new LocalMediaStore().root).toBe(path.resolve('data', 'media'));
  });

  it('keeps a stamped photo byte for byte', async () => {
    const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#6a8caf' } })
      .jpeg()
      .toBuffer();
    const { jpeg } = await stampWatermark(photo, [
      '张三',
      '2026-11-23 09:02',
      '华为深圳 · 深圳市龙岗区坂田街道',
    ]);
    const key = buildMediaKey('corp', new Date('2026-11-23T01:02:00Z'));

    const stored = await store.put(key, jpeg, 'image/jpeg');
    expect(stored.bytes).toBe(jpeg.length);
    const read = await store.get(key);
    expect(read?.equals(jpeg)).toBe(true);
    expect((await sharp(read ?? Buffer.alloc(0)).metadata()).format).toBe('jpeg');
  });
});
