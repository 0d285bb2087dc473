// The one growth figure: a comparison of two periods. The rate of new postings per watched day now, over the
// rate in the baseline, on the same sources (same-source panel) unless told otherwise, with its exact
// conditional interval (the binomial split of the total), widened when weekly counts are overdispersed, and
// what a one-sided test of it needs. `growth`, `claim` and `report` all come here, so one comparison gives one
// figure wherever it is shown. `compare` reads what it needs; `loadComparisonData` + `comparePeriods` let a
// caller (the growth series) make many comparisons from one read.
import binomialCdf from '@stdlib/stats-base-dists-binomial-cdf';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { type ActiveStock, activeStock, type DayCount, dailyCounts } from '../store/analysis-queries.js';
import type { Db } from '../store/database.js';
import type { Unavailable } from './caveat-codes.js';
import { unavailable as because, formatP } from './caveat-words.js';
import { countOnDays, planPanel, sum } from './coverage.js';
import { addDays, mondayOf, toDay } from './dates.js';
import { resolveFilter } from './filters.js';
import { pearsonDispersion, widenOnLogScale } from './stats/overdispersion.js';
import { poissonRateRatio } from './stats/poisson-ratio.js';
import { proportionRatio } from './stats/proportion-ratio.js';
import type {
  CompareOptions,
  Comparison,
  ComparisonSide,
  Estimate,
  Overdispersion,
  Period,
  PostingFilter,
  RatioTest,
  ResolvedFilter,
} from './types.js';
import { loadWatchRecord, type WatchRecord, watchedWithin } from './watched-days.js';

const DEFAULT_LEVEL = 0.95;

/** Counts by source, then by day. */
export type CountsBySource = Map<string, Map<string, number>>;

/** What comparisons over some ranges of days need, read once. */
export interface ComparisonData {
  filter: ResolvedFilter;
  watch: WatchRecord;
  /** The day ranges whose counts were read; a comparison must lie inside them. */
  ranges: ReadonlyArray<{ start: string; end: string }>;
  /** Matching new postings (the filter's role and text; backlog left out). */
  matching: CountsBySource;
  /** All new postings of the filter's city and sources (share's denominator, and the coverage table). */
  totals: CountsBySource;
  /** Open postings of these sources in a period (the active metric), read when asked for. */
  stock: (sources: string[], period: Period) => ActiveStock;
}

/** Reads counts for the given ranges (merged where they overlap) and every source's watch record. */
export function loadComparisonData(
  db: Db,
  filter: ResolvedFilter,
  ranges: ReadonlyArray<{ start: string; end: string }>,
): ComparisonData {
  const merged = mergeRanges(ranges);
  const totalRows: DayCount[] = [];
  const matchingRows: DayCount[] = [];
  const topical = filter.role !== null || filter.match !== null;
  for (const { start, end } of merged) {
    const totals = dailyCounts(db, filter, start, end, false);
    totalRows.push(...totals);
    matchingRows.push(...(topical ? dailyCounts(db, filter, start, end) : totals));
  }
  return {
    filter,
    watch: loadWatchRecord(db),
    ranges: merged,
    matching: bySourceAndDay(matchingRows),
    totals: bySourceAndDay(totalRows),
    stock: (sources, period) =>
      sources.length > 0
        ? activeStock(db, { ...filter, sources }, period.start, period.end)
        : { postings: 0, posting_days: 0 },
  };
}

/** Compares `current` with `baseline` for a filter: the one growth figure (see the module comment). */
export function compare(
  db: Db,
  filter: PostingFilter | ResolvedFilter,
  current: Period,
  baseline: Period,
  options: CompareOptions = {},
): Comparison {
  const resolved = 'description' in filter ? filter : resolveFilter(db, filter);
  const data = loadComparisonData(db, resolved, [current, baseline]);
  return comparePeriods(data, current, baseline, options);
}

/** The comparison from data already read (the periods must lie inside data.ranges). */
export function comparePeriods(
  data: ComparisonData,
  current: Period,
  baseline: Period,
  options: CompareOptions = {},
): Comparison {
  for (const period of [current, baseline]) {
    if (!data.ranges.some((r) => r.start <= period.start && r.end >= period.end)) {
      throw new RangeError(`${period.label} lies outside the days read for this comparison`);
    }
  }
  const metric = options.metric ?? 'new';
  const level = options.level ?? DEFAULT_LEVEL;
  const allSources = options.allSources ?? false;
  const today = toDay(options.now ?? new Date());
  const postingsNow = totalsIn(data.totals, current);
  const postingsBase = totalsIn(data.totals, baseline);
  const candidates =
    data.filter.sources ??
    [...data.watch.keys()]
      .filter(
        (s) =>
          postingsNow.has(s) ||
          postingsBase.has(s) ||
          watchedWithin(data.watch.get(s), current.start, current.end) ||
          watchedWithin(data.watch.get(s), baseline.start, baseline.end),
      )
      .sort();
  const panel = planPanel(
    { candidates, watch: data.watch, postingsNow, postingsBase },
    current,
    baseline,
    allSources,
  );
  const { included, currentDays, baselineDays } = panel;
  const t1 = currentDays.size;
  const t0 = baselineDays.size;
  const matchNow = countOnDays(data.matching, included, currentDays);
  const matchBase = countOnDays(data.matching, included, baselineDays);
  const x1 = sum(matchNow.values());
  const x0 = sum(matchBase.values());
  const side = (period: Period, count: number, total: number | null, days: number, value: number | null) =>
    ({ period, incomplete: period.end >= today, count, total, days, value }) satisfies ComparisonSide;

  let currentSide: ComparisonSide;
  let baselineSide: ComparisonSide;
  let estimate: Estimate | null = null;
  let overdispersion: Overdispersion | null = null;
  let test: RatioTest | null = null;
  let unavailable = whyNoRates(panel.coverage, current, baseline, allSources, t1, t0);

  if (metric === 'new') {
    currentSide = side(current, x1, null, t1, t1 > 0 ? x1 / t1 : null);
    baselineSide = side(baseline, x0, null, t0, t0 > 0 ? x0 / t0 : null);
    unavailable ??= whyNoRatio(current, baseline, x1, t1, x0, t0);
    if (!unavailable) {
      const r = poissonRateRatio(x1, t1, x0, t0, level);
      overdispersion = weeklyDispersion(matchNow, currentDays, x1 / t1, matchBase, baselineDays, x0 / t0);
      let { lower, upper } = r;
      let method =
        'exact conditional interval for a ratio of Poisson rates (Clopper–Pearson on the binomial split of the total)';
      const dispersion = overdispersion?.widened ? overdispersion.dispersion : 1;
      if (overdispersion?.widened) {
        ({ lower, upper } = widenOnLogScale(r.ratio, lower, upper, dispersion));
        method += `, widened for overdispersion (${overdispersion.note})`;
      }
      estimate = { ratio: r.ratio, change: r.ratio - 1, interval: { lower, upper, level }, method };
      test = { kind: 'poisson', x1, x0, offset: t0 / t1, dispersion };
    }
  } else if (metric === 'share') {
    const a1 = sum(countOnDays(data.totals, included, currentDays).values());
    const a0 = sum(countOnDays(data.totals, included, baselineDays).values());
    currentSide = side(current, x1, a1, t1, t1 > 0 && a1 > 0 ? x1 / a1 : null);
    baselineSide = side(baseline, x0, a0, t0, t0 > 0 && a0 > 0 ? x0 / a0 : null);
    unavailable ??= whyNoRatio(current, baseline, x1, t1, x0, t0);
    const r = unavailable ? null : proportionRatio(x1, a1, x0, a0, level);
    if (r) {
      estimate = {
        ratio: r.ratio,
        change: r.ratio - 1,
        interval: { lower: r.lower, upper: r.upper, level },
        method:
          'ratio of two proportions with the Katz log interval (matching postings / all postings of the same sources and city)',
      };
      const se = Math.sqrt(1 / x1 - 1 / a1 + 1 / x0 - 1 / a0);
      test = { kind: 'log-normal', logRatio: Math.log(r.ratio), se };
    }
  } else {
    // Active: mean daily stock over the period, from first seen to closed (or last seen); backlog included.
    const sources = [...included];
    const stockNow = data.stock(sources, current);
    const stockBase = data.stock(sources, baseline);
    const stockSide = (period: Period, stock: ActiveStock, watched: boolean) =>
      side(period, stock.postings, null, period.days, watched ? stock.posting_days / period.days : null);
    currentSide = stockSide(current, stockNow, t1 > 0);
    baselineSide = stockSide(baseline, stockBase, t0 > 0);
    unavailable ??=
      stockNow.postings === 0 || stockBase.postings === 0
        ? because({
            code: 'no-open-posting',
            period: stockNow.postings === 0 ? current.label : baseline.label,
          })
        : null;
    if (!unavailable && currentSide.value !== null && baselineSide.value) {
      const ratio = currentSide.value / baselineSide.value;
      // The uncertainty comes from the number of distinct postings (Poisson); their durations are taken as known.
      const r = poissonRateRatio(stockNow.postings, 1, stockBase.postings, 1, level);
      const scale = ratio / r.ratio;
      estimate = {
        ratio,
        change: ratio - 1,
        interval: { lower: r.lower * scale, upper: r.upper * scale, level },
        method:
          'ratio of mean daily stocks (open postings per day); interval from the exact Poisson interval on the numbers of distinct active postings, durations taken as known',
      };
      test = { kind: 'poisson', x1: stockNow.postings, x0: stockBase.postings, offset: scale, dispersion: 1 };
    }
  }
  return {
    filter: data.filter,
    metric,
    current: currentSide,
    baseline: baselineSide,
    coverage: panel.coverage,
    estimate,
    overdispersion,
    test,
    unavailable: estimate ? null : (unavailable ?? because({ code: 'no-interval' })),
  };
}

/**
 * One-sided p-value against ratio = 1 + threshold: for 'rise', the chance of a ratio at least as high as the
 * one seen if the true ratio were 1 + threshold; for 'fall', at least as low. It is the test dual to the
 * interval (widened the same way): p ≤ (1 − level)/2 exactly when the interval lies wholly on the claimed side.
 */
export function oneSidedPValue(test: RatioTest, direction: 'rise' | 'fall', threshold: number): number {
  const target = 1 + threshold;
  if (!(target > 0)) return direction === 'rise' ? 0 : 1;
  if (test.kind === 'log-normal') {
    const z = (test.logRatio - Math.log(target)) / test.se;
    return clamp(direction === 'rise' ? normalCdf(-z, 0, 1) : normalCdf(z, 0, 1));
  }
  const { x1, x0, offset } = test;
  const n = x1 + x0;
  const ratio = (offset * x1) / x0;
  // The widened interval's bound equals `target` where the plain one equals this (see widenOnLogScale).
  const null0 =
    test.dispersion > 1 && ratio > 0 && Number.isFinite(ratio)
      ? ratio * (target / ratio) ** (1 / Math.sqrt(test.dispersion))
      : target;
  const scaled = null0 / offset;
  const p = scaled / (scaled + 1);
  return clamp(direction === 'rise' ? 1 - binomialCdf(x1 - 1, n, p) : binomialCdf(x1, n, p));
}

function clamp(p: number): number {
  return Math.min(1, Math.max(0, p));
}

/** Why neither period has a rate to compare, or null. */
function whyNoRates(
  coverage: Comparison['coverage'],
  current: Period,
  baseline: Period,
  allSources: boolean,
  t1: number,
  t0: number,
): Unavailable | null {
  const watchedIn = (side: Comparison['coverage']['current']) => side.sources.some((s) => s.watchedDays > 0);
  const nowWatched = watchedIn(coverage.current);
  const baseWatched = watchedIn(coverage.baseline);
  if (!nowWatched || !baseWatched) {
    return because({ code: 'not-watched', period: (!nowWatched ? current : baseline).label });
  }
  if (coverage.included.length === 0) {
    return because({
      code: 'no-common-source',
      current: current.label,
      baseline: baseline.label,
      allSources,
    });
  }
  if (t1 === 0 || t0 === 0) {
    return because({
      code: 'never-watched-together',
      sources: [...coverage.included],
      period: (t1 === 0 ? current : baseline).label,
    });
  }
  return null;
}

/** Why the counts give no ratio with an interval (a zero on a side), or null. */
function whyNoRatio(
  current: Period,
  baseline: Period,
  x1: number,
  t1: number,
  x0: number,
  t0: number,
): Unavailable | null {
  if (x1 > 0 && x0 > 0) return null;
  const [period, days] = x1 === 0 ? [current, t1] : [baseline, t0];
  return because({ code: 'no-posting', period: period.label, days });
}

/** Pearson dispersion of weekly counts around each period's constant daily rate (two rates fitted). */
function weeklyDispersion(
  nowByDay: Map<string, number>,
  nowDays: Set<string>,
  nowRate: number,
  baseByDay: Map<string, number>,
  baseDays: Set<string>,
  baseRate: number,
): Overdispersion | null {
  const cells = [...weekCells(nowByDay, nowDays, nowRate), ...weekCells(baseByDay, baseDays, baseRate)];
  const d = pearsonDispersion(cells, 2);
  if (!d) return null;
  const widened = d.dispersion > 1 && d.pValue < 0.05;
  return {
    ...d,
    widened,
    note: widened
      ? `quasi-Poisson: log-scale half-widths × √φ, φ = ${d.dispersion.toFixed(2)} from ${d.df + 2} weekly counts`
      : `weekly counts consistent with Poisson (φ = ${d.dispersion.toFixed(2)}, p = ${formatP(d.pValue)})`,
  };
}

function weekCells(
  byDay: Map<string, number>,
  days: Set<string>,
  rate: number,
): Array<{ observed: number; expected: number }> {
  const weeks = new Map<string, { observed: number; days: number }>();
  for (const day of days) {
    const week = mondayOf(day);
    const cell = weeks.get(week) ?? { observed: 0, days: 0 };
    cell.observed += byDay.get(day) ?? 0;
    cell.days += 1;
    weeks.set(week, cell);
  }
  return [...weeks.values()].map((w) => ({ observed: w.observed, expected: rate * w.days }));
}

/** New postings (of `counts`) per source dated in the period, on any day. */
function totalsIn(counts: CountsBySource, period: Period): Map<string, number> {
  const days: string[] = [];
  for (let day = period.start; day <= period.end; day = addDays(day, 1)) days.push(day);
  const result = new Map<string, number>();
  for (const [source, byDay] of counts) {
    let n = 0;
    for (const day of days) n += byDay.get(day) ?? 0;
    if (n > 0) result.set(source, n);
  }
  return result;
}

function bySourceAndDay(rows: readonly DayCount[]): CountsBySource {
  const map: CountsBySource = new Map();
  for (const row of rows) {
    let byDay = map.get(row.source_id);
    if (!byDay) {
      byDay = new Map();
      map.set(row.source_id, byDay);
    }
    byDay.set(row.day, (byDay.get(row.day) ?? 0) + Number(row.postings));
  }
  return map;
}

function mergeRanges(
  ranges: ReadonlyArray<{ start: string; end: string }>,
): Array<{ start: string; end: string }> {
  const sorted = [...ranges]
    .map((r) => ({ start: r.start, end: r.end }))
    .sort((a, b) => (a.start < b.start ? -1 : 1));
  const merged: Array<{ start: string; end: string }> = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end) {
      if (range.end > last.end) last.end = range.end;
    } else merged.push(range);
  }
  return merged;
}
