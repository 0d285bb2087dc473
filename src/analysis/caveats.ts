// Plain-language caveats shared by claims and growth: coverage changes, seasonality of Chinese hiring
// (Spring Festival/春节 in January–February, 金三银四 in March–April, the year-end lull), and the
// standing ones (postings are not vacancies; reposts and cross-posts are counted once).
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

/** Chinese New Year (春节, first day of the lunar year), from the published calendars. */
const SPRING_FESTIVAL: Record<number, string> = {
  2019: '2019-02-05',
  2020: '2020-01-25',
  2021: '2021-02-12',
  2022: '2022-02-01',
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-03',
};

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
 * Seasonality caveats for comparing two periods that do not cover the same months of the year. `chinese`
 * adds the Chinese hiring calendar (Spring Festival, 金三银四); year-end applies everywhere.
 */
export function seasonalityCaveats(current: Period, baseline: Period, chinese = true): string[] {
  const now = monthsOf(current);
  const base = monthsOf(baseline);
  const sameMonths = now.size === base.size && [...now].every((m) => base.has(m));
  if (sameMonths && now.size === 12) return [];
  const caveats: string[] = [];
  if (!sameMonths) {
    caveats.push(
      `Seasonality: ${current.label} and ${baseline.label} cover different months of the year, so part of the change may be seasonal; compare with the same months a year earlier for a cleaner answer.`,
    );
  }
  const touches = (months: number[]) => months.some((m) => now.has(m) || base.has(m));
  const differs = (months: number[]) => months.some((m) => now.has(m) !== base.has(m));
  if (chinese && touches([1, 2])) {
    const dates = springFestivalDates([current, baseline]);
    const when = dates.length > 0 ? ` (${dates.join(', ')} in these periods)` : '';
    caveats.push(
      `Spring Festival (春节) falls on a different day each year${when}: Chinese hiring pauses for about two weeks around it, which moves postings between January and February.`,
    );
  }
  if (chinese && touches([3, 4]) && differs([3, 4])) {
    caveats.push(
      '金三银四: March and April are the busiest hiring months in China; a period with them runs high against one without.',
    );
  }
  if (touches([12]) && differs([12])) {
    caveats.push(
      'Year-end: hiring slows in December (budgets and the holidays), so a period ending the year runs low.',
    );
  }
  return caveats;
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
  for (const side of [coverage.current, coverage.baseline]) {
    if (side.exposureDays > 0 && side.exposureDays < side.period.days * 0.9) {
      caveats.push(
        `Coverage gaps: only ${side.exposureDays} of the ${side.period.days} days of ${side.period.label} were watched${coverage.panel === 'same-source' ? ' by every panel source' : ''}; rates are per watched day.`,
      );
    }
  }
  return caveats;
}
