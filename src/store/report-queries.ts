// Read-only SQL for the trend report, beyond what analysis computes: postings counts, top companies, cities
// and districts, pay percentiles by role and city (within one currency and one pay period), and the
// coverage record (sources, their lifetimes, runs and backlog, failed or blocked runs). Aggregates only: no query returns
// one row per posting, so a report over millions of postings stays fast. Every value is a bound parameter.
import type { Db } from './database.js';
import { shownStatusSql } from './run-liveness.js';

/**
 * Which deduplicated postings a report counts: new ones (backlog left out) dated in a range, and optionally
 * of one role and one city.
 */
export interface ReportFilter {
  /** First day, YYYY-MM-DD. */
  start: string;
  /** Last day, inclusive, YYYY-MM-DD. */
  end: string;
  role?: string | null;
  /** Canonical city (postings.city). */
  city?: string | null;
}

/** Bytes of the database file a report may memory-map (SQLite's mmap_size). */
export const REPORT_MMAP_BYTES = 1024 ** 3;

/**
 * Lets SQLite memory-map the file for a report's large scans (much fewer read() calls over millions of
 * rows). Only raises a connection's mmap_size that is still at its default of 0; changes no data.
 */
export function prepareForLargeReads(db: Db): void {
  const current = db.pragma('mmap_size', { simple: true }) as number;
  if (current === 0) db.pragma(`mmap_size = ${REPORT_MMAP_BYTES}`);
}

const MATCHING = `p.is_primary = 1 AND p.backlog = 0 AND p.effective_date BETWEEN @start AND @end
  AND (@city IS NULL OR p.city = @city)
  AND (@role IS NULL OR EXISTS (SELECT 1 FROM posting_roles pr WHERE pr.posting_id = p.id AND pr.role_id = @role))`;

function params(filter: ReportFilter) {
  return { start: filter.start, end: filter.end, role: filter.role ?? null, city: filter.city ?? null };
}

/** Deduplicated postings matching the filter. */
export function countReportPostings(db: Db, filter: ReportFilter): number {
  return db
    .prepare(`SELECT count(*) FROM postings p WHERE ${MATCHING}`)
    .pluck()
    .get(params(filter)) as number;
}

export interface DatabaseExtent {
  postings: number;
  firstDate: string | null;
  lastDate: string | null;
}

/** How many deduplicated postings the database holds, and the dates they span. */
export function databaseExtent(db: Db): DatabaseExtent {
  const row = db
    .prepare(
      `SELECT count(*) AS postings, min(effective_date) AS firstDate, max(effective_date) AS lastDate
       FROM postings WHERE is_primary = 1`,
    )
    .get() as DatabaseExtent;
  return row;
}

export interface CompanyCountRow {
  company: string;
  postings: number;
}

/** Companies with the most matching postings (grouped by the normalised name, shown by a stored name). */
export function topCompanies(db: Db, filter: ReportFilter, limit = 15): CompanyCountRow[] {
  return db
    .prepare(
      `SELECT min(p.company) AS company, count(*) AS postings
       FROM postings p
       WHERE ${MATCHING} AND p.company IS NOT NULL AND trim(p.company) != ''
       GROUP BY coalesce(nullif(p.company_norm, ''), p.company)
       ORDER BY postings DESC, company
       LIMIT @limit`,
    )
    .all({ ...params(filter), limit }) as CompanyCountRow[];
}

export interface CityCountRow {
  city: string | null;
  postings: number;
}

/** Matching postings per city (null = unknown city), largest first. */
export function cityCounts(db: Db, filter: ReportFilter, limit = 15): CityCountRow[] {
  return db
    .prepare(
      `SELECT p.city AS city, count(*) AS postings FROM postings p WHERE ${MATCHING}
       GROUP BY p.city ORDER BY postings DESC, p.city IS NULL, p.city LIMIT @limit`,
    )
    .all({ ...params(filter), limit }) as CityCountRow[];
}

export interface DistrictCountRow {
  city: string | null;
  district: string;
  postings: number;
}

/** Matching postings per city and district (only postings with a district), largest first. */
export function districtCounts(db: Db, filter: ReportFilter, limit = 15): DistrictCountRow[] {
  return db
    .prepare(
      `SELECT p.city AS city, p.district AS district, count(*) AS postings FROM postings p
       WHERE ${MATCHING} AND p.district IS NOT NULL AND trim(p.district) != ''
       GROUP BY p.city, p.district ORDER BY postings DESC, p.city, p.district LIMIT @limit`,
    )
    .all({ ...params(filter), limit }) as DistrictCountRow[];
}

export interface PeriodBreakdown {
  /** Matching deduplicated postings. */
  postings: number;
  companies: CompanyCountRow[];
  cities: CityCountRow[];
  districts: DistrictCountRow[];
}

/**
 * The count, top companies, cities and districts of the matching postings in one pass over them (the
 * same numbers as countReportPostings, topCompanies, cityCounts and districtCounts, read once).
 */
export function periodBreakdown(db: Db, filter: ReportFilter, limit = 15): PeriodBreakdown {
  const rows = db
    .prepare(
      `WITH m AS MATERIALIZED (
         SELECT p.company AS company, coalesce(nullif(p.company_norm, ''), p.company) AS company_key,
                p.city AS city, p.district AS district
         FROM postings p WHERE ${MATCHING}
       )
       SELECT 'total' AS part, NULL AS a, NULL AS b, count(*) AS postings, 1 AS ord FROM m
       UNION ALL
       SELECT * FROM (
         SELECT 'company', min(company), NULL, count(*) AS n,
                row_number() OVER (ORDER BY count(*) DESC, min(company)) FROM m
         WHERE company IS NOT NULL AND trim(company) != ''
         GROUP BY company_key ORDER BY n DESC, min(company) LIMIT @limit)
       UNION ALL
       SELECT * FROM (
         SELECT 'city', city, NULL, count(*) AS n,
                row_number() OVER (ORDER BY count(*) DESC, city IS NULL, city) FROM m
         GROUP BY city ORDER BY n DESC, city IS NULL, city LIMIT @limit)
       UNION ALL
       SELECT * FROM (
         SELECT 'district', city, district, count(*) AS n,
                row_number() OVER (ORDER BY count(*) DESC, city, district) FROM m
         WHERE district IS NOT NULL AND trim(district) != ''
         GROUP BY city, district ORDER BY n DESC, city, district LIMIT @limit)`,
    )
    .all({ ...params(filter), limit }) as {
    part: string;
    a: string | null;
    b: string | null;
    postings: number;
    ord: number;
  }[];
  const of = (part: string) => rows.filter((r) => r.part === part).sort((x, y) => x.ord - y.ord);
  return {
    postings: of('total')[0]?.postings ?? 0,
    companies: of('company').map((r) => ({ company: r.a!, postings: r.postings })),
    cities: of('city').map((r) => ({ city: r.a, postings: r.postings })),
    districts: of('district').map((r) => ({ city: r.a, district: r.b!, postings: r.postings })),
  };
}

export interface PayPercentileRow {
  role: string;
  /** Null in the all-cities grouping. */
  city: string | null;
  currency: string;
  period: string;
  n: number;
  p10: number;
  p25: number;
  median: number;
  p75: number;
  p90: number;
  /** Postings of the group whose currency was inferred from their country (the source stated none). */
  inferred?: number;
}

export interface PayGroups {
  /** By role, city, currency and pay period. */
  byCity: PayPercentileRow[];
  /** By role, currency and pay period over all cities (city null). */
  allCities: PayPercentileRow[];
  /** Matching postings whose pay figures are implausible ("1-1 a year"): left out of the groups. */
  implausible: number;
}

/**
 * Pay percentiles (nearest rank) of the midpoint of each posted range, grouped by role, currency and pay
 * period, both per city and over all cities, in one pass over the matching postings. Currencies and
 * periods are never mixed; piece rates come out as their own groups (period "piece"). Groups with fewer
 * than `minPostings` figures are left out; each grouping keeps at most `limit` groups.
 */
export function payPercentileGroups(
  db: Db,
  filter: ReportFilter,
  options: { minPostings?: number; limit?: number } = {},
): PayGroups {
  const rows = db
    .prepare(
      `WITH pay AS MATERIALIZED (
         SELECT r.role_id AS role, p.city AS city, p.salary_currency AS currency, p.salary_period AS period,
                (coalesce(p.salary_min, p.salary_max) + coalesce(p.salary_max, p.salary_min)) / 2.0 AS value,
                p.salary_currency_inferred AS inferred
         FROM postings p JOIN posting_roles r ON r.posting_id = p.id
         WHERE ${MATCHING} AND (@role IS NULL OR r.role_id = @role)
           AND p.salary_currency IS NOT NULL AND p.salary_period IS NOT NULL AND p.salary_implausible = 0
           AND (p.salary_min IS NOT NULL OR p.salary_max IS NOT NULL)
       ), ranked AS (
         SELECT 1 AS by_city, role, city, currency, period, value, inferred,
                row_number() OVER (PARTITION BY role, city, currency, period ORDER BY value) AS rn,
                count(*) OVER (PARTITION BY role, city, currency, period) AS n
         FROM pay WHERE value > 0
         UNION ALL
         SELECT 0 AS by_city, role, NULL AS city, currency, period, value, inferred,
                row_number() OVER (PARTITION BY role, currency, period ORDER BY value) AS rn,
                count(*) OVER (PARTITION BY role, currency, period) AS n
         FROM pay WHERE value > 0
       )
       SELECT by_city AS byCity, role, city, currency, period, n,
              max(CASE WHEN rn = (n + 9) / 10 THEN value END) AS p10,
              max(CASE WHEN rn = (n + 3) / 4 THEN value END) AS p25,
              max(CASE WHEN rn = (n + 1) / 2 THEN value END) AS median,
              max(CASE WHEN rn = (3 * n + 3) / 4 THEN value END) AS p75,
              max(CASE WHEN rn = (9 * n + 9) / 10 THEN value END) AS p90,
              sum(inferred) AS inferred
       FROM ranked
       GROUP BY by_city, role, city, currency, period
       HAVING n >= @minPostings
       ORDER BY by_city DESC, currency, period, role, n DESC, city`,
    )
    .all({ ...params(filter), minPostings: options.minPostings ?? 3 }) as (PayPercentileRow & {
    byCity: number;
  })[];
  const limit = options.limit ?? 40;
  const pick = (flag: number) =>
    rows
      .filter((r) => r.byCity === flag)
      .slice(0, limit)
      .map(({ byCity: _flag, ...row }) => row);
  const implausible = db
    .prepare(
      `SELECT count(DISTINCT p.id) FROM postings p JOIN posting_roles r ON r.posting_id = p.id
       WHERE ${MATCHING} AND (@role IS NULL OR r.role_id = @role) AND p.salary_implausible = 1`,
    )
    .pluck()
    .get(params(filter)) as number;
  return { byCity: pick(1), allCities: pick(0), implausible };
}

/** One grouping of payPercentileGroups: per city (`byCity`) or over all cities. */
export function payPercentiles(
  db: Db,
  filter: ReportFilter,
  options: { byCity: boolean; minPostings?: number; limit?: number },
): PayPercentileRow[] {
  const groups = payPercentileGroups(db, filter, options);
  return options.byCity ? groups.byCity : groups.allCities;
}

export interface SourceCoverageQueryRow {
  sourceId: string;
  name: string;
  kind: string;
  /** Days a posting of this source stays listed (sources.lifetime_days): decides its watched days. */
  lifetimeDays: number;
  runs: number;
  okRuns: number;
  partialRuns: number;
  failedRuns: number;
  interruptedRuns: number;
  /** New deduplicated postings (any role, the report's city, backlog left out) from this source in the period. */
  postings: number;
  /** Deduplicated postings (any role, the report's city) it already listed when first watched: in stock, never new. */
  backlog: number;
  lastRunAt: string | null;
}

/**
 * Every known source with its posting lifetime, its runs started in the period (by status), its new
 * deduplicated postings in the period (any role, the filter's city), its backlog (any date) and its last run
 * ever. The days it was watched come from analysis (watched-days.ts), which applies the lifetime rule.
 */
export function sourceCoverage(db: Db, filter: ReportFilter): SourceCoverageQueryRow[] {
  const range = { start: filter.start, end: filter.end };
  const sources = db.prepare('SELECT id, name, kind, lifetime_days FROM sources ORDER BY id').all() as {
    id: string;
    name: string;
    kind: string;
    lifetime_days: number;
  }[];
  const runs = new Map(
    (
      db
        .prepare(
          `SELECT source_id AS sourceId, count(*) AS runs, sum(status = 'ok') AS ok, sum(status = 'partial') AS partial,
                  sum(status = 'failed') AS failed, sum(status = 'interrupted') AS interrupted
           FROM (SELECT source_id, ${shownStatusSql(db)} AS status FROM scrape_runs
                 WHERE started_at >= @start AND started_at < date(@end, '+1 day'))
           GROUP BY source_id`,
        )
        .all(range) as {
        sourceId: string;
        runs: number;
        ok: number;
        partial: number;
        failed: number;
        interrupted: number;
      }[]
    ).map((r) => [r.sourceId, r]),
  );
  const postings = new Map(
    (
      db
        .prepare(
          `SELECT p.source_id AS sourceId, count(*) AS postings FROM postings p
           WHERE p.is_primary = 1 AND p.backlog = 0 AND p.effective_date BETWEEN @start AND @end
             AND (@city IS NULL OR p.city = @city)
           GROUP BY p.source_id`,
        )
        .all({ ...range, city: filter.city ?? null }) as { sourceId: string; postings: number }[]
    ).map((r) => [r.sourceId, r.postings]),
  );
  const backlog = new Map(
    (
      db
        .prepare(
          `SELECT p.source_id AS sourceId, count(*) AS postings FROM postings p
           WHERE p.is_primary = 1 AND p.backlog = 1 AND (@city IS NULL OR p.city = @city)
           GROUP BY p.source_id`,
        )
        .all({ city: filter.city ?? null }) as { sourceId: string; postings: number }[]
    ).map((r) => [r.sourceId, r.postings]),
  );
  const lastRuns = new Map(
    (
      db
        .prepare(
          'SELECT source_id AS sourceId, max(started_at) AS lastRunAt FROM scrape_runs GROUP BY source_id',
        )
        .all() as { sourceId: string; lastRunAt: string | null }[]
    ).map((r) => [r.sourceId, r.lastRunAt]),
  );
  return sources.map((source) => {
    const r = runs.get(source.id);
    return {
      sourceId: source.id,
      name: source.name,
      kind: source.kind,
      lifetimeDays: source.lifetime_days,
      runs: r?.runs ?? 0,
      okRuns: r?.ok ?? 0,
      partialRuns: r?.partial ?? 0,
      failedRuns: r?.failed ?? 0,
      interruptedRuns: r?.interrupted ?? 0,
      postings: postings.get(source.id) ?? 0,
      backlog: backlog.get(source.id) ?? 0,
      lastRunAt: lastRuns.get(source.id) ?? null,
    };
  });
}

/** A run of the report period that went wrong, as the report's coverage lists it. */
export interface ProblemRunRow {
  id: number;
  sourceId: string;
  startedAt: string;
  status: string;
  errorCount: number;
  errorSummary: string | null;
}

/** Runs of the period that went wrong; a run whose process is gone counts as interrupted (run-liveness.ts). */
const problemRunsSql = (db: Db) => `FROM (SELECT *, ${shownStatusSql(db)} AS shown FROM scrape_runs)
  WHERE started_at >= @start AND started_at < date(@end, '+1 day')
    AND (shown IN ('failed', 'partial', 'interrupted') OR error_summary LIKE '%block%')`;

/** Runs started in the period that failed, were partial or interrupted, or were blocked; newest first. */
export function problemRuns(
  db: Db,
  filter: ReportFilter,
  limit = 20,
): { rows: ProblemRunRow[]; total: number } {
  const range = { start: filter.start, end: filter.end };
  const rows = db
    .prepare(
      `SELECT id, source_id AS sourceId, started_at AS startedAt, shown AS status, error_count AS errorCount,
              error_summary AS errorSummary
       ${problemRunsSql(db)} ORDER BY started_at DESC, id DESC LIMIT @limit`,
    )
    .all({ ...range, limit }) as ProblemRunRow[];
  const total = db
    .prepare(`SELECT count(*) ${problemRunsSql(db)}`)
    .pluck()
    .get(range) as number;
  return { rows, total };
}
