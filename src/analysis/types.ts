// The shapes analysis returns: periods, coverage, comparisons, growth series, skill shares and claim verdicts.
// Reports and commands code against these types; the functions that produce them are listed below.
//
// Public functions (all read-only, `db` is the better-sqlite3 Database from src/store/database.ts):
//   src/analysis/period.ts
//     parsePeriod(text: string, now?: Date): Period        // 2025, 2025-Q3, 2025-06, 2025-W14, 2025-01-01..2025-06-30
//     previousPeriod(period: Period): Period                // the same length just before (2025-Q3 → 2025-Q2)
//     yearBefore(period: Period): Period                    // the same dates one year earlier
//   src/analysis/compare.ts — the one growth figure: everything that compares two periods calls it
//     compare(db: Db, filter: PostingFilter, current: Period, baseline: Period, options?: CompareOptions): Comparison
//     loadComparisonData(db, filter, ranges) + comparePeriods(data, current, baseline, options)  // many comparisons, one read
//     oneSidedPValue(test: RatioTest, direction: 'rise' | 'fall', threshold: number): number  // H0: ratio on the other side of 1+threshold
//   src/analysis/growth.ts
//     growth(db: Db, query: GrowthQuery): GrowthResult
//   src/analysis/skills.ts
//     skills(db: Db, query: SkillsQuery): SkillsResult
//   src/analysis/claim.ts
//     checkClaim(db: Db, claim: Claim, options?: { now?: Date }): ClaimResult
//     parseChange(text: string): ClaimChange               // '>30%', '<-10%', '>=0.3' …
//     describeChange(change: ClaimChange): string          // "rose by more than 30%"
//   src/analysis/claim-readings.ts — claims that name no period (as newspapers write them)
//     checkClaimReadings(db: Db, claim: Claim, options?: { now?: Date }): ClaimReadingsResult  // every standard reading, one verdict
//     standardReadings(asOf: string): ReadingPlan[]        // calendar year, 12 months, quarter, month before asOf
//   src/analysis/claim-overall.ts: overallVerdict(readings) — how readings agree, Holm-corrected p-values
//   src/analysis/claims-file.ts
//     parseClaimsFile(path: string): Claim[]               // YAML (or JSON) list of Claim objects
//     parseClaims(text: string, origin?: string): Claim[]
//   src/analysis/filters.ts
//     resolveFilter(db: Db, filter: PostingFilter): ResolvedFilter   // role/source checks → UsageError
//   src/analysis/watched-days.ts: loadWatchRecord, watchedDaysOf (days watched by the lifetime rule)
//   src/analysis/markets.ts: marketOf(country), the hiring calendars the seasonal caveats come from
//   src/analysis/stats/*.ts: poissonRateRatio, twoProportionTest, benjaminiHochberg, pearsonDispersion,
//     widenOnLogScale, proportionRatio, logLinearFit (pure functions, tested against scipy)
//   src/store/analysis-queries.ts: the read-only SQL (daily counts, observations, skill counts, active stock)
// Errors: bad input (unknown role, unparseable period or change) throws UsageError from src/errors.ts.

import type { Caveat, ExclusionFacts, Unavailable } from './caveat-codes.js';

/** A closed range of calendar days. */
export interface Period {
  /** As the user wrote it, normalised: "2025", "2025-Q3", "2025-06", "2025-W14", "2025-01-01..2025-06-30". */
  label: string;
  /** First day, YYYY-MM-DD. */
  start: string;
  /** Last day, inclusive, YYYY-MM-DD. */
  end: string;
  /** Number of calendar days from start to end inclusive. */
  days: number;
}

/** Which postings to count. Every field narrows; none means all deduplicated postings. */
export interface PostingFilter {
  /** Role id from the taxonomy: ai-trainer, data-annotator, ai-rater, ai-tutor, prompt-engineer, ai-other. */
  role?: string;
  /** Full-text query over title, company, description (FTS5 trigram; shorter than 3 chars: substring). */
  match?: string;
  /** City as the user typed it ("上海", "shanghai"); resolved to the canonical English name. */
  city?: string;
  /** Source ids to restrict to (default: all). */
  sources?: string[];
}

/** A filter after checking: the canonical city, and a description for output. */
export interface ResolvedFilter {
  role: string | null;
  match: string | null;
  city: string | null;
  sources: string[] | null;
  /** Plain words, e.g. "role ai-trainer, city Shanghai" or "all postings". */
  description: string;
}

/** How one source was watched during one period. */
export interface SourceCoverage {
  sourceId: string;
  /**
   * Days of the period the source was watched: a successful look at it (a run, or a stated collection date)
   * within lifetimeDays after the day; for a dataset without collection dates, the days its postings span.
   */
  watchedDays: number;
  /** New deduplicated postings (any role, backlog left out) from this source with an effective date in the period. */
  postings: number;
  /** Days a posting of this source stays listed (sources.lifetime_days). */
  lifetimeDays: number;
  /** True when some of its watched days are assumed (a dataset without collection dates), not observed. */
  assumed: boolean;
}

/** Coverage of one period. */
export interface PeriodCoverage {
  period: Period;
  /** Every source with at least one watched day or posting in the period. */
  sources: SourceCoverage[];
  /**
   * Days counted as exposure: for the same-source panel, days on which every panel source was watched;
   * for all sources, days on which any included source was watched.
   */
  exposureDays: number;
}

/** Which sources a comparison rests on, and why others were left out. */
export interface Coverage {
  panel: 'same-source' | 'all-sources';
  /** Sources whose postings are counted. */
  included: string[];
  /**
   * Sources left out of the same-source panel, each with a reason ("watched only in 2025 (365 days, 700
   * postings), not in 2024") and the facts it is made of.
   */
  excluded: Array<{ sourceId: string; reason: string } & ExclusionFacts>;
  /** Included sources whose coverage in these periods is assumed, with the span assumed. */
  assumed: Array<{ sourceId: string; from: string; to: string }>;
  current: PeriodCoverage;
  baseline: PeriodCoverage;
}

export type Metric = 'new' | 'share' | 'active';

export type Granularity = 'week' | 'month' | 'quarter';

/** A two-sided interval. */
export interface Interval {
  lower: number;
  upper: number;
  /** Confidence level, 0.95. */
  level: number;
}

/** Pearson dispersion of weekly counts around a constant rate in each period (φ = χ²/df). */
export interface Overdispersion {
  dispersion: number;
  chiSquare: number;
  df: number;
  /** P(χ²_df ≥ observed) under Poisson. */
  pValue: number;
  /** True when the interval was widened (dispersion > 1 and pValue < 0.05). */
  widened: boolean;
  /** How it was widened, e.g. "quasi-Poisson: log-scale half-width × √φ (φ = 2.31)". */
  note: string;
}

// ---------------------------------------------------------------------------------------------------
// growth

export interface GrowthQuery extends PostingFilter {
  by: Granularity;
  /** First period (a period string: 2024, 2024-01, …) — its start is used. Default: the first day any source (of the filter) was watched. */
  from?: string;
  /** Last period — its end is used. Default: today (now). */
  to?: string;
  now?: Date;
}

/** One bucket against another (the previous one, or the same one a year before), from compare(). */
export interface BucketChange {
  /** The baseline bucket's label. */
  baseline: string;
  /** Change of the daily rate (ratio − 1); null when there is no estimate. */
  change: number | null;
  /** The exact interval of the ratio (1 = no change), widened for overdispersion where needed. */
  interval: Interval | null;
  /** Why there is no estimate ("not watched", no common source, a zero count); null when there is one. */
  unavailable: string | null;
}

/** One week, month or quarter of the series (always whole calendar units). */
export interface GrowthBucket {
  /** "2025-03", "2025-W14" (ISO week), "2025-Q1". */
  label: string;
  start: string;
  end: string;
  /** Calendar days of the bucket. */
  days: number;
  /** True when the bucket is not over yet (it holds today): marked, never a trend point or a headline. */
  incomplete: boolean;
  /** Days of the bucket on which at least one source was watched. */
  watchedDays: number;
  /** Sources watched at least one day in the bucket. */
  sourcesWatched: string[];
  /**
   * Matching new postings counted: each source's postings dated on the days it was watched (backlog left out).
   * Null when the bucket was not watched.
   */
  count: number | null;
  /** All new postings counted the same way (no role/match filter; same city): the share's denominator. */
  total: number | null;
  /** count / total; null when total is 0 or the bucket was not watched. */
  share: number | null;
  /** New postings per watched day: each source's count over its own watched days, summed; null when not watched. */
  perDay: number | null;
  /** Against the previous bucket (same-source panel, as `claim` would say). */
  vsPrevious: BucketChange | null;
  /** Against the same bucket one year earlier. */
  vsYearBefore: BucketChange | null;
}

/**
 * Log-linear trend of monthly rates: ln(new postings per watched day in month x) = intercept + slope·x, where
 * x = 0 is the series' first month and x counts calendar months. Only complete (finished), watched months with
 * postings are fitted; months left out keep their place.
 */
export interface Trend {
  /** Months fitted. */
  months: number;
  slope: number;
  intercept: number;
  rSquared: number;
  /** exp(b) − 1. */
  monthlyGrowth: number;
  /** exp(b ± t₀.₉₇₅,n−2 · se(b)) − 1. */
  interval: Interval;
  method: string;
}

export interface GrowthResult {
  filter: ResolvedFilter;
  by: Granularity;
  from: string;
  to: string;
  buckets: GrowthBucket[];
  /** Null when fewer than MIN_TREND_MONTHS complete watched months with postings (see trendNote). */
  trend: Trend | null;
  /** Why there is no trend, when there is none. */
  trendNote: Caveat | null;
  caveats: Caveat[];
}

// ---------------------------------------------------------------------------------------------------
// skills

export interface SkillsQuery {
  role?: string;
  match?: string;
  city?: string;
  sources?: string[];
  /** Period string; default the last 12 months ending today. */
  period?: string;
  /** Second period to compare with (the earlier one, usually). */
  compare?: string;
  /** How many skills to list (default 20; emerging skills are always listed). */
  top?: number;
  /** Minimum postings naming the skill (in the later period) to call it emerging (default 10). */
  minSupport?: number;
  now?: Date;
}

export interface SkillComparison {
  count: number;
  share: number;
  /** share − compare share (percentage points as a fraction). */
  difference: number;
  /** Two-proportion z statistic (pooled). */
  z: number;
  /** Two-sided p-value from the normal CDF. */
  pValue: number;
  /** Benjamini–Hochberg adjusted p-value across all skills compared. */
  qValue: number;
  /** Significant rise (q < 0.05) with at least minSupport postings. */
  emerging: boolean;
}

export interface SkillRow {
  skillId: string;
  name: string;
  nameZh: string | null;
  category: string | null;
  /** Matching postings in the period naming the skill. */
  count: number;
  /** count / matching postings in the period. */
  share: number;
  /** Present with --compare: the other period's numbers and the test. */
  compare: SkillComparison | null;
}

export interface SkillsResult {
  filter: ResolvedFilter;
  period: Period;
  comparePeriod: Period | null;
  /** Matching deduplicated postings in the period (denominator of share). */
  postings: number;
  comparePostings: number | null;
  skills: SkillRow[];
  /** Skill ids with compare.emerging, largest rise first. */
  emerging: string[];
  method: string;
  /** With a comparison: how many skills were tested (the Benjamini–Hochberg family), else null. */
  tested: number | null;
  /** Postings naming a skill needed to call it emerging. */
  minSupport: number;
  caveats: Caveat[];
}

// ---------------------------------------------------------------------------------------------------
// comparisons (compare.ts): one period against another, the one growth figure

export interface CompareOptions {
  /** new (postings per watched day, default), share (of all postings), active (open postings per day). */
  metric?: Metric;
  /** Count every source, not only those watched in both periods. */
  allSources?: boolean;
  /** Confidence level of the interval (default 0.95). */
  level?: number;
  /** The clock: a period that holds today (or later) is incomplete. */
  now?: Date;
}

/** One side of a comparison. */
export interface ComparisonSide {
  period: Period;
  /** True when the period is not over at `now`: its rate covers only the days watched so far. */
  incomplete: boolean;
  /** Matching new postings counted (new, share) or distinct open postings (active). */
  count: number;
  /** For share: all new postings from the same sources (the denominator). Else null. */
  total: number | null;
  /** Exposure days (see PeriodCoverage.exposureDays); for active, the period's calendar days. */
  days: number;
  /** new: count/days; share: count/total; active: mean daily stock. Null when the period was not watched. */
  value: number | null;
}

export interface Estimate {
  /** value_now / value_baseline. */
  ratio: number;
  /** ratio − 1. */
  change: number;
  /** For `ratio`, on its scale (1.3 is a 30% rise), not for `change`; Trend.interval, by contrast, is on the
   *  change scale (exp(b ± …) − 1). Subtract 1 from both bounds for the change. */
  interval: Interval;
  /** Named method, e.g. "exact conditional (binomial) interval for a ratio of Poisson rates, Clopper–Pearson". */
  method: string;
}

/**
 * What a one-sided test of the ratio needs (see oneSidedPValue): for counts, the ratio is
 * offset · x1 / x0 and, given n = x1 + x0, x1 is binomial; `dispersion` > 1 widens it as the interval was
 * widened. For a share, ln(ratio) is normal with standard error `se`.
 */
export type RatioTest =
  | { kind: 'poisson'; x1: number; x0: number; offset: number; dispersion: number }
  | { kind: 'log-normal'; logRatio: number; se: number };

export interface Comparison {
  filter: ResolvedFilter;
  metric: Metric;
  current: ComparisonSide;
  baseline: ComparisonSide;
  coverage: Coverage;
  /** Null when no interval can be computed; `unavailable` says why and what would be needed. */
  estimate: Estimate | null;
  overdispersion: Overdispersion | null;
  test: RatioTest | null;
  unavailable: Unavailable | null;
}

// ---------------------------------------------------------------------------------------------------
// claims

/**
 * A claim as the user states it (CLI flags or one item of a claims file). With `period` and `baseline` it has
 * one reading; without them (as newspapers write claims) it is checked under every standard reading as of
 * `asOf` (see claim-readings.ts).
 */
export interface Claim {
  /** Optional name for the claim in a file ("xinhua-2025-03"). */
  id?: string;
  /** Optional quote of the claim as published. */
  text?: string;
  /** Who published it: "Xinhua", "C114". */
  publisher?: string;
  /** The day it was published, YYYY-MM-DD: the readings end before it unless `asOf` says otherwise. */
  published?: string;
  /** Where it was published. */
  url?: string;
  role?: string;
  match?: string;
  city?: string;
  sources?: string[];
  /** Period the claim is about: "2025". Absent when the claim names none. */
  period?: string;
  /** Period it compares with: "2024". Absent when the claim names none. */
  baseline?: string;
  /** For a claim without a period: the day the readings are taken before, YYYY-MM-DD (default `published`, else today). */
  asOf?: string;
  /** '>30%' (rose by more than 30%), '<-10%' (fell by more than 10%), '>=0%'. */
  change: string;
  metric?: Metric;
  /** Count all sources rather than the same-source panel. */
  allSources?: boolean;
}

/** A parsed change: "more than +30%" is { direction: 'rise', threshold: 0.3 }; "<-10%" is fall, −0.1. */
export interface ClaimChange {
  direction: 'rise' | 'fall';
  /** Change as a fraction: 0.3 for +30%, −0.1 for −10%. The claim is ratio > 1+threshold (rise) or < 1+threshold (fall). */
  threshold: number;
  inclusive: boolean;
  text: string;
}

export type Verdict = 'supported' | 'contradicted' | 'inconclusive' | 'insufficient data';

/** Counts behind one side of a claim. */
export type ClaimSide = ComparisonSide;

/** The estimate a claim's verdict comes from. */
export type ClaimEstimate = Estimate;

export interface ClaimResult {
  claim: Claim;
  /** Plain sentence of what was tested. */
  statement: string;
  metric: Metric;
  change: ClaimChange;
  filter: ResolvedFilter;
  current: ClaimSide;
  baseline: ClaimSide;
  /** Null when no interval can be computed (see `reason`: what would be needed). */
  estimate: ClaimEstimate | null;
  overdispersion: Overdispersion | null;
  /**
   * One-sided p-value of the claim: the chance of data at least this far in the claimed direction if the true
   * ratio were exactly 1 + threshold (the test dual to the interval). Null without an estimate.
   */
  pValue: number | null;
  /** What the p-value is computed from, for tests of other readings (Holm across several claims). */
  test: RatioTest | null;
  verdict: Verdict;
  /** Why this verdict, in one sentence with the numbers. */
  reason: string;
  /** For "insufficient data": why no interval can be computed (the facts of `reason`); else null. */
  unavailable: Unavailable | null;
  coverage: Coverage;
  /** Plain-language caveats: coverage change, seasonality, postings are not vacancies, small counts … */
  caveats: Caveat[];
}

/** The standard readings of a claim that names no period, and the one reading of a claim that does. */
export type ReadingId = 'calendar-year' | 'twelve-months' | 'quarter' | 'month' | 'stated';

/** One reading of a claim: which periods it compares, and the claim checked on them. */
export interface ClaimReading {
  id: ReadingId;
  /** "calendar year", "12 months", "quarter", "month", "as stated". */
  name: string;
  /** "the last complete calendar year before 2026-01-26 against the year before it". */
  description: string;
  result: ClaimResult;
  /**
   * The one-sided p-value of the claim corrected for testing every reading (Holm, over the readings' distinct
   * comparisons); null when the reading has no test.
   */
  adjustedPValue: number | null;
  /** True when the support survives the correction: adjustedPValue ≤ (1 − level)/2. False when not supported. */
  supportedAfterCorrection: boolean;
  /** The earlier reading that compares the very same periods (one test, not two); null when none. */
  sameAs: ReadingId | null;
}

/**
 * How the readings agree: supported (under every reading), contradicted (under every reading), depends
 * (supported under some, not all), inconclusive (under none supported, not all contradicted), insufficient
 * data (no reading could be checked).
 */
export type OverallVerdict = 'supported' | 'depends' | 'contradicted' | 'inconclusive' | 'insufficient data';

export interface OverallClaimVerdict {
  verdict: OverallVerdict;
  /** One or two sentences with the counts: "Supported under 2 of 4 readings — depends on the period meant: …". */
  summary: string;
  readings: number;
  supported: number;
  contradicted: number;
  inconclusive: number;
  insufficient: number;
  /** Supported readings whose support survives the Holm correction. */
  supportedAfterCorrection: number;
  /** Distinct comparisons the correction counts (readings with a test, the same periods counted once). */
  comparisons: number;
  /** The reading with the most postings counted (both periods together); null when none has any. */
  mostData: ReadingId | null;
}

/** A claim checked under all its readings. */
export interface ClaimReadingsResult {
  claim: Claim;
  /** What was tested, without periods: "New postings per watched day (role ai-trainer, city Shanghai) rose by more than 30%". */
  statement: string;
  /** The day the standard readings were taken before; null for a claim that states its periods. */
  asOf: string | null;
  metric: Metric;
  change: ClaimChange;
  filter: ResolvedFilter;
  readings: ClaimReading[];
  overall: OverallClaimVerdict;
  /** The readings' caveats, each once, in order. */
  caveats: Caveat[];
}
