import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import {
  buildBandSvg,
  escapeXml,
  ImageRejectedError,
  preparePhoto,
  stampPrepared,
  type WatermarkOptions,
} from '../../../cards/watermark';
import { DomainError } from '../../../domain/errors';
import { describeError } from '../../../handlers/error-messages';
import { gradientPhoto, maxDifference, regionMeans } from './test-images';

/** Checks, decodes and stamps in one go, as the photo intake does in two steps. */
async function stampWatermark(image: Buffer, lines: string[], options: WatermarkOptions = {}) {
  return stampPrepared(await preparePhoto(image, options), lines, options);
}

const LINES = ['张三', '2026-11-23 09:02', '华为深圳 · 深圳市龙岗区坂田街道'];
const MB = 1024 * 1024;

async function rejection(promise: Promise<unknown>): Promise<ImageRejectedError> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ImageRejectedError))
    throw new Error(`expected an ImageRejectedError, got ${String(error)}`);
  return error;
}

describe('stampWatermark', () => {
  it('stamps a dark band with the lines at the bottom of an 800×600 JPEG and leaves the top alone', async () => {
    const photo = await gradientPhoto(800, 600);
    const { jpeg, width, height } = await stampWatermark(photo, LINES);

    const metadata = await sharp(jpeg).metadata();
    expect(metadata).toMatchObject({ format: 'jpeg', width: 800, height: 600 });
    expect([width, height]).toEqual([800, 600]);
    expect(jpeg.length).toBeLessThanOrEqual(2 * MB);

    const top = { left: 0, top: 0, width: 800, height: 300 };
    expect(maxDifference(await regionMeans(jpeg, top), await regionMeans(photo, top))).toBeLessThan(3);
    const bottom = { left: 0, top: 560, width: 800, height: 40 };
    const [before, after] = [await regionMeans(photo, bottom), await regionMeans(jpeg, bottom)];
    after.forEach((mean, channel) => expect(mean).toBeLessThan((before[channel] ?? 0) - 30));
  });

  it('downscales a 4000×3000 photo so the long side is 1600 px', async () => {
    const { jpeg, width, height } = await stampWatermark(await gradientPhoto(4000, 3000), LINES);
    expect([width, height]).toEqual([1600, 1200]);
    expect(await sharp(jpeg).metadata()).toMatchObject({ format: 'jpeg', width: 1600, height: 1200 });
    expect(jpeg.length).toBeLessThanOrEqual(2 * MB);
  });

  it('keeps a small photo at its own size', async () => {
    const { width, height } = await stampWatermark(await gradientPhoto(320, 240), LINES);
    expect([width, height]).toEqual([320, 240]);
  });

  it('turns a PNG into a JPEG and flattens transparency onto white', async () => {
    const png = await gradientPhoto(640, 480, 'png');
    const { jpeg } = await stampWatermark(png, LINES);
    expect((await sharp(jpeg).metadata()).format).toBe('jpeg');

    const transparent = await sharp({
      create: { width: 400, height: 300, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer();
    const flattened = await stampWatermark(transparent, LINES);
    const top = await regionMeans(flattened.jpeg, { left: 0, top: 0, width: 400, height: 100 });
    top.forEach((mean) => expect(mean).toBeGreaterThan(250));
  });

  it('accepts a WebP photo', async () => {
    const webp = await sharp(await gradientPhoto(600, 400))
      .webp()
      .toBuffer();
    const { jpeg, width } = await stampWatermark(webp, LINES);
    expect((await sharp(jpeg).metadata()).format).toBe('jpeg');
    expect(width).toBe(600);
  });

  it('applies the EXIF orientation, so a phone photo taken upright comes out upright', async () => {
    // Stored 600×400, red on the left and blue on the right; orientation 6 means "turn 90° clockwise to view",
    // which puts the stored left edge at the top.
    const left = await sharp({ create: { width: 300, height: 400, channels: 3, background: '#ff0000' } })
      .png()
      .toBuffer();
    const stored = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#0000ff' } })
      .composite([{ input: left, left: 0, top: 0 }])
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect((await sharp(stored).metadata()).orientation).toBe(6);

    const { jpeg, width, height } = await stampWatermark(stored, LINES);
    expect([width, height]).toEqual([400, 600]);
    const metadata = await sharp(jpeg).metadata();
    expect(metadata).toMatchObject({ width: 400, height: 600 });
    expect(metadata.orientation ?? 1).toBe(1);
    const [red = 0, , blue = 0] = await regionMeans(jpeg, { left: 0, top: 0, width: 400, height: 250 });
    expect(red).toBeGreaterThan(200);
    expect(blue).toBeLessThan(50);
  });

  it('strips EXIF from the output, GPS included', async () => {
    const photo = await sharp(await gradientPhoto(400, 300))
      .withExif({
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '22/1 39/1 1563/100',
          GPSLongitudeRef: 'E',
          GPSLongitude: '114/1 3/1 4032/100',
        },
      })
      .jpeg()
      .toBuffer();
    const { jpeg } = await stampWatermark(photo, LINES);
    expect((await sharp(jpeg).metadata()).exif).toBeUndefined();
  });

  it('survives XML special characters and Chinese in the text', async () => {
    const lines = [`李四 <&>"' 王五`, '2026-11-23 09:02', `客户 "A&B" <测试> 'Q4'`];
    const { jpeg } = await stampWatermark(await gradientPhoto(800, 600), lines);
    expect((await sharp(jpeg).metadata()).format).toBe('jpeg');

    const { svg } = buildBandSvg(800, 600, lines);
    expect(svg).toContain('李四 &lt;&amp;&gt;&quot;&apos; 王五');
    expect(svg).toContain('客户 &quot;A&amp;B&quot; &lt;测试&gt; &apos;Q4&apos;');
    expect(escapeXml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&apos;');
    await expect(sharp(Buffer.from(svg)).metadata()).resolves.toMatchObject({ format: 'svg' });
  });

  it('drops control characters that would make the overlay invalid XML', async () => {
    const { jpeg } = await stampWatermark(await gradientPhoto(400, 300), ['张三\u0000\u0007', '09:02\u001b']);
    expect((await sharp(jpeg).metadata()).format).toBe('jpeg');
  });

  it('draws Chinese with a real CJK font, not the same missing-glyph box for every character', async () => {
    const render = async (text: string) =>
      sharp(Buffer.from(buildBandSvg(400, 300, [text]).svg))
        .raw()
        .toBuffer();
    const [zhang, san] = await Promise.all([render('张'), render('三')]);
    expect(zhang.equals(san)).toBe(false);
  });

  it('wraps a long place name onto a second row and ends an even longer one with an ellipsis', () => {
    const rowsOf = (svg: string) => [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? '');
    const place = '华为深圳 · 深圳市龙岗区坂田街道华为基地 F 区 3 号门东侧停车场旁边的小卖部';

    const wrapped = rowsOf(buildBandSvg(400, 300, ['张三', place]).svg);
    expect(wrapped).toHaveLength(3);
    expect(wrapped.slice(1).join('')).toBe(place.replace(/ (?=停)/, ''));

    const cut = rowsOf(buildBandSvg(400, 300, ['张三', place.repeat(2)]).svg);
    expect(cut).toHaveLength(3);
    expect(cut[2]?.endsWith('…')).toBe(true);
  });

  it('lowers the JPEG quality until the output fits the byte limit', async () => {
    const noise = await sharp(randomBytes(1600 * 1200 * 3), {
      raw: { width: 1600, height: 1200, channels: 3 },
    })
      .jpeg({ quality: 95 })
      .toBuffer();
    const limit = 600 * 1024;
    const { jpeg, width } = await stampWatermark(noise, LINES, { maxOutputBytes: limit });
    expect(jpeg.length).toBeLessThanOrEqual(limit);
    expect(width).toBeGreaterThan(0);
  });

  it('rejects bytes that are not an image', async () => {
    const error = await rejection(stampWatermark(Buffer.from('这不是图片 at all'), LINES));
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('image.not_an_image');
    expect(describeError(error)).toContain('重新发送');
  });

  it('rejects a truncated JPEG whose header still reads', async () => {
    const photo = await gradientPhoto(800, 600);
    const error = await rejection(stampWatermark(photo.subarray(0, Math.floor(photo.length / 2)), LINES));
    expect(error.code).toBe('image.not_an_image');
  });

  it('refuses an SVG even though it decodes: only photos are stamped', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    expect((await rejection(stampWatermark(svg, LINES))).code).toBe('image.not_an_image');
  });

  it('rejects input over 10 MB before decoding it', async () => {
    // Zeros are not an image: had it decoded, this would be image.not_an_image.
    const error = await rejection(stampWatermark(Buffer.alloc(10 * MB + 1), LINES));
    expect(error.code).toBe('image.too_large');
    expect(describeError(error)).toBe('照片太大，请发送时不要勾选「原图」，或压缩后重新发送（最大 10 MB）。');
  });

  it('applies a configured input limit', async () => {
    const error = await rejection(
      stampWatermark(Buffer.alloc(600 * 1024), LINES, { maxInputBytes: 512 * 1024 }),
    );
    expect(error.code).toBe('image.too_large');
    expect(error.params).toEqual({ limitMb: 0.5 });
  });

  it('rejects an image with more pixels than the limit without decoding it', async () => {
    const error = await rejection(
      stampWatermark(await gradientPhoto(800, 600), LINES, { maxInputPixels: 100_000 }),
    );
    expect(error.code).toBe('image.too_large');
  });
});
