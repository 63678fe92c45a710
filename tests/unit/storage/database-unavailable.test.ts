import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable, isLockConflict } from '../../../storage/database-unavailable';

const driverError = (fields: object): Error => Object.assign(new Error('driver'), fields);

describe('isDatabaseUnavailable', () => {
  it('recognises a refused or lost connection, also inside a TypeORM error', () => {
    expect(isDatabaseUnavailable(driverError({ code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(driverError({ code: 'PROTOCOL_CONNECTION_LOST', fatal: true }))).toBe(true);
    const wrapped = new QueryFailedError('SELECT 1', [], driverError({ code: 'ER_SERVER_SHUTDOWN' }));
    expect(isDatabaseUnavailable(wrapped)).toBe(true);
  });

  it('leaves errors of the query or the data to the normal retry count', () => {
    expect(isDatabaseUnavailable(driverError({ code: 'ER_DUP_ENTRY' }))).toBe(false);
    expect(
      isDatabaseUnavailable(new QueryFailedError('x', [], driverError({ code: 'ER_PARSE_ERROR' }))),
    ).toBe(false);
    expect(isDatabaseUnavailable(new Error('a handler bug'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});

describe('isLockConflict', () => {
  it('recognises a deadlock or a lock wait timeout inside a TypeORM error, and nothing else', () => {
    const deadlock = new QueryFailedError(
      'SELECT … FOR UPDATE',
      [],
      driverError({ code: 'ER_LOCK_DEADLOCK' }),
    );
    expect(isLockConflict(deadlock)).toBe(true);
    expect(isLockConflict(driverError({ code: 'ER_LOCK_WAIT_TIMEOUT' }))).toBe(true);
    expect(isLockConflict(driverError({ code: 'ER_DUP_ENTRY' }))).toBe(false);
    expect(isLockConflict(driverError({ code: 'ECONNREFUSED' }))).toBe(false);
    expect(isLockConflict(new Error('a handler bug'))).toBe(false);
  });
});
