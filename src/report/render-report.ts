// Rendering a trend report: ReportData and the clock in, markdown and SVG chart files out, in the language asked
// for. Pure — no I/O, no Date.now(), no locale — so the same data, `now` and language give the same bytes
// (golden-file tested). What is shown is decided here; every word comes from the language's message catalogue
// (messages/*.ts). Every piece of text that came from postings or runs goes through escapeMarkdown / escapeXml.
import { assumedCoverageCaveat } from '../analysis/caveats.js';
import type {
  ClaimReading,
  ClaimReadingsResult,
  ClaimResult,
  GrowthBucket,
  SkillRow,
} from '../analysis/types.js';
import { perDayBand, proportionInterval, shareBand, trendBand } from './chart-intervals.js';
import { renderBarChart } from './charts/bar-chart.js';
import { renderBoxChart } from './charts/box-chart.js';
import { renderLineChart } from './charts/line-chart.js';
import { significanceMark, slug } from './format.js';
import { escapeMarkdown as esc, markdownTable, markdownUrl } from './markdown-escape.js';
import { messagesFor } from './messages/catalogues.js';
import type { Lang, Markup, PeriodWords, ReportMessages, SubjectWords } from './messages/report-messages.js';
import type { HeadlineComparison, PayRow, ReportData } from './report-data.js';

export interface RenderOptions {
  /** The report's clock: its date names the files and is printed as the generation date. */
  now: Date;
  /** The report's language (default English). */
  lang?: Lang;
}

export interface ReportFile {
  /** Path relative to the output folder, e.g. "2026-11-25-ai-trainer-shanghai-2025-10/new-postings.svg". */
  name: string;
  content: string;
}

export interface RenderedReport {
  /** The language it was written in. */
  lang: Lang;
  /** File name of the markdown, relative to the output folder: "2026-11-25-ai-trainer-shanghai-2025-10.md". */
  name: string;
  markdown: string;
  /** Chart files, linked from the markdown by these same relative paths. */
  files: ReportFile[];
}

/** Markdown: what the catalogue's messages mark up with. */
export const MARKDOWN: Markup = {
  strong: (text) => `**${text}**`,
  code: (text) => `\`${text}\``,
  em: (text) => `_${text}_`,
  text: (text, max) => esc(text, max),
  url: markdownUrl,
};

/**
 * Names a report by its date, subject and period: "2026-11-25-ai-trainer-shanghai-2025-10" (and "-zh" for the
 * Chinese one). The period is in the name so that reports on the same subject for two periods, written the same
 * day, do not replace each other; the language, so that both languages of one report can sit side by side.
 */
export function reportBaseName(
  data: Pick<ReportData, 'subject' | 'period'>,
  now: Date,
  lang: Lang = 'en',
): string {
  const parts = [now.toISOString().slice(0, 10), slug(data.subject.role ?? 'all-roles')];
  if (data.subject.city) parts.push(slug(data.subject.city));
  if (data.subject.match) parts.push(slug(data.subject.match));
  parts.push(slug(data.period.label));
  return parts.join('-') + messagesFor(lang).fileSuffix;
}

/** What every section renders with: the data, the words, markdown, and the chart writer. */
interface Context {
  data: ReportData;
  t: ReportMessages;
  m: Markup;
  chart: ChartLink;
}

type ChartLink = (file: string, alt: string, svg: string) => string;

export function renderReport(data: ReportData, options: RenderOptions): RenderedReport {
  const t = messagesFor(options.lang ?? 'en');
  const m = MARKDOWN;
  const base = reportBaseName(data, options.now, t.lang);
  const files: ReportFile[] = [];
  /** Adds a chart file and returns the markdown image that links it. */
  const chart: ChartLink = (file, alt, svg) => {
    const name = `${base}/${file}`;
    files.push({ name, content: svg });
    return `![${esc(alt)}](${encodeURI(name)})`;
  };
  const c: Context = { data, t, m, chart };

  const sections: string[] = [`# ${title(c)}`, ...sampleNotice(c), generatedLine(c, options.now)];
  if (data.databasePostings === 0 || data.postings === 0) {
    sections.push(emptyNotice(c));
    if (data.claims.length > 0 || data.claimErrors.length > 0) sections.push(claimsSection(c));
    sections.push(coverageSection(c));
    sections.push(methodologySection(c, true));
  } else {
    sections.push(headlineSection(c));
    sections.push(trendSection(c));
    sections.push(skillsSection(c));
    sections.push(companiesSection(c));
    sections.push(placesSection(c));
    sections.push(paySection(c));
    if (data.claims.length > 0 || data.claimErrors.length > 0) sections.push(claimsSection(c));
    sections.push(coverageSection(c));
    sections.push(methodologySection(c, false));
  }
  const markdown = `${sections.filter((s) => s.length > 0).join('\n\n')}\n`;
  return { lang: t.lang, name: `${base}.md`, markdown, files };
}

// ---------------------------------------------------------------------------------------------------

/** A role in the reader's words: the catalogue's name, else the stored id escaped. */
function roleWords(t: ReportMessages, role: string | null, shown: (s: string) => string): string {
  if (!role) return t.names.allRoles;
  return t.names.role(role) ?? shown(role);
}

/** A city in the reader's words, escaped with `shown` where it is shown as stored. */
function cityWords(t: ReportMessages, city: string, shown: (s: string) => string): string {
  return t.names.city(city) ?? shown(city);
}

/** A source by its name in the reader's language where the catalogue has one, else its id; escaped. */
function sourceWords(t: ReportMessages, id: string): string {
  return t.names.source(id, (text) => esc(text)) ?? esc(id);
}

/** The subject as markdown: names are the catalogue's, city and match text are escaped. */
function subjectWords(c: Context): SubjectWords {
  const { subject } = c.data;
  return {
    role: roleWords(c.t, subject.role, (s) => esc(s)),
    match: subject.match === null ? null : esc(subject.match),
    city: subject.city === null ? null : cityWords(c.t, subject.city, (s) => esc(s)),
  };
}

/** The subject as plain text, for charts (escaped there as XML). */
function subjectPlain(c: Context): SubjectWords {
  const { subject } = c.data;
  const plain = (s: string) => s;
  return {
    role: roleWords(c.t, subject.role, plain),
    match: subject.match,
    city: subject.city === null ? null : cityWords(c.t, subject.city, plain),
  };
}

/** Whether the report is about part of the postings (a role or a text match), so a share means something. */
function narrowed(data: ReportData): boolean {
  return data.subject.role !== null || data.subject.match !== null;
}

function periodWords(
  t: ReportMessages,
  p: { label: string; start: string; end: string; days: number },
): PeriodWords {
  return {
    label: t.format.period(p.label),
    start: t.format.day(p.start),
    end: t.format.day(p.end),
    days: p.days,
  };
}

function title(c: Context): string {
  return c.t.title(subjectWords(c), c.t.format.period(c.data.period.label));
}

/** The "Sample data" banner, right under the title, when the data include the demo's invented postings. */
function sampleNotice(c: Context): string[] {
  const { t, m, data } = c;
  const sample = data.sample;
  if (!sample) return [];
  const lines = [`> ${t.sample.notice({ postings: sample.postings, other: sample.otherPostings }, m)}`];
  for (const skip of sample.skipped) {
    lines.push('>', `> ${t.sample.skipped({ source: skip.sourceId, fix: skip.fix }, m)}`);
  }
  return [lines.join('\n')];
}

function generatedLine(c: Context, now: Date): string {
  const { t, m, data } = c;
  return t.generated(
    {
      day: now.toISOString().slice(0, 10),
      period: periodWords(t, data.period),
      defaultPeriod: data.defaultPeriod,
    },
    m,
  );
}

function emptyNotice(c: Context): string {
  const { t, m, data } = c;
  if (data.databasePostings === 0) return [`## ${t.noData.heading}`, '', t.noData.text(m)].join('\n');
  const { firstPostingDate: first, lastPostingDate: last } = data.coverage;
  return [
    `## ${t.noMatches.heading}`,
    '',
    t.noMatches.text(
      {
        subject: subjectWords(c),
        period: t.format.period(data.period.label),
        allPostings: data.allPostings,
        database:
          first && last
            ? { postings: data.databasePostings, first: t.format.day(first), last: t.format.day(last) }
            : null,
      },
      m,
    ),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------
// headline

function headlineSection(c: Context): string {
  const { t, m, data } = c;
  const share = narrowed(data) && data.allPostings > 0 ? data.postings / data.allPostings : null;
  const clauses = data.headline.map((h) => headlineClause(t, h)).filter((s) => s.length > 0);
  const sentence = t.headline.sentence(
    {
      period: t.format.period(data.period.label),
      postings: data.postings,
      subject: subjectWords(c),
      share: share !== null ? { share, all: data.allPostings } : null,
      clauses,
    },
    m,
  );

  const rows = data.headline.map((h) => {
    const r = h.result;
    const against = t.headline.against(h.against);
    const baseline = t.headline.baseline(periodWords(t, h.baseline));
    if (!r?.estimate) {
      // No estimate: the counts of a comparison that could not be made (no common source, a period not
      // watched) would read as real zeros, so only the reason is shown.
      const why = h.unavailable ?? r?.unavailable ?? null;
      return [
        against,
        baseline,
        r && !watchedAtAll(r.coverage.baseline) ? t.headline.notWatched : '–',
        r && !watchedAtAll(r.coverage.current) ? t.headline.notWatched : '–',
        '–',
        '–',
        why
          ? t.unavailable(why, m)
          : h.error !== null
            ? t.headline.error(esc(h.error.message), h.error.detail ?? null, m)
            : t.headline.noReason,
      ];
    }
    const e = r.estimate;
    return [
      against,
      baseline,
      t.headline.side(r.baseline.count, r.baseline.days, r.baseline.value),
      t.headline.side(r.current.count, r.current.days, r.current.value),
      m.strong(t.format.change(e.change)),
      t.format.changeInterval(e.interval.lower - 1, e.interval.upper - 1),
      t.headline.sources(
        r.coverage.panel,
        r.coverage.included.map((id) => sourceWords(t, id)),
      ),
    ];
  });
  const table = markdownTable(t.headline.columns, rows, [
    'left',
    'left',
    'right',
    'right',
    'right',
    'right',
    'left',
  ]);
  const widened = data.headline
    .map((h) => h.result?.overdispersion)
    .filter((o) => o?.widened)
    .map((o) => `- ${t.headline.overdispersion({ ...o!, note: esc(o!.note) })}`);
  const estimated = data.headline.flatMap((h) => (h.result?.estimate ? [h.result] : []));
  const notes = t.headline.notes({
    metrics: [...new Set(estimated.map((r) => r.metric))],
    englishMethods: [...new Set(estimated.map((r) => r.estimate!.method))].map((s) => esc(s)),
    widened: estimated.some((r) => r.overdispersion?.widened),
  });
  const assumed = assumedCoverageCaveat([
    ...new Map(
      data.headline
        .flatMap((h) => h.result?.coverage.assumed ?? [])
        .map((a) => [`${a.sourceId} ${a.from} ${a.to}`, a] as const),
    ).values(),
  ]);
  const incomplete = data.headline.some((h) => h.result?.current.incomplete);
  return [
    `## ${t.headline.heading}`,
    '',
    ...(incomplete ? [t.headline.incomplete(t.format.period(data.period.label), m), ''] : []),
    sentence,
    '',
    table,
    '',
    notes,
    ...(widened.length > 0 ? ['', ...widened] : []),
    ...(assumed ? ['', `- ${t.caveat(assumed, m)}`] : []),
  ].join('\n');
}

/** Whether any source was watched on some day of the period (else it has no rate at all). */
function watchedAtAll(side: ClaimResult['coverage']['current']): boolean {
  return side.sources.some((s) => s.watchedDays > 0);
}

function headlineClause(t: ReportMessages, h: HeadlineComparison): string {
  const e = h.result?.estimate;
  if (!e) return '';
  const direction = e.interval.lower > 1 ? 'up' : e.interval.upper < 1 ? 'down' : 'unclear';
  return t.headline.clause({
    against: h.against,
    baseline: t.format.period(h.baseline.label),
    direction,
    change: e.change,
    lower: e.interval.lower - 1,
    upper: e.interval.upper - 1,
  });
}

// ---------------------------------------------------------------------------------------------------
// trend

function trendSection(c: Context): string {
  const { t, m, data, chart } = c;
  const { buckets, by, trend } = data.series;
  if (buckets.length === 0) {
    const error = data.series.error;
    const why = error ? t.trend.seriesError(esc(error.message), error.detail ?? null, m) : t.trend.noSeries;
    return [`## ${t.trend.heading}`, '', why].join('\n');
  }
  const fitted = trendValues(buckets, data);
  const star = (b: GrowthBucket) => (b.incomplete ? '*' : '');
  const axis = (i: number, previous: number | null) =>
    t.format.axisLabel(buckets[i]!.label, previous === null ? null : buckets[previous]!.label);
  const newChart = chart(
    'new-postings.svg',
    t.trend.newAlt(by),
    renderLineChart({
      title: t.trend.newTitle(by, subjectPlain(c)),
      labels: buckets.map((b) => `${t.format.period(b.label)}${star(b)}`),
      axisLabel: (i, previous) => `${axis(i, previous)}${star(buckets[i]!)}`,
      values: buckets.map((b) => b.perDay),
      band: perDayBand(buckets),
      trend: fitted,
      trendBand: fitted && trend ? trendBand(buckets, trend) : null,
      seriesName: t.trend.newSeries,
      trendName: trend ? t.trend.trendSeries(trend.monthlyGrowth) : undefined,
      xLabel: t.trend.unit(by),
      yLabel: t.trend.newAxis,
      words: t.chart,
    }),
  );
  const shareChart = !narrowed(data)
    ? t.trend.shareNotCharted(m)
    : chart(
        'share.svg',
        t.trend.shareAlt,
        renderLineChart({
          title: t.trend.shareTitle(subjectPlain(c)),
          labels: buckets.map((b) => t.format.period(b.label)),
          axisLabel: axis,
          values: buckets.map((b) => b.share),
          band: shareBand(buckets),
          seriesName: t.trend.shareSeries,
          xLabel: t.trend.unit(by),
          yLabel: t.trend.shareAxis,
          percent: true,
          words: t.chart,
        }),
      );
  const trendText = trend
    ? t.trend.line(
        {
          months: trend.months,
          monthlyGrowth: trend.monthlyGrowth,
          lower: trend.interval.lower,
          upper: trend.interval.upper,
          rSquared: trend.rSquared,
        },
        esc(trend.method),
        m,
      )
    : data.series.trendNote
      ? t.caveat(data.series.trendNote, m)
      : t.trend.noTrend;
  const lines = [`## ${t.trend.heading}`, '', newChart, '', trendText, '', shareChart];
  if (narrowed(data)) lines.push('', t.trend.shareNote);
  if (data.series.caveats.length > 0)
    lines.push('', ...data.series.caveats.map((caveat) => `- ${t.caveat(caveat, m)}`));
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

function skillsSection(c: Context): string {
  const { t, m, data, chart } = c;
  const s = data.skills;
  if (!s || s.skills.length === 0) return [`## ${t.skills.heading}`, '', t.skills.none].join('\n');
  const label = (row: SkillRow) => t.names.skill(row);
  const top = s.skills.slice(0, 15);
  const compareLabel = s.comparePeriod ? t.format.period(s.comparePeriod.label) : null;
  const image = chart(
    'top-skills.svg',
    t.skills.alt,
    renderBarChart({
      title: t.skills.chartTitle(subjectPlain(c), t.format.period(data.period.label)),
      items: top.map((row) => ({
        label: label(row),
        value: row.share,
        count: row.count,
        interval: proportionInterval(row.count, s.postings),
        previous: row.compare ? row.share - row.compare.difference : null,
      })),
      xLabel: t.skills.chartAxis(s.postings),
      percent: true,
      seriesName: t.format.period(data.period.label),
      previousName: compareLabel ?? t.chart.previousPeriod,
      words: t.chart,
    }),
  );
  const f = t.format;
  const rows = top.map((row) => [
    esc(label(row)),
    f.count(row.count),
    f.percent(row.share),
    row.compare ? f.percent(row.share - row.compare.difference) : '–',
    row.compare ? f.points(row.compare.difference) : '–',
    row.compare ? f.p(row.compare.qValue) : '–',
    row.compare ? significanceMark(row.compare.qValue) || t.skills.notSignificant : '',
  ]);
  const table = markdownTable(t.skills.columns(compareLabel ? esc(compareLabel) : null), rows, [
    'left',
    'right',
    'right',
    'right',
    'right',
    'right',
    'left',
  ]);
  const emergingRows = s.emerging
    .map((id) => s.skills.find((row) => row.skillId === id))
    .filter((row): row is SkillRow => row !== undefined && row.compare !== null)
    .map((row) => [
      esc(label(row)),
      f.count(row.count),
      t.skills.shareChange(f.percent(row.share - row.compare!.difference), f.percent(row.share)),
      f.points(row.compare!.difference),
      f.p(row.compare!.qValue),
    ]);
  const emerging =
    emergingRows.length > 0
      ? markdownTable(t.skills.emergingColumns, emergingRows, ['left', 'right', 'right', 'right', 'right'])
      : t.skills.noEmerging;
  return [
    `## ${t.skills.heading}`,
    '',
    image,
    '',
    table,
    '',
    t.skills.note({
      compared: s.comparePeriod !== null,
      tested: s.tested,
      minSupport: s.minSupport,
      method: esc(s.method),
    }),
    '',
    `### ${t.skills.emergingHeading}`,
    '',
    emerging,
    ...(s.caveats.length > 0 ? ['', ...s.caveats.map((caveat) => `- ${t.caveat(caveat, m)}`)] : []),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------
// companies and places

function companiesSection(c: Context): string {
  const { t, data } = c;
  if (data.companies.length === 0) return [`## ${t.companies.heading}`, '', t.companies.none].join('\n');
  const rows = data.companies.map((company, i) => [
    String(i + 1),
    esc(company.company, 80),
    t.format.count(company.postings),
    t.format.percent(company.postings / data.postings),
  ]);
  return [
    `## ${t.companies.heading}`,
    '',
    markdownTable(t.companies.columns, rows, ['right', 'left', 'right', 'right']),
  ].join('\n');
}

function placesSection(c: Context): string {
  const { t, m, data } = c;
  const city = (name: string | null) =>
    name === null ? t.places.unknownCity(m) : cityWords(t, name, (s) => esc(s));
  const lines = [`## ${t.places.heading}`, ''];
  if (data.cities.length > 0) {
    const rows = data.cities.map((row) => [
      city(row.city),
      t.format.count(row.postings),
      t.format.percent(row.postings / data.postings),
    ]);
    lines.push(markdownTable(t.places.cityColumns, rows, ['left', 'right', 'right']));
  }
  if (data.districts.length > 0) {
    const rows = data.districts.map((d) => [city(d.city), esc(d.district, 60), t.format.count(d.postings)]);
    lines.push('', markdownTable(t.places.districtColumns, rows, ['left', 'left', 'right']));
  } else {
    lines.push('', t.places.noDistricts);
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

function paySection(c: Context): string {
  const { t, m, data, chart } = c;
  const lines = [`## ${t.pay.heading}`, ''];
  const unit = (row: PayRow) => t.names.payUnit(row.currency, row.period);
  const leftOut = data.payImplausible ?? 0;
  if (data.pay.length === 0 && data.payByRole.length === 0) {
    lines.push(t.pay.tooFew);
    if (leftOut > 0) lines.push('', t.pay.implausible(leftOut));
    return lines.join('\n');
  }
  // The box charts: one per currency and pay period, largest first, at most three.
  const chartGroups = [...payGroups(data.payByRole).values()].sort(byPostingsThenUnit).slice(0, 3);
  for (const group of chartGroups) {
    const first = group[0]!;
    const file = `pay-${slug(first.currency)}-${slug(first.period)}.svg`;
    lines.push(
      chart(
        file,
        t.pay.chartAlt(unit(first)),
        renderBoxChart({
          title: t.pay.chartTitle(unit(first), t.format.period(data.period.label)),
          groups: group.map((r) => ({
            label: roleWords(t, r.role, (s) => s),
            n: r.n,
            p10: r.p10,
            p25: r.p25,
            p50: r.median,
            p75: r.p75,
            p90: r.p90,
          })),
          xLabel: t.pay.chartAxis(unit(first)),
          words: t.chart,
        }),
      ),
      '',
    );
  }
  const f = t.format;
  for (const group of [...payGroups(data.pay).values()].sort(byPostingsThenUnit)) {
    lines.push(`### ${esc(unit(group[0]!))}`, '');
    const rows = group.map((r) => [
      roleWords(t, r.role, (s) => esc(s)),
      r.city === null ? t.pay.allCities : cityWords(t, r.city, (s) => esc(s)),
      f.count(r.n),
      f.money(r.p25),
      m.strong(f.money(r.median)),
      f.money(r.p75),
    ]);
    lines.push(markdownTable(t.pay.columns, rows, ['left', 'left', 'right', 'right', 'right', 'right']), '');
  }
  // Currencies the sources did not state, per currency and period over all cities.
  for (const group of [...payGroups(data.payByRole).values()].sort(byPostingsThenUnit)) {
    const inferred = group.reduce((sum, r) => sum + (r.inferred ?? 0), 0);
    if (inferred === 0) continue;
    const first = group[0]!;
    lines.push(
      t.pay.inferred({
        count: inferred,
        unit: esc(unit(first)),
        currency: esc(t.names.currency(first.currency)),
      }),
      '',
    );
  }
  if (leftOut > 0) lines.push(t.pay.implausible(leftOut), '');
  lines.push(t.pay.note);
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

function claimsSection(c: Context): string {
  const { t, m, data } = c;
  const lines = [`## ${t.claims.heading}`, '', t.claims.intro];
  if (data.claims.length > 0) {
    lines.push(
      '',
      markdownTable(
        t.claims.summaryColumns,
        data.claims.map((claim) => [claimName(c, claim, 80), m.strong(t.claims.headline(claim))]),
      ),
    );
  }
  for (const claim of data.claims) lines.push('', ...claimDetail(c, claim));
  for (const e of data.claimErrors)
    lines.push('', `- ${t.claims.error(esc(e.claim, 80), esc(e.reason, 200), e.detail ?? null, m)}`);
  return lines.join('\n');
}

/** What a claim says, without its periods, in the reader's words, escaped (its own text cut to `max`). */
function statement(c: Context, claim: ClaimReadingsResult, max?: number): string {
  return c.t.claims.statement(
    { statement: claim.statement, metric: claim.metric, filter: claim.filter, change: claim.change },
    { ...c.m, text: (text, cut) => esc(text, cut ?? max) },
  );
}

/** A claim's name: its id, else its text as published, else what it says. */
function claimName(c: Context, claim: ClaimReadingsResult, max: number): string {
  const own = claim.claim.id ?? claim.claim.text;
  return own ? esc(own, max) : statement(c, claim, max);
}

/** One claim: as published, the verdict and the sentence to quote, its readings as a table, then the notes. */
function claimDetail(c: Context, claim: ClaimReadingsResult): string[] {
  const { t, m } = c;
  const out = [`### ${claimName(c, claim, 100)}`, ''];
  if (claim.claim.text) out.push(`> ${esc(claim.claim.text, 300)}`, '');
  const published = claim.claim.published ? t.format.day(claim.claim.published) : undefined;
  const origin = [claim.claim.publisher, published]
    .filter((part): part is string => Boolean(part))
    .map((part) => esc(part, 200));
  if (claim.claim.url) origin.push(m.url(claim.claim.url));
  if (origin.length > 0) out.push(t.claims.origin(origin), '');
  out.push(
    t.claims.verdictLine(t.claims.headline(claim), t.claims.quotable(claim, quotedSubject(c, claim), m), m),
    '',
  );
  out.push(
    markdownTable(
      t.claims.readingsColumns,
      claim.readings.map((r) => readingRow(c, r)),
      ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'left', 'right'],
    ),
    '',
  );
  out.push(`- ${t.claims.tested(statement(c, claim), claim.asOf)}`);
  const most = claim.readings.find((r) => r.id === claim.overall.mostData);
  if (most && claim.readings.length > 1) {
    const r = most.result;
    out.push(
      `- ${t.claims.mostData({
        reading: t.claims.readingName(most.id),
        current: t.format.period(r.current.period.label),
        baseline: t.format.period(r.baseline.period.label),
        postings: r.current.count + r.baseline.count,
      })}`,
    );
  }
  for (const r of claim.readings.filter((r) => r.result.verdict === 'insufficient data' && !r.sameAs)) {
    const why = r.result.unavailable ? t.unavailable(r.result.unavailable, m) : esc(r.result.reason);
    out.push(`- ${t.claims.notChecked(t.claims.readingName(r.id), why)}`);
  }
  // The method once; which readings' intervals were widened for overdispersion, in one line.
  const methods = new Map<string, ClaimResult>();
  for (const r of claim.readings) {
    if (r.result.estimate) methods.set(baseMethod(r.result.estimate.method), r.result);
  }
  const methodLines = [...methods].map(
    ([english, result]) => `- ${t.claims.method({ metric: result.metric, english: esc(english) })}`,
  );
  out.push(...new Set(methodLines));
  const widened = claim.readings.filter((r) => r.result.overdispersion?.widened && !r.sameAs);
  if (widened.length > 0) {
    out.push(
      `- ${t.claims.widened(
        widened.map((r) => ({
          reading: t.claims.readingName(r.id),
          overdispersion: { ...r.result.overdispersion!, note: esc(r.result.overdispersion!.note) },
        })),
      )}`,
    );
  }
  for (const line of new Set(claim.readings.map((r) => sourcesLine(c, r)))) out.push(line);
  for (const caveat of claim.caveats) out.push(`- ${t.claims.caveat(t.caveat(caveat, m))}`);
  return out;
}

/** The claim as the sentence to quote speaks of it (English: its statement, lower-cased; escaped). */
function quotedSubject(c: Context, claim: ClaimReadingsResult): string {
  if (c.t.lang === 'en') return esc(claim.statement.charAt(0).toLowerCase() + claim.statement.slice(1));
  return statement(c, claim);
}

/** A method without its note on widening (listed per reading instead). */
function baseMethod(method: string): string {
  const at = method.indexOf(', widened for overdispersion');
  return at >= 0 ? method.slice(0, at) : method;
}

function readingRow(c: Context, reading: ClaimReading): string[] {
  const { t, m } = c;
  const f = t.format;
  const r = reading.result;
  const e = r.estimate;
  const days = (side: typeof r.current) => (side.value === null ? t.claims.notWatched : String(side.days));
  return [
    reading.sameAs
      ? t.claims.sameAs(t.claims.readingName(reading.id), t.claims.readingName(reading.sameAs))
      : t.claims.readingName(reading.id),
    esc(f.period(r.current.period.label)),
    esc(f.period(r.baseline.period.label)),
    t.claims.counts(r.baseline.count, r.current.count),
    `${days(r.baseline)} / ${days(r.current)}`,
    e ? f.change(e.change) : '–',
    e ? f.changeInterval(e.interval.lower - 1, e.interval.upper - 1) : '–',
    m.strong(t.names.verdict(r.verdict)),
    f.p(reading.adjustedPValue),
  ];
}

function sourcesLine(c: Context, reading: ClaimReading): string {
  const { t } = c;
  const r = reading.result;
  return `- ${t.claims.sources({
    panel: r.coverage.panel,
    included: r.coverage.included.map((id) => sourceWords(t, id)),
    excluded: r.coverage.excluded.map((x) => ({
      ...x,
      sourceId: sourceWords(t, x.sourceId),
      reason: esc(x.reason),
    })),
    current: t.format.period(r.current.period.label),
    baseline: t.format.period(r.baseline.period.label),
  })}`;
}

// ---------------------------------------------------------------------------------------------------
// coverage and methodology

function coverageSection(c: Context): string {
  const { t, m, data } = c;
  const cov = data.coverage;
  const f = t.format;
  const lines = [`## ${t.coverage.heading}`, ''];
  if (cov.sources.length === 0) {
    lines.push(t.coverage.noSources);
    return lines.join('\n');
  }
  lines.push(
    markdownTable(
      t.coverage.columns(data.period.days),
      cov.sources.map((s) => [
        t.coverage.source(
          esc(s.sourceId),
          t.names.source(s.sourceId, (text) => esc(text)) ??
            (s.name && s.name !== s.sourceId ? esc(s.name, 40) : null),
        ),
        esc(t.names.kind(s.kind)),
        String(s.lifetimeDays),
        t.coverage.watched(s.watchedDays, s.assumed),
        f.count(s.runs),
        f.count(s.okRuns),
        f.count(s.partialRuns),
        f.count(s.failedRuns),
        f.count(s.interruptedRuns),
        f.count(s.postings),
        f.count(s.backlog),
        s.lastRunAt ? esc(f.time(s.lastRunAt)) : '–',
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
  lines.push('', t.coverage.note);
  if (cov.firstPostingDate && cov.lastPostingDate) {
    lines.push('', t.coverage.dated(f.day(cov.firstPostingDate), f.day(cov.lastPostingDate)));
  }
  if (cov.problemRuns.length > 0) {
    lines.push('', `### ${t.coverage.problemsHeading}`, '');
    lines.push(
      markdownTable(
        t.coverage.problemColumns,
        cov.problemRuns.map((r) => [
          String(r.id),
          sourceWords(t, r.sourceId),
          esc(f.time(r.startedAt)),
          esc(t.names.status(r.status)),
          f.count(r.errorCount),
          esc(r.errorSummary ?? '', 120),
        ]),
        ['right', 'left', 'left', 'left', 'right', 'left'],
      ),
    );
    if (cov.problemRunsTotal > cov.problemRuns.length) {
      lines.push('', t.coverage.more(cov.problemRunsTotal - cov.problemRuns.length, m));
    }
  } else {
    lines.push('', t.coverage.noProblems);
  }
  const flags = cov.healthFlags ?? [];
  if (flags.length > 0) {
    const flagged = [...new Set(flags.map((flag) => flag.source_id))];
    lines.push(
      '',
      `### ${t.coverage.healthHeading(m)}`,
      '',
      t.coverage.health(flagged.map((id) => sourceWords(t, id))),
      '',
      ...flags.map((flag) => `- ${t.coverage.flag(flag, m)}`),
    );
  }
  return lines.join('\n');
}

function methodologySection(c: Context, short: boolean): string {
  const { t, m, data } = c;
  const subject = t.method.subject(data.subject, m);
  return [
    `## ${t.method.heading}`,
    '',
    ...t.method.items(subject, short).map(([label, text]) => `- ${m.strong(label)} ${text}`),
  ].join('\n');
}
