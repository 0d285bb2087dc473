// Coverage of a comparison: which sources were watched on which days of two periods, the same-source panel
// (sources watched in both periods) or all sources, and the exposure days a rate is divided by. For the panel,
// exposure days are the days on which every panel source was watched, so both periods count the same sources
// on the days they were all looked at; for all sources, the days on which any of them was watched. Pure: the
// watched days come from watched-days.ts, the counts from the caller.

import type { ExclusionFacts } from './caveat-codes.js';
import { exclusionText } from './caveat-words.js';
import type { Coverage, Period, PeriodCoverage } from './types.js';
import { assumedWithin, type WatchRecord, watchedDaysOf } from './watched-days.js';

export interface PanelInput {
  /** Sources that may be counted: the filter's, else every source watched or with postings in either period. */
  candidates: readonly string[];
  watch: WatchRecord;
  /** New postings (any role; the filter's city) per source dated in each period: shown, and in reasons. */
  postingsNow: ReadonlyMap<string, number>;
  postingsBase: ReadonlyMap<string, number>;
}

/** Coverage plus what counting needs: the included sources and each period's exposure days. */
export interface Panel {
  coverage: Coverage;
  included: Set<string>;
  currentDays: Set<string>;
  baselineDays: Set<string>;
}

/** Builds the panel for comparing `current` with `baseline`. */
export function planPanel(input: PanelInput, current: Period, baseline: Period, allSources: boolean): Panel {
  const watchNow = new Map(
    input.candidates.map((s) => [s, watchedDaysOf(input.watch.get(s), current.start, current.end)]),
  );
  const watchBase = new Map(
    input.candidates.map((s) => [s, watchedDaysOf(input.watch.get(s), baseline.start, baseline.end)]),
  );
  const included = new Set<string>();
  const excluded: Coverage['excluded'] = [];
  for (const source of [...input.candidates].sort()) {
    const daysNow = watchNow.get(source)?.size ?? 0;
    const daysBase = watchBase.get(source)?.size ?? 0;
    const nNow = input.postingsNow.get(source) ?? 0;
    const nBase = input.postingsBase.get(source) ?? 0;
    const leftOut = (exclusion: ExclusionFacts) =>
      excluded.push({
        sourceId: source,
        reason: exclusionText(exclusion, current.label, baseline.label),
        ...exclusion,
      });
    if (daysNow > 0 && daysBase > 0) included.add(source);
    else if (daysNow === 0 && daysBase === 0) {
      leftOut({ watchedIn: 'neither', days: 0, postings: nNow + nBase });
    } else if (allSources) included.add(source);
    else if (daysNow > 0) {
      leftOut({ watchedIn: 'current', days: daysNow, postings: nNow });
    } else {
      leftOut({ watchedIn: 'baseline', days: daysBase, postings: nBase });
    }
  }
  const currentDays = exposureDays(watchNow, included, allSources);
  const baselineDays = exposureDays(watchBase, included, allSources);
  const periodCoverage = (
    period: Period,
    watch: Map<string, Set<string>>,
    postings: ReadonlyMap<string, number>,
    days: Set<string>,
  ): PeriodCoverage => ({
    period,
    sources: [...input.candidates]
      .sort()
      .map((sourceId) => ({
        sourceId,
        watchedDays: watch.get(sourceId)?.size ?? 0,
        postings: postings.get(sourceId) ?? 0,
        lifetimeDays: input.watch.get(sourceId)?.lifetimeDays ?? 30,
        assumed: assumedWithin(input.watch.get(sourceId), period.start, period.end),
      }))
      .filter((s) => s.watchedDays > 0 || s.postings > 0),
    exposureDays: days.size,
  });
  const assumed: Coverage['assumed'] = [];
  for (const sourceId of [...included].sort()) {
    const spans = (input.watch.get(sourceId)?.assumedSpans ?? []).filter(
      ([first, last]) =>
        (first <= current.end && last >= current.start) || (first <= baseline.end && last >= baseline.start),
    );
    for (const [from, to] of spans) assumed.push({ sourceId, from, to });
  }
  return {
    coverage: {
      panel: allSources ? 'all-sources' : 'same-source',
      included: [...included].sort(),
      excluded,
      assumed,
      current: periodCoverage(current, watchNow, input.postingsNow, currentDays),
      baseline: periodCoverage(baseline, watchBase, input.postingsBase, baselineDays),
    },
    included,
    currentDays,
    baselineDays,
  };
}

function exposureDays(watch: Map<string, Set<string>>, included: Set<string>, union: boolean): Set<string> {
  const sets = [...included].map((source) => watch.get(source) ?? new Set<string>());
  if (sets.length === 0) return new Set();
  if (union) return new Set(sets.flatMap((s) => [...s]));
  const [first, ...rest] = sets;
  return new Set([...first!].filter((day) => rest.every((s) => s.has(day))));
}

/** Postings by day, summed over the included sources, on the exposure days only. */
export function countOnDays(
  bySource: ReadonlyMap<string, ReadonlyMap<string, number>>,
  included: ReadonlySet<string>,
  days: ReadonlySet<string>,
): Map<string, number> {
  const byDay = new Map<string, number>();
  for (const source of included) {
    const counts = bySource.get(source);
    if (!counts) continue;
    for (const day of days) {
      const n = counts.get(day);
      if (n) byDay.set(day, (byDay.get(day) ?? 0) + n);
    }
  }
  return byDay;
}

export function sum(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
