// The growth series: new deduplicated postings per week, month or quarter, counted on the days each source
// was watched, as a rate per watched day with their share of all postings from the same sources (and city);
// each bucket against the one before and the same one a year earlier through compare() — the same figure and
// interval `claim` and `report` give — and a log-linear trend of complete watched months. A bucket nobody
// watched has no rate ("not watched"), and the bucket that holds today is marked incomplete.

import { UsageError } from '../errors.js';
import { firstEffectiveDate } from '../store/analysis-queries.js';
import type { Db } from '../store/database.js';
import type { Caveat } from './caveat-codes.js';
import { caveat } from './caveat-words.js';
import { assumedCoverageCaveat, standingCaveats } from './caveats.js';
import { type ComparisonData, comparePeriods, loadComparisonData } from './compare.js';
import { addDays, daysInclusive, isoWeekOf, mondayOf, pad, toDay } from './dates.js';
import { resolveFilter } from './filters.js';
import { parsePeriod, previousPeriod, yearBefore } from './period.js';
import { monthlyTrend } from './trend.js';
import type { BucketChange, Granularity, GrowthBucket, GrowthQuery, GrowthResult, Period } from './types.js';
import { firstWatchedDay, loadWatchRecord, watchedDaysOf } from './watched-days.js';

const GRANULARITIES: Granularity[] = ['week', 'month', 'quarter'];
/** More buckets than this is a mistake (e.g. --by week over decades), not a report. */
const MAX_BUCKETS = 2000;

interface BucketSpan {
  label: string;
  start: string;
  end: string;
}

/** The series for a filter between `from` and `to`, in whole weeks, months or quarters. */
export function growth(db: Db, query: GrowthQuery): GrowthResult {
  const now = query.now ?? new Date();
  const today = toDay(now);
  const by = query.by ?? 'month';
  if (!GRANULARITIES.includes(by))
    throw new UsageError(`--by must be one of ${GRANULARITIES.join(', ')}, not "${String(by)}"`);
  const filter = resolveFilter(db, query);
  const to = query.to ? parsePeriod(query.to, now).end : today;
  let from = query.from ? parsePeriod(query.from, now).start : null;
  if (from === null) {
    // Default: from the first day any source (of the filter) was watched, else the first posting.
    from = firstWatchedDay(loadWatchRecord(db), filter.sources ?? undefined) ?? firstEffectiveDate(db) ?? to;
    if (from > to) from = to;
  }
  if (from > to)
    throw new UsageError(`--from (${from}) is after --to (${to}): give the earlier period first`);

  const spans = bucketSpans(by, from, to);
  if (spans.length > MAX_BUCKETS) {
    throw new UsageError(`that is ${spans.length} ${by}s: narrow --from/--to or use a coarser --by`);
  }
  const first = spans[0]!;
  const last = spans[spans.length - 1]!;
  const months = bucketSpans('month', first.start, last.end);
  // A year before the first bucket is read too, for its comparisons with the year before.
  const readFrom = [yearBefore(periodOf(first)).start, months[0]!.start].sort()[0]!;
  const data = loadComparisonData(db, filter, [{ start: readFrom, end: last.end }]);

  const buckets: GrowthBucket[] = spans.map((span) => {
    const period = periodOf(span);
    const change = (baseline: Period): BucketChange => {
      const c = comparePeriods(data, period, baseline, { metric: 'new', now });
      return {
        baseline: baseline.label,
        change: c.estimate?.change ?? null,
        interval: c.estimate?.interval ?? null,
        unavailable: c.unavailable?.text ?? null,
      };
    };
    const level = bucketLevel(data, span);
    return {
      ...span,
      days: daysInclusive(span.start, span.end),
      incomplete: span.end >= today,
      ...level,
      vsPrevious: level.perDay === null ? null : change(previousPeriod(period)),
      vsYearBefore: level.perDay === null ? null : change(yearBefore(period)),
    };
  });

  const monthLevels =
    by === 'month' ? buckets : months.map((span) => ({ ...bucketLevel(data, span), end: span.end }));
  const { trend, note } = monthlyTrend(
    monthLevels.map((m, index) => ({ index, perDay: m.perDay, incomplete: m.end >= today })),
  );

  const caveats: Caveat[] = [];
  if (buckets.every((b) => !b.count)) {
    const { role, match, city, sources } = filter;
    caveats.push(
      caveat({ code: 'no-matches', filter: { role, match, city, sources }, from: first.start, to: last.end }),
    );
  }
  const unwatched = buckets.filter((b) => b.perDay === null);
  if (unwatched.length > 0) {
    caveats.push(caveat({ code: 'not-watched', labels: unwatched.map((b) => b.label) }));
  }
  const partial = buckets.filter((b) => b.perDay !== null && b.watchedDays < b.days && !b.incomplete);
  if (partial.length > 0) {
    caveats.push(
      caveat({
        code: 'bucket-gaps',
        by,
        buckets: buckets.length,
        partial: partial.map((b) => ({ label: b.label, watchedDays: b.watchedDays, days: b.days })),
      }),
    );
  }
  const incomplete = buckets.filter((b) => b.incomplete && b.start <= today);
  if (incomplete.length > 0) {
    caveats.push(caveat({ code: 'buckets-incomplete', labels: incomplete.map((b) => b.label) }));
  }
  const sourceSets = new Set(buckets.filter((b) => b.count).map((b) => b.sourcesWatched.join(',')));
  if (sourceSets.size > 1) {
    caveats.push(caveat({ code: 'sources-change' }));
  }
  const assumed = assumedCoverageCaveat(
    [...data.watch.values()]
      .filter((w) => !filter.sources || filter.sources.includes(w.sourceId))
      .flatMap((w) =>
        w.assumedSpans
          .filter(([a, b]) => a <= last.end && b >= first.start)
          .map(([from, to]) => ({ sourceId: w.sourceId, from, to })),
      ),
  );
  if (assumed) caveats.push(assumed);
  if (note) caveats.push(note);
  caveats.push(...standingCaveats());
  return {
    filter,
    by,
    from: first.start,
    to: last.end,
    buckets,
    trend,
    trendNote: trend ? null : note,
    caveats,
  };
}

/** Counts and rate of one bucket: each source's new postings on the days it was watched. */
function bucketLevel(
  data: ComparisonData,
  span: BucketSpan,
): Pick<GrowthBucket, 'watchedDays' | 'sourcesWatched' | 'count' | 'total' | 'share' | 'perDay'> {
  const sources = data.filter.sources ?? [...data.watch.keys()];
  const union = new Set<string>();
  const watched: string[] = [];
  let count = 0;
  let total = 0;
  let perDay = 0;
  for (const source of sources) {
    const days = watchedDaysOf(data.watch.get(source), span.start, span.end);
    if (days.size === 0) continue;
    watched.push(source);
    let c = 0;
    let a = 0;
    for (const day of days) {
      union.add(day);
      c += data.matching.get(source)?.get(day) ?? 0;
      a += data.totals.get(source)?.get(day) ?? 0;
    }
    count += c;
    total += a;
    perDay += c / days.size;
  }
  if (watched.length === 0) {
    return { watchedDays: 0, sourcesWatched: [], count: null, total: null, share: null, perDay: null };
  }
  return {
    watchedDays: union.size,
    sourcesWatched: watched.sort(),
    count,
    total,
    share: total > 0 ? count / total : null,
    perDay,
  };
}

function periodOf(span: BucketSpan): Period {
  return parsePeriod(span.label);
}

/** Whole buckets covering from..to (the first begins on or before `from`, the last ends on or after `to`). */
export function bucketSpans(by: Granularity, from: string, to: string): BucketSpan[] {
  const spans: BucketSpan[] = [];
  let start = bucketOf(by, from).start;
  while (start <= to) {
    const { label, end } = bucketOf(by, start);
    spans.push({ label, start, end });
    start = addDays(end, 1);
    if (spans.length > MAX_BUCKETS) break;
  }
  return spans;
}

function bucketOf(by: Granularity, day: string): BucketSpan {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  if (by === 'week') {
    const { year: weekYear, week } = isoWeekOf(day);
    const start = mondayOf(day);
    return { label: `${pad(weekYear, 4)}-W${pad(week)}`, start, end: addDays(start, 6) };
  }
  if (by === 'month') {
    return {
      label: day.slice(0, 7),
      start: `${day.slice(0, 7)}-01`,
      end: toDay(new Date(Date.UTC(year, month, 0))),
    };
  }
  const quarter = Math.ceil(month / 3);
  return {
    label: `${pad(year, 4)}-Q${quarter}`,
    start: `${pad(year, 4)}-${pad((quarter - 1) * 3 + 1)}-01`,
    end: toDay(new Date(Date.UTC(year, quarter * 3, 0))),
  };
}
