// A hand-written ReportData for render tests: realistic numbers, and hostile text in every place a
// posting or a run can put text (companies, districts, cities, error summaries, claim quotes).
import type {
  ClaimReading,
  ClaimReadingsResult,
  ClaimResult,
  GrowthBucket,
  Period,
  SkillRow,
} from '../../src/analysis/types.js';
import type { ReportData } from '../../src/report/report-data.js';

export const HOSTILE = [
  '<script>alert(1)</script>',
  '[x](javascript:alert(1))',
  '![img](http://evil)',
  '| a | b |',
  '`rm -rf /`',
  '**bold**',
  '<img src=x onerror=alert(1)>',
  'line\nbreak # heading',
];

/** The address of the sample's published claim: the report links it. */
export const SAMPLE_CLAIM_URL = 'https://example.com/news?id=1';

const period = (label: string, start: string, end: string, days: number): Period => ({
  label,
  start,
  end,
  days,
});
const oct = period('2026-10', '2026-10-01', '2026-10-31', 31);
const sep = period('2026-09', '2026-09-01', '2026-09-30', 30);
const oct25 = period('2025-10', '2025-10-01', '2025-10-31', 31);

function bucket(label: string, count: number, total: number, days: number): GrowthBucket {
  const start = `${label}-01`;
  return {
    label,
    start,
    end: `${label}-${days}`,
    days,
    count,
    total,
    share: total > 0 ? count / total : null,
    perDay: count / days,
    incomplete: false,
    watchedDays: label === '2026-02' ? days - 3 : days,
    sourcesWatched: ['zhaopin'],
    vsPrevious: null,
    vsYearBefore: null,
  };
}

/**
 * The verdict the interval gives for "rose by more than 30%", as analysis decides it (claim.ts, judgeClaim):
 * supported when the whole interval is at or above 1.3, contradicted when it is wholly below, else inconclusive.
 */
function verdictOf(interval: { lower: number; upper: number }): ClaimResult['verdict'] {
  if (interval.lower >= 1.3) return 'supported';
  if (interval.upper < 1.3) return 'contradicted';
  return 'inconclusive';
}

/**
 * A comparison of `current` postings in `now` against `baseline` in `base`, claimed to have risen by more than
 * 30%. Its interval is the usual large-sample one for a ratio of Poisson rates (log scale, ±1.96·√(1/x₁ + 1/x₀)),
 * widened by √φ when `widened`; its verdict is the one that interval gives, so figures and verdict agree.
 */
function claim(
  current: number,
  baseline: number,
  base: Period,
  text?: string,
  now: Period = oct,
  widened = true,
): ClaimResult {
  const ratio = current / now.days / (baseline / base.days);
  const dispersion = 2.31;
  const half = 1.96 * Math.sqrt(1 / current + 1 / baseline) * (widened ? Math.sqrt(dispersion) : 1);
  const interval = { lower: ratio * Math.exp(-half), upper: ratio * Math.exp(half), level: 0.95 };
  const verdict = verdictOf(interval);
  const pct = (v: number) => `${v >= 1 ? '+' : ''}${((v - 1) * 100).toFixed(1)}%`;
  const where: Record<string, string> = { supported: 'above', contradicted: 'below', inconclusive: 'around' };
  return {
    claim: {
      id: text ? 'news-claim' : undefined,
      text,
      role: 'ai-trainer',
      city: 'Shanghai',
      period: '2026-10',
      baseline: base.label,
      change: '>30%',
    },
    statement: `new postings per day for role ai-trainer, city Shanghai rose by more than 30% from ${base.label} to 2026-10`,
    metric: 'new',
    change: { direction: 'rise', threshold: 0.3, inclusive: false, text: '>30%' },
    filter: {
      role: 'ai-trainer',
      match: null,
      city: 'Shanghai',
      sources: null,
      description: 'role ai-trainer, city Shanghai',
    },
    current: {
      period: now,
      incomplete: false,
      count: current,
      total: null,
      days: now.days,
      value: current / now.days,
    },
    baseline: {
      period: base,
      incomplete: false,
      count: baseline,
      total: null,
      days: base.days,
      value: baseline / base.days,
    },
    estimate: {
      ratio,
      change: ratio - 1,
      interval,
      method: 'exact conditional (binomial) interval for a ratio of Poisson rates, Clopper–Pearson',
    },
    overdispersion: widened
      ? {
          dispersion,
          chiSquare: 9.2,
          df: 4,
          pValue: 0.02,
          widened: true,
          note: 'quasi-Poisson: log-scale half-width × √φ (φ = 2.31)',
        }
      : null,
    pValue: 0.004,
    test: { kind: 'poisson', x1: current, x0: baseline, offset: base.days / 31, dispersion },
    verdict,
    reason: `the 95% interval of the change (${pct(interval.lower)} to ${pct(interval.upper)}) is ${where[verdict]} +30% — ${HOSTILE[0]}`,
    unavailable: null,
    coverage: {
      panel: 'same-source',
      included: ['zhaopin'],
      excluded: [
        { sourceId: 'boss', reason: 'not watched in 2025-10', watchedIn: 'current', days: 12, postings: 30 },
      ],
      assumed: [],
      current: { period: now, sources: [], exposureDays: now.days },
      baseline: { period: base, sources: [], exposureDays: base.days },
    },
    caveats: [
      { code: 'not-vacancies', text: 'postings are not vacancies' },
      {
        code: 'source-new',
        sourceId: HOSTILE[2]!,
        current: '2026-10',
        baseline: base.label,
        days: 12,
        postings: 30,
        text: `a source said ${HOSTILE[2]}`,
      },
    ],
  };
}

/** A claim that names its periods: one reading. */
function stated(result: ClaimResult): ClaimReadingsResult {
  return {
    claim: result.claim,
    statement: 'New postings per watched day (role ai-trainer, city Shanghai) rose by more than 30%',
    asOf: null,
    metric: 'new',
    change: result.change,
    filter: result.filter,
    readings: [
      {
        id: 'stated',
        name: 'as stated',
        description: 'the periods the claim names',
        result,
        adjustedPValue: result.pValue,
        supportedAfterCorrection: result.verdict === 'supported',
        sameAs: null,
      },
    ],
    overall: {
      verdict: result.verdict,
      summary: result.reason,
      readings: 1,
      supported: result.verdict === 'supported' ? 1 : 0,
      contradicted: 0,
      inconclusive: 0,
      insufficient: 0,
      supportedAfterCorrection: 1,
      comparisons: 1,
      mostData: 'stated',
    },
    caveats: result.caveats,
  };
}

/** A claim as a newspaper wrote it, as of 2026-11-02: four readings, yearly ones supported, the quarter not. */
function asPublished(): ClaimReadingsResult {
  const y25 = period('2025', '2025-01-01', '2025-12-31', 365);
  const y24 = period('2024', '2024-01-01', '2024-12-31', 366);
  const m12 = period('2025-11..2026-10', '2025-11-01', '2026-10-31', 365);
  const m12b = period('2024-11..2025-10', '2024-11-01', '2025-10-31', 365);
  const q3 = period('2026-Q3', '2026-07-01', '2026-09-30', 92);
  const q3b = period('2025-Q3', '2025-07-01', '2025-09-30', 92);
  const reading = (
    id: ClaimReading['id'],
    result: ClaimResult,
    adjustedPValue: number | null,
    sameAs: ClaimReading['id'] | null = null,
  ): ClaimReading => ({
    id,
    name: id,
    description: id,
    result,
    adjustedPValue,
    supportedAfterCorrection: result.verdict === 'supported',
    sameAs,
  });
  const year = claim(1500, 1000, y24, undefined, y25);
  const notWatched = claim(0, 0, oct25, undefined, oct, false);
  notWatched.verdict = 'insufficient data';
  notWatched.estimate = null;
  notWatched.pValue = null;
  notWatched.test = null;
  notWatched.current = { ...notWatched.current, value: null, days: 0 };
  notWatched.reason = `2026-10 was not watched ${HOSTILE[0]}`;
  notWatched.unavailable = { code: 'not-watched', period: '2026-10', text: notWatched.reason };
  return {
    claim: {
      id: 'shanghai-ai-trainers',
      text: `the demand for AI trainers in Shanghai has surged by over 30% ${HOSTILE[6]}`,
      publisher: `A paper ${HOSTILE[1]}`,
      published: '2026-11-02',
      url: SAMPLE_CLAIM_URL,
      role: 'ai-trainer',
      city: '上海',
      change: '>30%',
    },
    statement: `New postings per watched day (role ai-trainer, city Shanghai, match ${HOSTILE[5]}) rose by more than 30%`,
    asOf: '2026-11-02',
    metric: 'new',
    change: year.change,
    filter: year.filter,
    readings: [
      reading('calendar-year', year, 0.0003),
      reading('twelve-months', claim(1450, 1000, m12b, undefined, m12, false), 0.004),
      reading('quarter', claim(300, 320, q3b, undefined, q3, false), 1),
      reading('month', notWatched, null),
    ],
    overall: {
      verdict: 'depends',
      summary: 'Supported under 2 of 4 readings — depends on the period meant.',
      readings: 4,
      supported: 2,
      contradicted: 1,
      inconclusive: 0,
      insufficient: 1,
      supportedAfterCorrection: 2,
      comparisons: 3,
      mostData: 'calendar-year',
    },
    caveats: [
      { code: 'not-vacancies', text: 'Postings are not vacancies.' },
      { code: 'seasonality', current: '2026-10', baseline: '2025-10', text: `Seasonality ${HOSTILE[3]}` },
    ],
  };
}

function skill(
  skillId: string,
  name: string,
  nameZh: string | null,
  count: number,
  share: number,
  difference: number,
  q: number,
): SkillRow {
  return {
    skillId,
    name,
    nameZh,
    category: null,
    count,
    share,
    compare: {
      count: Math.round(count * 0.8),
      share: share - difference,
      difference,
      z: 2.5,
      pValue: q / 2,
      qValue: q,
      emerging: q < 0.05 && difference > 0,
    },
  };
}

export function sampleReportData(): ReportData {
  const months = [
    '2025-11',
    '2025-12',
    '2026-01',
    '2026-02',
    '2026-03',
    '2026-04',
    '2026-05',
    '2026-06',
    '2026-07',
    '2026-08',
    '2026-09',
    '2026-10',
  ];
  const buckets = months.map((m, i) => bucket(m, 40 + i * 6, 400 + i * 10, m === '2026-02' ? 28 : 30));
  return {
    subject: {
      role: 'ai-trainer',
      match: null,
      city: 'Shanghai',
      sources: null,
      description: 'role ai-trainer, city Shanghai',
    },
    period: oct,
    defaultPeriod: true,
    databasePostings: 5210,
    postings: 106,
    allPostings: 510,
    headline: [
      {
        against: 'previous',
        baseline: sep,
        result: claim(106, 100, sep),
        unavailable: null,
        error: null,
      },
      {
        against: 'year-earlier',
        baseline: oct25,
        result: null,
        unavailable: {
          code: 'no-common-source',
          current: '2026-10',
          baseline: '2025-10',
          allSources: false,
          text: 'no source was watched in both periods',
        },
        error: null,
      },
    ],
    series: {
      by: 'month',
      buckets,
      trend: {
        months: 12,
        slope: 0.09,
        intercept: Math.log(40 / 30),
        rSquared: 0.97,
        monthlyGrowth: Math.exp(0.09) - 1,
        interval: { lower: 0.07, upper: 0.11, level: 0.95 },
        method: 'OLS of ln(count per day) on month, t interval',
      },
      trendNote: null,
      caveats: [
        { code: 'spring-festival', dates: ['2026-02-17'], text: '2026-02 includes the Spring Festival' },
      ],
    },
    skills: {
      filter: {
        role: 'ai-trainer',
        match: null,
        city: 'Shanghai',
        sources: null,
        description: 'role ai-trainer, city Shanghai',
      },
      period: oct,
      comparePeriod: sep,
      postings: 106,
      comparePostings: 100,
      skills: [
        skill('data-labeling', 'Data labeling', '数据标注', 80, 0.755, 0.01, 0.8),
        skill('rlhf', 'RLHF', null, 40, 0.377, 0.15, 0.004),
        skill('python', 'Python', null, 30, 0.283, -0.02, 0.6),
        skill('evil', HOSTILE[1]!, HOSTILE[0]!, 3, 0.028, 0, 1),
      ],
      emerging: ['rlhf'],
      method: 'two-proportion z test (pooled), Benjamini–Hochberg across 4 skills',
      tested: 4,
      minSupport: 10,
      caveats: [],
    },
    companies: HOSTILE.map((company, i) => ({ company, postings: 20 - i })),
    cities: [{ city: 'Shanghai', postings: 106 }],
    districts: [
      { city: 'Shanghai', district: '浦东新区', postings: 50 },
      { city: 'Shanghai', district: HOSTILE[3]!, postings: 5 },
    ],
    pay: [
      {
        role: 'ai-trainer',
        city: 'Shanghai',
        currency: 'CNY',
        period: 'month',
        n: 60,
        p10: 6000,
        p25: 8000,
        median: 10000,
        p75: 12500,
        p90: 16000,
      },
      {
        role: 'ai-trainer',
        city: 'Shanghai',
        currency: 'CNY',
        period: 'piece',
        n: 5,
        p10: 0.3,
        p25: 0.4,
        median: 0.5,
        p75: 0.8,
        p90: 1,
      },
      {
        role: 'ai-trainer',
        city: 'Shanghai',
        currency: 'USD',
        period: 'hour',
        n: 4,
        p10: 18,
        p25: 20,
        median: 25,
        p75: 30,
        p90: 40,
      },
    ],
    payByRole: [
      {
        role: 'ai-trainer',
        city: null,
        currency: 'CNY',
        period: 'month',
        n: 60,
        p10: 6000,
        p25: 8000,
        median: 10000,
        p75: 12500,
        p90: 16000,
      },
      {
        role: 'ai-trainer',
        city: null,
        currency: 'USD',
        period: 'hour',
        n: 4,
        p10: 18,
        p25: 20,
        median: 25,
        p75: 30,
        p90: 40,
      },
    ],
    claims: [stated(claim(106, 45, oct25, `Demand ${HOSTILE[5]} surged ${HOSTILE[1]}`)), asPublished()],
    claimErrors: [
      {
        claim: 'bad-claim',
        reason: `unknown role "${HOSTILE[0]}"`,
        detail: { code: 'unknown-role', values: { role: HOSTILE[0]!, known: 'ai-trainer, data-annotator' } },
      },
    ],
    coverage: {
      sources: [
        {
          sourceId: 'zhaopin',
          name: '智联招聘',
          kind: 'html',
          lifetimeDays: 30,
          watchedDays: 31,
          assumed: false,
          backlog: 212,
          runs: 31,
          okRuns: 29,
          partialRuns: 1,
          failedRuns: 1,
          interruptedRuns: 0,
          postings: 480,
          lastRunAt: '2026-11-24T02:00:00.000Z',
        },
        {
          sourceId: 'boss',
          name: 'BOSS直聘',
          kind: 'browser',
          lifetimeDays: 45,
          watchedDays: 12,
          assumed: false,
          backlog: 40,
          runs: 14,
          okRuns: 10,
          partialRuns: 0,
          failedRuns: 4,
          interruptedRuns: 0,
          postings: 30,
          lastRunAt: '2026-11-24T03:00:00.000Z',
        },
      ],
      problemRuns: [
        {
          id: 77,
          sourceId: 'boss',
          startedAt: '2026-10-12T03:00:00.000Z',
          status: 'failed',
          errorCount: 3,
          errorSummary: `blocked: captcha ${HOSTILE[6]}`,
        },
      ],
      problemRunsTotal: 5,
      firstPostingDate: '2025-09-01',
      lastPostingDate: '2026-11-24',
    },
  };
}
