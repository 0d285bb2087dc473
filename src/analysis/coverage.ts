// Coverage: which sources were watched on which days of two periods, the same-source panel (sources watched
// in both periods) or all sources, and the exposure days a rate is divided by. For the panel, exposure
// days are the days on which every panel source was watched, so both periods count the same sources on
// the days they were all looked at; for all sources, the days on which any of them was watched.
import { type DayCount, dailyCounts, watchDays } from '../store/analysis-queries.js';
import type { Db } from '../store/database.js';
import type { Coverage, Period, PeriodCoverage, ResolvedFilter } from './types.js';

/** Coverage plus what counting needs: the included sources and each period's exposure days. */
export interface CoveragePlan {
  coverage: Coverage;
  included: Set<string>;
  currentDays: Set<string>;
  baselineDays: Set<string>;
  /** All postings of the filter's city and sources by day and source (no role or match): share's denominator. */
  totalsNow: DayCount[];
  totalsBase: DayCount[];
}

/** Watch days of each source within a period. */
function watchMap(db: Db, period: Period): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  for (const row of watchDays(db, period.start, period.end)) {
    const days = map.get(row.source_id) ?? new Set<string>();
    days.add(row.day);
    map.set(row.source_id, days);
  }
  return map;
}

function postingsBySource(rows: DayCount[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const row of rows) map.set(row.source_id, (map.get(row.source_id) ?? 0) + row.postings);
  return map;
}

/** Builds the panel for comparing `current` with `baseline`. */
export function planCoverage(
  db: Db,
  filter: ResolvedFilter,
  current: Period,
  baseline: Period,
  allSources: boolean,
): CoveragePlan {
  const watchNow = watchMap(db, current);
  const watchBase = watchMap(db, baseline);
  const totalsNow = dailyCounts(db, filter, current.start, current.end, false);
  const totalsBase = dailyCounts(db, filter, baseline.start, baseline.end, false);
  const postingsNow = postingsBySource(totalsNow);
  const postingsBase = postingsBySource(totalsBase);
  const candidates = new Set<string>(
    filter.sources ?? [
      ...watchNow.keys(),
      ...watchBase.keys(),
      ...postingsNow.keys(),
      ...postingsBase.keys(),
    ],
  );
  const included = new Set<string>();
  const excluded: Coverage['excluded'] = [];
  for (const source of [...candidates].sort()) {
    const daysNow = watchNow.get(source)?.size ?? 0;
    const daysBase = watchBase.get(source)?.size ?? 0;
    const nNow = postingsNow.get(source) ?? 0;
    const nBase = postingsBase.get(source) ?? 0;
    if (daysNow > 0 && daysBase > 0) included.add(source);
    else if (daysNow === 0 && daysBase === 0) {
      excluded.push({
        sourceId: source,
        reason: `no record of watching it in either period (${nNow + nBase} postings left out)`,
      });
    } else if (allSources) included.add(source);
    else if (daysNow > 0) {
      excluded.push({
        sourceId: source,
        reason: `watched only in ${current.label} (${daysNow} days, ${nNow} postings), not in ${baseline.label}`,
      });
    } else {
      excluded.push({
        sourceId: source,
        reason: `watched only in ${baseline.label} (${daysBase} days, ${nBase} postings), not in ${current.label}`,
      });
    }
  }
  const currentDays = exposureDays(watchNow, included, allSources);
  const baselineDays = exposureDays(watchBase, included, allSources);
  const periodCoverage = (
    period: Period,
    watch: Map<string, Set<string>>,
    postings: Map<string, number>,
    days: Set<string>,
  ): PeriodCoverage => ({
    period,
    sources: [...candidates]
      .sort()
      .map((sourceId) => ({
        sourceId,
        watchedDays: watch.get(sourceId)?.size ?? 0,
        postings: postings.get(sourceId) ?? 0,
      }))
      .filter((s) => s.watchedDays > 0 || s.postings > 0),
    exposureDays: days.size,
  });
  return {
    coverage: {
      panel: allSources ? 'all-sources' : 'same-source',
      included: [...included].sort(),
      excluded,
      current: periodCoverage(current, watchNow, postingsNow, currentDays),
      baseline: periodCoverage(baseline, watchBase, postingsBase, baselineDays),
    },
    included,
    currentDays,
    baselineDays,
    totalsNow,
    totalsBase,
  };
}

function exposureDays(watch: Map<string, Set<string>>, included: Set<string>, union: boolean): Set<string> {
  const sets = [...included].map((source) => watch.get(source) ?? new Set<string>());
  if (sets.length === 0) return new Set();
  if (union) return new Set(sets.flatMap((s) => [...s]));
  const [first, ...rest] = sets;
  return new Set([...first!].filter((day) => rest.every((s) => s.has(day))));
}

/** Postings per exposure day: rows from included sources on exposure days, summed by day. */
export function countOnDays(rows: DayCount[], included: Set<string>, days: Set<string>): Map<string, number> {
  const byDay = new Map<string, number>();
  for (const row of rows) {
    if (!included.has(row.source_id) || !days.has(row.day)) continue;
    byDay.set(row.day, (byDay.get(row.day) ?? 0) + row.postings);
  }
  return byDay;
}

export function sum(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
