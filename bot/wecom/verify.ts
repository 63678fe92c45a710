import { timingSafeEqual } from 'node:crypto';
import { getSignature } from '@wecom/crypto';

/** WeCom signs sha1(sort(token, timestamp, nonce, encrypt)); compared in constant time. */
export function isValidWecomSignature(input: {
  token: string;
  timestamp: string;
  nonce: string;
  encrypt: string;
  signature: string;
}): boolean {
  const expected = Buffer.from(
    getSignature(input.token, input.timestamp, input.nonce, input.encrypt),
    'utf8',
  );
  const given = Buffer.from(input.signature.toLowerCase(), 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
