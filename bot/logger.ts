import pino, { type Logger } from 'pino';

export type { Logger };

/** Secrets and message bodies never reach the logs at info level (docs/architecture.md, Conventions). */
const REDACT = [
  'secret',
  'token',
  'accessToken',
  'access_token',
  'corpsecret',
  'appSecret',
  'aesKey',
  'secrets',
  'secretKey',
  'eventToken',
  'eventAesKey',
  '*.secret',
  '*.secrets',
  '*.secretKey',
  '*.eventToken',
  '*.eventAesKey',
  '*.token',
  '*.accessToken',
  '*.access_token',
  '*.appSecret',
  '*.aesKey',
  'req.headers.authorization',
];

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' }, base: undefined });
}
