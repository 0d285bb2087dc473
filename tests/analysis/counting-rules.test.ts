// The counting rules on constructed truths (issue 19): rates per watched day, days watched only through
// observations and a posting lifetime, backlog never counted as new, periods nobody watched without a rate,
// verdicts from the interval, seasons from the postings' country, no trend from a handful of months, and the
// period that holds today marked incomplete.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkClaim } from '../../src/analysis/claim.js';
import { compare } from '../../src/analysis/compare.js';
import { growth } from '../../src/analysis/growth.js';
import { parsePeriod } from '../../src/analysis/period.js';
import { loadWatchRecord, watchedDaysOf } from '../../src/analysis/watched-days.js';
import type { NormalisedPosting } from '../../src/domain/posting.js';
import type { Db } from '../../src/store/database.js';
import { texts } from '../support/caveat-texts.js';
import { makePosting } from '../support/posting-factory.js';
import { addPostings, memoryDb, scrapeRun, watch } from './support/analysis-db.js';

const NOW = new Date('2026-06-15T12:00:00Z');
let db: Db;
beforeEach(() => {
  db = memoryDb();
});
afterEach(() => db.close());

const DAY = 86_400_000;
const dayAfter = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

let serial = 0;
/** A posting of `sourceId` (ai-trainer, Shanghai), dated `posted` or undated (null). */
function posting(sourceId: string, posted: string | null, overrides: Partial<NormalisedPosting> = {}) {
  const id = `c${++serial}`;
  return makePosting({
    source_posting_id: id,
    source_id: sourceId,
    dedup_key: `key-${id}`,
    posted_at: posted,
    posted_at_precision: posted ? 'day' : null,
    ...overrides,
  });
}

const backlogOf = (sourceId: string) =>
  db
    .prepare('SELECT source_posting_id AS id, backlog FROM postings WHERE source_id = ? ORDER BY id')
    .all(sourceId) as { id: string; backlog: number }[];

describe('verdicts come from the interval', () => {
  it('17 against 69 postings over equal quarters is a decisive fall: "fell by more than 30%" is supported', () => {
    watch(db, 'zhaopin', '2025-07-01', '2025-12-31');
    addPostings(db, { sourceId: 'zhaopin', count: 69, from: '2025-07-01', to: '2025-09-30' });
    addPostings(db, { sourceId: 'zhaopin', count: 17, from: '2025-10-01', to: '2025-12-31' });
    const claim = { period: '2025-Q4', baseline: '2025-Q3', change: '<-30%' };
    const result = checkClaim(db, claim, { now: NOW });
    expect(result.current).toMatchObject({ count: 17, days: 92 });
    expect(result.baseline).toMatchObject({ count: 69, days: 92 });
    expect(result.estimate!.ratio).toBeCloseTo(17 / 69, 12);
    // The exact conditional 95% interval (R's poisson.test(c(17, 69), c(92, 92)) gives 0.1358 to 0.4235).
    expect(result.estimate!.interval.lower).toBeCloseTo(0.1358, 4);
    expect(result.estimate!.interval.upper).toBeCloseTo(0.4235, 4);
    expect(result.verdict).toBe('supported');
    expect(result.reason).toMatch(/whole interval is below −?-?30\.0%|whole interval is below -30.0%/);
    // The p-value is the test dual to the interval: below 2.5% exactly when the interval clears −30%.
    expect(result.pValue!).toBeLessThan(0.025);
    // And "rose by more than 0%" is ruled out by the same interval.
    expect(checkClaim(db, { ...claim, change: '>0%' }, { now: NOW }).verdict).toBe('contradicted');
  });
});

describe('rates are per watched day', () => {
  it('a quarter watched on 44 of its 92 days is compared on those 44 days', () => {
    // Daily scrape runs from 2025-04-01 to 2025-08-13 (then the scraper broke): with a 30-day lifetime, Q2 is
    // watched whole, and Q3 from 07-01 to 08-13: 44 days. Two new postings a day while it was watched.
    for (let day = '2025-04-01'; day <= '2025-08-13'; day = dayAfter(day, 1)) {
      scrapeRun(db, 'zhaopin', `${day}T06:00:00.000Z`, [posting('zhaopin', day), posting('zhaopin', day)]);
    }
    const result = checkClaim(db, { period: '2025-Q3', baseline: '2025-Q2', change: '<-30%' }, { now: NOW });
    expect(result.current).toMatchObject({ count: 88, days: 44, value: 2 });
    expect(result.baseline).toMatchObject({ count: 182, days: 91, value: 2 });
    expect(result.estimate!.ratio).toBeCloseTo(1, 12); // per calendar day it would look like −52%
    expect(result.verdict).toBe('contradicted');
    expect(texts(result.caveats).join('\n')).toMatch(/only 44 of the 92 days of 2025-Q3 were watched/);
    const q3 = growth(db, { by: 'quarter', from: '2025-Q3', to: '2025-Q3', now: NOW }).buckets[0]!;
    expect(q3).toMatchObject({ count: 88, watchedDays: 44, perDay: 2 });
    expect(q3.vsPrevious!.change).toBeCloseTo(0, 12);
  });

  it('months after the last observation are "not watched", never −100%', () => {
    for (const day of ['2026-01-05', '2026-01-12', '2026-01-19', '2026-01-26', '2026-02-02']) {
      scrapeRun(db, 'zhaopin', `${day}T06:00:00.000Z`, [posting('zhaopin', dayAfter(day, -1))]);
    }
    const result = growth(db, { by: 'month', from: '2026-01', to: '2026-05', now: NOW });
    const labels = Object.fromEntries(result.buckets.map((b) => [b.label, b]));
    expect(labels['2026-02']!.watchedDays).toBe(2);
    for (const month of ['2026-03', '2026-04', '2026-05']) {
      expect(labels[month]).toMatchObject({ watchedDays: 0, count: null, perDay: null, vsPrevious: null });
    }
    const json = JSON.parse(JSON.stringify(result)) as { buckets: Record<string, unknown>[] };
    expect(json.buckets.find((b) => b.label === '2026-04')).toMatchObject({ perDay: null, vsPrevious: null });
    expect(texts(result.caveats).join('\n')).toMatch(/Not watched: 2026-03, 2026-04, 2026-05/);
  });
});

describe('watched days come from observations and a posting lifetime', () => {
  it('one scrape watches the lifetime before it; a day is never watched because postings are dated on it', () => {
    addPostings(db, { sourceId: 'lever', count: 60, from: '2025-01-01', to: '2025-03-01' });
    scrapeRun(db, 'lever', '2025-03-01T08:00:00.000Z');
    const watch = loadWatchRecord(db).get('lever');
    expect([...watchedDaysOf(watch, '2024-12-01', '2025-04-30')].sort()).toEqual(
      Array.from({ length: 31 }, (_, i) => dayAfter('2025-01-30', i)),
    );
    const view = db
      .prepare("SELECT day FROM source_watch_days WHERE source_id = 'lever' ORDER BY day")
      .pluck()
      .all();
    expect(view).toEqual([...watchedDaysOf(watch, '2000-01-01', '2100-01-01')].sort());
  });

  it('a longer configured lifetime watches further back', () => {
    scrapeRun(db, 'lever', '2025-03-01T08:00:00.000Z');
    db.prepare("UPDATE sources SET lifetime_days = 45 WHERE id = 'lever'").run();
    expect(watchedDaysOf(loadWatchRecord(db).get('lever'), '2024-01-01', '2026-01-01').size).toBe(46);
  });
});

describe('backlog', () => {
  it('a board scraped for the first time adds nothing to new; an undated posting first seen in its third run is new that day', () => {
    const listed = [posting('boss', null), posting('boss', null), posting('boss', null)];
    scrapeRun(db, 'boss', '2026-03-02T09:00:00.000Z', listed);
    scrapeRun(db, 'boss', '2026-03-09T09:00:00.000Z', listed);
    const fresh = posting('boss', null);
    scrapeRun(db, 'boss', '2026-03-16T09:00:00.000Z', [...listed, fresh]);
    expect(backlogOf('boss').map((p) => p.backlog)).toEqual([1, 1, 1, 0]);
    expect(
      db
        .prepare('SELECT effective_date FROM postings WHERE source_posting_id = ?')
        .pluck()
        .get(fresh.source_posting_id),
    ).toBe('2026-03-16');
    const march = growth(db, { by: 'month', from: '2026-03', to: '2026-03', now: NOW }).buckets[0]!;
    expect(march.count).toBe(1);
    // The first look lists only backlog, so a board of undated postings is watched from the day after it.
    expect(march.watchedDays).toBe(14); // 2026-03-03 … 2026-03-16
    expect(db.prepare("SELECT count(*) FROM monthly_counts WHERE month = '2026-03'").pluck().get()).toBe(1);
  });

  it("a dated board's first scrape counts only what was posted within a lifetime before it", () => {
    scrapeRun(db, 'lever', '2026-03-01T09:00:00.000Z', [
      posting('lever', '2025-11-20'),
      posting('lever', '2026-01-15'),
      posting('lever', '2026-02-10'),
      posting('lever', '2026-02-27'),
    ]);
    expect(backlogOf('lever').map((p) => p.backlog)).toEqual([1, 1, 0, 0]);
    const feb = growth(db, { by: 'month', from: '2026-02', to: '2026-02', now: NOW }).buckets[0]!;
    expect(feb).toMatchObject({ count: 2, watchedDays: 28 });
  });

  it('the stored flag and the rule recomputed from observations agree (migration and reindex use the rule)', async () => {
    const { markBacklog } = await import('../../src/store/observation-store.js');
    scrapeRun(db, 'boss', '2026-03-02T09:00:00.000Z', [posting('boss', null), posting('boss', '2025-12-01')]);
    scrapeRun(db, 'boss', '2026-03-09T09:00:00.000Z', [posting('boss', null), posting('boss', '2026-03-05')]);
    const before = backlogOf('boss');
    db.prepare('UPDATE postings SET backlog = 1 - backlog').run();
    expect(markBacklog(db)).toBe(4);
    expect(backlogOf('boss')).toEqual(before);
    expect(before.map((p) => p.backlog)).toEqual([1, 1, 0, 0]);
  });
});

describe('caveats follow the postings', () => {
  function twoMonths(country: string, city: string) {
    watch(db, 'src', '2025-01-01', '2025-02-28');
    for (const month of ['01', '02']) {
      addPostings(db, {
        sourceId: 'src',
        count: 40,
        from: `2025-${month}-01`,
        to: `2025-${month}-28`,
        overrides: { country, city },
      });
    }
  }

  it('Spring Festival only for postings in mainland China', () => {
    twoMonths('China', 'Shanghai');
    const chinese = checkClaim(db, { period: '2025-02', baseline: '2025-01', change: '>0%' }, { now: NOW });
    expect(texts(chinese.caveats).join('\n')).toMatch(/Spring Festival \(春节\).*2025-01-29/);
  });

  it('no Spring Festival or 金三银四 for US, UK and Indian postings; their own seasons instead', () => {
    watch(db, 'src', '2024-06-01', '2025-04-30');
    for (const [country, city] of [
      ['United States', 'New York'],
      ['United Kingdom', 'London'],
      ['India', 'Bengaluru'],
    ] as const) {
      addPostings(db, {
        sourceId: 'src',
        count: 30,
        from: '2024-06-01',
        to: '2025-04-30',
        overrides: { country, city },
      });
    }
    const spring = checkClaim(db, { period: '2025-03', baseline: '2025-02', change: '>0%' }, { now: NOW });
    expect(texts(spring.caveats).join('\n')).toMatch(/different months/);
    expect(texts(spring.caveats).join('\n')).not.toMatch(/春节|Spring Festival|金三银四/);
    const winter = checkClaim(db, { period: '2024-12', baseline: '2024-11', change: '>0%' }, { now: NOW });
    const text = texts(winter.caveats).join('\n');
    expect(text).toMatch(/Year-end in the United States/);
    expect(text).toMatch(/Year-end in Europe/);
    expect(text).toMatch(/Diwali/);
    expect(text).not.toMatch(/春节|金三银四/);
  });

  it('coverage assumed is said wherever such a source is counted', () => {
    watch(db, 'import:old', '2025-01-01', '2025-02-28');
    addPostings(db, { sourceId: 'import:old', count: 50, from: '2025-01-01', to: '2025-02-28' });
    const result = checkClaim(db, { period: '2025-02', baseline: '2025-01', change: '>0%' }, { now: NOW });
    expect(texts(result.caveats).join('\n')).toMatch(
      /Coverage assumed: import:old \(2025-01-01 to 2025-02-28\)/,
    );
    const series = growth(db, { by: 'month', from: '2025-01', to: '2025-02', now: NOW });
    expect(texts(series.caveats).join('\n')).toMatch(/Coverage assumed: import:old/);
  });
});

describe('trend and incomplete periods', () => {
  it('no trend from fewer than 6 complete watched months, however steep', () => {
    watch(db, 'src', '2026-01-01', '2026-06-15');
    const counts = [2, 2, 40, 60, 80, 30];
    counts.forEach((count, i) => {
      const month = `2026-0${i + 1}`;
      addPostings(db, {
        sourceId: 'src',
        count,
        from: `${month}-01`,
        to: i === 5 ? `${month}-14` : `${month}-28`,
      });
    });
    const result = growth(db, { by: 'month', from: '2026-01', to: '2026-06', now: NOW });
    expect(result.trend).toBeNull();
    expect(result.trendNote?.text).toMatch(
      /5 complete watched months with postings, and a trend needs at least 6/,
    );
    // With a sixth complete month, there is one.
    const later = growth(db, {
      by: 'month',
      from: '2026-01',
      to: '2026-06',
      now: new Date('2026-07-02T00:00:00Z'),
    });
    expect(later.trend?.months).toBe(6);
  });

  it('the month that holds today is marked incomplete in growth and claim, and left out of the trend', () => {
    watch(db, 'src', '2025-01-01', '2026-06-15');
    addPostings(db, { sourceId: 'src', count: 600, from: '2025-01-01', to: '2026-06-15' });
    const series = growth(db, { by: 'month', from: '2025-06', to: '2026-06', now: NOW });
    expect(series.buckets.at(-1)).toMatchObject({ label: '2026-06', incomplete: true });
    expect(series.buckets.filter((b) => b.incomplete)).toHaveLength(1);
    expect(series.trend?.months).toBe(12);
    expect(texts(series.caveats).join('\n')).toMatch(/2026-06 is not over yet \(incomplete\)/);
    const claim = checkClaim(db, { period: '2026-06', baseline: '2026-05', change: '>0%' }, { now: NOW });
    expect(claim.current.incomplete).toBe(true);
    expect(claim.baseline.incomplete).toBe(false);
    expect(texts(claim.caveats).join('\n')).toMatch(/2026-06 is not over yet \(incomplete\)/);
  });
});

describe('compare() is the one growth figure', () => {
  it('gives what claim gives, and one-sided p-values for other readings', async () => {
    const { oneSidedPValue } = await import('../../src/analysis/compare.js');
    watch(db, 'src', '2025-01-01', '2025-12-31');
    addPostings(db, { sourceId: 'src', count: 300, from: '2025-01-01', to: '2025-06-30' });
    addPostings(db, { sourceId: 'src', count: 420, from: '2025-07-01', to: '2025-12-31' });
    const current = parsePeriod('2025-H2'.replace('H2', '07-01..2025-12-31'));
    const baseline = parsePeriod('2025-01-01..2025-06-30');
    const c = compare(db, {}, current, baseline, { now: NOW });
    const claim = checkClaim(
      db,
      { period: current.label, baseline: baseline.label, change: '>30%' },
      { now: NOW },
    );
    expect(c.estimate).toEqual(claim.estimate);
    expect(c.test).toEqual(claim.test);
    expect(oneSidedPValue(c.test!, 'rise', 0.3)).toBe(claim.pValue);
    // A rise of more than 0% is clear; a fall is not.
    expect(oneSidedPValue(c.test!, 'rise', 0)).toBeLessThan(0.001);
    expect(oneSidedPValue(c.test!, 'fall', 0)).toBeGreaterThan(0.999);
  });
});

describe('the current month in every output', () => {
  it('growth and claim, text and JSON, mark the month that holds today incomplete; the report too', async () => {
    const { runCli } = await import('../support/run-cli.js');
    const { tempDbPath } = await import('../support/temp-db.js');
    const { openDatabase } = await import('../../src/store/database.js');
    const temp = tempDbPath();
    try {
      const today = new Date().toISOString().slice(0, 10);
      const month = today.slice(0, 7);
      const previous = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 2, 1))
        .toISOString()
        .slice(0, 7);
      const file = openDatabase(temp.path);
      watch(file, 'src', `${previous}-01`, today);
      addPostings(file, { sourceId: 'src', count: 60, from: `${previous}-01`, to: today });
      file.close();
      const cli = (...argv: string[]) => runCli(['--db', temp.path, ...argv]);

      const text = await cli('growth', '--from', previous, '--to', month);
      expect(text.stdout).toMatch(new RegExp(`^${month} \\(incomplete\\) `, 'm'));
      expect(text.stdout).toMatch(new RegExp(`^${previous} `, 'm'));
      const json = JSON.parse((await cli('growth', '--from', previous, '--to', month, '--json')).stdout);
      expect(json.buckets.map((b: { incomplete: boolean }) => b.incomplete)).toEqual([false, true]);

      const claim = await cli('claim', '--period', month, '--baseline', previous, '--change', '>0%');
      expect(claim.stdout).toMatch(new RegExp(`now\\s+${month} \\(incomplete\\)`));
      expect(claim.stdout).toMatch(/is not over yet \(incomplete\)/);
      const claimJson = JSON.parse(
        (await cli('claim', '--period', month, '--baseline', previous, '--change', '>0%', '--json')).stdout,
      );
      expect(claimJson.current.incomplete).toBe(true);
      expect(claimJson.baseline.incomplete).toBe(false);

      const out = `${temp.dir}/reports`;
      await cli('report', '--period', month, '--out', out);
      const { readdirSync, readFileSync } = await import('node:fs');
      const markdown = readFileSync(`${out}/${readdirSync(out).find((f) => f.endsWith('.md'))}`, 'utf8');
      expect(markdown).toMatch(new RegExp(`\\*\\*${month} is not over yet \\(incomplete\\):\\*\\*`));
    } finally {
      temp.cleanup();
    }
  });
});

describe('the report', () => {
  it('shows no counts for a year-earlier comparison that cannot be made, and no trend from a handful of months', async () => {
    const { gatherReport } = await import('../../src/report/gather-report.js');
    const { renderReport } = await import('../../src/report/render-report.js');
    // This year a new board, watched four months; a year earlier only a board that has since gone.
    watch(db, 'new-board', '2026-02-01', '2026-05-31');
    watch(db, 'old-board', '2025-05-01', '2025-05-31');
    const counts = [2, 4, 20, 60];
    counts.forEach((count, i) => {
      const month = `2026-0${i + 2}`;
      addPostings(db, { sourceId: 'new-board', count, from: `${month}-01`, to: `${month}-28` });
    });
    addPostings(db, { sourceId: 'old-board', count: 30, from: '2025-05-01', to: '2025-05-31' });
    const now = new Date('2026-06-10T00:00:00Z');
    const data = gatherReport(db, { period: '2026-05', now });
    expect(data.postings).toBe(60);
    const yearEarlier = data.headline.find((h) => h.against === 'year-earlier')!;
    expect(yearEarlier.result?.estimate).toBeNull();
    expect(yearEarlier.result?.current.count).toBe(0); // nothing counted: no source in both years
    const markdown = renderReport(data, { now }).markdown;
    const row = markdown.split('\n').find((l) => l.startsWith('| against a year earlier'))!;
    expect(row).toMatch(
      /^\| against a year earlier \| 2025-05 \(2025-05-01 to 2025-05-31\) \| – \| – \| – \| – \| no source was watched in both 2026-05 and 2025-05/,
    );
    expect(row).not.toMatch(/\| 0 \|/);
    expect(data.series.trend).toBeNull();
    expect(markdown).toMatch(
      /No trend: 5 complete watched months with postings, and a trend needs at least 6\./,
    );
    expect(markdown).not.toMatch(/per month\*\*/);
  });
});
