/**
 * Three tiers, one project each (`npm run test:unit`, `test:integration`, `test:resilience`); `npm test`
 * runs all three, as CI does. Unit tests are pure and fast; integration tests drive the real Koa server,
 * the database and Chromium; resilience tests inject faults and run longest (their own, longer timeout).
 * Timeouts are generous: CI shares a busy machine, and a test that needs a tighter bound measures its own.
 *
 * With DATABASE_URL naming MySQL/MariaDB, `npm test` leaves out the PNG renderer's own tests: they open no
 * database and read no clock, so a second run would only repeat the SQLite run's (the unit tier does run
 * again: CI's MariaDB run is in another time zone).
 */
const onMysql = /^mysql:/.test(process.env.DATABASE_URL ?? '');
const tier = (displayName, testMatch, extra = {}) => ({
  displayName,
  testMatch,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  ...extra,
});

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    tier('unit', ['<rootDir>/tests/unit/**/*.test.ts', '<rootDir>/tests/*.test.ts']),
    tier('integration', ['<rootDir>/tests/integration/**/*.test.ts', '<rootDir>/tests/e2e/**/*.test.ts'], {
      testPathIgnorePatterns: ['/node_modules/', ...(onMysql ? ['<rootDir>/tests/integration/render/'] : [])],
    }),
    tier('resilience', ['<rootDir>/tests/resilience/**/*.test.ts'], {
      setupFilesAfterEnv: ['<rootDir>/tests/resilience/support/timeout.ts'],
    }),
  ],
  testTimeout: 120_000,
};
