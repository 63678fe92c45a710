import sharp from 'sharp';
import { readPhotoExif } from '../../../storage/media/photo-exif';

type ExifDirs = Parameters<sharp.Sharp['withExif']>[0];

async function photoWithExif(exif: ExifDirs, format: 'jpeg' | 'png' = 'jpeg'): Promise<Buffer> {
  const image = sharp({ create: { width: 64, height: 48, channels: 3, background: '#4080c0' } }).withExif(
    exif,
  );
  return format === 'jpeg' ? image.jpeg().toBuffer() : image.png().toBuffer();
}

// 22°39'15.63" N, 114°3'40.32" E: Huawei's Bantian campus, Shenzhen.
const SHENZHEN_GPS = {
  GPSLatitudeRef: 'N',
  GPSLatitude: '22/1 39/1 1563/100',
  GPSLongitudeRef: 'E',
  GPSLongitude: '114/1 3/1 4032/100',
};

describe('readPhotoExif', () => {
  it('reads the capture time with its offset and the GPS position', async () => {
    const photo = await photoWithExif({
      IFD2: { DateTimeOriginal: '2026:11:23 09:02:00', OffsetTimeOriginal: '+08:00' },
      IFD3: SHENZHEN_GPS,
    });
    const exif = await readPhotoExif(photo);
    expect(exif.takenAt).toEqual(new Date('2026-11-23T01:02:00Z'));
    expect(exif.lat).toBeCloseTo(22.654342, 6);
    expect(exif.lng).toBeCloseTo(114.0612, 6);
  });

  it('reads a capture time without an offset as wall-clock time in Asia/Shanghai, or in the zone given', async () => {
    const photo = await photoWithExif({ IFD2: { DateTimeOriginal: '2026:11:23 09:02:00' } });
    expect(await readPhotoExif(photo)).toEqual({ takenAt: new Date('2026-11-23T01:02:00Z') });
    expect(await readPhotoExif(photo, { timeZone: 'Europe/Berlin' })).toEqual({
      takenAt: new Date('2026-11-23T08:02:00Z'),
    });
  });

  it('gives southern and western positions negative coordinates', async () => {
    const photo = await photoWithExif({
      IFD3: { ...SHENZHEN_GPS, GPSLatitudeRef: 'S', GPSLongitudeRef: 'W' },
    });
    const exif = await readPhotoExif(photo);
    expect(exif.lat).toBeCloseTo(-22.654342, 6);
    expect(exif.lng).toBeCloseTo(-114.0612, 6);
  });

  it('reads EXIF from a PNG too', async () => {
    const photo = await photoWithExif(
      { IFD2: { DateTimeOriginal: '2026:11:23 09:02:00', OffsetTimeOriginal: '+08:00' } },
      'png',
    );
    expect((await readPhotoExif(photo)).takenAt).toEqual(new Date('2026-11-23T01:02:00Z'));
  });

  it('ignores an unset camera clock and a 0/0 position written without a GPS fix', async () => {
    const photo = await photoWithExif({
      IFD2: { DateTimeOriginal: '0000:00:00 00:00:00' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '0/1 0/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '0/1 0/1 0/1',
      },
    });
    expect(await readPhotoExif(photo)).toEqual({});
  });

  it('returns nothing for a photo without EXIF', async () => {
    const plain = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
      .jpeg()
      .toBuffer();
    expect(await readPhotoExif(plain)).toEqual({});
  });

  it('returns nothing for bytes that are not an image', async () => {
    expect(await readPhotoExif(Buffer.from('not a photo, just text'))).toEqual({});
    expect(await readPhotoExif(Buffer.alloc(0))).toEqual({});
    expect(await readPhotoExif(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x10, 0x45, 0x78]))).toEqual({});
  });
});
