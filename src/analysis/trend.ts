// The trend of a series of monthly rates: a log-linear regression of new postings per watched day on the month
// number, over complete (finished), watched months with postings only. Fewer than MIN_TREND_MONTHS such months
// give no trend at all, with the reason, so a headline is never drawn from a handful of points.
import type { Caveat } from './caveat-codes.js';
import { caveat } from './caveat-words.js';
import { logLinearFit } from './stats/log-linear.js';
import type { Trend } from './types.js';

/** No trend, and so no headline trend, from fewer complete watched months than this. */
export const MIN_TREND_MONTHS = 6;

/** One month of the series: its place (0 = the first month) and its rate, or why it cannot be a point. */
export interface TrendMonth {
  index: number;
  /** New postings per watched day; null when the month was not watched. */
  perDay: number | null;
  incomplete: boolean;
}

/** The trend, or null and a sentence saying why there is none. */
export function monthlyTrend(months: readonly TrendMonth[]): { trend: Trend | null; note: Caveat | null } {
  const usable = months.filter((m) => !m.incomplete && m.perDay !== null);
  const points = usable.filter((m) => m.perDay! > 0).map((m) => [m.index, m.perDay!] as [number, number]);
  if (points.length < MIN_TREND_MONTHS) {
    return {
      trend: null,
      note: caveat({ code: 'trend-too-few-months', months: points.length, needed: MIN_TREND_MONTHS }),
    };
  }
  const fit = logLinearFit(points);
  if (!fit) return { trend: null, note: caveat({ code: 'trend-unfittable' }) };
  const left = months.length - points.length;
  return {
    trend: {
      months: fit.n,
      slope: fit.slope,
      intercept: fit.intercept,
      rSquared: fit.rSquared,
      monthlyGrowth: fit.growth,
      interval: { lower: fit.lower, upper: fit.upper, level: fit.level },
      method: `ordinary least squares of ln(new postings per watched day) on the month, ${fit.n} complete watched months with postings; 95% interval from t(${fit.n - 2})`,
    },
    note: left > 0 ? caveat({ code: 'trend-left-out', left, months: months.length }) : null,
  };
}
