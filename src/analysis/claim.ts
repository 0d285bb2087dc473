// The claim checker: "demand for AI trainers in Shanghai rose by more than 30% from 2024 to 2025".
// Counts deduplicated postings on the days the same sources were watched in both periods, estimates the
// ratio of the two rates with an exact (or named) 95% interval, widens it when weekly counts are
// overdispersed, and gives a verdict with the counts, coverage and caveats it rests on.
import { UsageError } from '../errors.js';
import { activeStock, dailyCounts } from '../store/analysis-queries.js';
import type { Db } from '../store/database.js';
import { coverageCaveats, DEDUP_NOTE, POSTINGS_ARE_NOT_VACANCIES, seasonalityCaveats } from './caveats.js';
import { countOnDays, planCoverage, sum } from './coverage.js';
import { mondayOf } from './dates.js';
import { isChineseCity, resolveFilter } from './filters.js';
import { parsePeriod } from './period.js';
import { pearsonDispersion, widenOnLogScale } from './stats/overdispersion.js';
import { poissonRateRatio } from './stats/poisson-ratio.js';
import { proportionRatio } from './stats/proportion-ratio.js';
import type {
  Claim,
  ClaimChange,
  ClaimEstimate,
  ClaimResult,
  ClaimSide,
  Metric,
  Overdispersion,
  Verdict,
} from './types.js';

/** Below this many matching postings in either period a verdict would be noise: "insufficient data". */
export const MIN_POSTINGS = 20;
const LEVEL = 0.95;
const METRICS: Metric[] = ['new', 'share', 'active'];

/** Parses '>30%', '> 30 %', '+30%', '<-10%', '>=0.3', '>= 0%'. A bare '30%' means a rise of more than 30%. */
export function parseChange(text: string): ClaimChange {
  const m = /^\s*(>=|<=|>|<|\+)?\s*([+-]?\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  if (!m) {
    throw new UsageError(
      `"${text}" is not a change: write '>30%' (rose by more than 30%) or '<-10%' (fell by more than 10%)`,
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
    );
  return { direction, threshold: value, inclusive: operator.endsWith('='), text: text.trim() };
}

/** Checks one claim. Bad periods, changes, roles or metrics throw UsageError. */
export function checkClaim(db: Db, claim: Claim, options: { now?: Date } = {}): ClaimResult {
  const now = options.now ?? new Date();
  const metric: Metric = claim.metric ?? 'new';
  if (!METRICS.includes(metric))
    throw new UsageError(`unknown metric "${String(metric)}": use one of ${METRICS.join(', ')}`);
  if (!claim.period) throw new UsageError('a claim needs a period, e.g. --period 2025');
  if (!claim.baseline) throw new UsageError('a claim needs a baseline period, e.g. --baseline 2024');
  if (!claim.change) throw new UsageError("a claim needs a change, e.g. --change '>30%'");
  const current = parsePeriod(claim.period, now);
  const baseline = parsePeriod(claim.baseline, now);
  const change = parseChange(claim.change);
  const filter = resolveFilter(db, claim);
  const plan = planCoverage(db, filter, current, baseline, claim.allSources ?? false);
  const { coverage } = plan;

  // Without a role or text filter the matching postings are the totals the coverage plan already counted.
  // (The active metric counts open postings instead, so it skips these counts.)
  const topical = filter.role !== null || filter.match !== null;
  const count = (period: typeof current, totals: typeof plan.totalsNow) =>
    metric === 'active' ? [] : topical ? dailyCounts(db, filter, period.start, period.end) : totals;
  const rowsNow = count(current, plan.totalsNow);
  const rowsBase = count(baseline, plan.totalsBase);
  const matchNow = countOnDays(rowsNow, plan.included, plan.currentDays);
  const matchBase = countOnDays(rowsBase, plan.included, plan.baselineDays);
  const x1 = sum(matchNow.values());
  const x0 = sum(matchBase.values());
  const t1 = plan.currentDays.size;
  const t0 = plan.baselineDays.size;

  let currentSide: ClaimSide;
  let baselineSide: ClaimSide;
  let estimate: ClaimEstimate | null = null;
  let overdispersion: Overdispersion | null = null;
  const enough = t1 > 0 && t0 > 0 && x1 >= MIN_POSTINGS && x0 >= MIN_POSTINGS;

  if (metric === 'new') {
    currentSide = { period: current, count: x1, total: null, days: t1, value: t1 > 0 ? x1 / t1 : 0 };
    baselineSide = { period: baseline, count: x0, total: null, days: t0, value: t0 > 0 ? x0 / t0 : 0 };
    if (enough) {
      const r = poissonRateRatio(x1, t1, x0, t0, LEVEL);
      overdispersion = weeklyDispersion(
        matchNow,
        plan.currentDays,
        x1 / t1,
        matchBase,
        plan.baselineDays,
        x0 / t0,
      );
      let { lower, upper } = r;
      let method =
        'exact conditional interval for a ratio of Poisson rates (Clopper–Pearson on the binomial split of the total)';
      if (overdispersion?.widened) {
        ({ lower, upper } = widenOnLogScale(r.ratio, lower, upper, overdispersion.dispersion));
        method += `, widened for overdispersion (${overdispersion.note})`;
      }
      estimate = { ratio: r.ratio, change: r.ratio - 1, interval: { lower, upper, level: LEVEL }, method };
    }
  } else if (metric === 'share') {
    const a1 = sum(countOnDays(plan.totalsNow, plan.included, plan.currentDays).values());
    const a0 = sum(countOnDays(plan.totalsBase, plan.included, plan.baselineDays).values());
    currentSide = { period: current, count: x1, total: a1, days: t1, value: a1 > 0 ? x1 / a1 : 0 };
    baselineSide = { period: baseline, count: x0, total: a0, days: t0, value: a0 > 0 ? x0 / a0 : 0 };
    const r = enough ? proportionRatio(x1, a1, x0, a0, LEVEL) : null;
    if (r) {
      estimate = {
        ratio: r.ratio,
        change: r.ratio - 1,
        interval: { lower: r.lower, upper: r.upper, level: LEVEL },
        method:
          'ratio of two proportions with the Katz log interval (matching postings / all postings of the same sources and city)',
      };
    }
  } else {
    // Active: mean daily stock over the period, from first seen to closed (or last seen).
    const panelFilter = { ...filter, sources: [...plan.included] };
    const stockNow =
      plan.included.size > 0
        ? activeStock(db, panelFilter, current.start, current.end)
        : { postings: 0, posting_days: 0 };
    const stockBase =
      plan.included.size > 0
        ? activeStock(db, panelFilter, baseline.start, baseline.end)
        : { postings: 0, posting_days: 0 };
    currentSide = {
      period: current,
      count: stockNow.postings,
      total: null,
      days: current.days,
      value: stockNow.posting_days / current.days,
    };
    baselineSide = {
      period: baseline,
      count: stockBase.postings,
      total: null,
      days: baseline.days,
      value: stockBase.posting_days / baseline.days,
    };
    const enoughActive =
      t1 > 0 && t0 > 0 && stockNow.postings >= MIN_POSTINGS && stockBase.postings >= MIN_POSTINGS;
    if (enoughActive && baselineSide.value > 0) {
      const ratio = currentSide.value / baselineSide.value;
      // The uncertainty comes from the number of distinct postings (Poisson); their durations are taken as known.
      const r = poissonRateRatio(stockNow.postings, 1, stockBase.postings, 1, LEVEL);
      const scale = ratio / r.ratio;
      estimate = {
        ratio,
        change: ratio - 1,
        interval: { lower: r.lower * scale, upper: r.upper * scale, level: LEVEL },
        method:
          'ratio of mean daily stocks (open postings per day); interval from the exact Poisson interval on the numbers of distinct active postings, durations taken as known',
      };
    }
  }

  const target = 1 + change.threshold;
  let verdict: Verdict;
  let reason: string;
  const minCount = Math.min(currentSide.count, baselineSide.count);
  if (!estimate) {
    verdict = 'insufficient data';
    if (t1 === 0 || t0 === 0) {
      const missing = t1 === 0 ? current.label : baseline.label;
      reason =
        plan.included.size === 0
          ? `no source was watched in both ${current.label} and ${baseline.label}, so there is nothing to compare like with like`
          : `no day of ${missing} was watched by the sources compared`;
    } else {
      reason = `${minCount} postings in the smaller period; at least ${MIN_POSTINGS} in each are needed for a verdict`;
    }
  } else {
    const { lower, upper } = estimate.interval;
    const pct = (v: number) => `${v >= 1 ? '+' : ''}${((v - 1) * 100).toFixed(1)}%`;
    const range = `${pct(estimate.ratio)} (95% interval ${pct(lower)} to ${pct(upper)})`;
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

  const caveats = [
    ...coverageCaveats(coverage),
    ...seasonalityCaveats(current, baseline, filter.city === null || isChineseCity(filter.city)),
  ];
  if (overdispersion?.widened) {
    caveats.push(
      `Weekly counts vary more than chance would (dispersion ${overdispersion.dispersion.toFixed(2)}, p = ${formatP(overdispersion.pValue)}): the interval was widened to allow for it.`,
    );
  }
  if (estimate && minCount < 100) {
    caveats.push(
      `Small counts (${minCount} postings in the smaller period): the interval is wide; more weeks of data will narrow it.`,
    );
  }
  const today = now.toISOString().slice(0, 10);
  if (current.end > today || baseline.end > today) {
    caveats.push('A period is not over yet: its rate covers only the days watched so far.');
  }
  caveats.push(DEDUP_NOTE, POSTINGS_ARE_NOT_VACANCIES);

  const metricWords = {
    new: 'New postings per day',
    share: 'The share of postings',
    active: 'Open postings per day',
  }[metric];
  const statement = `${metricWords} (${filter.description}) ${describeChange(change)} from ${baseline.label} to ${current.label}`;
  return {
    claim,
    statement,
    metric,
    change,
    filter,
    current: currentSide,
    baseline: baselineSide,
    estimate,
    overdispersion,
    verdict,
    reason,
    coverage,
    caveats,
  };
}

/** Pearson dispersion of weekly counts around each period's constant daily rate (two rates fitted). */
function weeklyDispersion(
  nowByDay: Map<string, number>,
  nowDays: Set<string>,
  nowRate: number,
  baseByDay: Map<string, number>,
  baseDays: Set<string>,
  baseRate: number,
): Overdispersion | null {
  const cells = [...weekCells(nowByDay, nowDays, nowRate), ...weekCells(baseByDay, baseDays, baseRate)];
  const d = pearsonDispersion(cells, 2);
  if (!d) return null;
  const widened = d.dispersion > 1 && d.pValue < 0.05;
  return {
    ...d,
    widened,
    note: widened
      ? `quasi-Poisson: log-scale half-widths × √φ, φ = ${d.dispersion.toFixed(2)} from ${d.df + 2} weekly counts`
      : `weekly counts consistent with Poisson (φ = ${d.dispersion.toFixed(2)}, p = ${formatP(d.pValue)})`,
  };
}

function weekCells(
  byDay: Map<string, number>,
  days: Set<string>,
  rate: number,
): Array<{ observed: number; expected: number }> {
  const weeks = new Map<string, { observed: number; days: number }>();
  for (const day of days) {
    const week = mondayOf(day);
    const cell = weeks.get(week) ?? { observed: 0, days: 0 };
    cell.observed += byDay.get(day) ?? 0;
    cell.days += 1;
    weeks.set(week, cell);
  }
  return [...weeks.values()].map((w) => ({ observed: w.observed, expected: rate * w.days }));
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

function formatP(p: number): string {
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}
