// The claim checker: "demand for AI trainers in Shanghai rose by more than 30% from 2024 to 2025". The
// comparison itself is compare()'s (the one growth figure: new postings per watched day on the same sources,
// an exact interval widened for overdispersion); this module parses the claim, gives the verdict from the
// interval (supported when it lies wholly on the claimed side of the threshold, contradicted when wholly on
// the other, else inconclusive; insufficient data only when no interval can be computed), the one-sided
// p-value dual to it, and the caveats: coverage, seasons of the postings' markets, small counts.
import { UsageError } from '../errors.js';
import { countryCounts } from '../store/analysis-queries.js';
import type { Db } from '../store/database.js';
import type { Caveat } from './caveat-codes.js';
import { caveat } from './caveat-words.js';
import { coverageCaveats, seasonalityCaveats, standingCaveats } from './caveats.js';
import { comparePeriods, loadComparisonData, oneSidedPValue } from './compare.js';
import { resolveFilter } from './filters.js';
import { marketsOf } from './markets.js';
import { parsePeriod } from './period.js';
import type {
  Claim,
  ClaimChange,
  ClaimResult,
  Comparison,
  Metric,
  Overdispersion,
  Period,
  ResolvedFilter,
  Verdict,
} from './types.js';

const METRICS: Metric[] = ['new', 'share', 'active'];

/** Parses '>30%', '> 30 %', '+30%', '<-10%', '>=0.3', '>= 0%'. A bare '30%' means a rise of more than 30%. */
export function parseChange(text: string): ClaimChange {
  const m = /^\s*(>=|<=|>|<|\+)?\s*([+-]?\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  if (!m) {
    throw new UsageError(
      `"${text}" is not a change: write '>30%' (rose by more than 30%) or '<-10%' (fell by more than 10%)`,
      { code: 'bad-change', values: { text } },
    );
  }
  // A number without % is a fraction (0.3 is 30 %); one of 1 or more is taken for a percent sign forgotten
  // (30 would be 3000 %), and refused so that the percent sign says which.
  if (!m[3] && Math.abs(Number(m[2])) >= 1) {
    throw new UsageError(
      `"${text.trim()}" has no % sign: write '${m[1] ?? '>'}${m[2]}%' if you mean ${m[2]} percent ('>30%' rose by more than 30%, '<-10%' fell by more than 10%)`,
    );
  }
  const operator = m[1] ?? '>';
  const value = Number(m[2]) / (m[3] ? 100 : 1);
  const direction = operator.startsWith('<') ? 'fall' : 'rise';
  if (value <= -1)
    throw new UsageError(
      `"${text}" is a fall of 100% or more, which counts cannot show: use a value above -100%`,
      { code: 'change-below-minus-100', values: { text } },
    );
  return { direction, threshold: value, inclusive: operator.endsWith('='), text: text.trim() };
}

/** Checks one claim with a stated period and baseline. Bad periods, changes, roles or metrics throw UsageError. */
export function checkClaim(db: Db, claim: Claim, options: { now?: Date } = {}): ClaimResult {
  const now = options.now ?? new Date();
  claimMetric(claim); // a bad metric is the first thing said
  const missing = (field: 'period' | 'baseline', example: string) =>
    new UsageError(`a claim needs a ${field === 'period' ? 'period' : 'baseline period'}, e.g. ${example}`, {
      code: 'claim-needs',
      values: { field },
    });
  if (!claim.period) throw missing('period', '--period 2025');
  if (!claim.baseline) throw missing('baseline', '--baseline 2024');
  const change = claimChange(claim);
  const current = parsePeriod(claim.period, now);
  const baseline = parsePeriod(claim.baseline, now);
  const filter = resolveFilter(db, claim);
  const [comparison] = compareClaim(db, claim, filter, [{ current, baseline }], now);
  return judgeClaim(db, claim, change, comparison!);
}

/**
 * The claim's comparison for each pair of periods (a stated claim has one, a claim read every standard way
 * several), from one read of the counts: the claim's metric and panel, compared by compare.ts.
 */
export function compareClaim(
  db: Db,
  claim: Claim,
  filter: ResolvedFilter,
  pairs: readonly { current: Period; baseline: Period }[],
  now: Date,
): Comparison[] {
  const options = { metric: claimMetric(claim), allSources: claim.allSources ?? false, now };
  const data = loadComparisonData(
    db,
    filter,
    pairs.flatMap((pair) => [pair.current, pair.baseline]),
  );
  return pairs.map((pair) => comparePeriods(data, pair.current, pair.baseline, options));
}

/** The claim's metric, checked ('new' when it names none). */
export function claimMetric(claim: Claim): Metric {
  const metric: Metric = claim.metric ?? 'new';
  if (!METRICS.includes(metric))
    throw new UsageError(`unknown metric "${String(metric)}": use one of ${METRICS.join(', ')}`, {
      code: 'unknown-metric',
      values: { metric: String(metric) },
    });
  return metric;
}

/** The claim's change, parsed. */
export function claimChange(claim: Claim): ClaimChange {
  if (!claim.change) {
    throw new UsageError("a claim needs a change, e.g. --change '>30%'", {
      code: 'claim-needs',
      values: { field: 'change' },
    });
  }
  return parseChange(claim.change);
}

/**
 * The verdict on a claim from one comparison (compare()'s): supported when the interval lies wholly on the
 * claimed side of 1 + threshold, contradicted when wholly on the other, else inconclusive; insufficient data
 * when there is no interval. With the one-sided p-value, the statement tested, and the caveats.
 */
export function judgeClaim(db: Db, claim: Claim, change: ClaimChange, comparison: Comparison): ClaimResult {
  const { estimate, metric, filter } = comparison;
  const target = 1 + change.threshold;
  let verdict: Verdict;
  let reason: string;
  if (!estimate) {
    verdict = 'insufficient data';
    reason = comparison.unavailable?.text ?? 'no interval can be computed';
  } else {
    const { lower, upper } = estimate.interval;
    const pct = (v: number) => `${v >= 1 ? '+' : ''}${((v - 1) * 100).toFixed(1)}%`;
    const range = `${pct(estimate.ratio)} (${Math.round(estimate.interval.level * 100)}% interval ${pct(lower)} to ${pct(upper)})`;
    const claimText = `that it ${describeChange(change)}`;
    if (change.direction === 'rise' ? lower >= target : upper <= target) {
      verdict = 'supported';
      reason = `the change is ${range}: the whole interval is ${change.direction === 'rise' ? 'above' : 'below'} ${pct(target)}, so the data support ${claimText}`;
    } else if (change.direction === 'rise' ? upper < target : lower > target) {
      verdict = 'contradicted';
      reason = `the change is ${range}: the whole interval is ${change.direction === 'rise' ? 'below' : 'above'} ${pct(target)}, so the data rule out ${claimText}`;
    } else {
      verdict = 'inconclusive';
      reason = `the change is ${range}: the interval contains ${pct(target)}, so the data can neither confirm nor rule out ${claimText}`;
    }
  }
  const pValue = comparison.test ? oneSidedPValue(comparison.test, change.direction, change.threshold) : null;
  const { current, baseline } = comparison;
  const statement = `${claimSubject(metric, filter)} ${describeChange(change)} from ${baseline.period.label} to ${current.period.label}`;
  return {
    claim,
    statement,
    metric,
    change,
    filter,
    current,
    baseline,
    estimate,
    overdispersion: comparison.overdispersion,
    pValue,
    test: comparison.test,
    verdict,
    reason,
    unavailable: estimate ? null : comparison.unavailable,
    coverage: comparison.coverage,
    caveats: comparisonCaveats(db, comparison),
  };
}

/** What is counted, in words: "New postings per watched day (role ai-trainer, city Shanghai)". */
export function claimSubject(metric: Metric, filter: ResolvedFilter): string {
  const metricWords = {
    new: 'New postings per watched day',
    share: 'The share of postings',
    active: 'Open postings per day',
  }[metric];
  return `${metricWords} (${filter.description})`;
}

/**
 * The caveats of a comparison: coverage (changes, gaps, assumed coverage), the seasons of the markets its
 * postings are in, overdispersion, small counts, a period not over yet, and the standing ones.
 */
export function comparisonCaveats(db: Db, comparison: Comparison): Caveat[] {
  const { current, baseline, coverage, overdispersion } = comparison;
  const panel = { ...comparison.filter, sources: coverage.included };
  const countries =
    coverage.included.length > 0
      ? [
          ...countryCounts(db, panel, current.period.start, current.period.end),
          ...countryCounts(db, panel, baseline.period.start, baseline.period.end),
        ]
      : [];
  const markets = marketsOf(countries);
  const caveats = [
    ...coverageCaveats(coverage),
    ...seasonalityCaveats(current.period, baseline.period, markets.markets, markets),
  ];
  const widened = overdispersionCaveat(overdispersion);
  if (widened) caveats.push(widened);
  const small = smallCountsCaveat(comparison);
  if (small) caveats.push(small);
  for (const side of [current, baseline]) {
    if (side.incomplete) {
      caveats.push(caveat({ code: 'period-incomplete', period: side.period.label, days: side.days }));
    }
  }
  caveats.push(...standingCaveats());
  return caveats;
}

/** The caveat for an interval widened for overdispersed weekly counts, or null. */
export function overdispersionCaveat(overdispersion: Overdispersion | null): Caveat | null {
  if (!overdispersion?.widened) return null;
  const { dispersion, pValue } = overdispersion;
  return caveat({ code: 'overdispersion', dispersion, pValue });
}

/** Fewer than this many postings in the smaller period make a wide interval worth a caveat. */
export const SMALL_COUNT = 100;

/** The caveat for an estimate from fewer than SMALL_COUNT postings in the smaller period, or null. */
export function smallCountsCaveat(
  comparison: Pick<Comparison, 'current' | 'baseline' | 'estimate'>,
): Caveat | null {
  const minCount = Math.min(comparison.current.count, comparison.baseline.count);
  if (!comparison.estimate || minCount >= SMALL_COUNT) return null;
  return caveat({ code: 'small-counts', count: minCount });
}

/** The claimed change in words: "rose by more than 30%", "fell by at least 10%", "fell by less than 10% (or rose)". */
export function describeChange(change: ClaimChange): string {
  const size = formatThreshold(change.threshold);
  const bound = change.inclusive ? 'at least' : 'more than';
  if (change.direction === 'rise') {
    return change.threshold >= 0 ? `rose by ${bound} ${size}` : `fell by less than ${size} (or rose)`;
  }
  return change.threshold <= 0 ? `fell by ${bound} ${size}` : `rose by less than ${size} (or fell)`;
}

/** 0.3 → "30%", −0.125 → "12.5%" (the sign is in the words: rose / fell). */
function formatThreshold(threshold: number): string {
  return `${Number((Math.abs(threshold) * 100).toFixed(1))}%`;
}
