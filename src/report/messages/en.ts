// The English words of the trend report (see report-messages.ts for the contract). Caveats, reasons and method
// notes are the analysis' own English text, so the report and the CLI say the same thing.
import { formatTick } from '../charts/svg-frame.js';
import { CLAIM_WORDS, quotableSentence, readingName, verdictHeadline } from '../claim-words.js';
import {
  formatChange,
  formatCount,
  formatMoney,
  formatP,
  formatPercent,
  formatPoints,
  formatRate,
} from '../format.js';
import type { Against, ReportMessages, SubjectWords } from './report-messages.js';

/** How pay periods read in a heading or axis label. */
const PAY_PERIOD_WORDS: Record<string, string> = {
  hour: 'per hour',
  day: 'per day',
  week: 'per week',
  month: 'per month',
  year: 'per year',
  piece: 'per piece (元/条)',
};

/** Display names of the taxonomy's role ids. Unknown ids are shown as they are. */
const ROLE_NAMES: Record<string, string> = {
  'ai-trainer': 'AI trainer (AI训练师)',
  'data-annotator': 'data annotator (数据标注)',
  'ai-rater': 'AI rater / evaluator (模型评测)',
  'ai-tutor': 'AI tutor',
  'prompt-engineer': 'prompt engineer (提示词工程师)',
  'ai-other': 'other AI roles',
};

const AGAINST: Record<Against, string> = {
  previous: 'the previous period',
  'year-earlier': 'a year earlier',
  'year-before': 'the year before',
};

function subject(s: SubjectWords): string {
  const parts = [s.role];
  if (s.match !== null) parts.push(`matching “${s.match}”`);
  parts.push(s.city !== null ? `in ${s.city}` : 'in all cities');
  return parts.join(' ');
}

const changeInterval = (lower: number, upper: number) => `${formatChange(lower)} to ${formatChange(upper)}`;

export const en: ReportMessages = {
  lang: 'en',
  htmlLang: 'en',
  fileSuffix: '',
  format: {
    count: formatCount,
    postings: formatCount,
    percent: (x) => formatPercent(x),
    change: (x) => formatChange(x),
    points: formatPoints,
    rate: formatRate,
    money: formatMoney,
    p: formatP,
    changeInterval,
    period: (label) => label,
    day: (day) => day,
    time: (iso) => iso.slice(0, 16).replace('T', ' '),
    axisLabel: (label) => label,
  },
  names: {
    role: (id) => ROLE_NAMES[id] ?? null,
    allRoles: 'all roles',
    city: () => null,
    source: () => null,
    skill: (row) => (row.nameZh && row.nameZh !== row.name ? `${row.name} (${row.nameZh})` : row.name),
    kind: (kind) => kind,
    status: (status) => status,
    payUnit: (currency, period) => `${currency} ${PAY_PERIOD_WORDS[period] ?? `per ${period}`}`,
    currency: (code) => code,
    metric: (metric) => metric,
    verdict: (verdict) => verdict,
  },
  chart: {
    fontStack:
      "system-ui, -apple-system, 'Segoe UI', 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif",
    svgLang: null,
    noData: 'no data',
    thisPeriod: 'this period',
    previousPeriod: 'previous period',
    boxLegend: 'box: 25th–75th percentile · bar: median · whiskers: 10th–90th',
    tick: formatTick,
    lineDescription: (series, axis, first, last) => `${series} by ${axis}, ${first} to ${last}`,
    barDescription: (axis, items) => `${axis}: ${items.map((i) => `${i.label} ${i.value}`).join(', ')}`,
    boxDescription: (axis, groups) =>
      `${axis}: ${groups.map((g) => `${g.label} median ${g.median} (n=${g.n})`).join(', ')}`,
    boxCount: (n) => `n=${n}`,
    band: '95% interval',
    trendBand: 'trend, 95% interval',
    barWhiskers: 'whiskers: 95% interval',
    shareCount: (share, count) => `${share} (${formatCount(count)})`,
  },
  caveat: (c, m) => m.text(c.text),
  unavailable: (u, m) => m.text(u.text),

  title: (s, period) => `Job postings: ${subject(s)}, ${period}`,
  sample: {
    notice: ({ postings, other }, m) =>
      other === 0
        ? `${m.strong('Sample data.')} Every posting in this report was made up by ${m.code('jobtrend demo')}: invented postings at invented companies, served by jobtrend itself on 127.0.0.1. They say nothing about the real job market.`
        : `${m.strong('Sample data.')} ${formatCount(postings)} of the postings in this database were made up by ${m.code('jobtrend demo')} (invented postings at invented companies) and are counted here with ${formatCount(other)} others: the figures below say nothing reliable about the real job market.`,
    skipped: ({ source, fix }, m) =>
      `${m.strong('Skipped:')} the ${m.code(source)} source (read through real Chromium): there is no Chromium on this machine, so its sample was not read and its postings are missing from this report. Install it with ${m.code(fix)} and run the demo again.`,
  },
  generated: ({ day, period: p, defaultPeriod }, m) =>
    m.em(
      `Generated ${day} by jobtrend. Period ${p.label}: ${p.start} to ${p.end} (${p.days} days)` +
        (defaultPeriod ? ` — the last full calendar month; choose another with ${m.code('--period')}` : '') +
        '.',
    ),

  noData: {
    heading: 'No data yet',
    text: (m) =>
      [
        `The database holds no postings, so there is nothing to report. Run ${m.code('jobtrend scrape')} (or let the`,
        'scheduled jobs run for a while), then write the report again.',
      ].join('\n'),
  },
  noMatches: {
    heading: 'No matching postings in this period',
    text: ({ subject: s, period, allPostings, database }, m) =>
      `No deduplicated postings for ${subject(s)} have an effective date in ${period}` +
      ` (${formatCount(allPostings)} postings of any role in the period).` +
      (database
        ? ` The database holds ${formatCount(database.postings)} deduplicated postings dated ${database.first} to ${database.last}.`
        : '') +
      ` Choose another ${m.code('--period')}, ${m.code('--role')} or ${m.code('--city')}, or check the coverage below.`,
  },

  headline: {
    heading: 'Headline',
    incomplete: (period, m) =>
      `${m.strong(`${period} is not over yet (incomplete):`)} the figures below cover only the days watched so far, so they are no headline; write the report again when the period has ended.`,
    sentence: ({ period, postings, subject: s, share, clauses }, m) =>
      `In ${period}, jobtrend counted ${m.strong(formatCount(postings))} new postings for ${subject(s)}` +
      (share
        ? ` (${formatPercent(share.share)} of all ${formatCount(share.all)} postings in the period)`
        : '') +
      (clauses.length > 0 ? `; ${clauses.join(', and ')}.` : '.'),
    clause: ({ against, baseline, direction, change, lower, upper }) =>
      `against ${AGAINST[against]} (${baseline}) the daily rate is ${direction === 'unclear' ? 'not clearly changed' : direction}, ` +
      `${formatChange(change)} (95% interval ${changeInterval(lower, upper)})`,
    columns: [
      'growth',
      'baseline',
      'baseline postings',
      'this period',
      'change in daily rate',
      '95% interval',
      'sources compared',
    ],
    against: (against) => `against ${AGAINST[against]}`,
    baseline: (p) => `${p.label} (${p.start} to ${p.end})`,
    side: (count, days, rate) => `${formatCount(count)} in ${days} days (${formatRate(rate)}/day)`,
    notWatched: 'not watched',
    noReason: 'not enough data',
    sources: (panel, included) =>
      panel === 'same-source' ? `same-source panel: ${included.join(', ') || 'none'}` : 'all sources',
    error: (message) => message,
    notes: ({ englishMethods }) =>
      [
        englishMethods.length > 0 ? `Intervals: ${englishMethods.join('; ')}.` : '',
        'Growth compares postings per watched day, counted only on sources watched in both periods, so the counts in',
        'this table can be smaller than the headline count.',
      ]
        .filter((s) => s.length > 0)
        .join(' '),
    overdispersion: (o) => o.note,
  },

  trend: {
    heading: 'Trend',
    noSeries: 'No time series is available for this subject.',
    seriesError: (message) => `No series: ${message}`,
    unit: (by) => by,
    newAlt: (by) => `New postings per watched day, by ${by}`,
    newTitle: (by, s) => `New postings per watched day, by ${by}: ${subject(s)}`,
    newSeries: 'new postings per watched day (deduplicated; * not over yet; gaps: not watched)',
    trendSeries: (growth) => `log-linear trend (${formatChange(growth)} per month)`,
    newAxis: 'new postings per watched day',
    shareNotCharted: (m) =>
      `The share of all postings is charted when the report is about one role (${m.code('--role')}).`,
    shareAlt: 'Share of all postings',
    shareTitle: (s) => `Share of all postings: ${subject(s)}`,
    shareSeries: 'matching postings / all postings from the same sources',
    shareAxis: 'share of all postings (%)',
    line: (t, method, m) =>
      `Over ${t.months} months the log-linear trend is ${m.strong(`${formatChange(t.monthlyGrowth)} per month`)} ` +
      `(95% interval ${formatChange(t.lower)} to ${formatChange(t.upper)}; ` +
      `R² ${t.rSquared.toFixed(2)}; ${method}).`,
    noTrend: 'No trend line: too few complete watched months.',
    shareNote: [
      'The share divides matching postings by all postings from the same sources and city, which cancels most',
      'changes in how many boards were scraped.',
    ].join('\n'),
  },

  skills: {
    heading: 'Skills',
    none: 'No skills were recognised in the matching postings of this period.',
    alt: 'Top skills by share of postings',
    chartTitle: (s, period) => `Top skills: ${subject(s)}, ${period}`,
    chartAxis: (postings) => `share of ${formatCount(postings)} matching postings naming the skill (%)`,
    columns: (compare) => [
      'skill',
      'postings',
      'share',
      `share in ${compare ?? 'previous period'}`,
      'change',
      'q (BH)',
      'sig.',
    ],
    notSignificant: 'n.s.',
    emergingHeading: 'Emerging skills',
    emergingColumns: ['skill', 'postings', 'share', 'change', 'q (BH)'],
    shareChange: (before, after) => `${before} → ${after}`,
    noEmerging: 'No skill rose significantly (q < 0.05 with enough postings) against the comparison period.',
    note: ({ method }) =>
      [
        'Share = postings naming the skill / matching postings in the period. Change is in percentage points;',
        `q is the two-proportion test's p-value after Benjamini–Hochberg correction across skills (*** < 0.001, ** < 0.01, * < 0.05, n.s. not significant). Method: ${method}.`,
      ].join('\n'),
  },

  companies: {
    heading: 'Top companies',
    none: 'No company names in the matching postings.',
    columns: ['#', 'company', 'postings', 'share'],
  },

  places: {
    heading: 'Cities and districts',
    cityColumns: ['city', 'postings', 'share'],
    districtColumns: ['city', 'district', 'postings'],
    unknownCity: (m) => m.em('unknown'),
    noDistricts: 'No districts recorded for the matching postings.',
  },

  pay: {
    heading: 'Pay',
    tooFew: 'Too few matching postings state pay to summarise it.',
    implausible: (n) =>
      `${formatCount(n)} ${n === 1 ? 'posting states pay' : 'postings state pay'} no one is paid (such as "1-1 a year" or 3 yuan a month): kept as given, left out of these figures.`,
    chartAlt: (unit) => `Pay ranges by role, ${unit}`,
    chartTitle: (unit, period) => `Pay ranges by role, ${unit}: ${period}`,
    chartAxis: (unit) => `pay, ${unit} (midpoint of the posted range)`,
    columns: ['role', 'city', 'postings with pay', '25th pct', 'median', '75th pct'],
    allCities: 'all cities',
    inferred: ({ count, unit, currency }) =>
      `Currency inferred: ${formatCount(count)} of the postings with pay in ${unit} gave no currency; ${currency} is the currency of their country.`,
    note: [
      'Each figure is the midpoint of the posted range, in the currency and pay period the posting stated; figures are',
      'never converted between hourly, daily, monthly or yearly pay, nor between currencies. Piece rates are listed',
      'apart. Monthly pay excludes extra months (13薪 and the like). Percentiles are nearest-rank; groups with fewer',
      'than 3 postings are left out.',
    ].join('\n'),
  },

  claims: {
    heading: CLAIM_WORDS.heading,
    intro: CLAIM_WORDS.intro,
    summaryColumns: [...CLAIM_WORDS.summaryHeader],
    readingsColumns: [...CLAIM_WORDS.readingsHeader],
    statement: ({ statement }, m) => m.text(statement),
    headline: verdictHeadline,
    quotable: (claim, subject) => quotableSentence(claim, subject),
    verdictLine: (headline, quotable, m) => `${m.strong(`${headline}.`)} ${quotable}`,
    readingName,
    sameAs: (reading, earlier) => `${reading} (${CLAIM_WORDS.samePeriodsAs} ${earlier})`,
    origin: (parts) => `— ${parts.join(', ')}`,
    counts: (baseline, current) => `${formatCount(baseline)} → ${formatCount(current)}`,
    notWatched: CLAIM_WORDS.notWatched,
    tested: (statement, asOf) =>
      `${CLAIM_WORDS.tested}: ${statement}${asOf ? ` (${CLAIM_WORDS.asOf} ${asOf})` : ''}.`,
    mostData: ({ reading, current, baseline, postings }) =>
      `${CLAIM_WORDS.mostData}: ${reading} (${current} ${CLAIM_WORDS.against} ${baseline}, ${formatCount(postings)} ${CLAIM_WORDS.postings}).`,
    notChecked: (reading, why) => `${CLAIM_WORDS.notChecked}: ${reading} — ${why}`,
    method: ({ english }) => `${CLAIM_WORDS.method}: ${english}.`,
    widened: (readings) =>
      `${CLAIM_WORDS.widened}: ${readings.map((r) => `${r.reading} (${r.overdispersion.note})`).join('; ')}.`,
    sources: ({ panel, included, excluded }) =>
      `${CLAIM_WORDS.sources}: ${panel === 'same-source' ? CLAIM_WORDS.sameSourcePanel : CLAIM_WORDS.allSources} (${included.join(', ') || CLAIM_WORDS.none})` +
      (excluded.length > 0
        ? `; ${CLAIM_WORDS.leftOut}: ${excluded.map((x) => `${x.sourceId} (${x.reason})`).join(', ')}`
        : '') +
      '.',
    caveat: (text) => `${CLAIM_WORDS.caveat}: ${text}`,
    error: (claim, reason) => `${claim}: ${CLAIM_WORDS.couldNotCheck} — ${reason}`,
  },

  coverage: {
    heading: 'Data coverage',
    noSources: 'No source has been scraped or imported yet.',
    columns: (days) => [
      'source',
      'kind',
      'posting lifetime (days)',
      `days watched (of ${days})`,
      'runs in period',
      'ok',
      'partial',
      'failed',
      'interrupted',
      'new postings in period',
      'backlog',
      'last run',
    ],
    source: (id, name) => `${id}${name !== null ? ` (${name})` : ''}`,
    watched: (days, assumed) => `${days}${assumed ? ' (assumed)' : ''}`,
    note: [
      'A day counts as watched for a source when jobtrend looked at it (a scrape run, or the collection date of an',
      'imported dataset) within the posting lifetime after that day; "assumed" marks a dataset imported without',
      'collection dates, taken as a continuous log of the days its postings span. A source whose postings carry no',
      'dates is watched only from the day after its first look. Backlog: postings a source already listed when it',
      'was first watched; they count as open postings, never as new ones.',
    ].join('\n'),
    dated: (first, last) => `Postings in the database are dated ${first} to ${last}.`,
    problemsHeading: 'Failed, blocked or interrupted runs in the period',
    problemColumns: ['run', 'source', 'started', 'status', 'errors', 'summary'],
    more: (n, m) => `… and ${formatCount(n)} more (see ${m.code('jobtrend status')}).`,
    noProblems: 'No run in the period failed, was blocked or was interrupted.',
    healthHeading: (m) => `Sources flagged by ${m.code('jobtrend health')}`,
    health: (sources) => {
      const one = sources.length === 1;
      return `${sources.join(', ')}: ${one ? 'its' : 'their'} latest runs no longer give what earlier runs gave, so ${one ? 'its' : 'their'} figures may be changes in the site, not in the market.`;
    },
    flag: (flag, m) => m.text(flag.message, 200),
  },

  method: {
    heading: 'Methodology',
    subject: ({ description }, m) => m.text(description),
    items: (subjectText, short) => [
      [
        'What is counted:',
        [
          'new job postings collected by jobtrend, one per job: reposts and the same job on several',
          '  boards are counted once, at their first appearance (deduplicated postings). A posting counts on its',
          '  effective date: the date it was posted where the source says, else the day it was first seen. What a source',
          '  already listed when it was first watched (its backlog) is never counted as new.',
        ].join('\n'),
      ],
      [
        'Watched days:',
        [
          'a day counts when a source was looked at within its posting lifetime after it (30 days',
          '  unless configured), so a rate is new postings per watched day; a period nobody watched has no rate.',
        ].join('\n'),
      ],
      [
        'Subject:',
        `${subjectText}; roles come from a bilingual taxonomy matched against titles and descriptions.`,
      ],
      ...(short
        ? []
        : ([
            [
              'Growth:',
              [
                'the ratio of postings per watched day in the period to the baseline, on the sources watched in',
                '  both periods (same-source panel), so a board added or broken in between does not look like a change in',
                '  demand. Its 95% interval comes from the exact conditional (binomial) method for a ratio of Poisson rates,',
                '  widened when weekly counts vary more than Poisson allows (quasi-Poisson), as stated where it applies.',
              ].join('\n'),
            ],
            [
              'Trend:',
              [
                'a log-linear regression of monthly rates per watched day over complete, watched months (at least',
                '  six); the growth per month is exp(slope) − 1. A month not over yet is marked and left out.',
              ].join('\n'),
            ],
            [
              'Skills:',
              [
                'share of matching postings naming each skill; changes are tested with a two-proportion z test',
                '  and corrected for testing many skills at once (Benjamini–Hochberg).',
              ].join('\n'),
            ],
            [
              'Pay:',
              'medians and quartiles within one currency and one pay period; never mixed or converted.',
            ],
          ] as [string, string][])),
      [
        'Known limits:',
        [
          'postings are not vacancies (one posting may hire many or none, and some stay up after',
          '  hiring); hiring is seasonal (Spring Festival, 金三银四 in March–April, year-end), so compare a month with the',
          '  same month a year earlier before reading a rise as a trend; coverage varies — see the table above; boards',
          '  that hide older postings make recent periods look larger.',
        ].join('\n'),
      ],
    ],
  },
};
