import { createHmac } from 'node:crypto';
import { signDingtalk, verifyDingtalkSignature } from '../../../bot/dingtalk/verify';

const APP_SECRET = 'test-app-secret-not-real';
const NOW = Date.UTC(2025, 10, 26, 3, 0, 0);
const HOUR = 60 * 60 * 1000;

/** Written out independently of verify.ts, as DingTalk documents it. */
function signLikeDingtalk(timestamp: string): string {
  return createHmac('sha256', APP_SECRET).update(`${timestamp}\n${APP_SECRET}`).digest('base64');
}

describe('signDingtalk', () => {
  it('computes base64(HMAC-SHA256(appSecret, timestamp + "\\n" + appSecret))', () => {
    expect(signDingtalk(String(NOW), APP_SECRET)).toBe(signLikeDingtalk(String(NOW)));
  });
});

describe('verifyDingtalkSignature', () => {
  const verify = (timestamp: string | undefined, sign: string | undefined) =>
    verifyDingtalkSignature({ timestamp, sign, appSecret: APP_SECRET, nowMs: NOW });

  it('accepts a correct sign with a fresh timestamp', () => {
    const timestamp = String(NOW - 3000);
    expect(verify(timestamp, signLikeDingtalk(timestamp))).toEqual({ ok: true });
  });

  it('accepts a timestamp just inside the one-hour window', () => {
    const timestamp = String(NOW - HOUR + 1000);
    expect(verify(timestamp, signLikeDingtalk(timestamp))).toEqual({ ok: true });
  });

  it('rejects a sign made with another secret', () => {
    const timestamp = String(NOW);
    const forged = createHmac('sha256', 'other').update(`${timestamp}\nother`).digest('base64');
    expect(verify(timestamp, forged)).toEqual({ ok: false, reason: 'signature' });
  });

  it('rejects a sign of a different length without throwing', () => {
    expect(verify(String(NOW), 'abc')).toEqual({ ok: false, reason: 'signature' });
  });

  it('rejects a correctly signed timestamp more than one hour old', () => {
    const timestamp = String(NOW - HOUR - 1000);
    expect(verify(timestamp, signLikeDingtalk(timestamp))).toEqual({ ok: false, reason: 'stale_timestamp' });
  });

  it('rejects a correctly signed timestamp more than one hour in the future', () => {
    const timestamp = String(NOW + HOUR + 1000);
    expect(verify(timestamp, signLikeDingtalk(timestamp))).toEqual({ ok: false, reason: 'stale_timestamp' });
  });

  it('rejects a timestamp that is not a number', () => {
    expect(verify('yesterday', signLikeDingtalk('yesterday'))).toEqual({
      ok: false,
      reason: 'stale_timestamp',
    });
  });

  it.each([
    ['timestamp', undefined, 'c2lnbg=='],
    ['sign', String(NOW), undefined],
    ['both', undefined, undefined],
    ['empty sign', String(NOW), ''],
  ])('rejects a request missing %s', (_label, timestamp, sign) => {
    expect(verify(timestamp, sign)).toEqual({ ok: false, reason: 'missing_headers' });
  });
});
