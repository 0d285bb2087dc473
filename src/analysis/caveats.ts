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

/** Seasonality caveats for comparing two periods that do not cover the same months of the year. */
export function seasonalityCaveats(current: Period, baseline: Period): string[] {
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
  if (touches([1, 2]) && (differs([1, 2]) || !sameMonths)) {
    caveats.push(
      'Spring Festival (春节) falls in January or February on a different date each year: Chinese hiring pauses for about two weeks around it.',
    );
  } else if (touches([1, 2])) {
    caveats.push(
      'Spring Festival (春节) moves between January and February from year to year, which shifts postings between those months.',
    );
  }
  if (touches([3, 4]) && differs([3, 4])) {
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
