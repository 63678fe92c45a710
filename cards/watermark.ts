import sharp from 'sharp';
import { DomainError, type ErrorCode } from '../domain/errors';

/**
 * Photo evidence: stamps who, when and where onto a rep's photo, the way watermark-camera apps do, so the
 * picture carries its own proof wherever it is forwarded. Output is a JPEG of at most 2 MB, so every WeCom
 * image path takes it: 上传临时素材 allows 10 MB of JPG/PNG, but 上传图片 (uploadimg) and group-robot image
 * messages stop at 2 MB.
 */
export interface WatermarkOptions {
  /** Inputs larger than this are refused before decoding. Default 10 MB. */
  maxInputBytes?: number;
  /** Inputs with more pixels than this are refused before decoding (decompression bombs). Default 100 MP. */
  maxInputPixels?: number;
  /** Long side of the output. Default 1600 px. */
  maxLongSide?: number;
  /** Output ceiling; quality, then size, step down until the JPEG fits. Default 2 MB. */
  maxOutputBytes?: number;
  /** JPEG quality of the first attempt. Default 82. */
  quality?: number;
}

export interface StampedImage {
  jpeg: Buffer;
  width: number;
  height: number;
}

export type ImageRejectionCode = Extract<ErrorCode, `image.${string}`>;

export class ImageRejectedError extends DomainError {
  declare readonly code: ImageRejectionCode;

  constructor(code: ImageRejectionCode, params: Record<string, string | number> = {}, cause?: unknown) {
    super(code, params);
    this.name = 'ImageRejectedError';
    if (cause !== undefined) this.cause = cause;
  }
}

const MB = 1024 * 1024;
const DEFAULTS = {
  maxInputBytes: 10 * MB,
  maxInputPixels: 100_000_000,
  maxLongSide: 1600,
  maxOutputBytes: 2 * MB,
  quality: 82,
} satisfies Required<WatermarkOptions>;

// Photos only: never render a user's SVG (it can reference files) or decode TIFF/GIF/PDF we do not need.
// HEIC decodes only where libvips was built with an HEVC decoder; AVIF does with sharp's own build.
const PHOTO_FORMATS = new Set(['jpeg', 'png', 'webp', 'heif']);
const MIN_QUALITY = 40;
const FONT_FAMILY = `'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Zen Hei', sans-serif`;

/**
 * A photo checked and decoded once, oriented, scaled to the output's long side and flattened: raw pixels.
 * Decoding is the expensive, attacker-sized part (a 100-megapixel PNG takes seconds), so it happens before
 * the event's transaction; stamping the prepared pixels inside it costs only the band and the JPEG encode.
 */
export interface PreparedPhoto {
  pixels: Buffer;
  width: number;
  height: number;
  channels: 3;
}

function settingsOf(options: WatermarkOptions): Required<WatermarkOptions> {
  // Field by field, so an explicit `undefined` in the options still means "the default".
  return {
    maxInputBytes: options.maxInputBytes ?? DEFAULTS.maxInputBytes,
    maxInputPixels: options.maxInputPixels ?? DEFAULTS.maxInputPixels,
    maxLongSide: options.maxLongSide ?? DEFAULTS.maxLongSide,
    maxOutputBytes: options.maxOutputBytes ?? DEFAULTS.maxOutputBytes,
    quality: options.quality ?? DEFAULTS.quality,
  };
}

/** Checks a received photo (a real image, within the byte and pixel limits) and decodes it; throws ImageRejectedError. */
export async function preparePhoto(image: Buffer, options: WatermarkOptions = {}): Promise<PreparedPhoto> {
  const settings = settingsOf(options);
  if (image.length > settings.maxInputBytes) {
    throw new ImageRejectedError('image.too_large', { limitMb: formatMb(settings.maxInputBytes) });
  }
  const { width, height } = await readOrientedSize(image, settings);
  const scale = Math.min(1, settings.maxLongSide / Math.max(width, height));
  const size = {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
  try {
    const { data, info } = await sharp(image, { limitInputPixels: settings.maxInputPixels })
      .autoOrient()
      .resize({ ...size, fit: 'fill' })
      // A transparent PNG would otherwise turn black where it is see-through.
      .flatten({ background: '#ffffff' })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { pixels: data, width: info.width, height: info.height, channels: 3 };
  } catch (error) {
    // The header was readable but the pixels are not (a truncated upload, a HEIC without a decoder).
    throw new ImageRejectedError('image.not_an_image', {}, error);
  }
}

/** Stamps the lines onto a prepared photo: a JPEG within `maxOutputBytes`. */
export async function stampPrepared(
  photo: PreparedPhoto,
  lines: string[],
  options: WatermarkOptions = {},
): Promise<StampedImage> {
  const settings = settingsOf(options);
  const texts = lines
    .flatMap((line) => line.split(/\r?\n/))
    .map(cleanText)
    .filter((line) => line.length > 0);
  for (const attempt of encodeAttempts(settings.quality)) {
    const size = {
      width: Math.max(1, Math.round(photo.width * attempt.scale)),
      height: Math.max(1, Math.round(photo.height * attempt.scale)),
    };
    const jpeg = await render(photo, size, texts, attempt.quality);
    if (jpeg.length <= settings.maxOutputBytes) return { jpeg, ...size };
  }
  throw new ImageRejectedError('image.too_large', { limitMb: formatMb(settings.maxInputBytes) });
}

/** Checks, decodes and stamps in one go (prepare, then stamp). */
export async function stampWatermark(
  image: Buffer,
  lines: string[],
  options: WatermarkOptions = {},
): Promise<StampedImage> {
  return stampPrepared(await preparePhoto(image, options), lines, options);
}

async function readOrientedSize(
  image: Buffer,
  settings: Required<WatermarkOptions>,
): Promise<{ width: number; height: number }> {
  let metadata: sharp.Metadata;
  try {
    metadata = await sharp(image).metadata();
  } catch (error) {
    throw new ImageRejectedError('image.not_an_image', {}, error);
  }
  const { width, height } = metadata.autoOrient;
  if (!PHOTO_FORMATS.has(metadata.format) || !(width > 0 && height > 0)) {
    throw new ImageRejectedError('image.not_an_image', { format: metadata.format });
  }
  if (width * height > settings.maxInputPixels) {
    throw new ImageRejectedError('image.too_large', { limitMb: formatMb(settings.maxInputBytes) });
  }
  return { width, height };
}

async function render(
  photo: PreparedPhoto,
  size: { width: number; height: number },
  texts: string[],
  quality: number,
): Promise<Buffer> {
  const { pixels, width, height, channels } = photo;
  const pipeline = sharp(pixels, { raw: { width, height, channels } });
  if (size.width !== width || size.height !== height) pipeline.resize({ ...size, fit: 'fill' });
  const band = texts.length > 0 ? buildBandSvg(size.width, size.height, texts) : null;
  if (band) pipeline.composite([{ input: Buffer.from(band.svg), top: size.height - band.height, left: 0 }]);
  // No EXIF in the output (GPS included; read it first with readPhotoExif): raw pixels carry none, and the
  // orientation is already applied to them.
  return pipeline.jpeg({ quality }).toBuffer();
}

function* encodeAttempts(quality: number): Generator<{ quality: number; scale: number }> {
  for (let q = quality; q > MIN_QUALITY; q -= 10) yield { quality: q, scale: 1 };
  for (const scale of [1, 0.75, 0.5]) yield { quality: MIN_QUALITY, scale };
}

interface Band {
  svg: string;
  height: number;
}

/** The dark band with the text, as SVG exactly as wide as the photo and anchored to its bottom edge. */
export function buildBandSvg(width: number, imageHeight: number, texts: string[]): Band {
  // Sized from the short side, so portrait and landscape shots of one phone get the same text size.
  const fontSize = clamp(Math.round(Math.min(width, imageHeight) / 24), 12, 44);
  const titleSize = Math.round(fontSize * 1.15);
  const padding = Math.round(fontSize * 0.75);
  const lineGap = Math.round(fontSize * 0.4);
  const maxRows = Math.max(1, Math.floor((imageHeight * 0.45 - 2 * padding) / (fontSize + lineGap)));
  const rows = layoutRows(texts, width - 2 * padding, fontSize, titleSize).slice(0, maxRows);

  let y = padding;
  const textElements = rows.map((row) => {
    y += row.size;
    const element =
      `<text x="${padding}" y="${y - Math.round(row.size * 0.14)}" font-size="${row.size}"` +
      `${row.isTitle ? ' font-weight="bold"' : ''}>${escapeXml(row.text)}</text>`;
    y += lineGap;
    return element;
  });
  const height = Math.min(imageHeight, y - lineGap + padding);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<rect width="100%" height="100%" fill="#000000" fill-opacity="0.6"/>` +
    `<g fill="#ffffff" font-family="${escapeXml(FONT_FAMILY)}">${textElements.join('')}</g></svg>`;
  return { svg, height };
}

interface Row {
  text: string;
  size: number;
  isTitle: boolean;
}

/** First line (the rep's name) a little larger and bold; long lines wrap onto a second row, then end in …. */
function layoutRows(texts: string[], maxWidth: number, fontSize: number, titleSize: number): Row[] {
  return texts.flatMap((text, index) => {
    const size = index === 0 ? titleSize : fontSize;
    return wrap(text, maxWidth / size, 2).map((row) => ({ text: row, size, isTitle: index === 0 }));
  });
}

function wrap(text: string, maxEms: number, maxRows: number): string[] {
  const rows: string[] = [];
  let rest = Array.from(text);
  while (rest.length > 0 && rows.length < maxRows) {
    let ems = 0;
    let cut = 0;
    while (cut < rest.length && ems + charEms(rest[cut] ?? '') <= maxEms) ems += charEms(rest[cut++] ?? '');
    cut = Math.max(1, cut);
    if (cut < rest.length && rows.length < maxRows - 1) cut = backOffToBreak(rest, cut);
    if (cut < rest.length && rows.length === maxRows - 1) {
      // Last row and still too long: keep what fits and end with an ellipsis.
      while (cut > 1 && ems + 1 > maxEms) ems -= charEms(rest[--cut] ?? '');
      rows.push(`${rest.slice(0, cut).join('').trimEnd()}…`);
      return rows;
    }
    rows.push(rest.slice(0, cut).join('').trimEnd());
    rest = Array.from(rest.slice(cut).join('').trimStart());
  }
  return rows;
}

// Chinese typesetting: a row never starts with closing punctuation.
const NO_ROW_START = new Set(Array.from('，。、；：？！）》」』】…,.;:?!)'));

/** Moves a row end out of a Latin word or number ("Q4", "09:02") to the nearest space or CJK character. */
function backOffToBreak(chars: string[], cut: number): number {
  const isBreakable = (i: number) => {
    const before = chars[i - 1] ?? ' ';
    const after = chars[i] ?? ' ';
    if (NO_ROW_START.has(after)) return false;
    return before === ' ' || after === ' ' || charEms(before) === 1 || charEms(after) === 1;
  };
  for (let i = cut; i > cut / 2; i--) if (isBreakable(i)) return i;
  return cut;
}

/**
 * Approximate advance in ems: CJK, full-width forms and the punctuation a Chinese font draws full width
 * (·, —, …, “ ”) are square; Latin letters and digits about half.
 */
function charEms(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  if (code >= 0x2e80 || (code >= 0x2000 && code <= 0x206f) || code === 0x00b7) return 1;
  return 0.6;
}

// Characters XML 1.0 forbids: one of them in the overlay and the whole SVG fails to parse.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g;

/** Drops characters XML cannot carry, folds runs of white space and trims. */
function cleanText(text: string): string {
  return text.replace(NOT_XML_CHARS, '').replace(/\s+/g, ' ').trim();
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => XML_ENTITIES[char] ?? char);
}

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function formatMb(bytes: number): number {
  return Math.round((bytes / MB) * 10) / 10;
}
