// Log-linear trend: ordinary least squares of ln(y) on x = 0, 1, 2 …, with a t-based interval for the
// slope (t quantile from @stdlib). exp(slope) − 1 is the growth per step (per month for monthly counts).
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { linearRegression } from 'simple-statistics';

export interface LogLinearFit {
  n: number;
  slope: number;
  intercept: number;
  rSquared: number;
  slopeStandardError: number;
  /** exp(slope) − 1 and its interval. */
  growth: number;
  lower: number;
  upper: number;
  level: number;
}

/** Points are [x, y] with y > 0. Needs at least 3 points (1 degree of freedom for the residuals). */
export function logLinearFit(
  points: ReadonlyArray<readonly [number, number]>,
  level = 0.95,
): LogLinearFit | null {
  const usable = points.filter(([, y]) => y > 0);
  const n = usable.length;
  if (n < 3) return null;
  const logPoints = usable.map(([x, y]) => [x, Math.log(y)] as [number, number]);
  const { m: slope, b: intercept } = linearRegression(logPoints);
  const meanX = logPoints.reduce((s, [x]) => s + x, 0) / n;
  const meanY = logPoints.reduce((s, [, y]) => s + y, 0) / n;
  const sxx = logPoints.reduce((s, [x]) => s + (x - meanX) ** 2, 0);
  if (sxx === 0) return null;
  const sse = logPoints.reduce((s, [x, y]) => s + (y - (intercept + slope * x)) ** 2, 0);
  const sst = logPoints.reduce((s, [, y]) => s + (y - meanY) ** 2, 0);
  const slopeStandardError = Math.sqrt(sse / (n - 2) / sxx);
  const t = tQuantile(1 - (1 - level) / 2, n - 2);
  return {
    n,
    slope,
    intercept,
    rSquared: sst === 0 ? 1 : 1 - sse / sst,
    slopeStandardError,
    growth: Math.exp(slope) - 1,
    lower: Math.exp(slope - t * slopeStandardError) - 1,
    upper: Math.exp(slope + t * slopeStandardError) - 1,
    level,
  };
}
