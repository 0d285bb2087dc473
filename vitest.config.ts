// The test suite in three projects:
// - unit: most tests, in worker processes shared between files (no fresh process and module graph per file,
//   which doubled the suite's CPU time).
// - unit-isolated: the test files that replace a module with vi.mock, each in a fresh worker of its own so
//   the replacement cannot leak into other files; found by reading the files, so a new one is isolated too.
// - e2e: the real jobtrend compiled once (tests/support/compile-once.ts) and run as separate processes —
//   killed with SIGKILL, stopped with SIGTERM mid-import, several writers on one file, a runaway query, a
//   closed pipe. In shared workers too.
// Files start e2e first, then unit-isolated, then unit, each project's longest first (tests/support/sequencer.ts).
// `npx vitest run` and `npm test` run all three; `npx vitest run --project 'unit*'` leaves the e2e tests out.
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import ProjectsInOrder from './tests/support/sequencer.js';

const E2E = [
  'tests/engine/sigkill.test.ts',
  'tests/import/import-interrupt.test.ts',
  'tests/reliability/processes.test.ts',
  'tests/reliability/many-writers.test.ts',
  'tests/reliability/runaway-query.test.ts',
  'tests/cli/closed-pipe.test.ts',
];

/** Test files under `dir` that call vi.mock. */
function mockingTestFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => join(dir, name))
    .filter((path) => /\bvi\.mock\(/.test(readFileSync(path, 'utf8')));
}
const MOCKING = mockingTestFiles('tests');

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One worker more than cores (3 on two): many files spend much of their time waiting — on local servers,
    // child processes, Chromium — and a third worker runs another file meanwhile.
    maxWorkers: Math.max(3, availableParallelism() + 1),
    sequence: { sequencer: ProjectsInOrder },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: [...E2E, ...MOCKING],
          isolate: false,
        },
      },
      { extends: true, test: { name: 'unit-isolated', include: MOCKING } },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: E2E,
          globalSetup: ['tests/support/compile-once.ts'],
          // Shared workers too: what these files run in-process (servers, a crawl, a store) is their own.
          isolate: false,
        },
      },
    ],
  },
});
