import { defineConfig } from 'vitest/config';

/**
 * The end-to-end tests: the real jobtrend compiled once (tests/support/compile-once.ts) and run as separate
 * processes — killed with SIGKILL, stopped with SIGTERM mid-import, several writers on one file, a runaway
 * query, a closed pipe. `npx vitest run` and `npm test` run them with the rest; `--project unit` leaves them out.
 */
const E2E = [
  'tests/engine/sigkill.test.ts',
  'tests/import/import-interrupt.test.ts',
  'tests/reliability/processes.test.ts',
  'tests/reliability/many-writers.test.ts',
  'tests/reliability/runaway-query.test.ts',
  'tests/cli/closed-pipe.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: E2E } },
      {
        extends: true,
        test: { name: 'e2e', include: E2E, globalSetup: ['tests/support/compile-once.ts'] },
      },
    ],
  },
});
