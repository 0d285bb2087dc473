// The demo on a machine without Chromium, at the end of a year: everything else still runs, the browser
// source is shown as skipped with the one command that installs Chromium, the report says so, and the demo
// exits 0. And the README's flagship claim, which the demo prints, gets a verdict on the sample data even
// in December, when the earlier of the two years compared is the thinnest of the sample's history.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
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

const dbPath = join(dir, 'demo.sqlite');
let result: CliResult;
beforeAll(async () => {
  result = await runCli(['--db', dbPath, 'demo', '--out', join(dir, 'reports'), '--now', '2026-12-06']);
}, 180_000);

describe('jobtrend demo without Chromium', () => {
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

describe("the README's flagship claim on the demo data", () => {
  it("is printed by the demo with the years that fit its clock, and is the README's", () => {
    const claim =
      "jobtrend claim --role ai-trainer --city 上海 --period 2025 --baseline 2024 --change '>30%'";
    expect(result.stdout).toContain(claim);
    const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
    expect(readme).toContain(`npx ${claim}`);
  });

  it('gets a verdict, not "insufficient data"', async () => {
    const claim = await runCli([
      '--db',
      dbPath,
      'claim',
      '--role',
      'ai-trainer',
      '--city',
      '上海',
      '--period',
      '2025',
      '--baseline',
      '2024',
      '--change',
      '>30%',
    ]);
    expect(claim.code).toBe(0);
    expect(claim.stdout).toMatch(/^Verdict: (SUPPORTED|CONTRADICTED|INCONCLUSIVE) — /m);
  });
});
