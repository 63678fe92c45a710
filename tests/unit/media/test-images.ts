import sharp from 'sharp';

/** A diagonal colour gradient: every region has a different, known mean, and nothing compresses to nothing. */
export async function gradientPhoto(
  width: number,
  height: number,
  format: 'jpeg' | 'png' = 'jpeg',
): Promise<Buffer> {
  // Drawn at most 400 px wide in JS, then scaled up by sharp: a 4000×3000 photo in milliseconds.
  const drawn = {
    width: Math.min(width, 400),
    height: Math.max(1, Math.round((height * Math.min(width, 400)) / width)),
  };
  const pixels = Buffer.alloc(drawn.width * drawn.height * 3);
  for (let y = 0; y < drawn.height; y++) {
    for (let x = 0; x < drawn.width; x++) {
      const i = (y * drawn.width + x) * 3;
      pixels[i] = Math.round((255 * x) / drawn.width);
      pixels[i + 1] = Math.round((255 * y) / drawn.height);
      pixels[i + 2] = 160;
    }
  }
  const image = sharp(pixels, { raw: { ...drawn, channels: 3 } }).resize({ width, height, fit: 'fill' });
  return format === 'jpeg' ? image.jpeg({ quality: 90 }).toBuffer() : image.png().toBuffer();
}

/** Mean of each channel (R, G, B) inside a rectangle. */
export async function regionMeans(
  image: Buffer,
  region: { left: number; top: number; width: number; height: number },
): Promise<number[]> {
  // Averaged by hand: sharp's stats() describes the whole input, whatever extract() says.
  const { data, info } = await sharp(image)
    .extract(region)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const sums = [0, 0, 0];
  for (let i = 0; i < data.length; i++)
    sums[i % info.channels] = (sums[i % info.channels] ?? 0) + (data[i] ?? 0);
  const pixels = info.width * info.height;
  return sums.slice(0, info.channels).map((sum) => sum / pixels);
}

export function maxDifference(a: number[], b: number[]): number {
  return Math.max(...a.map((value, i) => Math.abs(value - (b[i] ?? 0))));
}
