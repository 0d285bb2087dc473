// The report's own SQL aggregates: pay percentiles that never mix currencies or pay periods, companies
// grouped by normalised name, coverage that agrees with the source_watch_days view, problem runs.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWatchRecord, watchedDaysOf } from '../../src/analysis/watched-days.js';
import type { NormalisedPosting } from '../../src/domain/posting.js';
import { type Db, openDatabase } from '../../src/store/database.js';
import { upsertPostings } from '../../src/store/posting-store.js';
import {
  cityCounts,
  countReportPostings,
  districtCounts,
  payPercentiles,
  periodBreakdown,
  problemRuns,
  sourceCoverage,
  topCompanies,
} from '../../src/store/report-queries.js';
import { ensureSource } from '../../src/store/source-store.js';
import { tempDir } from '../support/temp-db.js';
import { buildFixtureDb } from './fixture-db.js';

let dir: string;
let cleanup: () => void;
let fixture: Db;

beforeAll(() => {
  ({ dir, cleanup } = tempDir('jobtrend-report-queries-'));
  buildFixtureDb(join(dir, 'fixture.sqlite'));
  fixture = openDatabase(join(dir, 'fixture.sqlite'), { readonly: true });
});
afterAll(() => {
  fixture.close();
  cleanup();
});

const october = { start: '2026-10-01', end: '2026-10-31' };

function paid(
  id: string,
  min: number | null,
  max: number | null,
  currency: string,
  period: NormalisedPosting['salary_period'],
  company = 'Acme',
): NormalisedPosting {
  return {
    source_id: 'site',
    source_posting_id: id,
    url: null,
    title: 'AI训练师',
    company,
    company_norm: company.toLowerCase(),
    location_raw: null,
    city: 'Shanghai',
    district: null,
    region: null,
    country: null,
    remote: null,
    employment_type: null,
    salary_min: min,
    salary_max: max,
    salary_currency: currency,
    salary_period: period,
    salary_months: null,
    salary_negotiable: false,
    salary_raw: null,
    description: null,
    posted_at: '2026-10-10',
    posted_at_precision: 'day',
    valid_through: null,
    dedup_key: `k-${id}`,
    content_hash: `h-${id}`,
    raw_json: '{}',
    roles: ['ai-trainer'],
    skills: [],
  };
}

describe('payPercentiles', () => {
  it('computes nearest-rank quartiles of range midpoints within one currency and pay period', () => {
    const db = openDatabase(':memory:');
    ensureSource(db, { id: 'site', name: 'site', kind: 'html', base_url: null });
    upsertPostings(
      db,
      [
        paid('1', 4000, 6000, 'CNY', 'month'), // 5000
        paid('2', 5000, 7000, 'CNY', 'month'), // 6000
        paid('3', 7000, null, 'CNY', 'month'), // 7000 (only a minimum)
        paid('4', null, 8000, 'CNY', 'month'), // 8000 (only a maximum)
        paid('5', 8000, 10000, 'CNY', 'month'), // 9000
        paid('6', 50, 70, 'CNY', 'hour'),
        paid('7', 60, 80, 'CNY', 'hour'),
        paid('8', 70, 90, 'CNY', 'hour'),
        paid('9', 0.5, 1, 'CNY', 'piece'),
        paid('10', 20, 30, 'USD', 'hour'),
      ],
      { seenAt: '2026-10-10T00:00:00Z' },
    );
    const rows = payPercentiles(db, { ...october, role: 'ai-trainer' }, { byCity: true });
    expect(rows.map((r) => `${r.currency} ${r.period} n=${r.n}`)).toEqual(['CNY hour n=3', 'CNY month n=5']);
    expect(rows.find((r) => r.period === 'month')).toMatchObject({
      p10: 5000,
      p25: 6000,
      median: 7000,
      p75: 8000,
      p90: 9000,
      city: 'Shanghai',
    });
    expect(rows.find((r) => r.period === 'hour')).toMatchObject({ p25: 60, median: 70, p75: 80 });
    const all = payPercentiles(db, october, { byCity: false, minPostings: 1 });
    expect(all.map((r) => `${r.currency} ${r.period} ${r.city}`)).toEqual([
      'CNY hour null',
      'CNY month null',
      'CNY piece null',
      'USD hour null',
    ]);
    db.close();
  });
});

describe('report queries on the fixture database', () => {
  it('counts deduplicated postings only: cross-posts count once', () => {
    // zhaopin has 59 AI-trainer postings in 2026-10, BOSS adds 10 of which 3 are the same jobs.
    expect(countReportPostings(fixture, { ...october, role: 'ai-trainer', city: 'Shanghai' })).toBe(59 + 7);
    expect(countReportPostings(fixture, { ...october, role: 'ai-rater' })).toBe(8);
  });

  it('groups companies by their normalised name and ranks them', () => {
    const rows = topCompanies(fixture, { ...october, role: 'ai-trainer' });
    const total = rows.reduce((s, r) => s + r.postings, 0);
    expect(total).toBe(66);
    expect(rows[0]).toEqual({ company: '智训AI', postings: 13 });
    expect(rows.map((r) => r.postings)).toEqual([...rows.map((r) => r.postings)].sort((a, b) => b - a));
  });

  it('counts cities and districts of the matching postings', () => {
    expect(cityCounts(fixture, october)).toEqual([
      { city: 'Shanghai', postings: 66 },
      { city: 'Beijing', postings: 15 },
      { city: 'San Francisco', postings: 8 },
    ]);
    const districts = districtCounts(fixture, { ...october, city: 'Beijing' });
    expect(districts).toEqual([{ city: 'Beijing', district: '海淀区', postings: 15 }]);
  });

  it('reads count, companies, cities and districts in one pass with the same numbers as one by one', () => {
    for (const filter of [
      october,
      { ...october, role: 'ai-trainer' },
      { start: '2026-01-01', end: '2026-12-31', city: 'Beijing' },
    ]) {
      expect(periodBreakdown(fixture, filter, 5)).toEqual({
        postings: countReportPostings(fixture, filter),
        companies: topCompanies(fixture, filter, 5),
        cities: cityCounts(fixture, filter, 5),
        districts: districtCounts(fixture, filter, 5),
      });
    }
  });

  it('watched days (analysis) agree with the source_watch_days view, the posting lifetime included', () => {
    const view = fixture
      .prepare(
        `SELECT source_id, count(*) AS days FROM source_watch_days WHERE day BETWEEN ? AND ? GROUP BY source_id`,
      )
      .all('2026-09-15', '2026-10-15') as { source_id: string; days: number }[];
    const watch = loadWatchRecord(fixture);
    const ours = ['boss', 'greenhouse', 'zhaopin'].map((id) => [
      id,
      watchedDaysOf(watch.get(id), '2026-09-15', '2026-10-15').size,
    ]);
    expect(ours).toEqual(
      ['boss', 'greenhouse', 'zhaopin'].map((id) => [id, view.find((v) => v.source_id === id)?.days ?? 0]),
    );
    // BOSS was looked at through 2026-10 only, but with a 30-day lifetime that watches September too.
    expect(watchedDaysOf(watch.get('boss'), '2026-09-15', '2026-10-15').size).toBe(31);
    expect(watchedDaysOf(watch.get('boss'), '2026-08-01', '2026-08-31').size).toBe(0);
  });

  it('counts runs by status and lists failed, partial and blocked runs newest first', () => {
    const boss = sourceCoverage(fixture, october).find((s) => s.sourceId === 'boss')!;
    expect(boss).toMatchObject({ runs: 2, okRuns: 1, failedRuns: 1, postings: 7 });
    const problems = problemRuns(fixture, october);
    expect(problems.total).toBe(2);
    expect(problems.rows.map((r) => [r.sourceId, r.status])).toEqual([
      ['zhaopin', 'partial'],
      ['boss', 'failed'],
    ]);
    expect(problemRuns(fixture, { start: '2026-09-01', end: '2026-09-30' }).total).toBe(0);
  });
});
