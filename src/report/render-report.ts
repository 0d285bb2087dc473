// Rendering a trend report: ReportData and the clock in, markdown and SVG chart files out. Pure — no I/O,
// no Date.now(), no locale — so the same data and the same `now` give the same bytes (golden-file tested).
// Every piece of text that came from postings or runs goes through escapeMarkdown / escapeXml.
import { assumedCoverageCaveat } from '../analysis/caveats.js';
import type {
  ClaimEstimate,
  ClaimReading,
  ClaimReadingsResult,
  ClaimResult,
  GrowthBucket,
  SkillRow,
} from '../analysis/types.js';
import { renderBarChart } from './charts/bar-chart.js';
import { renderBoxChart } from './charts/box-chart.js';
import { renderLineChart } from './charts/line-chart.js';
import { CLAIM_WORDS, quotableSentence, readingName, verdictHeadline } from './claim-words.js';
import {
  formatChange,
  formatCount,
  formatMoney,
  formatP,
  formatPercent,
  formatPoints,
  formatRate,
  PAY_PERIOD_WORDS,
  ROLE_NAMES,
  roleName,
  significanceMark,
  slug,
} from './format.js';
import { escapeMarkdown as esc, markdownTable } from './markdown-escape.js';
import type { HeadlineComparison, PayRow, ReportData } from './report-data.js';

export interface RenderOptions {
  /** The report's clock: its date names the files and is printed as the generation date. */
  now: Date;
}

export interface ReportFile {
  /** Path relative to the output folder, e.g. "2026-11-25-ai-trainer-shanghai-2025-10/new-postings.svg". */
  name: string;
  content: string;
}

export interface RenderedReport {
  /** File name of the markdown, relative to the output folder: "2026-11-25-ai-trainer-shanghai-2025-10.md". */
  name: string;
  markdown: string;
  /** Chart files, linked from the markdown by these same relative paths. */
  files: ReportFile[];
}

/**
 * Names a report by its date, subject and period: "2026-11-25-ai-trainer-shanghai-2025-10". The period is in
 * the name so that reports on the same subject for two periods, written the same day, do not replace each other.
 */
export function reportBaseName(data: Pick<ReportData, 'subject' | 'period'>, now: Date): string {
  const parts = [now.toISOString().slice(0, 10), slug(data.subject.role ?? 'all-roles')];
  if (data.subject.city) parts.push(slug(data.subject.city));
  if (data.subject.match) parts.push(slug(data.subject.match));
  parts.push(slug(data.period.label));
  return parts.join('-');
}

export function renderReport(data: ReportData, options: RenderOptions): RenderedReport {
  const base = reportBaseName(data, options.now);
  const files: ReportFile[] = [];
  /** Adds a chart file and returns the markdown image that links it. */
  const chart = (file: string, alt: string, svg: string): string => {
    const name = `${base}/${file}`;
    files.push({ name, content: svg });
    return `![${esc(alt)}](${encodeURI(name)})`;
  };

  const sections: string[] = [title(data), generatedLine(data, options.now)];
  if (data.databasePostings === 0 || data.postings === 0) {
    sections.push(emptyNotice(data));
    if (data.claims.length > 0 || data.claimErrors.length > 0) sections.push(claimsSection(data));
    sections.push(coverageSection(data));
    sections.push(methodologySection(data, true));
  } else {
    sections.push(headlineSection(data));
    sections.push(trendSection(data, chart));
    sections.push(skillsSection(data, chart));
    sections.push(companiesSection(data));
    sections.push(placesSection(data));
    sections.push(paySection(data, chart));
    if (data.claims.length > 0 || data.claimErrors.length > 0) sections.push(claimsSection(data));
    sections.push(coverageSection(data));
    sections.push(methodologySection(data, false));
  }
  const markdown = `${sections.filter((s) => s.length > 0).join('\n\n')}\n`;
  return { name: `${base}.md`, markdown, files };
}

// ---------------------------------------------------------------------------------------------------

/** The subject in words, as plain text (for charts: escaped there as XML). */
function subjectPlain(data: ReportData): string {
  const parts = [roleName(data.subject.role)];
  if (data.subject.match) parts.push(`matching “${data.subject.match}”`);
  parts.push(data.subject.city ? `in ${data.subject.city}` : 'in all cities');
  return parts.join(' ');
}

/** The subject in words, as markdown: the role's display name is ours, city and match text are escaped. */
function subjectWords(data: ReportData): string {
  const role = data.subject.role;
  const parts = [role && ROLE_NAMES[role] ? ROLE_NAMES[role] : esc(roleName(role))];
  if (data.subject.match) parts.push(`matching “${esc(data.subject.match)}”`);
  parts.push(data.subject.city ? `in ${esc(data.subject.city)}` : 'in all cities');
  return parts.join(' ');
}

/** Whether the report is about part of the postings (a role or a text match), so a share means something. */
function narrowed(data: ReportData): boolean {
  return data.subject.role !== null || data.subject.match !== null;
}

function title(data: ReportData): string {
  return `# Job postings: ${subjectWords(data)}, ${esc(data.period.label)}`;
}

function generatedLine(data: ReportData, now: Date): string {
  const p = data.period;
  return [
    `_Generated ${now.toISOString().slice(0, 10)} by jobtrend. Period ${esc(p.label)}: ${p.start} to ${p.end} (${p.days} days)`,
    data.defaultPeriod ? ' — the last full calendar month; choose another with `--period`' : '',
    '._',
  ].join('');
}

function emptyNotice(data: ReportData): string {
  if (data.databasePostings === 0) {
    return [
      '## No data yet',
      '',
      'The database holds no postings, so there is nothing to report. Run `jobtrend scrape` (or let the',
      'scheduled jobs run for a while), then write the report again.',
    ].join('\n');
  }
  const range =
    data.coverage.firstPostingDate && data.coverage.lastPostingDate
      ? ` The database holds ${formatCount(data.databasePostings)} deduplicated postings dated ${data.coverage.firstPostingDate} to ${data.coverage.lastPostingDate}.`
      : '';
  return [
    '## No matching postings in this period',
    '',
    `No deduplicated postings for ${subjectWords(data)} have an effective date in ${esc(data.period.label)}` +
      ` (${formatCount(data.allPostings)} postings of any role in the period).${range}` +
      ' Choose another `--period`, `--role` or `--city`, or check the coverage below.',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------
// headline

function headlineSection(data: ReportData): string {
  const share = narrowed(data) && data.allPostings > 0 ? data.postings / data.allPostings : null;
  const clauses = data.headline.map(headlineClause).filter((c) => c.length > 0);
  const sentence =
    `In ${esc(data.period.label)}, jobtrend counted **${formatCount(data.postings)}** new postings for ` +
    `${subjectWords(data)}` +
    (share !== null
      ? ` (${formatPercent(share)} of all ${formatCount(data.allPostings)} postings in the period)`
      : '') +
    (clauses.length > 0 ? `; ${clauses.join(', and ')}.` : '.');

  const rows = data.headline.map((h) => {
    const r = h.result;
    if (!r?.estimate) {
      // No estimate: the counts of a comparison that could not be made (no common source, a period not
      // watched) would read as real zeros, so only the reason is shown.
      return [
        `against ${esc(h.against)}`,
        `${esc(h.baseline.label)} (${h.baseline.start} to ${h.baseline.end})`,
        r && !watchedAtAll(r.coverage.baseline) ? 'not watched' : '–',
        r && !watchedAtAll(r.coverage.current) ? 'not watched' : '–',
        '–',
        '–',
        esc(h.unavailable ?? r?.reason ?? 'not enough data'),
      ];
    }
    const e = r.estimate;
    return [
      `against ${esc(h.against)}`,
      `${esc(h.baseline.label)} (${h.baseline.start} to ${h.baseline.end})`,
      `${formatCount(r.baseline.count)} in ${r.baseline.days} days (${formatRate(r.baseline.value)}/day)`,
      `${formatCount(r.current.count)} in ${r.current.days} days (${formatRate(r.current.value)}/day)`,
      `**${formatChange(e.change)}**`,
      changeInterval(e),
      esc(
        r.coverage.panel === 'same-source'
          ? `same-source panel: ${r.coverage.included.join(', ') || 'none'}`
          : 'all sources',
      ),
    ];
  });
  const table = markdownTable(
    [
      'growth',
      'baseline',
      'baseline postings',
      'this period',
      'change in daily rate',
      '95% interval',
      'sources compared',
    ],
    rows,
    ['left', 'left', 'right', 'right', 'right', 'right', 'left'],
  );
  const widened = data.headline
    .map((h) => h.result?.overdispersion)
    .filter((o) => o?.widened)
    .map((o) => `- ${esc(o!.note)}`);
  const methods = [
    ...new Set(data.headline.flatMap((h) => (h.result?.estimate ? [h.result.estimate.method] : []))),
  ];
  const assumed = assumedCoverageCaveat([
    ...new Map(
      data.headline
        .flatMap((h) => h.result?.coverage.assumed ?? [])
        .map((a) => [`${a.sourceId} ${a.from} ${a.to}`, a] as const),
    ).values(),
  ]);
  const notes = [
    methods.length > 0 ? `Intervals: ${esc(methods.join('; '))}.` : '',
    'Growth compares postings per watched day, counted only on sources watched in both periods, so the counts in',
    'this table can be smaller than the headline count.',
  ]
    .filter((s) => s.length > 0)
    .join(' ');
  const incomplete = data.headline.some((h) => h.result?.current.incomplete);
  return [
    '## Headline',
    '',
    ...(incomplete
      ? [
          `**${esc(data.period.label)} is not over yet (incomplete):** the figures below cover only the days watched so far, so they are no headline; write the report again when the period has ended.`,
          '',
        ]
      : []),
    sentence,
    '',
    table,
    '',
    notes,
    ...(widened.length > 0 ? ['', ...widened] : []),
    ...(assumed ? ['', `- ${esc(assumed)}`] : []),
  ].join('\n');
}

/** Whether any source was watched on some day of the period (else it has no rate at all). */
function watchedAtAll(side: ClaimResult['coverage']['current']): boolean {
  return side.sources.some((s) => s.watchedDays > 0);
}

/** A claim estimate's interval is on the ratio scale (1 = no change); shown as changes: "−27.2% to +38.6%". */
function changeInterval(e: ClaimEstimate): string {
  return `${formatChange(e.interval.lower - 1)} to ${formatChange(e.interval.upper - 1)}`;
}

function headlineClause(h: HeadlineComparison): string {
  const e = h.result?.estimate;
  if (!e) return '';
  const direction = e.interval.lower > 1 ? 'up' : e.interval.upper < 1 ? 'down' : 'not clearly changed';
  return (
    `against ${esc(h.against)} (${esc(h.baseline.label)}) the daily rate is ${direction}, ` +
    `${formatChange(e.change)} (95% interval ${changeInterval(e)})`
  );
}

// ---------------------------------------------------------------------------------------------------
// trend

type ChartLink = (file: string, alt: string, svg: string) => string;

function trendSection(data: ReportData, chart: ChartLink): string {
  const { buckets, by, trend } = data.series;
  if (buckets.length === 0) return '## Trend\n\nNo time series is available for this subject.';
  const unit = by === 'week' ? 'week' : by === 'quarter' ? 'quarter' : 'month';
  const fitted = trendValues(buckets, data);
  const newChart = chart(
    'new-postings.svg',
    `New postings per watched day, by ${unit}`,
    renderLineChart({
      title: `New postings per watched day, by ${unit}: ${subjectPlain(data)}`,
      labels: buckets.map((b) => (b.incomplete ? `${b.label}*` : b.label)),
      values: buckets.map((b) => b.perDay),
      trend: fitted,
      seriesName: `new postings per watched day (deduplicated; * not over yet; gaps: not watched)`,
      trendName: trend ? `log-linear trend (${formatChange(trend.monthlyGrowth)} per month)` : undefined,
      xLabel: unit,
      yLabel: 'new postings per watched day',
    }),
  );
  const shareChart = !narrowed(data)
    ? 'The share of all postings is charted when the report is about one role (`--role`).'
    : chart(
        'share.svg',
        'Share of all postings',
        renderLineChart({
          title: `Share of all postings: ${subjectPlain(data)}`,
          labels: buckets.map((b) => b.label),
          values: buckets.map((b) => b.share),
          seriesName: 'matching postings / all postings from the same sources',
          xLabel: unit,
          yLabel: 'share of all postings (%)',
          percent: true,
        }),
      );
  const trendText = trend
    ? `Over ${trend.months} months the log-linear trend is **${formatChange(trend.monthlyGrowth)} per month** ` +
      `(95% interval ${formatChange(trend.interval.lower)} to ${formatChange(trend.interval.upper)}; ` +
      `R² ${trend.rSquared.toFixed(2)}; ${esc(trend.method)}).`
    : esc(data.series.trendNote ?? 'No trend line: too few complete watched months.');
  const lines = [
    '## Trend',
    '',
    newChart,
    '',
    trendText,
    '',
    shareChart,
    ...(narrowed(data)
      ? [
          '',
          'The share divides matching postings by all postings from the same sources and city, which cancels most',
          'changes in how many boards were scraped.',
        ]
      : []),
  ];
  if (data.series.caveats.length > 0)
    lines.push('', ...data.series.caveats.map((caveat) => `- ${esc(caveat)}`));
  return lines.join('\n');
}

/** The fitted trend per bucket (count per bucket), when analysis gave a monthly trend. */
function trendValues(buckets: GrowthBucket[], data: ReportData): (number | null)[] | undefined {
  const trend = data.series.trend;
  if (!trend || data.series.by !== 'month') return undefined;
  // ln(postings per watched day) = intercept + slope · i, with i the month's index in the series (0 = first bucket).
  return buckets.map((_, i) => Math.exp(trend.intercept + trend.slope * i));
}

// ---------------------------------------------------------------------------------------------------
// skills

function skillLabel(row: SkillRow): string {
  return row.nameZh && row.nameZh !== row.name ? `${row.name} (${row.nameZh})` : row.name;
}

function skillsSection(data: ReportData, chart: ChartLink): string {
  const s = data.skills;
  if (!s || s.skills.length === 0)
    return '## Skills\n\nNo skills were recognised in the matching postings of this period.';
  const top = s.skills.slice(0, 15);
  const compareLabel = s.comparePeriod?.label ?? null;
  const image = chart(
    'top-skills.svg',
    'Top skills by share of postings',
    renderBarChart({
      title: `Top skills: ${subjectPlain(data)}, ${data.period.label}`,
      items: top.map((row) => ({
        label: skillLabel(row),
        value: row.share,
        previous: row.compare ? row.share - row.compare.difference : null,
      })),
      xLabel: `share of ${formatCount(s.postings)} matching postings naming the skill (%)`,
      percent: true,
      seriesName: data.period.label,
      previousName: compareLabel ?? 'previous period',
    }),
  );
  const rows = top.map((row) => [
    esc(skillLabel(row)),
    formatCount(row.count),
    formatPercent(row.share),
    row.compare ? formatPercent(row.share - row.compare.difference) : '–',
    row.compare ? formatPoints(row.compare.difference) : '–',
    row.compare ? formatP(row.compare.qValue) : '–',
    row.compare ? significanceMark(row.compare.qValue) || 'n.s.' : '',
  ]);
  const table = markdownTable(
    [
      'skill',
      'postings',
      'share',
      `share in ${compareLabel ? esc(compareLabel) : 'previous period'}`,
      'change',
      'q (BH)',
      'sig.',
    ],
    rows,
    ['left', 'right', 'right', 'right', 'right', 'right', 'left'],
  );
  const emergingRows = s.emerging
    .map((id) => s.skills.find((row) => row.skillId === id))
    .filter((row): row is SkillRow => row !== undefined && row.compare !== null)
    .map((row) => [
      esc(skillLabel(row)),
      formatCount(row.count),
      `${formatPercent(row.share - row.compare!.difference)} → ${formatPercent(row.share)}`,
      formatPoints(row.compare!.difference),
      formatP(row.compare!.qValue),
    ]);
  const emerging =
    emergingRows.length > 0
      ? markdownTable(['skill', 'postings', 'share', 'change', 'q (BH)'], emergingRows, [
          'left',
          'right',
          'right',
          'right',
          'right',
        ])
      : 'No skill rose significantly (q < 0.05 with enough postings) against the comparison period.';
  return [
    '## Skills',
    '',
    image,
    '',
    table,
    '',
    'Share = postings naming the skill / matching postings in the period. Change is in percentage points;',
    `q is the two-proportion test's p-value after Benjamini–Hochberg correction across skills (*** < 0.001, ** < 0.01, * < 0.05, n.s. not significant). Method: ${esc(s.method)}.`,
    '',
    '### Emerging skills',
    '',
    emerging,
    ...(s.caveats.length > 0 ? ['', ...s.caveats.map((c) => `- ${esc(c)}`)] : []),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------
// companies and places

function companiesSection(data: ReportData): string {
  if (data.companies.length === 0) return '## Top companies\n\nNo company names in the matching postings.';
  const rows = data.companies.map((c, i) => [
    String(i + 1),
    esc(c.company, 80),
    formatCount(c.postings),
    formatPercent(c.postings / data.postings),
  ]);
  return [
    '## Top companies',
    '',
    markdownTable(['#', 'company', 'postings', 'share'], rows, ['right', 'left', 'right', 'right']),
  ].join('\n');
}

function placesSection(data: ReportData): string {
  const lines = ['## Cities and districts', ''];
  if (data.cities.length > 0) {
    const rows = data.cities.map((c) => [
      c.city === null ? '_unknown_' : esc(c.city),
      formatCount(c.postings),
      formatPercent(c.postings / data.postings),
    ]);
    lines.push(markdownTable(['city', 'postings', 'share'], rows, ['left', 'right', 'right']));
  }
  if (data.districts.length > 0) {
    const rows = data.districts.map((d) => [
      d.city === null ? '_unknown_' : esc(d.city),
      esc(d.district, 60),
      formatCount(d.postings),
    ]);
    lines.push('', markdownTable(['city', 'district', 'postings'], rows, ['left', 'left', 'right']));
  } else {
    lines.push('', 'No districts recorded for the matching postings.');
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------
// pay

function payGroups(rows: PayRow[]): Map<string, PayRow[]> {
  const groups = new Map<string, PayRow[]>();
  for (const row of rows) {
    const key = `${row.currency}\u0000${row.period}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return groups;
}

function payUnit(row: Pick<PayRow, 'currency' | 'period'>): string {
  return `${row.currency} ${PAY_PERIOD_WORDS[row.period] ?? `per ${row.period}`}`;
}

function paySection(data: ReportData, chart: ChartLink): string {
  const lines = ['## Pay', ''];
  const leftOut = data.payImplausible ?? 0;
  const leftOutNote = `${formatCount(leftOut)} ${leftOut === 1 ? 'posting states pay' : 'postings state pay'} no one is paid (such as "1-1 a year" or 3 yuan a month): kept as given, left out of these figures.`;
  if (data.pay.length === 0 && data.payByRole.length === 0) {
    lines.push('Too few matching postings state pay to summarise it.');
    if (leftOut > 0) lines.push('', leftOutNote);
    return lines.join('\n');
  }
  // The box charts: one per currency and pay period, largest first, at most three.
  const chartGroups = [...payGroups(data.payByRole).values()].sort(byPostingsThenUnit).slice(0, 3);
  for (const group of chartGroups) {
    const unit = payUnit(group[0]!);
    const file = `pay-${slug(group[0]!.currency)}-${slug(group[0]!.period)}.svg`;
    lines.push(
      chart(
        file,
        `Pay ranges by role, ${unit}`,
        renderBoxChart({
          title: `Pay ranges by role, ${unit}: ${data.period.label}`,
          groups: group.map((r) => ({
            label: roleName(r.role),
            n: r.n,
            p10: r.p10,
            p25: r.p25,
            p50: r.median,
            p75: r.p75,
            p90: r.p90,
          })),
          xLabel: `pay, ${unit} (midpoint of the posted range)`,
        }),
      ),
      '',
    );
  }
  for (const group of [...payGroups(data.pay).values()].sort(byPostingsThenUnit)) {
    const unit = payUnit(group[0]!);
    lines.push(`### ${esc(unit)}`, '');
    const rows = group.map((r) => [
      r.role in ROLE_NAMES ? roleName(r.role) : esc(r.role),
      r.city === null ? 'all cities' : esc(r.city),
      formatCount(r.n),
      formatMoney(r.p25),
      `**${formatMoney(r.median)}**`,
      formatMoney(r.p75),
    ]);
    lines.push(
      markdownTable(['role', 'city', 'postings with pay', '25th pct', 'median', '75th pct'], rows, [
        'left',
        'left',
        'right',
        'right',
        'right',
        'right',
      ]),
      '',
    );
  }
  // Currencies the sources did not state, per currency and period over all cities.
  for (const group of [...payGroups(data.payByRole).values()].sort(byPostingsThenUnit)) {
    const inferred = group.reduce((sum, r) => sum + (r.inferred ?? 0), 0);
    if (inferred === 0) continue;
    lines.push(
      `Currency inferred: ${formatCount(inferred)} of the postings with pay in ${esc(payUnit(group[0]!))} gave no currency; ${esc(group[0]!.currency)} is the currency of their country.`,
      '',
    );
  }
  if (leftOut > 0) lines.push(leftOutNote, '');
  lines.push(
    'Each figure is the midpoint of the posted range, in the currency and pay period the posting stated; figures are',
    'never converted between hourly, daily, monthly or yearly pay, nor between currencies. Piece rates are listed',
    'apart. Monthly pay excludes extra months (13薪 and the like). Percentiles are nearest-rank; groups with fewer',
    'than 3 postings are left out.',
  );
  return lines.join('\n');
}

/** Pay groups with the most postings first; ties by currency and period (plain code-point order). */
function byPostingsThenUnit(a: PayRow[], b: PayRow[]): number {
  const keyA = `${a[0]!.currency} ${a[0]!.period}`;
  const keyB = `${b[0]!.currency} ${b[0]!.period}`;
  return total(b) - total(a) || (keyA < keyB ? -1 : keyA > keyB ? 1 : 0);
}

function total(rows: PayRow[]): number {
  return rows.reduce((sum, r) => sum + r.n, 0);
}

// ---------------------------------------------------------------------------------------------------
// claims

function claimsSection(data: ReportData): string {
  const w = CLAIM_WORDS;
  const lines = [`## ${w.heading}`, '', w.intro];
  if (data.claims.length > 0) {
    lines.push(
      '',
      markdownTable(
        [...w.summaryHeader],
        data.claims.map((c) => [esc(claimName(c), 80), `**${verdictHeadline(c)}**`]),
      ),
    );
  }
  for (const c of data.claims) lines.push('', ...claimDetail(c));
  for (const e of data.claimErrors)
    lines.push('', `- ${esc(e.claim, 80)}: ${w.couldNotCheck} — ${esc(e.reason, 200)}`);
  return lines.join('\n');
}

function claimName(c: ClaimReadingsResult): string {
  return c.claim.id ?? c.claim.text ?? c.statement;
}

/** One claim: as published, the verdict and the sentence to quote, its readings as a table, then the notes. */
function claimDetail(c: ClaimReadingsResult): string[] {
  const w = CLAIM_WORDS;
  const out = [`### ${esc(claimName(c), 100)}`, ''];
  if (c.claim.text) out.push(`> ${esc(c.claim.text, 300)}`, '');
  const origin = [c.claim.publisher, c.claim.published, c.claim.url].filter(Boolean);
  if (origin.length > 0) out.push(`— ${origin.map((part) => esc(part, 200)).join(', ')}`, '');
  const subject = esc(c.statement.charAt(0).toLowerCase() + c.statement.slice(1));
  out.push(`**${verdictHeadline(c)}.** ${quotableSentence(c, subject)}`, '');
  out.push(
    markdownTable(
      [...w.readingsHeader],
      c.readings.map((r) => readingRow(r)),
      ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'left', 'right'],
    ),
    '',
  );
  out.push(`- ${w.tested}: ${esc(c.statement)}${c.asOf ? ` (${w.asOf} ${c.asOf})` : ''}.`);
  const most = c.readings.find((r) => r.id === c.overall.mostData);
  if (most && c.readings.length > 1) {
    const r = most.result;
    out.push(
      `- ${w.mostData}: ${readingName(most.id)} (${esc(r.current.period.label)} ${w.against} ${esc(r.baseline.period.label)}, ${formatCount(r.current.count + r.baseline.count)} ${w.postings}).`,
    );
  }
  for (const r of c.readings.filter((r) => r.result.verdict === 'insufficient data' && !r.sameAs)) {
    out.push(`- ${w.notChecked}: ${readingName(r.id)} — ${esc(r.result.reason)}`);
  }
  // The method once; which readings' intervals were widened for overdispersion, in one line.
  const methods = new Set(
    c.readings.flatMap((r) => (r.result.estimate ? [baseMethod(r.result.estimate.method)] : [])),
  );
  for (const method of methods) out.push(`- ${w.method}: ${esc(method)}.`);
  const widened = c.readings.filter((r) => r.result.overdispersion?.widened && !r.sameAs);
  if (widened.length > 0) {
    out.push(
      `- ${w.widened}: ${widened.map((r) => `${readingName(r.id)} (${esc(r.result.overdispersion!.note)})`).join('; ')}.`,
    );
  }
  for (const line of new Set(c.readings.map((r) => sourcesLine(r)))) out.push(line);
  for (const caveat of c.caveats) out.push(`- ${w.caveat}: ${esc(caveat)}`);
  return out;
}

/** A method without its note on widening (listed per reading instead). */
function baseMethod(method: string): string {
  const at = method.indexOf(', widened for overdispersion');
  return at >= 0 ? method.slice(0, at) : method;
}

function readingRow(reading: ClaimReading): string[] {
  const r = reading.result;
  const e = r.estimate;
  const days = (side: typeof r.current) => (side.value === null ? CLAIM_WORDS.notWatched : String(side.days));
  return [
    reading.sameAs
      ? `${readingName(reading.id)} (${CLAIM_WORDS.samePeriodsAs} ${readingName(reading.sameAs)})`
      : readingName(reading.id),
    esc(r.current.period.label),
    esc(r.baseline.period.label),
    `${formatCount(r.baseline.count)} → ${formatCount(r.current.count)}`,
    `${days(r.baseline)} / ${days(r.current)}`,
    e ? formatChange(e.change) : '–',
    e ? changeInterval(e) : '–',
    `**${r.verdict}**`,
    formatP(reading.adjustedPValue),
  ];
}

function sourcesLine(reading: ClaimReading): string {
  const w = CLAIM_WORDS;
  const c = reading.result.coverage;
  return (
    `- ${w.sources}: ${c.panel === 'same-source' ? w.sameSourcePanel : w.allSources} (${esc(c.included.join(', ') || w.none)})` +
    (c.excluded.length > 0
      ? `; ${w.leftOut}: ${c.excluded.map((x) => `${esc(x.sourceId)} (${esc(x.reason)})`).join(', ')}`
      : '') +
    '.'
  );
}

// ---------------------------------------------------------------------------------------------------
// coverage and methodology

function coverageSection(data: ReportData): string {
  const cov = data.coverage;
  const lines = ['## Data coverage', ''];
  if (cov.sources.length === 0) {
    lines.push('No source has been scraped or imported yet.');
    return lines.join('\n');
  }
  lines.push(
    markdownTable(
      [
        'source',
        'kind',
        'posting lifetime (days)',
        `days watched (of ${data.period.days})`,
        'runs in period',
        'ok',
        'partial',
        'failed',
        'interrupted',
        'new postings in period',
        'backlog',
        'last run',
      ],
      cov.sources.map((s) => [
        `${esc(s.sourceId)}${s.name && s.name !== s.sourceId ? ` (${esc(s.name, 40)})` : ''}`,
        esc(s.kind),
        String(s.lifetimeDays),
        `${s.watchedDays}${s.assumed ? ' (assumed)' : ''}`,
        formatCount(s.runs),
        formatCount(s.okRuns),
        formatCount(s.partialRuns),
        formatCount(s.failedRuns),
        formatCount(s.interruptedRuns),
        formatCount(s.postings),
        formatCount(s.backlog),
        s.lastRunAt ? esc(s.lastRunAt.slice(0, 16).replace('T', ' ')) : '–',
      ]),
      [
        'left',
        'left',
        'right',
        'right',
        'right',
        'right',
        'right',
        'right',
        'right',
        'right',
        'right',
        'left',
      ],
    ),
  );
  lines.push(
    '',
    'A day counts as watched for a source when jobtrend looked at it (a scrape run, or the collection date of an',
    'imported dataset) within the posting lifetime after that day; "assumed" marks a dataset imported without',
    'collection dates, taken as a continuous log of the days its postings span. A source whose postings carry no',
    'dates is watched only from the day after its first look. Backlog: postings a source already listed when it',
    'was first watched; they count as open postings, never as new ones.',
  );
  if (cov.firstPostingDate) {
    lines.push('', `Postings in the database are dated ${cov.firstPostingDate} to ${cov.lastPostingDate}.`);
  }
  if (cov.problemRuns.length > 0) {
    lines.push('', '### Failed, blocked or interrupted runs in the period', '');
    lines.push(
      markdownTable(
        ['run', 'source', 'started', 'status', 'errors', 'summary'],
        cov.problemRuns.map((r) => [
          String(r.id),
          esc(r.sourceId),
          esc(r.startedAt.slice(0, 16).replace('T', ' ')),
          esc(r.status),
          formatCount(r.errorCount),
          esc(r.errorSummary ?? '', 120),
        ]),
        ['right', 'left', 'left', 'left', 'right', 'left'],
      ),
    );
    if (cov.problemRunsTotal > cov.problemRuns.length) {
      lines.push(
        '',
        `… and ${formatCount(cov.problemRunsTotal - cov.problemRuns.length)} more (see \`jobtrend status\`).`,
      );
    }
  } else {
    lines.push('', 'No run in the period failed, was blocked or was interrupted.');
  }
  const flags = cov.healthFlags ?? [];
  if (flags.length > 0) {
    const flagged = [...new Set(flags.map((f) => f.sourceId))];
    lines.push(
      '',
      '### Sources flagged by `jobtrend health`',
      '',
      `${flagged.map((id) => esc(id)).join(', ')}: ${flagged.length === 1 ? 'its' : 'their'} latest runs no longer give what earlier runs gave, so ${flagged.length === 1 ? 'its' : 'their'} figures may be changes in the site, not in the market.`,
      '',
      ...flags.map((f) => `- ${esc(f.message, 200)}`),
    );
  }
  return lines.join('\n');
}

function methodologySection(data: ReportData, short: boolean): string {
  const lines = [
    '## Methodology',
    '',
    '- **What is counted:** new job postings collected by jobtrend, one per job: reposts and the same job on several',
    '  boards are counted once, at their first appearance (deduplicated postings). A posting counts on its',
    '  effective date: the date it was posted where the source says, else the day it was first seen. What a source',
    '  already listed when it was first watched (its backlog) is never counted as new.',
    '- **Watched days:** a day counts when a source was looked at within its posting lifetime after it (30 days',
    '  unless configured), so a rate is new postings per watched day; a period nobody watched has no rate.',
    `- **Subject:** ${esc(data.subject.description)}; roles come from a bilingual taxonomy matched against titles and descriptions.`,
  ];
  if (!short) {
    lines.push(
      '- **Growth:** the ratio of postings per watched day in the period to the baseline, on the sources watched in',
      '  both periods (same-source panel), so a board added or broken in between does not look like a change in',
      '  demand. Its 95% interval comes from the exact conditional (binomial) method for a ratio of Poisson rates,',
      '  widened when weekly counts vary more than Poisson allows (quasi-Poisson), as stated where it applies.',
      '- **Trend:** a log-linear regression of monthly rates per watched day over complete, watched months (at least',
      '  six); the growth per month is exp(slope) − 1. A month not over yet is marked and left out.',
      '- **Skills:** share of matching postings naming each skill; changes are tested with a two-proportion z test',
      '  and corrected for testing many skills at once (Benjamini–Hochberg).',
      '- **Pay:** medians and quartiles within one currency and one pay period; never mixed or converted.',
    );
  }
  lines.push(
    '- **Known limits:** postings are not vacancies (one posting may hire many or none, and some stay up after',
    '  hiring); hiring is seasonal (Spring Festival, 金三银四 in March–April, year-end), so compare a month with the',
    '  same month a year earlier before reading a rise as a trend; coverage varies — see the table above; boards',
    '  that hide older postings make recent periods look larger.',
  );
  return lines.join('\n');
}
