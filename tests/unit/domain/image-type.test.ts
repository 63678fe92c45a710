import sharp from 'sharp';
import { planDingtalkSend } from '../../../bot/dingtalk/render';
import { imageTypeOf, withExtension } from '../../../domain/messages/image-type';

const make = (format: 'png' | 'jpeg' | 'webp') =>
  sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } })
    .toFormat(format)
    .toBuffer();

describe('image type from the bytes', () => {
  it.each([
    ['png', 'image/png', 'png'],
    ['jpeg', 'image/jpeg', 'jpg'],
    ['webp', 'image/webp', 'webp'],
  ] as const)('tells %s apart', async (format, contentType, extension) => {
    expect(imageTypeOf(await make(format))).toEqual({ contentType, extension });
  });

  it('knows no type for other bytes', () => {
    expect(imageTypeOf(Buffer.from('%PDF-1.7'))).toBeNull();
    expect(imageTypeOf(new Uint8Array())).toBeNull();
  });

  it('renames to the real extension', () => {
    expect(withExtension('receipt-7.jpg', { contentType: 'image/png', extension: 'png' })).toBe(
      'receipt-7.png',
    );
    expect(withExtension('chart', { contentType: 'image/jpeg', extension: 'jpg' })).toBe('chart.jpg');
  });

  it('labels a DingTalk upload by its bytes, not by the reply', async () => {
    const png = await make('png');
    const plan = planDingtalkSend(
      { kind: 'image', dataBase64: png.toString('base64'), fileName: 'photo.jpg', contentType: 'image/jpeg' },
      { recipient: 'u1', robotCode: 'r' },
    );
    expect(plan).toMatchObject({ kind: 'upload_image', fileName: 'photo.png', contentType: 'image/png' });
  });
});
