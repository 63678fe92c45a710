import { decrypt } from '@wecom/crypto';

export type DecryptFailure = 'decrypt' | 'corp_id';

export class WecomDecryptError extends Error {
  constructor(
    readonly reason: DecryptFailure,
    detail: string,
  ) {
    super(detail);
    this.name = 'WecomDecryptError';
  }
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Decrypts an `Encrypt` value and checks the receive id. @wecom/crypto returns the id but does not
 * compare it; for a self-built app it must be our CorpID (WeCom error -40005 otherwise).
 */
export function decryptForCorp(aesKey: string, encrypted: string, corpId: string): string {
  if (encrypted.length % 4 !== 0 || !BASE64.test(encrypted)) {
    throw new WecomDecryptError('decrypt', 'Encrypt is not base64 (-40010)');
  }
  let result: { message: string; id: string };
  try {
    result = decrypt(aesKey, encrypted);
  } catch (error) {
    throw new WecomDecryptError('decrypt', `AES decrypt failed (-40007): ${(error as Error).message}`);
  }
  // Garbage ciphertext decrypts to a length field past the end, leaving no receive id at all.
  if (result.id === '') throw new WecomDecryptError('decrypt', 'plaintext has no receive id (-40008)');
  if (result.id !== corpId)
    throw new WecomDecryptError('corp_id', 'receive id does not match the CorpID (-40005)');
  return result.message;
}
