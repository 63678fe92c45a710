import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Tenant secrets at rest: AES-256-GCM with a key from the environment (`FIELDBOT_SECRET_KEY`). A sealed
 * value is `v1.<iv>.<tag>.<ciphertext>` in base64url. The additional data names what the value belongs to
 * (e.g. `tenant:acme`), so a ciphertext copied onto another tenant's row does not open.
 */
const VERSION = 'v1';
const IV_BYTES = 12;

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

/** 32 bytes as 64 hex characters or as base64 (44 characters); anything else is a setup mistake. */
export function parseSecretKey(value: string): Buffer {
  const trimmed = value.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  if (key.length !== 32)
    throw new SecretBoxError(
      'FIELDBOT_SECRET_KEY must be 32 random bytes as 64 hex characters or base64, e.g. the output of `openssl rand -hex 32`',
    );
  return key;
}

export class SecretBox {
  private readonly key: Buffer;

  constructor(key: string) {
    this.key = parseSecretKey(key);
  }

  seal(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), data]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  /** Throws SecretBoxError when the value was sealed with another key, for another context, or altered. */
  open(sealed: string, context: string): string {
    const [version, iv, tag, data, extra] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || data === undefined || extra !== undefined)
      throw new SecretBoxError('not a sealed secret');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      throw new SecretBoxError(
        `cannot open the secrets of ${context}: FIELDBOT_SECRET_KEY is not the key they were sealed with`,
      );
    }
  }
}
