// The 95% intervals the report's charts draw around what they show, so a reader sees how sure each point is:
// a month's rate of new postings (exact Poisson interval on its count), a share (Clopper–Pearson), and the
// fitted trend (the confidence band of the log-linear regression's mean, the same fit analysis made). Pure.
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import gammaQuantile from '@stdlib/stats-base-dists-gamma-quantile';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import type { GrowthBucket, Trend } from '../analysis/types.js';

export interface Band {
  lower: (number | null)[];
  upper: (number | null)[];
}

const LEVEL = 0.95;
const TAIL = (1 - LEVEL) / 2;

/** Exact (Garwood) interval for a Poisson mean given one observed count. */
export function poissonCountInterval(count: number): { lower: number; upper: number } {
  return {
    lower: count === 0 ? 0 : gammaQuantile(TAIL, count, 1),
    upper: gammaQuantile(1 - TAIL, count + 1, 1),
  };
}

/** Clopper–Pearson interval for a proportion k of n. */
export function proportionInterval(k: number, n: number): { lower: number; upper: number } {
  if (n <= 0) return { lower: 0, upper: 1 };
  return {
    lower: k <= 0 ? 0 : betaQuantile(TAIL, k, n - k + 1),
    upper: k >= n ? 1 : betaQuantile(1 - TAIL, k + 1, n - k),
  };
}

/**
 * New postings per watched day, per bucket: the count's exact Poisson interval over the bucket's exposure.
 * The rate sums each source's count over its own watched days, so its exposure is count / rate (the watched
 * days when nothing was counted); null where the bucket was not watched.
 */
export function perDayBand(buckets: readonly GrowthBucket[]): Band {
  const lower: (number | null)[] = [];
  const upper: (number | null)[] = [];
  for (const b of buckets) {
    if (b.count === null || b.perDay === null) {
      lower.push(null);
      upper.push(null);
      continue;
    }
    const exposure = b.count > 0 && b.perDay > 0 ? b.count / b.perDay : b.watchedDays;
    if (!(exposure > 0)) {
      lower.push(null);
      upper.push(null);
      continue;
    }
    const interval = poissonCountInterval(b.count);
    lower.push(interval.lower / exposure);
    upper.push(interval.upper / exposure);
  }
  return { lower, upper };
}

/** The share of all new postings, per bucket: Clopper–Pearson on count of total; null where there is none. */
export function shareBand(buckets: readonly GrowthBucket[]): Band {
  const lower: (number | null)[] = [];
  const upper: (number | null)[] = [];
  for (const b of buckets) {
    if (b.share === null || b.count === null || b.total === null || b.total <= 0) {
      lower.push(null);
      upper.push(null);
      continue;
    }
    const interval = proportionInterval(b.count, b.total);
    lower.push(interval.lower);
    upper.push(interval.upper);
  }
  return { lower, upper };
}

/**
 * The 95% confidence band of the fitted trend (its mean, per bucket), from the same points and fit analysis
 * used: ln(rate) on the bucket's index over complete, watched months with postings. Null when the points do not
 * give back the trend's own slope (then the band would belong to another fit) or there are too few.
 */
export function trendBand(buckets: readonly GrowthBucket[], trend: Trend): Band | null {
  const points = buckets
    .map((b, i) => [i, b] as const)
    .filter(([, b]) => !b.incomplete && b.perDay !== null && b.perDay > 0)
    .map(([i, b]) => [i, Math.log(b.perDay!)] as const);
  const n = points.length;
  if (n < 3) return null;
  const meanX = points.reduce((s, [x]) => s + x, 0) / n;
  const meanY = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxx = points.reduce((s, [x]) => s + (x - meanX) ** 2, 0);
  if (sxx === 0) return null;
  const slope = points.reduce((s, [x, y]) => s + (x - meanX) * (y - meanY), 0) / sxx;
  const intercept = meanY - slope * meanX;
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
  if (n !== trend.months || !close(slope, trend.slope) || !close(intercept, trend.intercept)) return null;
  const sse = points.reduce((s, [x, y]) => s + (y - (intercept + slope * x)) ** 2, 0);
  const s = Math.sqrt(sse / (n - 2));
  const t = tQuantile(1 - TAIL, n - 2);
  const lower: number[] = [];
  const upper: number[] = [];
  buckets.forEach((_, i) => {
    const fit = intercept + slope * i;
    const half = t * s * Math.sqrt(1 / n + (i - meanX) ** 2 / sxx);
    lower.push(Math.exp(fit - half));
    upper.push(Math.exp(fit + half));
  });
  return { lower, upper };
}
