/** Connection-level failures of MySQL/MariaDB (mysql2 codes): the server is away, not the query wrong. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR',
]);

/**
 * True when `error` says the database could not be reached (stopped, restarting, network): retrying later
 * will do, so it must not count against the work's own attempts. TypeORM keeps the driver's error inside.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const { code, fatal, driverError, cause } = e as {
      code?: unknown;
      fatal?: unknown;
      driverError?: unknown;
      cause?: unknown;
    };
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
    if (fatal === true) return true;
    e = driverError ?? cause;
  }
  return false;
}

/** Lock conflicts MySQL/MariaDB resolve by rolling one transaction back: run again, it will go through. */
const CONFLICT_CODES = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);

/** True when `error` is a deadlock or a lock wait that timed out: the work was fine, its timing was not. */
export function isLockConflict(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const { code, driverError, cause } = e as { code?: unknown; driverError?: unknown; cause?: unknown };
    if (typeof code === 'string' && CONFLICT_CODES.has(code)) return true;
    e = driverError ?? cause;
  }
  return false;
}
