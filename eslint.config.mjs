import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/', 'bot/simulator/public/', '*.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // House rule 1: the domain stays pure; dependencies point inward.
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['koa', '@koa/*', 'typeorm', 'mysql2', 'better-sqlite3', 'puppeteer*', 'echarts', 'node-cron', '@wecom/*', 'node:http', 'node:https'], message: 'domain/ is pure: no I/O libraries.' },
            { group: ['**/bot/**', '**/storage/**', '**/jobs/**', '**/cards/**', '**/handlers/**'], message: 'domain/ must not import outer layers.' },
          ],
        },
      ],
    },
  },
  {
    files: ['handlers/**/*.ts', 'cards/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/bot/**', 'koa', '@koa/*', '@wecom/*'], message: 'handlers and cards never touch the transport.' },
            { group: ['**/jobs/**'], message: 'handlers and cards never call a schedule; shared work lives in handlers/use-cases/.' },
          ],
        },
      ],
    },
  },
  {
    // Jobs get their stores as ports (jobs/ports.ts), bound to storage in bot/job-stores.ts.
    files: ['jobs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/storage/**', 'typeorm'], message: 'jobs/ builds no repository: name the port in jobs/ports.ts and bind it in bot/job-stores.ts.' },
            { group: ['**/bot/**', 'koa', '@koa/*'], message: 'jobs/ never imports the edge; bot/ gives a job what it needs.' },
          ],
        },
      ],
    },
  },
);
