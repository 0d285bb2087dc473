// Plain-language caveats shared by claims, growth and the report: coverage changes and gaps, coverage that is
// assumed rather than observed, seasonality by the postings' market (Spring Festival/春节 and 金三银四 only
// for mainland China, other markets' seasons elsewhere), and the standing ones (postings are not vacancies;
// reposts and cross-posts are counted once).
import { type Market, SEASONS, SPRING_FESTIVAL } from './markets.js';
import type { Coverage, Period } from './types.js';

export const POSTINGS_ARE_NOT_VACANCIES =
  'Postings are not vacancies: one posting can stand for many openings (or none), and boards differ in how long they keep them.';

export const DEDUP_NOTE =
  'Each job is counted once, at its first appearance: reposts and the same job on several boards are removed by the dedup key.';

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
): string[] {
  const now = monthsOf(current);
  const base = monthsOf(baseline);
  const sameMonths = now.size === base.size && [...now].every((m) => base.has(m));
  if (sameMonths && now.size === 12) return [];
  const caveats: string[] = [];
  if (!sameMonths) {
    caveats.push(
      `Seasonality: ${current.label} and ${baseline.label} cover different months of the year, so part of the change may be seasonal; compare with the same months a year earlier for a cleaner answer.`,
    );
    if (markets.length === 0 && countries.known === 0 && countries.unknown > 0) {
      caveats.push(
        "The postings compared carry no country, so no market's hiring calendar could be checked against these months.",
      );
    }
  }
  const touches = (months: number[]) => months.some((m) => now.has(m) || base.has(m));
  const differs = (months: number[]) => months.some((m) => now.has(m) !== base.has(m));
  for (const market of markets) {
    if (market === 'mainland-china' && touches([1, 2])) {
      const dates = springFestivalDates([current, baseline]);
      const when = dates.length > 0 ? ` (${dates.join(', ')} in these periods)` : '';
      caveats.push(
        `Spring Festival (春节) falls on a different day each year${when}: hiring in mainland China pauses for about two weeks around it, which moves postings between January and February.`,
      );
    }
    for (const season of SEASONS[market]) {
      if (touches(season.months) && differs(season.months)) caveats.push(season.text);
    }
  }
  return caveats;
}

/** One caveat for every source whose coverage is assumed (a dataset without collection dates), or null. */
export function assumedCoverageCaveat(
  spans: ReadonlyArray<{ sourceId: string; from: string; to: string }>,
): string | null {
  if (spans.length === 0) return null;
  const bySource = new Map<string, string[]>();
  for (const { sourceId, from, to } of spans)
    bySource.set(sourceId, [...(bySource.get(sourceId) ?? []), `${from} to ${to}`]);
  const list = [...bySource].map(([id, ranges]) => `${id} (${ranges.join(', ')})`).join(', ');
  const one = bySource.size === 1;
  const imports = [...bySource.keys()].filter((id) => id.startsWith('import:'));
  const advice =
    imports.length > 0
      ? ` (import ${imports.length === 1 && one ? 'it' : imports.join(', ')} again with --observed FROM..TO or a scrape-date column)`
      : '';
  return `Coverage assumed: ${list} ${one ? 'has' : 'have'} no collection dates, so ${one ? 'it is' : 'they are'} taken as a continuous log of every day ${one ? 'its' : 'their'} postings span; if collected on fewer days, ${one ? 'its' : 'their'} rates are too low${advice}.`;
}

/** Caveats about which sources were counted. */
export function coverageCaveats(coverage: Coverage): string[] {
  const caveats: string[] = [];
  if (coverage.panel === 'same-source') {
    for (const { sourceId, reason } of coverage.excluded) {
      caveats.push(
        `Coverage change: source ${sourceId} was left out of the same-source panel, ${reason}; counting it would mix new coverage with new demand.`,
      );
    }
  } else {
    const now = new Map(coverage.current.sources.map((s) => [s.sourceId, s]));
    const base = new Map(coverage.baseline.sources.map((s) => [s.sourceId, s]));
    for (const source of coverage.included) {
      const n = now.get(source)?.watchedDays ?? 0;
      const b = base.get(source)?.watchedDays ?? 0;
      if (n > 0 && b === 0) {
        caveats.push(
          `Coverage change: source ${source} was watched in ${coverage.current.period.label} (${n} days, ${now.get(source)?.postings ?? 0} postings) but not in ${coverage.baseline.period.label}: part of any rise is new coverage, not new demand (drop --all-sources to compare the same sources).`,
        );
      } else if (b > 0 && n === 0) {
        caveats.push(
          `Coverage change: source ${source} was watched in ${coverage.baseline.period.label} (${b} days) but not in ${coverage.current.period.label}: part of any fall is lost coverage (drop --all-sources to compare the same sources).`,
        );
      }
    }
  }
  const assumed = assumedCoverageCaveat(coverage.assumed);
  if (assumed) caveats.push(assumed);
  for (const side of [coverage.current, coverage.baseline]) {
    if (side.exposureDays > 0 && side.exposureDays < side.period.days * 0.9) {
      caveats.push(
        `Coverage gaps: only ${side.exposureDays} of the ${side.period.days} days of ${side.period.label} were watched${coverage.panel === 'same-source' ? ' by every panel source' : ''}; rates are per watched day.`,
      );
    }
  }
  return caveats;
}
