import sharp from 'sharp';
import { preparePhoto } from '../../cards/watermark';
import { FakeWecomApi } from '../support/fake-wecom-api';
import { people } from '../support/seed-builders';
import { startTestBot, type TestBot } from '../support/start-bot';
import {
  encryptCallback,
  postCallback,
  randomAesKey,
  wecomEnv,
  wecomFixture,
  type WecomApp,
} from '../support/wecom-callback';
import { createWecomChat } from '../support/wecom-chat';

/**
 * A photo is decoded before its event's transaction: on SQLite the transaction holds the one connection, so
 * a decode inside it (seconds for a large PNG) would hold every other callback's ack behind it.
 */
const app: WecomApp = { corpId: 'wwphotodecode0001', token: 'photoToken', aesKey: randomAesKey() };
const SECRET = 'photo-secret';
let fake: FakeWecomApi;
let bot: TestBot;
let now = new Date('2026-11-24T01:05:00Z'); // Tuesday 09:05 in Shanghai
const chat = createWecomChat({ bot: () => bot, fake: () => fake, app, msgIdBase: 7449600000000000000n });

beforeAll(async () => {
  fake = new FakeWecomApi({ corpId: app.corpId, secret: SECRET });
  bot = await startTestBot(
    wecomEnv(app, SECRET, await fake.start()),
    people({ ZhangSan: 'rep', LiSi: 'rep' }),
    () => now,
  );
});

afterAll(async () => {
  await bot?.close();
  await fake?.stop();
});

it('acks other callbacks while a large punch photo is being decoded', async () => {
  // 36 megapixels of PNG: small on the wire, about a second or more to decode.
  const photo = await sharp({ create: { width: 6000, height: 6000, channels: 3, background: '#3a6ea5' } })
    .png()
    .toBuffer();
  let started = performance.now();
  await preparePhoto(photo);
  const decodeMs = performance.now() - started;

  expect(await chat.punchViaPage('ZhangSan', '签到', { lat: 22.5433, lng: 114.058 })).toContain('签到成功');
  now = new Date(now.getTime() + 60_000);
  fake.media.set('MEDIA_BIG', photo);
  const image = wecomFixture('image', {
    FromUserName: 'ZhangSan',
    MediaId: 'MEDIA_BIG',
    MsgId: chat.nextMsgId(),
  });
  expect((await postCallback(bot.url, encryptCallback(app, image))).status).toBe(200);
  // Let the handling reach the decode (the download is from loopback).
  await new Promise((resolve) => setTimeout(resolve, Math.min(300, decodeMs / 4)));
  started = performance.now();
  const other = await postCallback(bot.url, encryptCallback(app, chat.textXml('LiSi', '帮助')));
  const ackMs = performance.now() - started;
  expect(other.status).toBe(200);
  await bot.settle();

  expect(chat.sentTo('ZhangSan').some((m) => m.msgtype === 'image')).toBe(true);
  expect(chat.lastText('LiSi')).toContain('签到');
  expect(ackMs).toBeLessThan(decodeMs / 2);
});
