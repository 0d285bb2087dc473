import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('gives the same report in Chinese, with the example claims: golden, no English word left, every figure the same', async () => {
    const db = openDatabase(dbPath, { readonly: true });
    const now = new Date('2026-06-30T12:00:00Z');
    const claimsFile = fileURLToPath(new URL('../../examples/claims.yaml', import.meta.url));
    let data: ReportData;
    try {
      data = gatherReport(db, { now, role: 'ai-trainer', city: '上海', claimsFile });
    } finally {
      db.close();
    }
    expect(data.claims.map((c) => c.readings.length)).toEqual([4, 4, 1, 1]);
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

  it('checks the example claims file on the demo database: claim --file and report --claims', async () => {
    const claims = fileURLToPath(new URL('../../examples/claims.yaml', import.meta.url));
    const text = await runCli(['--db', dbPath, 'claim', '--file', claims]);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /^Claim shanghai-ai-trainers-2026-01: New postings per watched day \(role ai-trainer, city Shanghai\) rose by more than 30%$/m,
    );
    expect(text.stdout).toMatch(
      /checked under 4 standard readings of the periods complete before 2026-01-26/,
    );
    expect(text.stdout).toMatch(/^Overall verdict \((supported|depends|contradicted|inconclusive)\): /m);
    expect(text.stdout).toMatch(/^Claim deel-ai-trainers-2025: .* from 2024 to 2025$/m);

    const json = await runCli(['--db', dbPath, 'claim', '--file', claims, '--json']);
    expect(json.code).toBe(0);
    const results = JSON.parse(json.stdout);
    expect(results.map((r: { claim: { id: string } }) => r.claim.id)).toEqual([
      'shanghai-ai-trainers-2026-01',
      'upwork-annotation-2026-02',
      'upwork-ai-ml-2025-11',
      'deel-ai-trainers-2025',
    ]);
    const [shanghai, upwork] = results;
    expect(shanghai.as_of).toBe('2026-01-26');
    expect(
      shanghai.readings.map((r: { current: { period: { label: string } } }) => r.current.period.label),
    ).toEqual(['2025', '2025-01..2025-12', '2025-Q4', '2025-12']);
    // The demo's postings rise over the three years: every reading of the Shanghai claim has counts to judge.
    expect(shanghai.readings.every((r: { estimate: unknown }) => r.estimate !== null)).toBe(true);
    expect(upwork.as_of).toBe('2026-02-04');
    expect(upwork.claim.publisher).toMatch(/Upwork/);
    expect(results[2]).toHaveProperty('statement');
    expect(results[2].current.period.label).toBe('2025-11');

    const out = join(dir, 'claims-report');
    const report = await runCli([
      '--db',
      dbPath,
      'report',
      '--role',
      'ai-trainer',
      '--city',
      '上海',
      '--claims',
      claims,
      '--out',
      out,
      '--now',
      '2026-06-30T12:00:00Z',
    ]);
    expect(report.stderr).toBe('');
    expect(report.code).toBe(0);
    const markdown = readFileSync(join(out, readdirSync(out).find((f) => f.endsWith('.md'))!), 'utf8');
    const section = markdown.slice(markdown.indexOf('## Claims'), markdown.indexOf('## Data coverage'));
    expect(section).toMatch(/^### shanghai-ai-trainers-2026-01$/m);
    expect(section).toContain(
      '\n— C114 (from a Xinhua report), 2026-01-26, <https://www.c114pro.com/ainews/142225.html>\n',
    );
    expect(section).toMatch(/^\| calendar year \| 2025 \| 2024 \|/m);
    expect(section).toMatch(/^\| as stated \| 2025 \| 2024 \|/m);
    expect(section).toMatch(/jobtrend's postings data/);
    expect(section).toMatch(/Caveat: Postings are not vacancies/);
    expect(section).toMatch(/Spring Festival/);
    expect(section).not.toMatch(/could not be checked —/);
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
    // The same clock gives the same report name: the demo says it replaced the first one.
    expect(again.stdout).toMatch(/^replaced the earlier report of the same name: .*\.md$/m);
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
