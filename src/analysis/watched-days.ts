// Watched days: which days each source was watched, from its observations and its posting lifetime L. A day d
// is watched when a successful look at the source (a scrape run, or an import's stated collection date) falls
// within [d, d + L]: a posting born on d is still listed then. A dataset without collection dates is assumed
// to be a continuous log over the dates it spans: exactly those days, no lifetime added ("coverage assumed").
// A source that lists undated postings (BOSS直聘) is watched only after its first look, because all its first
// look lists is backlog. Never is a day watched because postings happen to be dated on it. The same rules as
// the source_watch_days view (db/070_watched_days.sql), which a test holds them to.
import {
  type ObservationRow,
  observations,
  type SourceInfoRow,
  sourceInfo,
} from '../store/analysis-queries.js';
import type { Db } from '../store/database.js';
import { addDays } from './dates.js';

/** How one source was looked at, over all time. */
export interface SourceWatch {
  sourceId: string;
  lifetimeDays: number;
  /** Most of its postings carry no date: watched only from the day after its first observation. */
  undatedListings: boolean;
  /** Watched day ranges [first, last], sorted and merged. */
  spans: Array<[string, string]>;
  /** Ranges that come from a dataset's posting dates taken as a continuous log, not from observations. */
  assumedSpans: Array<[string, string]>;
  /** The last day the source was looked at (null when never). */
  lastObservedDay: string | null;
}

/** Every source's watch, by id (sources never looked at successfully have no spans). */
export type WatchRecord = Map<string, SourceWatch>;

/** Reads every source's observations, lifetime and first look. */
export function loadWatchRecord(db: Db): WatchRecord {
  return buildWatchRecord(observations(db), sourceInfo(db));
}

/** The watch record from observation rows and sources (pure; the rules of the source_watch_days view). */
export function buildWatchRecord(
  rows: readonly ObservationRow[],
  sources: ReadonlyArray<
    Pick<SourceInfoRow, 'id' | 'lifetime_days' | 'first_observed_day' | 'undated_listings'>
  >,
): WatchRecord {
  const record: WatchRecord = new Map();
  const watchFrom = new Map<string, string>();
  for (const source of sources) {
    record.set(source.id, {
      sourceId: source.id,
      lifetimeDays: source.lifetime_days,
      undatedListings: source.undated_listings === 1,
      spans: [],
      assumedSpans: [],
      lastObservedDay: null,
    });
    if (source.undated_listings === 1 && source.first_observed_day) {
      watchFrom.set(source.id, addDays(source.first_observed_day, 1));
    }
  }
  const raw = new Map<string, Array<[string, string]>>();
  for (const row of rows) {
    const watch = record.get(row.source_id);
    if (!watch) continue;
    const assumed = row.assumed === 1;
    let first = assumed ? row.first_day : addDays(row.first_day, -watch.lifetimeDays);
    const from = watchFrom.get(row.source_id);
    if (from !== undefined && from > first) first = from;
    if (first <= row.last_day)
      raw.set(row.source_id, [...(raw.get(row.source_id) ?? []), [first, row.last_day]]);
    if (assumed) watch.assumedSpans.push([row.first_day, row.last_day]);
    if (watch.lastObservedDay === null || row.last_day > watch.lastObservedDay)
      watch.lastObservedDay = row.last_day;
  }
  for (const [sourceId, spans] of raw) record.get(sourceId)!.spans = mergeSpans(spans);
  return record;
}

/** Sorted, non-overlapping ranges; ranges that touch (end + 1 = start) are joined. */
export function mergeSpans(spans: ReadonlyArray<[string, string]>): Array<[string, string]> {
  const sorted = [...spans].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const merged: Array<[string, string]> = [];
  for (const [first, last] of sorted) {
    const previous = merged[merged.length - 1];
    if (previous && first <= addDays(previous[1], 1)) {
      if (last > previous[1]) previous[1] = last;
    } else merged.push([first, last]);
  }
  return merged;
}

/** The days from `start` to `end` (inclusive) on which the source was watched. */
export function watchedDaysOf(watch: SourceWatch | undefined, start: string, end: string): Set<string> {
  const days = new Set<string>();
  if (!watch) return days;
  for (const [first, last] of watch.spans) {
    if (last < start || first > end) continue;
    const to = last < end ? last : end;
    for (let day = first > start ? first : start; day <= to; day = addDays(day, 1)) days.add(day);
  }
  return days;
}

/** Whether the source was watched on any day from `start` to `end`. */
export function watchedWithin(watch: SourceWatch | undefined, start: string, end: string): boolean {
  return (watch?.spans ?? []).some(([first, last]) => first <= end && last >= start);
}

/** Whether any assumed span of the source touches start..end. */
export function assumedWithin(watch: SourceWatch | undefined, start: string, end: string): boolean {
  return (watch?.assumedSpans ?? []).some(([first, last]) => first <= end && last >= start);
}

/** The first day any of these sources was watched (null when none ever was). */
export function firstWatchedDay(record: WatchRecord, sourceIds?: readonly string[]): string | null {
  let first: string | null = null;
  for (const watch of record.values()) {
    if (sourceIds && !sourceIds.includes(watch.sourceId)) continue;
    const day = watch.spans[0]?.[0];
    if (day !== undefined && (first === null || day < first)) first = day;
  }
  return first;
}
