import { createDataSource } from '../../../storage/data-source';

describe('DATABASE_URL', () => {
  it('reaches MySQL/MariaDB over a Unix socket when the URL names one', () => {
    const options = createDataSource(
      'mariadb://fieldbot:secret@localhost/fieldbot?socket=/run/mysqld/mysqld.sock',
    ).options as { type: string; url: string; extra: Record<string, unknown> };
    expect(options.type).toBe('mysql');
    expect(options.extra.socketPath).toBe('/run/mysqld/mysqld.sock');
    expect(options.url).toBe('mysql://fieldbot:secret@localhost/fieldbot');
  });

  it('uses TCP otherwise', () => {
    const options = createDataSource('mysql://fieldbot:secret@db.internal:3307/fieldbot').options as {
      url: string;
      extra: Record<string, unknown>;
    };
    expect(options.extra.socketPath).toBeUndefined();
    expect(options.url).toBe('mysql://fieldbot:secret@db.internal:3307/fieldbot');
  });
});
