// The demo on a machine without Chromium: everything else still runs, the browser source is shown as
// skipped with the one command that installs Chromium, the report says so, and the demo exits 0.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { UserError } from '../../src/errors.js';
import { openDatabase } from '../../src/store/database.js';
import { type CliResult, runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-db.js';

// No Chromium anywhere: what findChromium says on such a machine.
vi.mock('../../src/browser/find-chromium.js', () => ({
  SYSTEM_CHROMIUM_PATHS: [],
  findChromium: () => {
    throw new UserError(
      'no Chromium found: install Chromium (apt-get install chromium), or set JOBTREND_CHROMIUM',
    );
  },
}));

const { dir, cleanup } = tempDir('jobtrend-demo-no-chromium-');
afterAll(cleanup);

describe('jobtrend demo without Chromium', () => {
  const dbPath = join(dir, 'demo.sqlite');
  let result: CliResult;
  beforeAll(async () => {
    result = await runCli(['--db', dbPath, 'demo', '--out', join(dir, 'reports'), '--now', '2026-06-30']);
  }, 180_000);

  it('finishes with exit 0 and shows the browser source skipped, with the command that installs Chromium', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const line = result.stdout.split('\n').find((l) => /^\s+boss\s/.test(l));
    expect(line).toMatch(
      /^\s+boss\s+skipped\s+no Chromium on this machine.*install it with `npx playwright install chromium`/,
    );
  });

  it('still scrapes the other sample sites and imports the dataset', () => {
    const db = openDatabase(dbPath, { readonly: true });
    const sources = db.prepare('SELECT DISTINCT source_id FROM postings ORDER BY 1').pluck().all();
    expect(sources).toEqual(['51job', 'greenhouse', 'import:sample-dataset', 'jsonld']);
    const runs = db
      .prepare("SELECT source_id, status FROM scrape_runs WHERE job_name = 'demo' ORDER BY id")
      .all();
    expect(runs).toEqual([
      { source_id: 'greenhouse', status: 'ok' },
      { source_id: 'jsonld', status: 'ok' },
      { source_id: '51job', status: 'ok' },
      { source_id: 'import:sample-dataset', status: 'ok' },
    ]);
    db.close();
  });

  it('says so in the report', () => {
    const line = result.stdout.split('\n').find((l) => l.startsWith('report (sample data): '));
    const report = readFileSync(line!.slice('report (sample data): '.length), 'utf8');
    const top = report.split('\n').slice(0, 8).join('\n');
    expect(top).toMatch(/\*\*Sample data\.\*\*/);
    expect(top).toMatch(
      /\*\*Skipped:\*\* the `boss` source .*no Chromium on this machine.*`npx playwright install chromium`/,
    );
  });
});
