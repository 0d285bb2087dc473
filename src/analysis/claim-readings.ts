// Claims as newspapers write them: "demand for AI trainers in Shanghai has surged by over 30%" names no period
// and no baseline. Picking one reading after looking at the data is the error this tool exists to prevent, so
// such a claim is checked under every standard reading a careful reader would accept, all fixed by the as-of
// date before any count is read: the last complete calendar year against the year before; the 12 complete
// months before the as-of date against the 12 before those; the last complete quarter and the last complete
// month against the same ones a year earlier. A claim that states its periods has one reading. Every reading is
// compared by compare() (the one growth figure) from one read of the counts; claim-overall.ts says how the
// readings agree.
import { UsageError } from '../errors.js';
import type { Db } from '../store/database.js';
import type { Caveat } from './caveat-codes.js';
import { caveat } from './caveat-words.js';
import {
  claimChange,
  claimMetric,
  claimSubject,
  compareClaim,
  describeChange,
  judgeClaim,
  overdispersionCaveat,
  smallCountsCaveat,
} from './claim.js';
import { overallVerdict } from './claim-overall.js';
import { addDays, isValidDay, pad, toDay } from './dates.js';
import { resolveFilter } from './filters.js';
import { parsePeriod, periodBetween, previousPeriod, yearBefore } from './period.js';
import type { Claim, ClaimReading, ClaimReadingsResult, Period, ReadingId } from './types.js';

/** The periods of one reading, fixed before any count is read. */
export interface ReadingPlan {
  id: ReadingId;
  name: string;
  description: string;
  current: Period;
  baseline: Period;
}

/**
 * The standard readings of a claim made on `asOf` (YYYY-MM-DD). A period is complete before the as-of date
 * when it ends before that day: a claim published on 2026-01-26 can speak of 2025, of 2025-Q4 and of
 * 2025-12, not of January 2026.
 */
export function standardReadings(asOf: string): ReadingPlan[] {
  if (!isValidDay(asOf)) {
    throw new UsageError(`"${asOf}" is not a date: write the as-of date as YYYY-MM-DD`, {
      code: 'bad-as-of',
      values: { text: asOf },
    });
  }
  const year = Number(asOf.slice(0, 4));
  const month = Number(asOf.slice(5, 7));
  const lastYear = parsePeriod(String(year - 1));
  const thisMonth = parsePeriod(`${pad(year, 4)}-${pad(month)}`);
  const lastMonth = previousPeriod(thisMonth);
  const thisQuarter = parsePeriod(`${pad(year, 4)}-Q${Math.ceil(month / 3)}`);
  const lastQuarter = previousPeriod(thisQuarter);
  // The 12 complete months before the as-of date, and the 12 before those.
  const monthsEnd = addDays(thisMonth.start, -1);
  const monthsStart = `${pad(year - 1, 4)}-${pad(month)}-01`;
  const twelveMonths = monthSpan(monthsStart, monthsEnd);
  const twelveBefore = monthSpan(`${pad(year - 2, 4)}-${pad(month)}-01`, addDays(monthsStart, -1));
  return [
    {
      id: 'calendar-year',
      name: 'calendar year',
      description: `the last complete calendar year before ${asOf} against the year before it`,
      current: lastYear,
      baseline: previousPeriod(lastYear),
    },
    {
      id: 'twelve-months',
      name: '12 months',
      description: `the 12 complete months before ${asOf} against the 12 months before those`,
      current: twelveMonths,
      baseline: twelveBefore,
    },
    {
      id: 'quarter',
      name: 'quarter',
      description: `the last complete quarter before ${asOf} against the same quarter a year earlier`,
      current: lastQuarter,
      baseline: yearBefore(lastQuarter),
    },
    {
      id: 'month',
      name: 'month',
      description: `the last complete month before ${asOf} against the same month a year earlier`,
      current: lastMonth,
      baseline: yearBefore(lastMonth),
    },
  ];
}

/** Whole months from `start` (a 1st) to `end` (a month's last day), labelled "2025-02..2026-01". */
function monthSpan(start: string, end: string): Period {
  return { ...periodBetween(start, end), label: `${start.slice(0, 7)}..${end.slice(0, 7)}` };
}

/**
 * The day the readings of `claim` are taken before: its asOf, else the day it was published, else today.
 * A day after today is refused (no reading of it can be complete).
 */
export function asOfDay(claim: Claim, now: Date): string {
  const day = claim.asOf ?? claim.published ?? toDay(now);
  if (!isValidDay(day)) {
    throw new UsageError(`"${day}" is not a date: write the as-of date as YYYY-MM-DD`, {
      code: 'bad-as-of',
      values: { text: day },
    });
  }
  if (day > toDay(now)) {
    throw new UsageError(
      `the as-of date ${day} is after today (${toDay(now)}): a claim can only be checked on periods that are over`,
      { code: 'as-of-future', values: { day, today: toDay(now) } },
    );
  }
  return day;
}

/**
 * Checks a claim under each of its readings: the standard ones when it states no period (as of `asOf`, the
 * day it was published, or today), else its one stated reading. Bad input throws UsageError.
 */
export function checkClaimReadings(db: Db, claim: Claim, options: { now?: Date } = {}): ClaimReadingsResult {
  const now = options.now ?? new Date();
  const metric = claimMetric(claim);
  const change = claimChange(claim);
  if (Boolean(claim.period) !== Boolean(claim.baseline)) {
    throw new UsageError(
      `a claim needs both a period and a baseline, or neither (to check every standard reading): ${claim.period ? 'add a baseline' : 'add a period'}`,
      { code: 'claim-needs-both', values: { field: claim.period ? 'baseline' : 'period' } },
    );
  }
  const stated = Boolean(claim.period && claim.baseline);
  const asOf = stated ? null : asOfDay(claim, now);
  const plans: ReadingPlan[] = asOf
    ? standardReadings(asOf)
    : [
        {
          id: 'stated',
          name: 'as stated',
          description: 'the periods the claim names',
          current: parsePeriod(claim.period!, now),
          baseline: parsePeriod(claim.baseline!, now),
        },
      ];
  const filter = resolveFilter(db, claim);
  const comparisons = compareClaim(db, claim, filter, plans, now);
  const seen = new Map<string, ReadingId>();
  const checked = plans.map((plan, i) => {
    const comparison = comparisons[i]!;
    const key = `${plan.current.start}..${plan.current.end} ${plan.baseline.start}..${plan.baseline.end}`;
    const sameAs = seen.get(key) ?? null;
    if (!sameAs) seen.set(key, plan.id);
    return {
      id: plan.id,
      name: plan.name,
      description: plan.description,
      result: judgeClaim(db, claim, change, comparison),
      sameAs,
    };
  });
  const { overall, adjusted } = overallVerdict(checked);
  const readings: ClaimReading[] = checked.map((reading, i) => ({ ...reading, ...adjusted[i]! }));
  const statement = `${claimSubject(metric, filter)} ${describeChange(change)}`;
  return {
    claim,
    statement,
    asOf,
    metric,
    change,
    filter,
    readings,
    overall,
    caveats: readingsCaveats(readings),
  };
}

/**
 * The readings' caveats, each once, in order; the per-reading notes on small counts and widened intervals
 * become one note each that names the readings.
 */
function readingsCaveats(readings: readonly ClaimReading[]): Caveat[] {
  if (readings.length === 1) return readings[0]!.result.caveats;
  const distinct = readings.filter((r) => !r.sameAs);
  const perReading = new Set(
    distinct.flatMap((r) => [overdispersionCaveat(r.result.overdispersion), smallCountsCaveat(r.result)]),
  );
  const seen = new Set([...perReading].flatMap((c) => (c ? [c.text] : [])));
  const caveats: Caveat[] = [];
  for (const c of distinct.flatMap((r) => r.result.caveats)) {
    if (seen.has(c.text)) continue;
    seen.add(c.text);
    caveats.push(c);
  }
  const widened = distinct.filter((r) => r.result.overdispersion?.widened);
  if (widened.length > 0) {
    caveats.push(
      caveat({
        code: 'readings-overdispersion',
        readings: widened.map((r) => ({
          id: r.id,
          name: r.name,
          dispersion: r.result.overdispersion!.dispersion,
        })),
      }),
    );
  }
  const small = distinct.filter((r) => smallCountsCaveat(r.result) !== null);
  if (small.length > 0) {
    caveats.push(
      caveat({
        code: 'readings-small-counts',
        readings: small.map((r) => ({
          id: r.id,
          name: r.name,
          count: Math.min(r.result.current.count, r.result.baseline.count),
        })),
      }),
    );
  }
  return caveats;
}
