import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markSample } from '../../src/demo/run-demo.js';
import { gatherReport } from '../../src/report/gather-report.js';
import { renderReport } from '../../src/report/render-report.js';
import type { ReportData } from '../../src/report/report-data.js';
import { openDatabase } from '../../src/store/database.js';
import { upsertPostings } from '../../src/store/posting-store.js';
import { ensureSource } from '../../src/store/source-store.js';
import { englishLeft, figureDifferences, markdownText, quotedText, svgText } from '../report/zh-checks.js';
import { makePosting } from '../support/posting-factory.js';
import { type CliResult, runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-db.js';

const { dir, cleanup } = tempDir('jobtrend-demo-');
afterAll(cleanup);

describe('jobtrend demo, offline, end to end', () => {
  const dbPath = join(dir, 'demo.sqlite');
  const reports = join(dir, 'reports');
  let result: CliResult;
  let seconds = 0;
  beforeAll(async () => {
    const started = Date.now();
    result = await runCli(['--db', dbPath, 'demo', '--out', reports, '--now', '2026-06-30']);
    seconds = (Date.now() - started) / 1000;
  }, 180_000);

  it('finishes within a minute with exit 0 and says plainly that the data are samples', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/SAMPLE DATA/);
    expect(result.stdout).toMatch(/reminder: These are SAMPLE DATA/);
    // The promise is "under a minute"; it takes 8–16 s on a loaded 2-core machine.
    expect(seconds).toBeLessThan(60);
  });

  it('scraped every sample site with the real scrapers (API, HTML, GBK, Chromium) and imported the dataset', () => {
    const db = openDatabase(dbPath, { readonly: true });
    const counts = Object.fromEntries(
      (
        db.prepare('SELECT source_id, count(*) AS n FROM postings GROUP BY source_id').all() as {
          source_id: string;
          n: number;
        }[]
      ).map((r) => [r.source_id, r.n]),
    );
    expect(Object.keys(counts).sort()).toEqual([
      '51job',
      'boss',
      'greenhouse',
      'import:sample-dataset',
      'jsonld',
    ]);
    for (const n of Object.values(counts)) expect(n).toBeGreaterThan(5);
    const runs = db
      .prepare("SELECT source_id, status FROM scrape_runs WHERE job_name = 'demo' ORDER BY id")
      .all();
    expect(runs).toEqual([
      { source_id: 'greenhouse', status: 'ok' },
      { source_id: 'jsonld', status: 'ok' },
      { source_id: '51job', status: 'ok' },
      { source_id: 'boss', status: 'ok' },
      { source_id: 'import:sample-dataset', status: 'ok' },
    ]);
    // GBK decoded: Chinese titles and cities from 51job came through intact.
    const job51 = db.prepare("SELECT title, city FROM postings WHERE source_id = '51job' LIMIT 50").all() as {
      title: string;
      city: string;
    }[];
    expect(job51.some((r) => /训练师|标注|评测|提示词|导师/.test(r.title))).toBe(true);
    expect(
      job51.every((r) => ['Shanghai', 'Beijing', 'Hangzhou', 'Shenzhen', 'Chengdu'].includes(r.city)),
    ).toBe(true);
    db.close();
  });

  it('dates the postings over the three years before --now, rising', () => {
    const db = openDatabase(dbPath, { readonly: true });
    const span = db
      .prepare('SELECT min(effective_date) AS first, max(effective_date) AS last FROM postings_dedup')
      .get() as { first: string; last: string };
    expect(span.first < '2023-09-01').toBe(true);
    expect(span.last <= '2026-06-30').toBe(true);
    const year = (from: string, to: string) =>
      Number(
        db
          .prepare('SELECT count(*) FROM postings_dedup WHERE effective_date >= ? AND effective_date < ?')
          .pluck()
          .get(from, to),
      );
    expect(year('2025-06-30', '2026-06-30')).toBeGreaterThan(year('2024-06-30', '2025-06-30'));
    db.close();
  });

  it('writes a report into the output folder that says it is made of sample data', () => {
    const line = result.stdout.split('\n').find((l) => l.startsWith('report (sample data): '));
    expect(line).toBeDefined();
    const path = line!.slice('report (sample data): '.length);
    expect(path.startsWith(reports)).toBe(true);
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path, 'utf8')).toMatch(/\*\*Sample data\.\*\*/);
  });

  it('gives the same report in Chinese: golden, no English word left, every figure the same', async () => {
    const db = openDatabase(dbPath, { readonly: true });
    const now = new Date('2026-06-30T12:00:00Z');
    let data: ReportData;
    try {
      data = gatherReport(db, { now });
    } finally {
      db.close();
    }
    const en = renderReport(data, { now, lang: 'en' });
    const zh = renderReport(data, { now, lang: 'zh' });
    await expect(zh.markdown).toMatchFileSnapshot('__golden__/demo-report-zh.md');
    for (const file of zh.files) {
      await expect(file.content).toMatchFileSnapshot(
        `__golden__/demo-report-zh/${file.name.split('/').pop()}`,
      );
    }
    const readable = [markdownText(zh.markdown), ...zh.files.flatMap((f) => svgText(f.content))];
    expect(englishLeft(readable, quotedText(data))).toEqual([]);
    expect(figureDifferences(en.markdown, zh.markdown)).toEqual([]);
  });

  it('exports postings that import into a fresh database and export again identically', async () => {
    const first = await runCli(['--db', dbPath, 'export', '--all']);
    expect(first.code).toBe(0);
    const file = join(dir, 'demo-export.jsonl');
    writeFileSync(file, first.stdout);
    const copy = join(dir, 'copy.sqlite');
    const imported = await runCli(['--db', copy, 'import', file]);
    expect(imported.stdout).toMatch(/0 skipped/);
    const second = await runCli(['--db', copy, 'export', '--all']);
    expect(second.stdout.split('\n').length).toBeGreaterThan(500);
    expect(second.stdout).toBe(first.stdout);
  });

  it('running it again on the same clock adds no postings', async () => {
    const before = openDatabase(dbPath, { readonly: true });
    const count = before.prepare('SELECT count(*) FROM postings').pluck().get();
    before.close();
    const again = await runCli(['--db', dbPath, 'demo', '--out', reports, '--now', '2026-06-30']);
    expect(again.code).toBe(0);
    const after = openDatabase(dbPath, { readonly: true });
    expect(after.prepare('SELECT count(*) FROM postings').pluck().get()).toBe(count);
    after.close();
  }, 180_000);
});

describe('jobtrend demo, guarding real data', () => {
  it('refuses to mix sample postings into a database that holds real ones', async () => {
    const path = join(dir, 'real.sqlite');
    const db = openDatabase(path);
    ensureSource(db, { id: 'boss', name: 'BOSS', kind: 'browser', base_url: null });
    upsertPostings(db, [makePosting({ source_id: 'boss', source_posting_id: 'real-1' })], {
      seenAt: '2026-01-01T00:00:00.000Z',
    });
    db.close();
    const result = await runCli(['--db', path, 'demo', '--out', join(dir, 'r2')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /already holds 1 real postings: run the demo on its own database .* or pass --force/,
    );
    expect(existsSync(join(dir, 'r2'))).toBe(false);
  });

  it('refuses a --now that is not a date', async () => {
    const result = await runCli(['--db', join(dir, 'x.sqlite'), 'demo', '--now', 'yesterday']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--now must be a date/);
  });
});

describe('the sample notice in the report', () => {
  it('goes right under the title, or on top when there is none', () => {
    expect(markSample('# Report\n\ntext\n').split('\n').slice(0, 3)).toEqual([
      '# Report',
      '',
      expect.stringMatching(/^> \*\*Sample data\.\*\*/),
    ]);
    expect(markSample('text\n')).toMatch(/^> \*\*Sample data\.\*\*[^\n]*\n\ntext/);
  });
});
