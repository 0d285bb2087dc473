// ReportData: everything a trend report shows, gathered from the database by gather-report.ts and turned
// into markdown and SVG by render-report.ts. Plain data only (no functions, no dates as objects), so a
// report can be rendered again, or compared, from the same JSON.
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
import type { PayPercentileRow, SourceCoverageQueryRow } from '../store/report-queries.js';

/** What the report is about, as the user asked for it. */
export interface ReportRequest {
  role?: string;
  city?: string;
  /** Period string as analysis parses it (2026-10, 2026-Q3, 2026, 2026-01-01..2026-03-31); default: the last full month. */
  period?: string;
  /** Path of a claims file (YAML or JSON list of claims), checked and listed in the report. */
  claimsFile?: string;
}

/** Growth of the period against one baseline, or why there is none. */
export interface HeadlineComparison {
  /** "the previous period" or "a year earlier". */
  against: string;
  baseline: Period;
  /** The analysis result (ratio of daily rates with its interval); null when it could not be computed. */
  result: ClaimResult | null;
  /** Why there is no result, when there is none. */
  unavailable: string | null;
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
  healthFlags?: { sourceId: string; message: string }[];
}

export interface ReportData {
  subject: ResolvedFilter;
  period: Period;
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
    trendNote: string | null;
    caveats: string[];
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
  /** Claims from the file that could not be checked, with the reason. */
  claimErrors: { claim: string; reason: string }[];
  coverage: CoverageData;
}
