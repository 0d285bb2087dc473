// Exact conditional confidence interval for a ratio of two Poisson rates (the method of R's
// poisson.test / exactci): given the total n = x1 + x0, x1 ~ Binomial(n, p) with p = R·t1 / (R·t1 + t0).
// A Clopper–Pearson interval for p (from beta quantiles) is mapped back to R = p·t0 / ((1 − p)·t1).
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';

export interface RateRatio {
  /** (x1 / t1) / (x0 / t0); Infinity when x0 = 0 and x1 > 0, NaN when both are 0. */
  ratio: number;
  lower: number;
  upper: number;
  level: number;
}

/**
 * Ratio of the rate x1/t1 (the current period) to x0/t0 (the baseline), with its exact interval.
 * Counts are whole numbers ≥ 0; exposures (days) are > 0.
 */
export function poissonRateRatio(x1: number, t1: number, x0: number, t0: number, level = 0.95): RateRatio {
  if (!(t1 > 0) || !(t0 > 0)) throw new RangeError('exposures must be positive');
  if (x1 < 0 || x0 < 0 || !Number.isInteger(x1) || !Number.isInteger(x0)) {
    throw new RangeError('counts must be whole numbers ≥ 0');
  }
  const alpha = 1 - level;
  const n = x1 + x0;
  const ratio = x0 === 0 ? (x1 === 0 ? Number.NaN : Number.POSITIVE_INFINITY) : x1 / t1 / (x0 / t0);
  if (n === 0) return { ratio, lower: 0, upper: Number.POSITIVE_INFINITY, level };
  const pLower = x1 === 0 ? 0 : betaQuantile(alpha / 2, x1, n - x1 + 1);
  const pUpper = x1 === n ? 1 : betaQuantile(1 - alpha / 2, x1 + 1, n - x1);
  const toRatio = (p: number): number => (p >= 1 ? Number.POSITIVE_INFINITY : (p * t0) / ((1 - p) * t1));
  return { ratio, lower: toRatio(pLower), upper: toRatio(pUpper), level };
}
