// The growth series on constructed data: counts per bucket, shares, period-over-period and year-over-year
// growth, coverage flags, and the log-linear trend recovering a known monthly growth rate.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { growth } from '../../src/analysis/growth.js';
import { UsageError } from '../../src/errors.js';
import type { Db } from '../../src/store/database.js';
import { texts } from '../support/caveat-texts.js';
import { addPostings, memoryDb, watch } from './support/analysis-db.js';

const NOW = new Date('2026-06-01T00:00:00Z');
let db: Db;
beforeEach(() => {
  db = memoryDb();
});
afterEach(() => db.close());

function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

describe('growth', () => {
  it('counts each month, its share, and growth against the month before and the year before', () => {
    watch(db, 'zhaopin', '2024-01-01', '2025-12-31');
    addPostings(db, { sourceId: 'zhaopin', count: 31, from: '2024-03-01', to: '2024-03-31' });
    addPostings(db, { sourceId: 'zhaopin', count: 62, from: '2025-02-01', to: '2025-02-28' });
    addPostings(db, { sourceId: 'zhaopin', count: 93, from: '2025-03-01', to: '2025-03-31' });
    // Other roles: part of the share's denominator only.
    addPostings(db, {
      sourceId: 'zhaopin',
      count: 93,
      from: '2025-03-01',
      to: '2025-03-31',
      overrides: { roles: ['data-annotator'] },
    });

    const result = growth(db, { role: 'ai-trainer', by: 'month', from: '2024-01', to: '2025-12', now: NOW });
    expect(result.buckets).toHaveLength(24);
    const march = result.buckets.find((b) => b.label === '2025-03')!;
    expect(march).toMatchObject({
      count: 93,
      total: 186,
      share: 0.5,
      days: 31,
      watchedDays: 31,
      incomplete: false,
    });
    expect(march.perDay).toBeCloseTo(3, 12);
    expect(march.vsYearBefore!.change).toBeCloseTo(2, 12); // 3 per day against 1 per day
    expect(march.vsYearBefore!.interval!.lower).toBeGreaterThan(1);
    expect(march.vsPrevious!.change).toBeCloseTo(3 / (62 / 28) - 1, 12);
    // A month with no posting against one with 31 has no ratio with an interval: null, never −100%.
    const april = result.buckets.find((b) => b.label === '2024-04')!;
    expect(april.perDay).toBe(0);
    expect(april.vsPrevious).toMatchObject({ change: null, interval: null });
    expect(april.vsPrevious!.unavailable).toMatch(/no matching new posting in 2024-04/);
    expect(result.buckets.find((b) => b.label === '2024-05')!.vsPrevious!.change).toBeNull();
  });

  it('the trend recovers a true 10% monthly growth', () => {
    watch(db, 'zhaopin', '2025-01-01', '2025-12-31');
    for (let m = 0; m < 12; m++) {
      const month = `2025-${String(m + 1).padStart(2, '0')}`;
      const days = Number(monthEnd(month).slice(8));
      addPostings(db, {
        sourceId: 'zhaopin',
        count: Math.round(10 * 1.1 ** m * days),
        from: `${month}-01`,
        to: monthEnd(month),
      });
    }
    const result = growth(db, { by: 'quarter', from: '2025', to: '2025', now: NOW });
    expect(result.buckets.map((b) => b.label)).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);
    expect(result.trend!.months).toBe(12);
    expect(result.trend!.monthlyGrowth).toBeCloseTo(0.1, 2);
    expect(result.trend!.interval.lower).toBeLessThan(0.1);
    expect(result.trend!.interval.upper).toBeGreaterThan(0.1);
    expect(result.trend!.interval.upper - result.trend!.interval.lower).toBeLessThan(0.02);
  });

  it('weeks are ISO weeks; counts are per watched day, and a week nobody watched has no rate', () => {
    watch(db, 'zhaopin', '2025-03-31', '2025-04-03');
    addPostings(db, { sourceId: 'zhaopin', count: 14, from: '2025-03-31', to: '2025-04-13' });
    const result = growth(db, { by: 'week', from: '2025-W14', to: '2025-W15', now: NOW });
    expect(
      result.buckets.map((b) => [b.label, b.start, b.end, b.count, b.perDay, b.watchedDays, b.vsPrevious]),
    ).toEqual([
      ['2025-W14', '2025-03-31', '2025-04-06', 4, 1, 4, expect.objectContaining({ change: null })],
      ['2025-W15', '2025-04-07', '2025-04-13', null, null, 0, null],
    ]);
    expect(texts(result.caveats).join('\n')).toMatch(/2025-W14: 4\/7 days/);
    expect(texts(result.caveats).join('\n')).toMatch(/Not watched: 2025-W15/);
    expect(result.trend).toBeNull();
  });

  it('refuses a range that runs backwards and an unknown granularity', () => {
    expect(() => growth(db, { by: 'month', from: '2025', to: '2024' })).toThrow(UsageError);
    expect(() => growth(db, { by: 'day' as 'month' })).toThrow(/week, month, quarter/);
  });
});
