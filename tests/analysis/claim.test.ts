// Claim verdicts on databases where the truth is known: postings spread evenly over 2024 and 2025 from
// sources whose watched days are recorded, so the true change is exactly what the test put in.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkClaim, describeChange, parseChange } from '../../src/analysis/claim.js';
import { UsageError } from '../../src/errors.js';
import type { Db } from '../../src/store/database.js';
import { texts } from '../support/caveat-texts.js';
import { addPostings, keepOpen, memoryDb, watch } from './support/analysis-db.js';

const NOW = new Date('2026-06-01T00:00:00Z');
let db: Db;

beforeEach(() => {
  db = memoryDb();
});
afterEach(() => db.close());

/** Source `id` watched all of 2024 and 2025, with `base` postings in 2024 and `now` in 2025. */
function yearlySource(id: string, base: number, now: number, city = 'Shanghai'): void {
  watch(db, id, '2024-01-01', '2024-12-31');
  watch(db, id, '2025-01-01', '2025-12-31');
  addPostings(db, { sourceId: id, count: base, from: '2024-01-01', to: '2024-12-31', overrides: { city } });
  addPostings(db, { sourceId: id, count: now, from: '2025-01-01', to: '2025-12-31', overrides: { city } });
}

const claim = { role: 'ai-trainer', city: '上海', period: '2025', baseline: '2024', change: '>30%' };

describe('checkClaim', () => {
  it('a true 50% rise supports "rose by more than 30%"', () => {
    yearlySource('zhaopin', 1000, 1500);
    const result = checkClaim(db, claim, { now: NOW });
    expect(result.filter.city).toBe('Shanghai');
    expect(result.current).toMatchObject({ count: 1500, days: 365 });
    expect(result.baseline).toMatchObject({ count: 1000, days: 366 });
    expect(result.estimate!.ratio).toBeCloseTo(1500 / 365 / (1000 / 366), 10);
    expect(result.estimate!.interval.lower).toBeGreaterThanOrEqual(1.3);
    expect(result.verdict).toBe('supported');
    expect(result.coverage.panel).toBe('same-source');
    expect(result.coverage.included).toEqual(['zhaopin']);
    expect(texts(result.caveats).join('\n')).toMatch(/not vacancies/);
  });

  it('a true 10% rise contradicts "rose by more than 30%"', () => {
    yearlySource('zhaopin', 1000, 1100);
    const result = checkClaim(db, claim, { now: NOW });
    expect(result.estimate!.interval.upper).toBeLessThan(1.3);
    expect(result.verdict).toBe('contradicted');
  });

  it('a rise that is only a new source coming online is not supported on the same-source panel, and the caveat says why', () => {
    yearlySource('zhaopin', 1000, 1000);
    watch(db, 'boss', '2025-01-01', '2025-12-31');
    addPostings(db, { sourceId: 'boss', count: 700, from: '2025-01-01', to: '2025-12-31' });

    const panel = checkClaim(db, claim, { now: NOW });
    expect(panel.coverage.included).toEqual(['zhaopin']);
    expect(panel.current.count).toBe(1000);
    expect(panel.verdict).not.toBe('supported');
    expect(panel.verdict).toBe('contradicted');
    const boss = panel.coverage.excluded.find((e) => e.sourceId === 'boss');
    expect(boss?.reason).toMatch(/watched only in 2025 \(365 days, 700 postings\), not in 2024/);
    expect(panel.caveats.some((c) => /boss/.test(c.text) && /new coverage/.test(c.text))).toBe(true);

    // Counting all sources shows the rise the newspaper saw, and says where it came from.
    const all = checkClaim(db, { ...claim, allSources: true }, { now: NOW });
    expect(all.current.count).toBe(1700);
    expect(all.verdict).toBe('supported');
    expect(all.caveats.some((c) => /boss/.test(c.text) && /new coverage, not new demand/.test(c.text))).toBe(
      true,
    );
  });

  it('a small sample with a decisive interval gets its verdict; a zero count is "insufficient data", saying what is needed', () => {
    yearlySource('zhaopin', 12, 19);
    const small = checkClaim(db, claim, { now: NOW });
    expect(small.verdict).toBe('inconclusive');
    expect(small.estimate).not.toBeNull();

    watch(db, 'lever', '2024-01-01', '2025-12-31');
    addPostings(db, {
      sourceId: 'lever',
      count: 5,
      from: '2024-01-01',
      to: '2024-12-31',
      overrides: { city: 'London' },
    });
    const none = checkClaim(db, { ...claim, city: 'London' }, { now: NOW });
    expect(none.verdict).toBe('insufficient data');
    expect(none.estimate).toBeNull();
    expect(none.reason).toMatch(
      /no matching new posting in 2025 on its 365 watched days: a ratio needs at least one posting in each period/,
    );
  });

  it('a period nobody watched gives "insufficient data", saying what would be needed', () => {
    watch(db, 'zhaopin', '2025-01-01', '2025-12-31');
    addPostings(db, { sourceId: 'zhaopin', count: 500, from: '2025-01-01', to: '2025-12-31' });
    addPostings(db, { sourceId: 'zhaopin', count: 300, from: '2024-01-01', to: '2024-12-31' });
    const result = checkClaim(db, claim, { now: NOW });
    expect(result.verdict).toBe('insufficient data');
    expect(result.reason).toMatch(/^2024 was not watched: no source was looked at/);
    expect(result.reason).toMatch(/a rate needs watched days/);
  });

  it('two sources each watched in one period only: no common source, and --all-sources is offered', () => {
    watch(db, 'zhaopin', '2024-01-01', '2024-12-31');
    watch(db, 'boss', '2025-01-01', '2025-12-31');
    addPostings(db, { sourceId: 'zhaopin', count: 300, from: '2024-01-01', to: '2024-12-31' });
    addPostings(db, { sourceId: 'boss', count: 500, from: '2025-01-01', to: '2025-12-31' });
    const result = checkClaim(db, claim, { now: NOW });
    expect(result.verdict).toBe('insufficient data');
    expect(result.reason).toMatch(/no source was watched in both 2025 and 2024.*--all-sources/);
  });

  it('counts only postings of the role and city asked about', () => {
    yearlySource('zhaopin', 1000, 1500);
    addPostings(db, {
      sourceId: 'zhaopin',
      count: 900,
      from: '2025-01-01',
      to: '2025-12-31',
      overrides: { city: 'Beijing' },
    });
    addPostings(db, {
      sourceId: 'zhaopin',
      count: 900,
      from: '2025-01-01',
      to: '2025-12-31',
      overrides: { roles: ['data-annotator'] },
    });
    const result = checkClaim(db, claim, { now: NOW });
    expect(result.current.count).toBe(1500);
    expect(result.verdict).toBe('supported');
  });

  it('a claimed fall is judged symmetrically', () => {
    yearlySource('zhaopin', 1000, 600);
    expect(checkClaim(db, { ...claim, change: '<-10%' }, { now: NOW }).verdict).toBe('supported');
    expect(checkClaim(db, { ...claim, change: '<-60%' }, { now: NOW }).verdict).toBe('contradicted');
  });

  it('share compares the role with all postings of the same sources and city', () => {
    yearlySource('zhaopin', 1000, 1500);
    // Other roles grow just as much, so the share does not move.
    addPostings(db, {
      sourceId: 'zhaopin',
      count: 1000,
      from: '2024-01-01',
      to: '2024-12-31',
      overrides: { roles: ['ai-other'] },
    });
    addPostings(db, {
      sourceId: 'zhaopin',
      count: 1500,
      from: '2025-01-01',
      to: '2025-12-31',
      overrides: { roles: ['ai-other'] },
    });
    const result = checkClaim(db, { ...claim, metric: 'share' }, { now: NOW });
    expect(result.current).toMatchObject({ count: 1500, total: 3000, value: 0.5 });
    expect(result.estimate!.ratio).toBeCloseTo(1, 10);
    expect(result.verdict).toBe('contradicted');
  });

  it('active compares the mean number of open postings per day', () => {
    watch(db, 'zhaopin', '2024-01-01', '2024-12-31');
    watch(db, 'zhaopin', '2025-01-01', '2025-12-31');
    // The same 100 postings a year, but in 2025 each stays open 20 days instead of 10: the stock doubles.
    addPostings(db, { sourceId: 'zhaopin', count: 100, from: '2024-01-01', to: '2024-11-30' });
    addPostings(db, { sourceId: 'zhaopin', count: 100, from: '2025-01-01', to: '2025-11-30' });
    keepOpen(db, 'zhaopin', '2024-01-01', '2024-11-30', 10);
    keepOpen(db, 'zhaopin', '2025-01-01', '2025-11-30', 20);
    const result = checkClaim(db, { ...claim, metric: 'active' }, { now: NOW });
    expect(result.current.value).toBeCloseTo((100 * 20) / 365, 10);
    expect(result.baseline.value).toBeCloseTo((100 * 10) / 366, 10);
    expect(result.estimate!.ratio).toBeCloseTo((100 * 20) / 365 / ((100 * 10) / 366), 10);
    expect(result.verdict).toBe('supported');
    // New postings did not change at all.
    expect(checkClaim(db, claim, { now: NOW }).estimate!.ratio).toBeCloseTo(366 / 365, 10);
  });

  it('bursty weekly counts widen the interval and say so', () => {
    watch(db, 'zhaopin', '2024-01-01', '2024-12-31');
    watch(db, 'zhaopin', '2025-01-01', '2025-12-31');
    // The same totals as the 50% rise, but posted in a few big batches.
    for (const month of ['01', '04', '07', '10']) {
      addPostings(db, { sourceId: 'zhaopin', count: 250, from: `2024-${month}-01`, to: `2024-${month}-03` });
      addPostings(db, { sourceId: 'zhaopin', count: 375, from: `2025-${month}-01`, to: `2025-${month}-03` });
    }
    const result = checkClaim(db, claim, { now: NOW });
    expect(result.overdispersion?.widened).toBe(true);
    expect(result.overdispersion!.dispersion).toBeGreaterThan(10);
    expect(result.estimate!.method).toMatch(/overdispersion/);
    expect(result.estimate!.interval.lower).toBeLessThan(1.3);
    expect(result.verdict).toBe('inconclusive');
    expect(texts(result.caveats).join('\n')).toMatch(/widened/);
  });

  it('comparing different months warns about seasonality and Spring Festival', () => {
    yearlySource('zhaopin', 1000, 1500);
    const result = checkClaim(db, { ...claim, period: '2025-03', baseline: '2025-02' }, { now: NOW });
    const caveats = texts(result.caveats).join('\n');
    expect(caveats).toMatch(/different months/);
    expect(caveats).toMatch(/春节/);
    expect(caveats).toMatch(/金三银四/);
  });

  it('names the Spring Festival dates in the periods, and leaves the Chinese calendar out for London', () => {
    yearlySource('zhaopin', 1000, 1500);
    const shanghai = checkClaim(db, { ...claim, period: '2025-Q1', baseline: '2024-Q1' }, { now: NOW });
    expect(texts(shanghai.caveats).join('\n')).toMatch(/2024-02-10, 2025-01-29/);
    const london = checkClaim(
      db,
      { ...claim, city: 'London', period: '2025-03', baseline: '2025-02' },
      { now: NOW },
    );
    const caveats = texts(london.caveats).join('\n');
    expect(caveats).toMatch(/different months/);
    expect(caveats).not.toMatch(/春节|金三银四/);
  });

  it('refuses an unknown role with the list of roles', () => {
    expect(() => checkClaim(db, { ...claim, role: 'astronaut' })).toThrow(UsageError);
    expect(() => checkClaim(db, { ...claim, role: 'astronaut' })).toThrow(/ai-trainer/);
  });
});

describe('parseChange', () => {
  it.each([
    ['>30%', 'rise', 0.3],
    ['> 30 %', 'rise', 0.3],
    ['+30%', 'rise', 0.3],
    ['30%', 'rise', 0.3],
    ['>=0.3', 'rise', 0.3],
    ['<-10%', 'fall', -0.1],
  ])('%s is a %s of %d', (text, direction, threshold) => {
    const change = parseChange(text);
    expect(change.direction).toBe(direction);
    expect(change.threshold).toBeCloseTo(threshold, 12);
  });

  it.each([
    ['>30%', 'rose by more than 30%'],
    ['>=30%', 'rose by at least 30%'],
    ['<-10%', 'fell by more than 10%'],
    ['>-10%', 'fell by less than 10% (or rose)'],
    ['<5%', 'rose by less than 5% (or fell)'],
  ])('%s reads "%s"', (text, words) => {
    expect(describeChange(parseChange(text))).toBe(words);
  });

  it.each([['lots'], ['>'], ['<-150%']])('%j is refused', (text) => {
    expect(() => parseChange(text)).toThrow(UsageError);
  });
});
