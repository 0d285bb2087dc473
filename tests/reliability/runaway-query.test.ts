// A runaway `jobtrend query` (a recursive CTE that never ends) stops at once on SIGTERM or SIGINT, and by
// itself after --timeout; no process is left running it, not even when jobtrend itself is killed with -9.
// The real executable, compiled into a private folder, as a user would run it.
import { fork, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningProcess, startNode as start } from '../support/compiled-cli.js';
import { type CompiledTree, compiledCli } from '../support/e2e-build.js';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-db.js';

const RUNAWAY = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c';

let cli: CompiledTree;
const temp = tempDir('jobtrend-runaway-');
const db = join(temp.dir, 'jobs.sqlite');

beforeAll(async () => {
  cli = compiledCli();
  expect((await runCli(['--db', db, 'init'])).code).toBe(0);
}, 120_000);
// Whatever a failing test left running is killed.
const started: RunningProcess[] = [];
const startNode = (...args: Parameters<typeof start>): RunningProcess => {
  const running = start(...args);
  started.push(running);
  return running;
};
afterAll(() => {
  for (const running of started) running.kill('SIGKILL');
  temp.cleanup();
});

/** Processes running the compiled query child of this test's build. */
function queryChildren(): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (
        readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(join(cli.outDir, 'src/query/query-child.js'))
      )
        found.push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return found;
}

async function waitFor(condition: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return condition();
}

describe('a runaway query', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`stops at once on ${signal}, with one line, and leaves no process behind`, async () => {
      const query = startNode(cli.cli, ['--db', db, 'query', RUNAWAY]);
      // Running the statement in its child process (so jobtrend is listening for signals): however long a
      // loaded machine takes to get there, the signal comes after it, never on a timer alone.
      expect(await waitFor(() => queryChildren().length > 0, 30_000), 'the query child started').toBe(true);
      await new Promise((r) => setTimeout(r, 500));
      const sent = Date.now();
      query.kill(signal);
      const exit = await query.exited;
      expect(Date.now() - sent, 'stopped within a second').toBeLessThan(1_000);
      expect(exit.code).toBe(130);
      expect(exit.stderr).toBe(`jobtrend: the query was stopped (received ${signal})\n`);
      expect(await waitFor(() => queryChildren().length === 0, 2_000)).toBe(true);
    }, 60_000);
  }

  it('stops by itself after --timeout, exit 1 with one line saying how to allow longer', async () => {
    const exit = await startNode(cli.cli, ['--db', db, 'query', '--timeout', '1', RUNAWAY]).exited;
    expect(exit.code).toBe(1);
    expect(exit.stderr).toMatch(
      /^jobtrend: the query ran for 1 s and was stopped \(--timeout 1\): .* --timeout SECONDS \(0: no limit\)\n$/,
    );
    expect(await waitFor(() => queryChildren().length === 0, 2_000)).toBe(true);
  }, 60_000);

  it('is not left running when jobtrend itself is killed with -9', async () => {
    const query = startNode(cli.cli, ['--db', db, 'query', '--timeout', '0', RUNAWAY]);
    expect(await waitFor(() => queryChildren().length > 0, 20_000)).toBe(true);
    query.kill('SIGKILL');
    await query.exited;
    // The watchdog looks every 0.5 s, once its thread has started, which on a loaded machine can take
    // seconds. Without it the child runs for good (as it once did when jobtrend died before the child had read
    // its parent's pid: the test below).
    expect(await waitFor(() => queryChildren().length === 0, 15_000), 'the child ended by itself').toBe(true);
  }, 60_000);

  it('ends a query child at once whose parent died before the child had started', async () => {
    // The race the kill -9 test can lose on a loaded machine: jobtrend killed while its child is still
    // starting, so that the child's process.ppid is already init's. The parent's pid, passed by jobtrend, is
    // here a process that has ended; the child must see it and end, not watch the process it finds.
    const ended = spawnSync(process.execPath, ['-e', '']);
    const child = fork(join(cli.outDir, 'src/query/query-child.js'), [String(ended.pid)], {
      stdio: 'ignore',
    });
    const exit = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, signal) => resolve(signal)),
    );
    const stopped = await Promise.race([
      exit,
      new Promise((r) => setTimeout(() => r('still running'), 10_000)),
    ]);
    child.kill('SIGKILL');
    expect(stopped).toBe('SIGKILL');
  }, 30_000);

  it('still answers an ordinary query, with its rows', async () => {
    const exit = await startNode(cli.cli, [
      '--db',
      db,
      'query',
      '--json',
      "SELECT :a AS a, 2 AS b, x'00ff' AS c",
      '-p',
      'a=x',
    ]).exited;
    expect(exit.code, exit.stderr).toBe(0);
    expect(JSON.parse(exit.stdout)).toEqual([{ a: 'x', b: 2, c: { type: 'Buffer', data: [0, 255] } }]);
  }, 60_000);
});
