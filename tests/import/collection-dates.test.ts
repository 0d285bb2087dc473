// When an imported dataset was collected (issue 19): a scrape-date column is recognised by default, or the user
// states the days with --observed; without either the dataset is a continuous log of its posting dates and
// every output built on it says "coverage assumed". A dataset with no date column at all is refused unless
// --undated import-day; a posted date that is not a date is reported by line, never given the import day.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { growth } from '../../src/analysis/growth.js';
import { loadWatchRecord, watchedDaysOf } from '../../src/analysis/watched-days.js';
import { importFile } from '../../src/import/import-file.js';
import { openDatabase } from '../../src/store/database.js';
import { texts } from '../support/caveat-texts.js';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-db.js';

const { dir, cleanup } = tempDir('jobtrend-collection-');
afterAll(cleanup);
let counter = 0;
const dbPath = () => join(dir, `db-${++counter}.sqlite`);
const file = (name: string, lines: string[]): string => {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
};
const NOW = new Date('2026-03-01T10:00:00Z');

/** Every day from `from` to `to`. */
function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

const SNAPSHOT = [
  'title,company,city,posted_at',
  'AI训练师,示例科技,上海,2025-12-20', // listed long before anyone looked: backlog
  'AI训练师,样例数据,上海,2026-01-05', // still before the first watched day (2026-01-11): backlog
  '数据标注员,演示科技,北京,2026-01-20',
  'AI训练师,虚构智能,上海,2026-02-08',
  'AI训练师,星河智能,上海,2026-02-11',
];

describe('a snapshot collected on 2026-02-10..12 with a 30-day lifetime', () => {
  it('watches only 2026-01-11 to 2026-02-12, and what is dated before is backlog (--observed)', async () => {
    const path = dbPath();
    const data = file('snapshot.csv', SNAPSHOT);
    const result = await runCli(['--db', path, 'import', data, '--observed', '2026-02-10..2026-02-12']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/collected on 3 days from 2026-02-10 to 2026-02-12 \(--observed\)/);
    const db = openDatabase(path, { readonly: true });
    try {
      const view = db.prepare('SELECT day FROM source_watch_days ORDER BY day').pluck().all();
      expect(view).toEqual(days('2026-01-11', '2026-02-12'));
      expect(watchedDaysOf(loadWatchRecord(db).get('import:snapshot'), '2025-01-01', '2027-01-01').size).toBe(
        33,
      );
      const backlog = db.prepare('SELECT posted_at, backlog FROM postings ORDER BY posted_at').all();
      expect(backlog).toEqual([
        { posted_at: '2025-12-20', backlog: 1 },
        { posted_at: '2026-01-05', backlog: 1 },
        { posted_at: '2026-01-20', backlog: 0 },
        { posted_at: '2026-02-08', backlog: 0 },
        { posted_at: '2026-02-11', backlog: 0 },
      ]);
      const series = growth(db, { by: 'month', from: '2025-12', to: '2026-02', now: NOW });
      expect(series.buckets.map((b) => [b.label, b.count, b.watchedDays])).toEqual([
        ['2025-12', null, 0],
        ['2026-01', 1, 21],
        ['2026-02', 2, 12],
      ]);
      expect(texts(series.caveats).join('\n')).not.toMatch(/Coverage assumed/);
    } finally {
      db.close();
    }
  });

  it('the same from a scrape-date column, recognised by default (抓取时间), with no flag', async () => {
    const path = dbPath();
    const data = file('crawl.csv', [
      `${SNAPSHOT[0]},抓取时间`,
      ...SNAPSHOT.slice(1).map((row, i) => `${row},${i % 2 === 0 ? '2026-02-10' : '2026-02-12 08:30'}`),
    ]);
    const result = await runCli(['--db', path, 'import', data, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      coverage_source: 'column',
      coverage_from: '2026-02-10',
      coverage_to: '2026-02-12',
      observed_days: 2,
      coverage_assumed: false,
    });
    const db = openDatabase(path, { readonly: true });
    try {
      expect(db.prepare('SELECT day FROM run_observations ORDER BY day').pluck().all()).toEqual([
        '2026-02-10',
        '2026-02-12',
      ]);
      expect(db.prepare('SELECT day FROM source_watch_days ORDER BY day').pluck().all()).toEqual(
        days('2026-01-11', '2026-02-12'),
      );
      expect(db.prepare('SELECT sum(backlog) FROM postings').pluck().get()).toBe(2);
    } finally {
      db.close();
    }
  });

  it('a lifetime configured for the dataset (sources."import:<name>".lifetimeDays) watches that far back', async () => {
    const path = dbPath();
    const config = join(dir, 'lifetime.yaml');
    writeFileSync(config, 'sources:\n  "import:snap10":\n    lifetimeDays: 10\n');
    const data = file('snap10.csv', SNAPSHOT);
    const result = await runCli([
      '--db',
      path,
      '--config',
      config,
      'import',
      data,
      '--observed',
      '2026-02-10..2026-02-12',
    ]);
    expect(result.code).toBe(0);
    const db = openDatabase(path, { readonly: true });
    try {
      expect(db.prepare('SELECT lifetime_days FROM sources').pluck().get()).toBe(10);
      expect(db.prepare('SELECT min(day), max(day) FROM source_watch_days').raw().get()).toEqual([
        '2026-01-31',
        '2026-02-12',
      ]);
    } finally {
      db.close();
    }
  });
});

describe('a dataset without collection dates', () => {
  it('is a continuous log of its posting dates, and every output built on it says "coverage assumed"', async () => {
    const path = dbPath();
    const data = file('log.csv', [
      'title,company,city,posted_at',
      ...days('2025-10-01', '2025-12-31').map((d, i) => `AI训练师 ${i},示例科技${i},上海,${d}`),
    ]);
    const imported = await runCli(['--db', path, 'import', data]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(
      /coverage assumed: no collection dates .* continuous log of 2025-10-01 to 2025-12-31/,
    );
    const claim = await runCli([
      '--db',
      path,
      'claim',
      '--period',
      '2025-12',
      '--baseline',
      '2025-11',
      '--change',
      '>0%',
    ]);
    expect(claim.stdout).toMatch(/Coverage assumed: import:log \(2025-10-01 to 2025-12-31\)/);
    const series = await runCli(['--db', path, 'growth', '--from', '2025-10', '--to', '2025-12']);
    expect(series.stdout).toMatch(/Coverage assumed: import:log/);
    const out = join(dir, 'reports-log');
    const report = await runCli([
      '--db',
      path,
      'report',
      '--period',
      '2025-12',
      '--out',
      out,
      '--now',
      '2026-01-05',
    ]);
    expect(report.code).toBe(0);
    const { readdirSync, readFileSync } = await import('node:fs');
    const markdown = readFileSync(join(out, readdirSync(out).find((f) => f.endsWith('.md'))!), 'utf8');
    expect(markdown).toMatch(/Coverage assumed: import:log/);
    expect(markdown).toMatch(/\| 31 \(assumed\) \|/);
  });
});

describe('dates that are missing or cannot be read', () => {
  it('a dataset with no date column is refused in one line that names its columns (exit 1, nothing stored)', async () => {
    const path = dbPath();
    const data = file('dateless.csv', [
      'title,company,city',
      'AI训练师,示例科技,上海',
      '数据标注员,样例数据,北京',
    ]);
    const result = await runCli(['--db', path, 'import', data]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(
      /^jobtrend: no date column among title, company, city: name the posting date with --map posted_at=COLUMN, or accept the import day as every posting's date with --undated import-day/,
    );
    const db = openDatabase(path, { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) FROM postings').pluck().get()).toBe(0);
      expect(db.prepare('SELECT count(*) FROM sources').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });

  it('with --undated import-day it imports, says so, and counts the postings in stock, not as new', async () => {
    const path = dbPath();
    const data = file('dateless2.csv', [
      'title,company,city',
      'AI训练师,示例科技,上海',
      '数据标注员,样例数据,北京',
    ]);
    const result = await runCli(['--db', path, 'import', data, '--undated', 'import-day']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /2 postings have no posted date and are dated the day they were collected \(the import day\): those listed at the first collection count as open postings, never as new ones/,
    );
    expect(result.stdout).toMatch(/coverage assumed/);
    const db = openDatabase(path, { readonly: true });
    try {
      expect(db.prepare('SELECT count(*), sum(backlog) FROM postings').raw().get()).toEqual([2, 2]);
    } finally {
      db.close();
    }
    const bad = await runCli(['--db', path, 'import', data, '--undated', 'today']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--undated takes "import-day", not "today"/);
  });

  it('--map posted_at=COLUMN names an unrecognised date column', async () => {
    const path = dbPath();
    const data = file('odd.csv', ['title,company,when', 'AI训练师,示例科技,2025-06-01']);
    const result = await runCli(['--db', path, 'import', data, '--map', 'posted_at=when', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ inserted: 1, coverage_from: '2025-06-01' });
  });

  it('a posted date that cannot be read is reported by line, not given the import day', async () => {
    const { db: dbFile } = { db: dbPath() };
    const db = openDatabase(dbFile);
    try {
      const data = file('baddates.csv', [
        'title,company,posted_at',
        'AI训练师,示例科技,2025-06-01',
        'AI训练师,样例数据,next Tuesday-ish',
        'AI训练师,演示科技,N/A',
        'AI训练师,虚构智能,2025-06-03',
      ]);
      const summary = await importFile(db, data, { now: () => NOW });
      expect(summary.inserted).toBe(3);
      expect(summary.skipped).toEqual([
        {
          line: 3,
          reason:
            'posted date "next Tuesday-ish" in column "posted_at" is not a date: correct it, or map another column with --map posted_at=COLUMN',
        },
      ]);
      // "N/A" means no date: that posting is undated (dated the day it was collected), and says so.
      expect(summary.undated).toBe(1);
      expect(db.prepare('SELECT count(*) FROM postings WHERE posted_at IS NULL').pluck().get()).toBe(1);
    } finally {
      db.close();
    }
  });

  it('a collection date that cannot be read is reported by line too', async () => {
    const db = openDatabase(dbPath());
    try {
      const data = file('badcrawl.csv', [
        'title,company,posted_at,crawl_date',
        'AI训练师,示例科技,2025-06-01,2025-06-02',
        'AI训练师,样例数据,2025-06-01,yesterday-ish',
        'AI训练师,演示科技,2025-06-01,',
      ]);
      const summary = await importFile(db, data, { now: () => NOW });
      expect(summary.inserted).toBe(1);
      expect(summary.skipped.map((s) => s.line)).toEqual([3, 4]);
      expect(summary.skipped[0]!.reason).toMatch(
        /collection date "yesterday-ish" in column "crawl_date" is not a date/,
      );
      expect(summary.skipped[1]!.reason).toMatch(/no collection date in column "crawl_date"/);
    } finally {
      db.close();
    }
  });

  it('--observed must be days, and not after today', async () => {
    const path = dbPath();
    const data = file('obs.csv', SNAPSHOT);
    const bad = await runCli(['--db', path, 'import', data, '--observed', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--observed "soon" is not a day or a range of days/);
    const future = await runCli(['--db', path, 'import', data, '--observed', '2099-01-01']);
    expect(future.code).toBe(2);
    expect(future.stderr).toMatch(/--observed 2099-01-01 ends after today/);
  });
});
