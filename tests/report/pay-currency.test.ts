// Pay in the report for a dataset that states figures without a currency: `import --currency USD` makes them
// USD as stated; without it, each posting's currency is inferred from its country and the report says so;
// figures no one is paid ("1-1 Annually") are kept but left out and counted.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gatherReport } from '../../src/report/gather-report.js';
import { renderReport } from '../../src/report/render-report.js';
import { openDatabase } from '../../src/store/database.js';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-db.js';

const { dir, cleanup } = tempDir('jobtrend-pay-');
afterAll(cleanup);
const now = new Date('2026-11-20T10:00:00Z');

// Yearly pay without a currency, as a job board's dataset gives it.
const rows = [
  ['Machine Learning Engineer', 'Acme', 'New York, USA', '120000-150000 Annually', '2026-10-03'],
  ['AI Engineer', 'Beta', 'New York, USA', '140000-180000 Annually', '2026-10-05'],
  ['Senior AI Engineer', 'Gamma', 'Austin, USA', '160000-200000 Annually', '2026-10-07'],
  ['AI Engineer II', 'Delta', 'Seattle, USA', '130000-170000 Annually', '2026-10-09'],
  ['AI Platform Engineer', 'Epsilon', 'Boston, USA', '1-1 Annually', '2026-10-11'],
];
const csv = [
  'title,company,location,salary,posted_at,description',
  ...rows.map((r) => `${r.map((v) => `"${v}"`).join(',')},"Build LLM systems in Python."`),
].join('\n');

async function importAndReport(extra: string[]): Promise<string> {
  const db = join(dir, `pay-${extra.join('-') || 'inferred'}.sqlite`);
  const file = join(dir, 'pay.csv');
  writeFileSync(file, csv);
  const imported = await runCli(['--db', db, 'import', file, ...extra]);
  expect(imported.code, imported.stderr).toBe(0);
  const handle = openDatabase(db);
  try {
    return renderReport(gatherReport(handle, { now, period: '2026-10' }), { now }).markdown;
  } finally {
    handle.close();
  }
}

describe('pay stated without a currency', () => {
  it('with --currency USD the report summarises pay in USD, nothing marked inferred', async () => {
    const report = await importAndReport(['--currency', 'USD']);
    const pay = report.slice(report.indexOf('## Pay'));
    expect(pay).toContain('Pay ranges by role, USD per year');
    expect(pay).not.toContain('Too few matching postings state pay');
    expect(pay).not.toContain('Currency inferred');
    expect(pay).toMatch(/1 posting states pay no one is paid/);
  });

  it("without it the currency is inferred from each posting's country, and the report says so", async () => {
    const report = await importAndReport([]);
    const pay = report.slice(report.indexOf('## Pay'));
    expect(pay).toContain('Pay ranges by role, USD per year');
    expect(pay).toMatch(/Currency inferred: 4 of the postings with pay in USD per year gave no currency/);
  });

  it('refuses a currency that is not an ISO 4217 code, in one line', async () => {
    const result = await runCli([
      '--db',
      join(dir, 'bad.sqlite'),
      'import',
      join(dir, 'pay.csv'),
      '--currency',
      'dollars',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('--currency');
  });
});
