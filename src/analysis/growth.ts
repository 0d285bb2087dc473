// The growth series: new deduplicated postings per week, month or quarter, their share of all postings from
// the same sources (and city), per-day rates with period-over-period and year-over-year growth, the
// coverage of each bucket, and a log-linear trend of monthly rates with its interval.

import { UsageError } from '../errors.js';
import { dailyCounts, firstEffectiveDate, watchDays } from '../store/analysis-queries.js';
import type { Db } from '../store/database.js';
import { DEDUP_NOTE, POSTINGS_ARE_NOT_VACANCIES } from './caveats.js';
import { addDays, daysInclusive, isoWeekOf, mondayOf, pad, toDay } from './dates.js';
import { resolveFilter } from './filters.js';
import { parsePeriod } from './period.js';
import { logLinearFit } from './stats/log-linear.js';
import type { Granularity, GrowthBucket, GrowthQuery, GrowthResult, Trend } from './types.js';

const GRANULARITIES: Granularity[] = ['week', 'month', 'quarter'];
/** More buckets than this is a mistake (e.g. --by week over decades), not a report. */
const MAX_BUCKETS = 2000;

interface BucketSpan {
  label: string;
  start: string;
  end: string;
}

/** The series for a filter between `from` and `to`. */
export function growth(db: Db, query: GrowthQuery): GrowthResult {
  const now = query.now ?? new Date();
  const by = query.by ?? 'month';
  if (!GRANULARITIES.includes(by))
    throw new UsageError(`--by must be one of ${GRANULARITIES.join(', ')}, not "${String(by)}"`);
  const filter = resolveFilter(db, query);
  const to = query.to ? parsePeriod(query.to, now).end : toDay(now);
  const from = query.from ? parsePeriod(query.from, now).start : (firstEffectiveDate(db) ?? to);
  if (from > to)
    throw new UsageError(`--from (${from}) is after --to (${to}): give the earlier period first`);

  const spans = bucketSpans(by, from, to);
  if (spans.length > MAX_BUCKETS) {
    throw new UsageError(`that is ${spans.length} ${by}s: narrow --from/--to or use a coarser --by`);
  }
  const totals = perDay(dailyCounts(db, filter, from, to, false));
  const topical = filter.role !== null || filter.match !== null;
  const matching = topical ? perDay(dailyCounts(db, filter, from, to)) : totals;
  const watched = new Map<string, Set<string>>(); // day → sources watched
  for (const row of watchDays(db, from, to)) {
    if (filter.sources && !filter.sources.includes(row.source_id)) continue;
    const set = watched.get(row.day) ?? new Set<string>();
    set.add(row.source_id);
    watched.set(row.day, set);
  }

  const buckets: GrowthBucket[] = spans.map((span) => {
    let count = 0;
    let total = 0;
    let watchedDays = 0;
    const sources = new Set<string>();
    for (let day = span.start; day <= span.end; day = addDays(day, 1)) {
      count += matching.get(day) ?? 0;
      total += totals.get(day) ?? 0;
      const w = watched.get(day);
      if (w && w.size > 0) {
        watchedDays++;
        for (const s of w) sources.add(s);
      }
    }
    const days = daysInclusive(span.start, span.end);
    return {
      ...span,
      days,
      count,
      total,
      share: total > 0 ? count / total : null,
      perDay: count / days,
      watchedDays,
      sourcesWatched: [...sources].sort(),
      complete: watchedDays === days,
      periodOverPeriod: null,
      yearOverYear: null,
    };
  });
  const byLabel = new Map(buckets.map((b) => [b.label, b]));
  buckets.forEach((bucket, i) => {
    const previous = buckets[i - 1];
    bucket.periodOverPeriod = previous ? relative(bucket.perDay, previous.perDay) : null;
    const lastYear = byLabel.get(labelYearBefore(bucket.label));
    bucket.yearOverYear = lastYear ? relative(bucket.perDay, lastYear.perDay) : null;
  });

  const trend = monthlyTrend(matching, from, to);
  const caveats: string[] = [];
  if (buckets.every((b) => b.count === 0)) {
    caveats.push(
      `No postings match (${filter.description}) between ${from} and ${to}: check the filter, or scrape first.`,
    );
  }
  const incomplete = buckets.filter((b) => !b.complete);
  if (incomplete.length > 0) {
    caveats.push(
      `Coverage: ${incomplete.length} of ${buckets.length} ${by}s were not watched every day (${incomplete
        .slice(0, 6)
        .map((b) => `${b.label}: ${b.watchedDays}/${b.days} days`)
        .join(
          ', ',
        )}${incomplete.length > 6 ? ', …' : ''}); their counts may be low. The share column is less affected.`,
    );
  }
  const sourceSets = new Set(buckets.filter((b) => b.count > 0).map((b) => b.sourcesWatched.join(',')));
  if (sourceSets.size > 1) {
    caveats.push(
      'Coverage change: the set of sources watched changes along the series, so counts mix new demand with new coverage; the share column and `jobtrend claim` (same-source panel) compare like with like.',
    );
  }
  if (!trend) caveats.push('No trend: fewer than three months with postings.');
  else {
    const months = bucketSpans('month', from, to).length;
    if (trend.months < months) {
      caveats.push(
        `The trend leaves out ${months - trend.months} of ${months} months with no postings (a log-linear fit needs counts above zero); gaps in coverage make it less reliable.`,
      );
    }
  }
  caveats.push(DEDUP_NOTE, POSTINGS_ARE_NOT_VACANCIES);
  return { filter, by, from, to, buckets, trend, caveats };
}

/** Log-linear regression of monthly postings per day (months with postings) on the month number. */
function monthlyTrend(matching: Map<string, number>, from: string, to: string): Trend | null {
  const spans = bucketSpans('month', from, to);
  const points: Array<[number, number]> = [];
  spans.forEach((span, index) => {
    let count = 0;
    for (let day = span.start; day <= span.end; day = addDays(day, 1)) count += matching.get(day) ?? 0;
    if (count > 0) points.push([index, count / daysInclusive(span.start, span.end)]);
  });
  const fit = logLinearFit(points);
  if (!fit) return null;
  return {
    months: fit.n,
    slope: fit.slope,
    intercept: fit.intercept,
    rSquared: fit.rSquared,
    monthlyGrowth: fit.growth,
    interval: { lower: fit.lower, upper: fit.upper, level: fit.level },
    method: `ordinary least squares of ln(postings per day) on the month, ${fit.n} months with postings; 95% interval from t(${fit.n - 2})`,
  };
}

function perDay(rows: Array<{ day: string; postings: number }>): Map<string, number> {
  const map = new Map<string, number>();
  for (const row of rows) map.set(row.day, (map.get(row.day) ?? 0) + row.postings);
  return map;
}

function relative(value: number, base: number): number | null {
  return base > 0 ? value / base - 1 : null;
}

/** Buckets covering from..to, each clipped to the range. */
export function bucketSpans(by: Granularity, from: string, to: string): BucketSpan[] {
  const spans: BucketSpan[] = [];
  let start = from;
  while (start <= to) {
    const { label, end } = bucketOf(by, start);
    const clippedEnd = end < to ? end : to;
    spans.push({ label, start, end: clippedEnd });
    start = addDays(end, 1);
    if (spans.length > MAX_BUCKETS) break;
  }
  return spans;
}

function bucketOf(by: Granularity, day: string): { label: string; end: string } {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  if (by === 'week') {
    const { year: weekYear, week } = isoWeekOf(day);
    return { label: `${pad(weekYear, 4)}-W${pad(week)}`, end: addDays(mondayOf(day), 6) };
  }
  if (by === 'month') {
    return { label: day.slice(0, 7), end: toDay(new Date(Date.UTC(year, month, 0))) };
  }
  const quarter = Math.ceil(month / 3);
  return { label: `${pad(year, 4)}-Q${quarter}`, end: toDay(new Date(Date.UTC(year, quarter * 3, 0))) };
}

/** The same week number, month or quarter one year earlier ("2025-W14" → "2024-W14"). */
function labelYearBefore(label: string): string {
  return `${pad(Number(label.slice(0, 4)) - 1, 4)}${label.slice(4)}`;
}
