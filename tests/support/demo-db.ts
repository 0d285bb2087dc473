// The demo's database, built once per test file the way a user gets it (`jobtrend demo`, offline: its sample
// sites run on 127.0.0.1). Files that must not launch Chromium set JOBTREND_CHROMIUM to a path that is not
// there; the demo then skips its browser source and still finishes.
import { join } from 'node:path';
import { runCli } from './run-cli.js';

/** The date the demo is run "on", so its sample and report are the same on every day. */
export const DEMO_NOW = '2026-06-30';

/** Runs `jobtrend demo` into `dir` (in the environment `env`) and returns the database path; throws if it fails. */
export async function buildDemoDb(dir: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const db = join(dir, 'demo.sqlite');
  const result = await runCli(
    ['--db', db, 'demo', '--out', join(dir, 'demo-reports'), '--now', DEMO_NOW],
    env,
  );
  if (result.code !== 0) throw new Error(`jobtrend demo failed (${result.code}): ${result.stderr}`);
  return db;
}
