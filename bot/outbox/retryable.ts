/**
 * Whether a failure is worth trying again: an error that says `retryable: false` (a platform's 4xx such as
 * an invalid user or an expired media id) is final; anything else (network, 5xx, rate limit, unknown) is not.
 */
export function isRetryable(error: unknown): boolean {
  return !(typeof error === 'object' && error !== null && 'retryable' in error && error.retryable === false);
}
