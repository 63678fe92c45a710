import exifr from 'exifr';
import { z } from 'zod';

import type { PhotoExif } from '../../domain/attendance/anti-cheat';

export type { PhotoExif };

export interface ReadPhotoExifOptions {
  /**
   * Zone for a capture time written without an offset. EXIF `DateTimeOriginal` is the camera's wall clock;
   * only newer phones add `OffsetTimeOriginal`. Default: the tenant default zone, Asia/Shanghai.
   */
  timeZone?: string;
}

const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
// exifr derives `latitude`/`longitude` from the four GPS tags, so they must be picked too.
const EXIF_TAGS = [
  'DateTimeOriginal',
  'OffsetTimeOriginal',
  'CreateDate',
  'OffsetTimeDigitized',
  'GPSLatitude',
  'GPSLatitudeRef',
  'GPSLongitude',
  'GPSLongitudeRef',
];

// EXIF is outside data: whatever the camera (or anyone) wrote, only well-formed values get through.
const exifSchema = z.object({
  DateTimeOriginal: z.string().optional().catch(undefined),
  OffsetTimeOriginal: z.string().optional().catch(undefined),
  CreateDate: z.string().optional().catch(undefined),
  OffsetTimeDigitized: z.string().optional().catch(undefined),
  latitude: z.number().min(-90).max(90).optional().catch(undefined),
  longitude: z.number().min(-180).max(180).optional().catch(undefined),
});

/**
 * Capture time and GPS position from a photo's EXIF, when present and plausible. Tolerant of any bytes: a
 * photo without EXIF, a format exifr does not read (WebP) or bytes that are not an image all give `{}`.
 */
export async function readPhotoExif(bytes: Buffer, options: ReadPhotoExifOptions = {}): Promise<PhotoExif> {
  let raw: unknown;
  try {
    raw = await exifr.parse(bytes, { pick: EXIF_TAGS, gps: true, reviveValues: false });
  } catch {
    return {};
  }
  const parsed = exifSchema.safeParse(raw ?? {});
  if (!parsed.success) return {};
  const exif = parsed.data;
  const result: PhotoExif = {};

  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const takenAt =
    parseExifDateTime(exif.DateTimeOriginal, exif.OffsetTimeOriginal, timeZone) ??
    parseExifDateTime(exif.CreateDate, exif.OffsetTimeDigitized, timeZone);
  if (takenAt) result.takenAt = takenAt;

  // Some phones write 0/0 when they had no fix; nobody visits customers at Null Island.
  const { latitude: lat, longitude: lng } = exif;
  if (lat !== undefined && lng !== undefined && !(lat === 0 && lng === 0)) {
    result.lat = lat;
    result.lng = lng;
  }
  return result;
}

const EXIF_DATE_TIME = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/;
const EXIF_OFFSET = /^([+-])(\d{2}):(\d{2})$/;
const EARLIEST_PLAUSIBLE_YEAR = 2000;

function parseExifDateTime(
  value: string | undefined,
  offset: string | undefined,
  timeZone: string,
): Date | undefined {
  const match = value ? EXIF_DATE_TIME.exec(value.trim()) : null;
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wallClockAsUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const roundTrip = new Date(wallClockAsUtc);
  // Rejects "0000:00:00 00:00:00" (cameras with an unset clock) and impossible dates such as 02-30.
  if (
    year < EARLIEST_PLAUSIBLE_YEAR ||
    roundTrip.getUTCMonth() !== month - 1 ||
    roundTrip.getUTCDate() !== day
  ) {
    return undefined;
  }
  const offsetMatch = offset ? EXIF_OFFSET.exec(offset.trim()) : null;
  if (offsetMatch) {
    const sign = offsetMatch[1] === '-' ? -1 : 1;
    const offsetMs = sign * (Number(offsetMatch[2]) * 60 + Number(offsetMatch[3])) * 60_000;
    return new Date(wallClockAsUtc - offsetMs);
  }
  return wallClockInZone(wallClockAsUtc, timeZone);
}

/** The instant at which clocks in `timeZone` show the wall-clock time encoded (as if UTC) in `wallClockAsUtc`. */
function wallClockInZone(wallClockAsUtc: number, timeZone: string): Date {
  const firstGuess = wallClockAsUtc - zoneOffsetMs(wallClockAsUtc, timeZone);
  // A second pass settles times near a daylight-saving change.
  return new Date(wallClockAsUtc - zoneOffsetMs(firstGuess, timeZone));
}

function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const shown = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return shown - Math.floor(instant / 1000) * 1000;
}
