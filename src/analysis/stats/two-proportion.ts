// Two-proportion z-test (pooled standard error), two-sided p-value from @stdlib's normal CDF.
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';

export interface TwoProportionTest {
  /** x1/n1 − x2/n2. */
  difference: number;
  z: number;
  pValue: number;
}

/** Tests whether x1/n1 differs from x2/n2. With no variance (all or none in both) z = 0, p = 1. */
export function twoProportionTest(x1: number, n1: number, x2: number, n2: number): TwoProportionTest {
  if (!(n1 > 0) || !(n2 > 0)) throw new RangeError('both samples need at least one posting');
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return { difference: p1 - p2, z: 0, pValue: 1 };
  const z = (p1 - p2) / se;
  // 2·P(Z ≥ |z|), computed from the lower tail to keep precision for large |z|.
  const pValue = Math.min(1, 2 * normalCdf(-Math.abs(z), 0, 1));
  return { difference: p1 - p2, z, pValue };
}
