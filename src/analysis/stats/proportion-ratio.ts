// Ratio of two proportions (m1/a1) / (m0/a0) with the Katz log interval (Katz et al., 1978):
// ln R ± z₀.₉₇₅ · √(1/m1 − 1/a1 + 1/m0 − 1/a0), z from @stdlib's normal quantile. Used for the `share` metric.
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

export interface ProportionRatio {
  ratio: number;
  lower: number;
  upper: number;
  level: number;
}

/** Needs m1, m0 > 0 (a zero count has no log interval); returns null otherwise. */
export function proportionRatio(
  m1: number,
  a1: number,
  m0: number,
  a0: number,
  level = 0.95,
): ProportionRatio | null {
  if (!(m1 > 0) || !(m0 > 0) || !(a1 >= m1) || !(a0 >= m0)) return null;
  const ratio = m1 / a1 / (m0 / a0);
  const se = Math.sqrt(1 / m1 - 1 / a1 + 1 / m0 - 1 / a0);
  const z = normalQuantile(1 - (1 - level) / 2, 0, 1);
  return { ratio, lower: ratio * Math.exp(-z * se), upper: ratio * Math.exp(z * se), level };
}
