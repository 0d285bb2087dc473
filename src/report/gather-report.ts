// Gathering a trend report: the one place where the report calls analysis (growth, skills, claims) and the
// report's own read-only SQL (companies, places, pay, coverage), and assembles a ReportData. Only SQL
// aggregates are read — never one row per posting — so a report over millions of postings stays fast.

import { checkClaim } from '../analysis/claim.js';
import { checkClaimReadings } from '../analysis/claim-readings.js';
import { parseClaimsFile } from '../analysis/claims-file.js';
import { resolveFilter } from '../analysis/filters.js';
import { growth } from '../analysis/growth.js';
import { parsePeriod, previousPeriod, yearBefore } from '../analysis/period.js';
import { skills } from '../analysis/skills.js';
import type { Claim, GrowthResult, Period, SkillsResult } from '../analysis/types.js';
import { assumedWithin, loadWatchRecord, watchedDaysOf } from '../analysis/watched-days.js';
import { UsageError, UserError } from '../errors.js';
import { checkHealth, healthFlags } from '../health/check-health.js';
import type { Db } from '../store/database.js';
import { demoPostingCounts } from '../store/demo-store.js';
import {
  databaseExtent,
  payPercentileGroups,
  periodBreakdown,
  prepareForLargeReads,
  problemRuns,
  type ReportFilter,
  sourceCoverage,
} from '../store/report-queries.js';
import type { Against } from './messages/report-messages.js';
import type {
  HeadlineComparison,
  RefusedInput,
  ReportData,
  ReportRequest,
  SkippedSampleSource,
} from './report-data.js';

/** Months in the report's time series. */
export const SERIES_MONTHS = 13;

export interface GatherOptions extends ReportRequest {
  /** The report's clock: the default period is the last full month before it. */
  now: Date;
  /** Claims to check, in addition to (or instead of) those in `claimsFile`. */
  claims?: Claim[];
  /** Demo sources that could not run on this machine (the demo's own report says so). */
  skippedSamples?: SkippedSampleSource[];
}

/** The default period: the last full calendar month before `now` (UTC). */
export function lastFullMonth(now: Date): Period {
  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return parsePeriod(month.toISOString().slice(0, 7), now);
}

export function gatherReport(db: Db, options: GatherOptions): ReportData {
  const { now } = options;
  const subject = resolveFilter(db, { role: options.role, city: options.city });
  const period = options.period ? parsePeriod(options.period, now) : lastFullMonth(now);
  const claims = [
    ...(options.claimsFile ? parseClaimsFile(options.claimsFile, '--claims') : []),
    ...(options.claims ?? []),
  ];

  prepareForLargeReads(db);
  const filter: ReportFilter = {
    start: period.start,
    end: period.end,
    role: subject.role,
    city: subject.city,
  };
  const extent = databaseExtent(db);
  const breakdown = extent.postings > 0 ? periodBreakdown(db, filter) : null;
  const postings = breakdown?.postings ?? 0;
  const watch = loadWatchRecord(db);
  const sources = sourceCoverage(db, filter).map((row) => ({
    ...row,
    watchedDays: watchedDaysOf(watch.get(row.sourceId), period.start, period.end).size,
    assumed: assumedWithin(watch.get(row.sourceId), period.start, period.end),
  }));
  // Every posting belongs to a source, so the per-source counts (any role, this city) add up to the total.
  const allPostings = sources.reduce((sum, source) => sum + source.postings, 0);
  const problems = problemRuns(db, filter);
  const checked = checkClaims(db, claims, now);
  const demo = demoPostingCounts(db);

  const data: ReportData = {
    subject,
    period,
    sample:
      demo.demo > 0 || (options.skippedSamples ?? []).length > 0
        ? { postings: demo.demo, otherPostings: demo.other, skipped: options.skippedSamples ?? [] }
        : null,
    defaultPeriod: !options.period,
    databasePostings: extent.postings,
    postings,
    allPostings,
    headline: [],
    series: { by: 'month', buckets: [], trend: null, trendNote: null, caveats: [] },
    skills: null,
    companies: [],
    cities: [],
    districts: [],
    pay: [],
    payByRole: [],
    claims: checked.results,
    claimErrors: checked.errors,
    coverage: {
      sources,
      problemRuns: problems.rows,
      problemRunsTotal: problems.total,
      firstPostingDate: extent.firstDate,
      lastPostingDate: extent.lastDate,
      healthFlags: healthFlags(checkHealth(db)),
    },
  };
  if (postings === 0) return data;

  const base = { role: subject.role ?? undefined, city: subject.city ?? undefined };
  const previous = compareWith(db, base, period, previousPeriod(period), 'previous', now);
  const yearEarlier = yearBefore(period);
  // For a year the previous period is the year before: one comparison, not the same one twice.
  data.headline =
    yearEarlier.start === previous.baseline.start && yearEarlier.end === previous.baseline.end
      ? [{ ...previous, against: 'year-before' }]
      : [previous, compareWith(db, base, period, yearEarlier, 'year-earlier', now)];
  data.series = seriesFor(db, base, period, extent.firstDate ?? period.start, now);
  data.skills = skillsFor(db, base, period, now);
  data.companies = breakdown?.companies ?? [];
  data.cities = breakdown?.cities ?? [];
  data.districts = breakdown?.districts ?? [];
  const pay = payPercentileGroups(db, filter);
  data.pay = pay.byCity;
  data.payByRole = pay.allCities;
  data.payImplausible = pay.implausible;
  return data;
}

type Subject = { role?: string; city?: string };

/** Growth of the period's daily rate against a baseline, via the claim check (which carries the interval). */
function compareWith(
  db: Db,
  subject: Subject,
  period: Period,
  baseline: Period,
  against: Against,
  now: Date,
): HeadlineComparison {
  try {
    const result = checkClaim(
      db,
      { ...subject, period: period.label, baseline: baseline.label, change: '>0%', metric: 'new' },
      { now },
    );
    return { against, baseline, result, unavailable: result.unavailable, error: null };
  } catch (error) {
    if (error instanceof UsageError || error instanceof UserError) {
      return { against, baseline, result: null, unavailable: null, error: refused(error) };
    }
    throw error;
  }
}

/**
 * The last 13 months up to the period's end (the same month a year earlier included; never before the
 * first posting); weeks when there are fewer than 3 months. Thirteen, not more, because the series is the
 * costliest read of a report over millions of postings.
 */
function seriesFor(
  db: Db,
  subject: Subject,
  period: Period,
  firstDate: string,
  now: Date,
): ReportData['series'] {
  try {
    const series = growthSeries(db, subject, period, firstDate, now);
    return {
      by: series.by,
      buckets: series.buckets,
      trend: series.trend,
      trendNote: series.trendNote,
      caveats: series.caveats,
    };
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof UserError)) throw error;
    return { by: 'month', buckets: [], trend: null, trendNote: null, caveats: [], error: refused(error) };
  }
}

function growthSeries(db: Db, subject: Subject, period: Period, firstDate: string, now: Date): GrowthResult {
  // A period that runs past today (this year, this quarter) is charted up to today, not into the future.
  const today = now.toISOString().slice(0, 10);
  const end = [period.end, today].sort()[0]!;
  const endMonth = end.slice(0, 7);
  const [y, m] = endMonth.split('-').map(Number) as [number, number];
  const yearBack = new Date(Date.UTC(y, m - 1 - SERIES_MONTHS + 1, 1)).toISOString().slice(0, 7);
  const firstMonth = firstDate.slice(0, 7);
  const from = [firstMonth, yearBack].sort()[1]!;
  const months = (y - Number(from.slice(0, 4))) * 12 + (m - Number(from.slice(5, 7))) + 1;
  if (months >= 3) {
    return growth(db, { ...subject, by: 'month', from, to: end, now });
  }
  const start = [firstDate, period.start].sort()[1]!;
  return growth(db, { ...subject, by: 'week', from: start, to: end, now });
}

function skillsFor(db: Db, subject: Subject, period: Period, now: Date): SkillsResult | null {
  try {
    return skills(db, {
      ...subject,
      period: period.label,
      compare: previousPeriod(period).label,
      top: 20,
      now,
    });
  } catch (error) {
    if (error instanceof UsageError || error instanceof UserError) return null;
    throw error;
  }
}

/** An error's message and, for a usage error that has one, its code. */
function refused(error: UsageError | UserError): RefusedInput {
  return {
    message: error.message,
    ...(error instanceof UsageError && error.detail ? { detail: error.detail } : {}),
  };
}

/**
 * Checks each claim under its readings (as of the day it was published when it names no period); a claim that
 * cannot be checked (unknown role, bad period) is listed with the reason.
 */
function checkClaims(
  db: Db,
  claims: Claim[],
  now: Date,
): { results: ReportData['claims']; errors: ReportData['claimErrors'] } {
  const results: ReportData['claims'] = [];
  const errors: ReportData['claimErrors'] = [];
  for (const claim of claims) {
    try {
      results.push(checkClaimReadings(db, claim, { now }));
    } catch (error) {
      if (!(error instanceof UsageError || error instanceof UserError)) throw error;
      const { message, detail } = refused(error);
      errors.push({
        claim:
          claim.id ??
          claim.text ??
          (claim.period ? `${claim.period} vs ${claim.baseline} ${claim.change}` : `${claim.change}`),
        reason: message,
        ...(detail ? { detail } : {}),
      });
    }
  }
  return { results, errors };
}
