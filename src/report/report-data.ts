// ReportData: everything a trend report shows, gathered from the database by gather-report.ts and turned
// into markdown and SVG by render-report.ts. Plain data only (no functions, no dates as objects), so a
// report can be rendered again, or compared, from the same JSON.

import type { Caveat, Unavailable } from '../analysis/caveat-codes.js';
import type {
  ClaimReadingsResult,
  ClaimResult,
  Granularity,
  GrowthBucket,
  Period,
  ResolvedFilter,
  SkillsResult,
  Trend,
} from '../analysis/types.js';
import type { ErrorDetail } from '../errors.js';
import type { HealthFlag } from '../health/source-health.js';
import type { PayPercentileRow, SourceCoverageQueryRow } from '../store/report-queries.js';
import type { Against } from './messages/report-messages.js';

/** What the report is about, as the user asked for it. */
export interface ReportRequest {
  role?: string;
  city?: string;
  /** Period string as analysis parses it (2026-10, 2026-Q3, 2026, 2026-01-01..2026-03-31); default: the last full month. */
  period?: string;
  /** Path of a claims file (YAML or JSON list of claims), checked and listed in the report. */
  claimsFile?: string;
}

/** An error that refused some input: its English message, and its code where it has one (UsageError.detail). */
export interface RefusedInput {
  message: string;
  detail?: ErrorDetail;
}

/** Growth of the period against one baseline, or why there is none. */
export interface HeadlineComparison {
  /** The previous period, the same period a year earlier, or (for a year) the year before. */
  against: Against;
  baseline: Period;
  /** The analysis result (ratio of daily rates with its interval); null when it could not be computed. */
  result: ClaimResult | null;
  /** Why the result has no estimate, when it has none. */
  unavailable: Unavailable | null;
  /** The error that refused the comparison (a bad period, an unknown role): its message and code; else null. */
  error: RefusedInput | null;
}

export interface CompanyCount {
  company: string;
  postings: number;
}

export interface CityCount {
  /** Canonical city, or null for postings without one. */
  city: string | null;
  postings: number;
}

export interface DistrictCount {
  city: string | null;
  district: string;
  postings: number;
}

/** Pay distribution of one group within one currency and one pay period (never mixed). */
export type PayRow = PayPercentileRow;

/** One source's runs, watched days, lifetime and postings in the report period. */
export interface SourceCoverageRow extends SourceCoverageQueryRow {
  /** Days of the report period the source was watched (a look at it within its lifetime after the day). */
  watchedDays: number;
  /** True when some of those days are assumed (a dataset imported without collection dates). */
  assumed: boolean;
}

export interface ProblemRun {
  id: number;
  sourceId: string;
  startedAt: string;
  status: string;
  errorCount: number;
  errorSummary: string | null;
}

export interface CoverageData {
  sources: SourceCoverageRow[];
  /** Runs in the period that failed, were interrupted, or recorded errors (blocked pages included). */
  problemRuns: ProblemRun[];
  problemRunsTotal: number;
  /** First and last effective date of any deduplicated posting in the database. */
  firstPostingDate: string | null;
  lastPostingDate: string | null;
  /** What `jobtrend health` flags in the sources' latest runs (a field that stopped coming, empty runs, blocks). */
  healthFlags?: HealthFlag[];
}

/** A demo source that could not run on this machine, and the one command that fixes it. */
export interface SkippedSampleSource {
  sourceId: string;
  /** Why: the browser source found no Chromium. */
  reason: 'no-chromium';
  /** The command that installs what is missing. */
  fix: string;
}

/** Invented postings of `jobtrend demo` among the data the report is made of. */
export interface SampleData {
  /** Postings first stored by a demo run. */
  postings: number;
  /** Postings stored by anything else (0: the database holds nothing but sample data). */
  otherPostings: number;
  /** Demo sources that could not run (only known to the demo's own report). */
  skipped: SkippedSampleSource[];
}

export interface ReportData {
  subject: ResolvedFilter;
  period: Period;
  /** Sample data of `jobtrend demo` among the postings (absent or null: none), said under the title. */
  sample?: SampleData | null;
  /** Whether the period was the default (the last full month before --now). */
  defaultPeriod: boolean;
  /** Deduplicated postings in the whole database (any role, city or date): 0 means an empty database. */
  databasePostings: number;
  /** Matching deduplicated postings with an effective date in the period. */
  postings: number;
  /** All deduplicated postings (any role) in the period and city: the denominator of the share. */
  allPostings: number;
  headline: HeadlineComparison[];
  series: {
    by: Granularity;
    buckets: GrowthBucket[];
    trend: Trend | null;
    /** Why there is no trend, when there is none (too few complete watched months). */
    trendNote: Caveat | null;
    caveats: Caveat[];
    /** Why there is no series at all, when the growth series was refused. */
    error?: RefusedInput;
  };
  skills: SkillsResult | null;
  companies: CompanyCount[];
  cities: CityCount[];
  districts: DistrictCount[];
  /** Pay by role and city within one currency and period; piece rates included with period "piece". */
  pay: PayRow[];
  /** Pay by role over all cities (the box chart), same rules. */
  payByRole: PayRow[];
  /** Matching postings left out of pay for implausible figures (absent: none). */
  payImplausible?: number;
  /** Each claim under its readings: one for a claim that names its periods, the standard ones for one that does not. */
  claims: ClaimReadingsResult[];
  /** Claims from the file that could not be checked, with the reason (and its code, where it has one). */
  claimErrors: { claim: string; reason: string; detail?: ErrorDetail }[];
  coverage: CoverageData;
}
