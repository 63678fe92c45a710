import {
  assertSafeMediaKey,
  buildMediaKey,
  InvalidMediaKeyError,
  isSafeMediaKey,
} from '../../../storage/media/media-store';

describe('media keys', () => {
  it('builds <tenant>/<yyyy>/<mm>/<uuid>.jpg with the UTC month', () => {
    // 2026-11-30 23:30 UTC is already December 1st in Shanghai; keys follow UTC like every stored time.
    const key = buildMediaKey('ww7a1b2c3d', new Date('2026-11-30T23:30:00Z'));
    expect(key).toMatch(/^ww7a1b2c3d\/2026\/11\/[0-9a-f-]{36}\.jpg$/);
    expect(buildMediaKey('corp', new Date('2026-01-05T00:00:00Z'), 'png', 'abc')).toBe(
      'corp/2026/01/abc.png',
    );
  });

  it('accepts plain relative keys', () => {
    expect(isSafeMediaKey('corp/2026/11/0b9e1c2a-6f0e-4c1e-9d7a-2f1c3b4a5d6e.jpg')).toBe(true);
    expect(isSafeMediaKey('report_2026-11.png')).toBe(true);
  });

  it.each([
    ['parent directory', '../etc/passwd'],
    ['parent directory in the middle', 'corp/2026/../../secret.jpg'],
    ['current directory', 'corp/./a.jpg'],
    ['absolute path', '/etc/passwd'],
    ['backslash', 'corp\\..\\secret.jpg'],
    ['Windows drive', 'C:/secret.jpg'],
    ['empty segment', 'corp//a.jpg'],
    ['trailing slash', 'corp/2026/'],
    ['hidden file', 'corp/.env'],
    ['NUL byte', 'corp/a.jpg\u0000.txt'],
    ['space', 'corp/a b.jpg'],
    ['empty key', ''],
    ['overlong key', `corp/${'a'.repeat(600)}.jpg`],
  ])('rejects a key with a %s', (_reason, key) => {
    expect(isSafeMediaKey(key)).toBe(false);
    expect(() => assertSafeMediaKey(key)).toThrow(InvalidMediaKeyError);
  });

  it('refuses to build a key from a tenant id that would escape', () => {
    expect(() => buildMediaKey('../other', new Date('2026-11-23T00:00:00Z'))).toThrow(InvalidMediaKeyError);
  });
});
