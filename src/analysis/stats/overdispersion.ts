// Overdispersion of counts relative to a Poisson model: Pearson χ² = Σ (observed − expected)² / expected,
// dispersion φ = χ² / df, and the upper-tail p-value from @stdlib's χ² CDF. φ ≫ 1 means the counts vary
// more than Poisson (bursts, batch postings), so Poisson intervals are too narrow.
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';

export interface CountCell {
  observed: number;
  expected: number;
}

export interface PearsonDispersion {
  chiSquare: number;
  df: number;
  dispersion: number;
  pValue: number;
}

/** Dispersion of cells with expected > 0; `parameters` is how many rates were fitted (df = cells − parameters). */
export function pearsonDispersion(cells: readonly CountCell[], parameters: number): PearsonDispersion | null {
  const used = cells.filter((c) => c.expected > 0);
  const df = used.length - parameters;
  if (df < 1) return null;
  const chiSquare = used.reduce((sum, c) => sum + (c.observed - c.expected) ** 2 / c.expected, 0);
  return { chiSquare, df, dispersion: chiSquare / df, pValue: 1 - chisquareCdf(chiSquare, df) };
}

/**
 * Quasi-Poisson widening: the interval's half-widths on the log scale are multiplied by √φ around the
 * estimate. Returns the bounds unchanged when φ ≤ 1.
 */
export function widenOnLogScale(
  estimate: number,
  lower: number,
  upper: number,
  dispersion: number,
): { lower: number; upper: number } {
  if (!(dispersion > 1) || !(estimate > 0) || !Number.isFinite(estimate)) return { lower, upper };
  const scale = Math.sqrt(dispersion);
  const logEstimate = Math.log(estimate);
  const newLower = lower > 0 ? Math.exp(logEstimate - (logEstimate - Math.log(lower)) * scale) : 0;
  const newUpper = Number.isFinite(upper)
    ? Math.exp(logEstimate + (Math.log(upper) - logEstimate) * scale)
    : upper;
  return { lower: newLower, upper: newUpper };
}
