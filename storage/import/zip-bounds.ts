import { inflateRawSync } from 'node:zlib';

/**
 * An .xlsx is a zip: a few hundred KB can inflate to gigabytes (a zip bomb), and the workbook reader
 * inflates every entry into memory. This walks the archive first, inflating entry by entry with node's
 * `maxOutputLength`, so nothing larger than the budget is ever held, and a size the directory understates
 * is caught as it is inflated. What passes is then safe to hand to the reader.
 */
export class ZipTooLargeError extends Error {}
export class ZipUnreadableError extends Error {}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

/** Throws ZipTooLargeError when the entries inflate to more than `maxBytes` in all, ZipUnreadableError on a malformed archive. */
export function assertZipWithin(bytes: Uint8Array, maxBytes: number): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfDirectory(buf);
  const entries = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  let budget = maxBytes;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL)
      throw new ZipUnreadableError('bad directory');
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const declared = buf.readUInt32LE(at + 24);
    const next = at + 46 + buf.readUInt16LE(at + 28) + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    // ZIP64 markers: no customer table needs a 4 GB entry.
    if (declared === 0xffffffff || compressed === 0xffffffff) throw new ZipTooLargeError('zip64 entry');
    if (declared > budget) throw new ZipTooLargeError(`entry of ${declared} bytes`);
    budget -= inflatedSize(buf, buf.readUInt32LE(at + 42), method, compressed, declared);
    at = next;
  }
}

function findEndOfDirectory(buf: Buffer): number {
  for (let at = buf.length - 22; at >= Math.max(0, buf.length - 22 - 0xffff); at--)
    if (buf.readUInt32LE(at) === EOCD) return at;
  throw new ZipUnreadableError('no end of central directory');
}

/** The entry's real inflated size, never inflating past what its directory entry declares. */
function inflatedSize(
  buf: Buffer,
  local: number,
  method: number,
  compressed: number,
  declared: number,
): number {
  if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL) throw new ZipUnreadableError('bad entry');
  const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
  const data = buf.subarray(start, start + compressed);
  if (method === STORED) {
    if (data.length !== declared) throw new ZipUnreadableError('stored size mismatch');
    return declared;
  }
  if (method !== DEFLATED) throw new ZipUnreadableError(`compression method ${method}`);
  try {
    // One byte of room: an entry larger than it says fails here instead of filling memory.
    return inflateRawSync(data, { maxOutputLength: declared + 1 }).length;
  } catch (error) {
    if (error instanceof RangeError) throw new ZipTooLargeError('entry larger than declared');
    throw new ZipUnreadableError(error instanceof Error ? error.message : String(error));
  }
}
