/** The image formats a reply or a download can carry, told apart by their first bytes, never by a name. */
export interface ImageType {
  contentType: 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif';
  extension: 'png' | 'jpg' | 'webp' | 'gif';
}

const SIGNATURES: Array<{ type: ImageType; matches: (b: Uint8Array) => boolean }> = [
  {
    type: { contentType: 'image/png', extension: 'png' },
    matches: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  },
  {
    type: { contentType: 'image/jpeg', extension: 'jpg' },
    matches: (b) => startsWith(b, [0xff, 0xd8, 0xff]),
  },
  {
    type: { contentType: 'image/webp', extension: 'webp' },
    matches: (b) => startsWith(b, [0x52, 0x49, 0x46, 0x46]) && ascii(b, 8, 4) === 'WEBP',
  },
  { type: { contentType: 'image/gif', extension: 'gif' }, matches: (b) => ascii(b, 0, 4) === 'GIF8' },
];

/** The type the bytes are, or null when they are none of these. */
export function imageTypeOf(bytes: Uint8Array): ImageType | null {
  return SIGNATURES.find((s) => s.matches(bytes))?.type ?? null;
}

/** `name` with the extension of `type` (`receipt-7.jpg` for a PNG becomes `receipt-7.png`). */
export function withExtension(name: string, type: ImageType): string {
  const base = name.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  return `${base || 'image'}.${type.extension}`;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

function ascii(bytes: Uint8Array, from: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(from, from + length));
}
