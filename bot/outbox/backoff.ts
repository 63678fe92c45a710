const BASE_MS = 1000;
const CAP_MS = 5 * 60 * 1000;

/**
 * Exponential back-off with jitter (half fixed, half random) (1 s, 2 s, 4 s … capped at 5 min): retries of many messages
 * spread out instead of hitting a rate-limited API (WeCom 45009) together again.
 */
export function backoffDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
