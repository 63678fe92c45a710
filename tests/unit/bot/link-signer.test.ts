import { LINK_TTL_MS, LinkSigner } from '../../../bot/h5/link-signer';

const signer = new LinkSigner('a-secret-of-sufficient-length');
const who = { t: 'corp', p: 'wecom' as const, u: 'ZhangSan', purpose: 'location' as const };
const now = 1_795_000_000_000;

describe('LinkSigner', () => {
  it('verifies its own link and returns the payload', () => {
    const check = signer.verify(signer.issue(who, now), now + 1000);
    expect(check).toMatchObject({ ok: true, payload: { ...who, exp: now + LINK_TTL_MS } });
  });

  it('issues a different nonce every time', () => {
    expect(signer.issue(who, now)).not.toBe(signer.issue(who, now));
  });

  it('refuses an expired link', () => {
    expect(signer.verify(signer.issue(who, now), now + LINK_TTL_MS + 1)).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('refuses a link signed with another secret or altered', () => {
    const token = signer.issue(who, now);
    expect(new LinkSigner('another-secret-of-some-length').verify(token, now)).toEqual({
      ok: false,
      reason: 'signature',
    });
    const [body, sig] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...who, u: 'Boss', n: 'x'.repeat(16), exp: now + 1e9 }),
    ).toString('base64url');
    expect(signer.verify(`${forged}.${sig}`, now)).toEqual({ ok: false, reason: 'signature' });
    expect(signer.verify(`${body}`, now)).toEqual({ ok: false, reason: 'malformed' });
  });
});
