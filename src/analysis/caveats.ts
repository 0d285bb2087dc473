// Plain-language caveats shared by claims, growth and the report: coverage changes and gaps, coverage that is
// assumed rather than observed, seasonality by the postings' market (Spring Festival/春节 and 金三银四 only
// for mainland China, other markets' seasons elsewhere), and the standing ones (postings are not vacancies;
// reposts and cross-posts are counted once).
import type { AssumedSpan, Caveat } from './caveat-codes.js';
import { caveat } from './caveat-words.js';
import { type Market, SEASONS, SPRING_FESTIVAL } from './markets.js';
import type { Coverage, Period } from './types.js';

/** The two caveats every count carries: reposts are counted once; postings are not vacancies. */
export function standingCaveats(): Caveat[] {
  return [caveat({ code: 'dedup' }), caveat({ code: 'not-vacancies' })];
}

/** Months (1–12) a period touches. */
function monthsOf(period: Period): Set<number> {
  const months = new Set<number>();
  let [year, month] = period.start.split('-').map(Number) as [number, number];
  const [endYear, endMonth] = period.end.split('-').map(Number) as [number, number];
  while (year < endYear || (year === endYear && month <= endMonth)) {
    months.add(month);
    if (months.size === 12) break;
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
  return months;
}

function springFestivalDates(periods: Period[]): string[] {
  const years = new Set<number>();
  for (const p of periods) {
    for (let y = Number(p.start.slice(0, 4)); y <= Number(p.end.slice(0, 4)); y++) years.add(y);
  }
  return [...years]
    .sort()
    .map((y) => SPRING_FESTIVAL[y])
    .filter((d): d is string => d !== undefined && periods.some((p) => d >= p.start && d <= p.end));
}

/**
 * Seasonality caveats for comparing two periods that do not cover the same months of the year, chosen by the
 * markets the postings are in (see markets.ts): Spring Festival and 金三银四 only for mainland China.
 * `countries` says how many of the postings had no country, so the caveat can say no calendar was applied.
 */
export function seasonalityCaveats(
  current: Period,
  baseline: Period,
  markets: readonly Market[],
  countries: { unknown: number; known: number } = { unknown: 0, known: 1 },
): Caveat[] {
  const now = monthsOf(current);
  const base = monthsOf(baseline);
  const sameMonths = now.size === base.size && [...now].every((m) => base.has(m));
  if (sameMonths && now.size === 12) return [];
  const caveats: Caveat[] = [];
  if (!sameMonths) {
    caveats.push(caveat({ code: 'seasonality', current: current.label, baseline: baseline.label }));
    if (markets.length === 0 && countries.known === 0 && countries.unknown > 0) {
      caveats.push(caveat({ code: 'no-country' }));
    }
  }
  const touches = (months: number[]) => months.some((m) => now.has(m) || base.has(m));
  const differs = (months: number[]) => months.some((m) => now.has(m) !== base.has(m));
  for (const market of markets) {
    if (market === 'mainland-china' && touches([1, 2])) {
      caveats.push(caveat({ code: 'spring-festival', dates: springFestivalDates([current, baseline]) }));
    }
    for (const season of SEASONS[market]) {
      if (touches(season.months) && differs(season.months)) {
        caveats.push(caveat({ code: 'season', season: season.id, market, months: season.months }));
      }
    }
  }
  return caveats;
}

/** One caveat for every source whose coverage is assumed (a dataset without collection dates), or null. */
export function assumedCoverageCaveat(spans: ReadonlyArray<AssumedSpan>): Caveat | null {
  if (spans.length === 0) return null;
  return caveat({ code: 'coverage-assumed', spans: spans.map((s) => ({ ...s })) });
}

/** Caveats about which sources were counted. */
export function coverageCaveats(coverage: Coverage): Caveat[] {
  const caveats: Caveat[] = [];
  const current = coverage.current.period.label;
  const baseline = coverage.baseline.period.label;
  if (coverage.panel === 'same-source') {
    for (const { sourceId, watchedIn, days, postings } of coverage.excluded) {
      const exclusion = { watchedIn, days, postings };
      caveats.push(caveat({ code: 'source-left-out', sourceId, current, baseline, exclusion }));
    }
  } else {
    const now = new Map(coverage.current.sources.map((s) => [s.sourceId, s]));
    const base = new Map(coverage.baseline.sources.map((s) => [s.sourceId, s]));
    for (const sourceId of coverage.included) {
      const n = now.get(sourceId)?.watchedDays ?? 0;
      const b = base.get(sourceId)?.watchedDays ?? 0;
      if (n > 0 && b === 0) {
        const postings = now.get(sourceId)?.postings ?? 0;
        caveats.push(caveat({ code: 'source-new', sourceId, current, baseline, days: n, postings }));
      } else if (b > 0 && n === 0) {
        caveats.push(caveat({ code: 'source-lost', sourceId, current, baseline, days: b }));
      }
    }
  }
  const assumed = assumedCoverageCaveat(coverage.assumed);
  if (assumed) caveats.push(assumed);
  for (const side of [coverage.current, coverage.baseline]) {
    if (side.exposureDays > 0 && side.exposureDays < side.period.days * 0.9) {
      caveats.push(
        caveat({
          code: 'coverage-gaps',
          period: side.period.label,
          watchedDays: side.exposureDays,
          days: side.period.days,
          panel: coverage.panel === 'same-source',
        }),
      );
    }
  }
  return caveats;
}
