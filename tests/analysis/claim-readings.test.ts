// Claims without a stated period, checked under every standard reading on databases where the truth is known:
// a rise over the year that turned into a fall in the last quarter, a steady 50% rise, a steady 10% rise, a
// month nobody watched. The Holm-corrected p-values are recomputed here by hand from the raw ones.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkClaimReadings, standardReadings } from '../../src/analysis/claim-readings.js';
import { holm } from '../../src/analysis/stats/holm.js';
import type { ClaimReadingsResult } from '../../src/analysis/types.js';
import { UsageError } from '../../src/errors.js';
import type { Db } from '../../src/store/database.js';
import { texts } from '../support/caveat-texts.js';
import { addPostings, keepOpen, memoryDb, watch } from './support/analysis-db.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const SHANGHAI = { role: 'ai-trainer', city: '上海', change: '>30%', asOf: '2026-01-26' };
let db: Db;

beforeEach(() => {
  db = memoryDb();
});
afterEach(() => db.close());

/** zhaopin watched 2024-01-01..`watchedTo`, with postings in Shanghai spread evenly over each range given. */
function shanghai(ranges: Array<[from: string, to: string, count: number]>, watchedTo = '2025-12-31'): void {
  watch(db, 'zhaopin', '2024-01-01', watchedTo);
  for (const [from, to, count] of ranges) {
    addPostings(db, { sourceId: 'zhaopin', count, from, to, overrides: { city: 'Shanghai' } });
  }
}

const verdicts = (result: ClaimReadingsResult) =>
  Object.fromEntries(result.readings.map((r) => [r.id, r.result.verdict]));

/** Holm by hand: sort, multiply the i-th smallest by (m − i), carry the running maximum, cap at 1. */
function holmByHand(pValues: number[]): number[] {
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  const out = new Array<number>(pValues.length);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (pValues.length - rank) * p));
    out[i] = running;
  });
  return out;
}

describe('standardReadings', () => {
  it('as of 2026-01-26: 2025 vs 2024 twice (the 12 months before are the calendar year), 2025-Q4 vs 2024-Q4, 2025-12 vs 2024-12', () => {
    const plans = standardReadings('2026-01-26').map((p) => [
      p.id,
      `${p.current.start}..${p.current.end}`,
      `${p.baseline.start}..${p.baseline.end}`,
    ]);
    expect(plans).toEqual([
      ['calendar-year', '2025-01-01..2025-12-31', '2024-01-01..2024-12-31'],
      ['twelve-months', '2025-01-01..2025-12-31', '2024-01-01..2024-12-31'],
      ['quarter', '2025-10-01..2025-12-31', '2024-10-01..2024-12-31'],
      ['month', '2025-12-01..2025-12-31', '2024-12-01..2024-12-31'],
    ]);
  });

  it('as of 2026-04-01: March is complete, so the quarter is 2026-Q1 and the 12 months end in March', () => {
    const [year, months, quarter, month] = standardReadings('2026-04-01');
    expect(year!.current.label).toBe('2025');
    expect(months!.current).toMatchObject({
      label: '2025-04..2026-03',
      start: '2025-04-01',
      end: '2026-03-31',
    });
    expect(months!.baseline).toMatchObject({ start: '2024-04-01', end: '2025-03-31', days: 365 });
    expect([quarter!.current.label, quarter!.baseline.label]).toEqual(['2026-Q1', '2025-Q1']);
    expect([month!.current.label, month!.baseline.label]).toEqual(['2026-03', '2025-03']);
  });

  it('refuses a date that is not one', () => {
    expect(() => standardReadings('2026-02-30')).toThrow(UsageError);
  });
});

describe('checkClaimReadings: the Shanghai claim as of 2026-01-26', () => {
  it('a 50% rise over 2024→2025 that fell in the last quarter: supported under the yearly readings, contradicted under the quarter (and month) — it depends on the period meant', () => {
    shanghai([
      ['2024-01-01', '2024-12-31', 6000],
      ['2025-01-01', '2025-09-30', 7800],
      ['2025-10-01', '2025-12-31', 1200],
    ]);
    const result = checkClaimReadings(db, SHANGHAI, { now: NOW });
    expect(result.asOf).toBe('2026-01-26');
    expect(result.filter.city).toBe('Shanghai');
    const year = result.readings[0]!.result;
    expect(year.current).toMatchObject({ count: 9000, days: 365 });
    expect(year.baseline).toMatchObject({ count: 6000, days: 366 });
    expect(year.estimate!.ratio).toBeCloseTo(9000 / 365 / (6000 / 366), 10);
    expect(verdicts(result)).toEqual({
      'calendar-year': 'supported',
      'twelve-months': 'supported',
      quarter: 'contradicted',
      month: 'contradicted',
    });
    expect(result.readings[1]!.sameAs).toBe('calendar-year');
    expect(result.overall).toMatchObject({
      verdict: 'depends',
      supported: 2,
      contradicted: 2,
      readings: 4,
      comparisons: 3,
      mostData: 'calendar-year',
    });
    expect(result.overall.summary).toMatch(
      /^Supported under 2 of 4 readings — depends on the period meant\./,
    );
    expect(result.overall.summary).toMatch(/Contradicted: quarter \(2025-Q4 against 2024-Q4\), month/);
    expect(texts(result.caveats).join('\n')).toMatch(/not vacancies/);
  });

  it('a steady 50% rise: supported under every reading, and the support survives the Holm correction', () => {
    shanghai([
      ['2024-01-01', '2024-12-31', 6000],
      ['2025-01-01', '2025-12-31', 9000],
    ]);
    const result = checkClaimReadings(db, SHANGHAI, { now: NOW });
    expect(Object.values(verdicts(result))).toEqual(['supported', 'supported', 'supported', 'supported']);
    expect(result.overall.verdict).toBe('supported');
    expect(result.overall.summary).toMatch(/^Supported under every reading \(4 of 4\)\./);
    expect(result.overall.supportedAfterCorrection).toBe(4);
  });

  it('a steady 10% rise: contradicted under every reading', () => {
    shanghai([
      ['2024-01-01', '2024-12-31', 6000],
      ['2025-01-01', '2025-12-31', 6600],
    ]);
    const result = checkClaimReadings(db, SHANGHAI, { now: NOW });
    expect(Object.values(verdicts(result))).toEqual([
      'contradicted',
      'contradicted',
      'contradicted',
      'contradicted',
    ]);
    expect(result.overall.verdict).toBe('contradicted');
    expect(result.overall.summary).toMatch(/^Contradicted under every reading \(4 of 4\)\./);
  });

  it('a month nobody watched says so and does not count as support', () => {
    shanghai(
      [
        ['2024-01-01', '2024-12-31', 6000],
        ['2025-01-01', '2025-11-30', 8250],
      ],
      '2025-11-30',
    );
    const result = checkClaimReadings(db, SHANGHAI, { now: NOW });
    const month = result.readings.find((r) => r.id === 'month')!;
    expect(month.result.verdict).toBe('insufficient data');
    expect(month.result.reason).toMatch(/^2025-12 was not watched/);
    expect(month.adjustedPValue).toBeNull();
    expect(result.overall.verdict).toBe('depends');
    expect(result.overall.supported).toBe(3);
    expect(result.overall.summary).toMatch(
      /Supported under 3 of 4 readings; the others could not be checked/,
    );
    expect(result.overall.summary).toMatch(
      /Not checked \(no support counted\): month — 2025-12 was not watched/,
    );
  });

  it('Holm-corrected p-values match a computation by hand over the distinct comparisons', () => {
    // Small counts, so the p-values are neither 0 nor 1: 2024 120 postings, 2025 175 with a slow last quarter.
    shanghai([
      ['2024-01-01', '2024-12-31', 120],
      ['2025-01-01', '2025-09-30', 140],
      ['2025-10-01', '2025-12-31', 35],
    ]);
    const result = checkClaimReadings(db, { ...SHANGHAI, change: '>10%' }, { now: NOW });
    const distinct = result.readings.filter((r) => !r.sameAs);
    const raw = distinct.map((r) => r.result.pValue!);
    expect(raw.every((p) => p > 0.001 && p < 0.999)).toBe(true);
    const byHand = holmByHand(raw);
    for (const [i, reading] of distinct.entries()) {
      expect(reading.adjustedPValue).toBeCloseTo(byHand[i]!, 12);
    }
    // The 12-month reading repeats the calendar year: the same test, the same corrected value.
    expect(result.readings[1]!.adjustedPValue).toBe(result.readings[0]!.adjustedPValue);
    expect(result.overall.comparisons).toBe(3);
    for (const reading of result.readings) {
      expect(reading.supportedAfterCorrection).toBe(
        reading.result.verdict === 'supported' && reading.adjustedPValue! <= 0.025,
      );
    }
  });

  it('share and active are read the same way', () => {
    shanghai([
      ['2024-01-01', '2024-12-31', 2000],
      ['2025-01-01', '2025-12-31', 3000],
    ]);
    // Other roles grow just as much: the share does not move, under any reading.
    addPostings(db, {
      sourceId: 'zhaopin',
      count: 2000,
      from: '2024-01-01',
      to: '2024-12-31',
      overrides: { city: 'Shanghai', roles: ['ai-other'] },
    });
    addPostings(db, {
      sourceId: 'zhaopin',
      count: 3000,
      from: '2025-01-01',
      to: '2025-12-31',
      overrides: { city: 'Shanghai', roles: ['ai-other'] },
    });
    const share = checkClaimReadings(db, { ...SHANGHAI, metric: 'share' }, { now: NOW });
    expect(share.metric).toBe('share');
    for (const { result } of share.readings) {
      expect(result.current.total).toBe(2 * result.current.count);
      expect(result.estimate!.ratio).toBeCloseTo(1, 2);
    }
    expect(share.overall.verdict).toBe('contradicted');

    keepOpen(db, 'zhaopin', '2024-01-01', '2025-12-31', 10);
    const active = checkClaimReadings(db, { ...SHANGHAI, metric: 'active' }, { now: NOW });
    expect(active.metric).toBe('active');
    expect(active.statement).toMatch(/^Open postings per day/);
    expect(active.readings).toHaveLength(4);
    // The stock follows the postings: half again as many open on an average day, under every reading.
    for (const { result } of active.readings) expect(result.estimate!.ratio).toBeCloseTo(1.5, 1);
    expect(active.readings[0]!.result.verdict).toBe('supported');
  });

  it('a claim with a stated period keeps its one reading', () => {
    shanghai([
      ['2024-01-01', '2024-12-31', 6000],
      ['2025-01-01', '2025-12-31', 9000],
    ]);
    const result = checkClaimReadings(
      db,
      { role: 'ai-trainer', city: '上海', change: '>30%', period: '2025-Q2', baseline: '2024-Q2' },
      { now: NOW },
    );
    expect(result.asOf).toBeNull();
    expect(result.readings.map((r) => r.id)).toEqual(['stated']);
    expect(result.overall.verdict).toBe('supported');
    expect(result.overall.summary).toBe(result.readings[0]!.result.reason);
    expect(result.readings[0]!.adjustedPValue).toBe(result.readings[0]!.result.pValue);
  });

  it('the as-of date defaults to the day the claim was published; a future date or half a period is refused', () => {
    shanghai([['2024-01-01', '2025-12-31', 100]]);
    const claim = { role: 'ai-trainer', change: '>30%', published: '2025-07-15' };
    expect(checkClaimReadings(db, claim, { now: NOW }).asOf).toBe('2025-07-15');
    expect(checkClaimReadings(db, { ...claim, published: undefined }, { now: NOW }).asOf).toBe('2026-06-01');
    expect(() => checkClaimReadings(db, { ...claim, asOf: '2026-07-01' }, { now: NOW })).toThrow(
      /after today/,
    );
    expect(() => checkClaimReadings(db, { ...claim, period: '2025' }, { now: NOW })).toThrow(
      /both a period and a baseline, or neither/,
    );
  });
});

describe('holm', () => {
  it("matches R's p.adjust(c(0.008, 0.03, 0.123, 0.6, 0.2), 'holm') and the computation by hand", () => {
    const p = [0.008, 0.03, 0.123, 0.6, 0.2];
    const expected = [0.04, 0.12, 0.369, 0.6, 0.4];
    const adjusted = holm(p);
    for (const [i, value] of adjusted.entries()) {
      expect(value).toBeCloseTo(expected[i]!, 12);
      expect(value).toBeCloseTo(holmByHand(p)[i]!, 12);
    }
    expect(holm([])).toEqual([]);
    expect(holm([0.7, 0.9])).toEqual([1, 1]);
  });
});
