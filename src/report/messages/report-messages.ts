// The words of a trend report, one typed catalogue per language (en.ts, zh.ts): every heading, sentence, table
// header, caveat, verdict, method note and chart label, and how numbers, dates, periods and names are written.
// The renderer decides what is shown; the catalogue decides how it reads. A message is a whole sentence (or
// heading, or cell) in its language, written from typed values — never English fragments glued together.
//
// Contract, so that other output forms (the HTML and JSON forms of the report) can reuse the catalogue:
// - A message returns inline CommonMark. Emphasis, code and the escaping of untrusted text come from the
//   `Markup` passed in; an HTML form renders the same text with markdown-it (as the tests do).
// - Values named `…Text` or taken from `Names` are already escaped by the renderer; raw values that came from
//   postings, runs or the user (source ids in caveats, claim quotes) are escaped by the message with m.text.
// - Numbers, dates, periods and names are written by `format` and `names` of the same catalogue.
import type { Caveat, Unavailable } from '../../analysis/caveat-codes.js';
import type { ClaimReadingsResult, ReadingId } from '../../analysis/types.js';
import type { ErrorDetail } from '../../errors.js';
import type { HealthFlag } from '../../health/source-health.js';

import type { Lang } from '../report-lang.js';

export type { Lang };

/** How the output form marks text up: markdown for the report file; an HTML form passes its own. */
export interface Markup {
  strong(text: string): string;
  code(text: string): string;
  em(text: string): string;
  /** Escapes untrusted text for one line (a cell, a list item, a sentence); cut to `max` characters. */
  text(text: string, max?: number): string;
  /** A link to an address the user gave (a claim's source): a plain http(s) URL is linked, anything else is text. */
  url(href: string): string;
}

/** The report's subject, each part already in the reader's words and escaped. */
export interface SubjectWords {
  role: string;
  /** The --match text, escaped (null: none). */
  match: string | null;
  /** The city, escaped (null: all cities). */
  city: string | null;
}

/** A period as the report shows it (label, first and last day, days), already in words. */
export interface PeriodWords {
  label: string;
  start: string;
  end: string;
  days: number;
}

/** Which baseline a headline row compares with. */
export type Against = 'previous' | 'year-earlier' | 'year-before';

export type Metric = 'new' | 'share' | 'active';

export type VerdictWord = 'supported' | 'contradicted' | 'inconclusive' | 'insufficient data';

export interface ClaimChangeWords {
  direction: 'rise' | 'fall';
  threshold: number;
  inclusive: boolean;
}

/** Numbers, dates and periods as the reader expects them. */
export interface Format {
  /** A count in a table cell: "1,234". */
  count(n: number): string;
  /** A count of postings in a sentence: "1,234" (en) / "1.2万条" (zh). */
  postings(n: number): string;
  /** A fraction as a percentage: "12.3%". */
  percent(x: number | null | undefined): string;
  /** A change as a signed percentage: "+30.0%", "−5.0%". */
  change(x: number | null | undefined): string;
  /** A difference of two shares in percentage points: "+3.1 pp" / "+3.1个百分点". */
  points(x: number | null | undefined): string;
  /** A rate with sensible precision: "12.3", "0.012". */
  rate(x: number | null | undefined): string;
  money(x: number): string;
  /** A p- or q-value: "<0.001", "0.042". */
  p(x: number | null | undefined): string;
  /** An interval of changes: "−27.2% to +38.6%". */
  changeInterval(lower: number, upper: number): string;
  /** A period label ("2025-03", "2025-Q1", "2025", "2025-W14", "2025-01-01..2025-03-31") in words. */
  period(label: string): string;
  /** A day, YYYY-MM-DD, in words. */
  day(day: string): string;
  /** A run's time (ISO, UTC) to the minute. */
  time(iso: string): string;
  /** A time-series bucket's label on a chart axis, given the label before it (null for the first). */
  axisLabel(label: string, previous: string | null): string;
}

/** Names in the reader's language; null where there is none and the renderer shows the stored text, escaped. */
export interface Names {
  /** A role id's name ("AI trainer (AI训练师)" / "人工智能训练师"); null for an unknown id. */
  role(id: string): string | null;
  allRoles: string;
  /** A canonical city's name in this language; null to show it as stored. */
  city(name: string): string | null;
  /** A source's name in this language (its id raw; `esc` for any part of it shown); null: the stored name. */
  source(id: string, esc: (text: string) => string): string | null;
  /** A skill's label from its id and stored names (raw: the renderer escapes the result). */
  skill(skill: { skillId: string; name: string; nameZh: string | null }): string;
  /** A source kind (api, html, browser, import), raw in and out. */
  kind(kind: string): string;
  /** A run status (ok, partial, failed, interrupted), raw in and out. */
  status(status: string): string;
  /** A pay unit from a currency code and a pay period ("CNY per month" / "元/月"), raw in and out. */
  payUnit(currency: string, period: string): string;
  /** A currency code as a reader names it ("CNY" / "人民币"), raw in and out. */
  currency(code: string): string;
  metric(metric: Metric): string;
  verdict(verdict: VerdictWord): string;
}

/** Words inside charts (plain text: the chart escapes it as XML). */
export interface ChartWords {
  /** The font-family the SVG names. */
  fontStack: string;
  /** xml:lang of the SVG, or null to leave it out. */
  svgLang: string | null;
  noData: string;
  thisPeriod: string;
  previousPeriod: string;
  boxLegend: string;
  /** An axis tick: "1.5k" / "1500"; percentages when `percent` (values are fractions). */
  tick(value: number, percent: boolean): string;
  /** One sentence for screen readers. */
  lineDescription(series: string, axis: string, first: string, last: string): string;
  barDescription(axis: string, items: { label: string; value: string }[]): string;
  boxDescription(axis: string, groups: { label: string; median: string; n: number }[]): string;
  /** The number of postings behind a box: "n=12" / "12条". */
  boxCount(n: number): string;
  /** Legend of the shaded band around a series: its 95% interval. */
  band: string;
  /** Legend of the shaded band around the fitted trend: the trend's 95% interval. */
  trendBand: string;
  /** Legend of the whiskers on bars: the 95% interval of each share. */
  barWhiskers: string;
  /** A share at the end of its bar with the postings behind it: "12.5% (34)" / "12.5%（34条）". */
  shareCount(share: string, count: number): string;
}

export interface ReportMessages {
  lang: Lang;
  /** The language tag of an HTML form of this report (<html lang="…">). */
  htmlLang: string;
  /** Added to the report's file name, so both languages of one report can sit in one folder ("" or "-zh"). */
  fileSuffix: string;
  format: Format;
  names: Names;
  chart: ChartWords;
  /** An analysis caveat in this language (English: the analysis' own text), escaped. */
  caveat(c: Caveat, m: Markup): string;
  /** Why a comparison has no estimate, escaped. */
  unavailable(u: Unavailable, m: Markup): string;

  title(subject: SubjectWords, period: string): string;
  /** Under the title when the data include `jobtrend demo`'s invented postings (the report's "Sample data" banner). */
  sample: {
    /** `other` 0: every posting is sample data; else `postings` of them are, counted with `other` real ones. */
    notice(args: { postings: number; other: number }, m: Markup): string;
    /** A demo source that could not run here (the browser one, without Chromium), with the command that fixes it. */
    skipped(args: { source: string; fix: string }, m: Markup): string;
  };
  /** The generation line; `day` is the report's date, YYYY-MM-DD. */
  generated(args: { day: string; period: PeriodWords; defaultPeriod: boolean }, m: Markup): string;

  noData: { heading: string; text(m: Markup): string };
  noMatches: {
    heading: string;
    text(
      args: {
        subject: SubjectWords;
        period: string;
        allPostings: number;
        database: { postings: number; first: string; last: string } | null;
      },
      m: Markup,
    ): string;
  };

  headline: {
    heading: string;
    incomplete(period: string, m: Markup): string;
    sentence(
      args: {
        period: string;
        postings: number;
        subject: SubjectWords;
        share: { share: number; all: number } | null;
        clauses: string[];
      },
      m: Markup,
    ): string;
    clause(args: {
      against: Against;
      baseline: string;
      direction: 'up' | 'down' | 'unclear';
      change: number;
      lower: number;
      upper: number;
    }): string;
    columns: string[];
    against(against: Against): string;
    baseline(period: PeriodWords): string;
    side(count: number, days: number, rate: number | null): string;
    notWatched: string;
    /** A comparison without an estimate and without a reason. */
    noReason: string;
    /** The "sources compared" cell; source ids already escaped. */
    sources(panel: 'same-source' | 'all-sources', included: string[]): string;
    /** A comparison that could not be made because input was refused (the error's text, escaped, and code). */
    error(message: string, detail: ErrorDetail | null, m: Markup): string;
    notes(args: { metrics: Metric[]; englishMethods: string[]; widened: boolean }): string;
    overdispersion(o: {
      dispersion: number;
      df: number;
      pValue: number;
      widened: boolean;
      note: string;
    }): string;
  };

  trend: {
    heading: string;
    noSeries: string;
    /** No series because input was refused (the error's text, escaped, and code). */
    seriesError(message: string, detail: ErrorDetail | null, m: Markup): string;
    unit(by: 'week' | 'month' | 'quarter'): string;
    newAlt(by: 'week' | 'month' | 'quarter'): string;
    newTitle(by: 'week' | 'month' | 'quarter', subject: SubjectWords): string;
    newSeries: string;
    trendSeries(monthlyGrowth: number): string;
    newAxis: string;
    shareNotCharted(m: Markup): string;
    shareAlt: string;
    shareTitle(subject: SubjectWords): string;
    shareSeries: string;
    shareAxis: string;
    /** The trend in one sentence; `method` is the analysis' English description, escaped. */
    line(
      trend: { months: number; monthlyGrowth: number; lower: number; upper: number; rSquared: number },
      method: string,
      m: Markup,
    ): string;
    noTrend: string;
    shareNote: string;
  };

  skills: {
    heading: string;
    none: string;
    alt: string;
    chartTitle(subject: SubjectWords, period: string): string;
    chartAxis(postings: number): string;
    /** Column headers; `compare` is the comparison period in words (null: none). */
    columns(compare: string | null): string[];
    notSignificant: string;
    emergingHeading: string;
    emergingColumns: string[];
    shareChange(before: string, after: string): string;
    noEmerging: string;
    /** The note under the table; `method` is the analysis' English description, escaped. */
    note(args: { compared: boolean; tested: number | null; minSupport: number; method: string }): string;
  };

  companies: { heading: string; none: string; columns: string[] };

  places: {
    heading: string;
    cityColumns: string[];
    districtColumns: string[];
    unknownCity(m: Markup): string;
    noDistricts: string;
  };

  pay: {
    heading: string;
    tooFew: string;
    implausible(n: number): string;
    chartAlt(unit: string): string;
    chartTitle(unit: string, period: string): string;
    chartAxis(unit: string): string;
    columns: string[];
    allCities: string;
    /** Postings whose currency was inferred; `unit` and `currency` escaped. */
    inferred(args: { count: number; unit: string; currency: string }): string;
    note: string;
  };

  claims: {
    heading: string;
    /** How claims are checked: readings, verdicts, the Holm correction. */
    intro: string;
    summaryColumns: string[];
    readingsColumns: string[];
    /** What a claim says, without periods (zh words it from the facts; en uses the analysis' statement), escaped. */
    statement(
      args: {
        statement: string;
        metric: Metric;
        filter: { role: string | null; match: string | null; city: string | null; sources: string[] | null };
        change: ClaimChangeWords;
      },
      m: Markup,
    ): string;
    /** The verdict over the claim's readings in a few words: "Supported under 2 of 4 readings — …". */
    headline(claim: ClaimReadingsResult): string;
    /** The sentence a journalist can quote, with the figures; `subject` is the claim in words, escaped. */
    quotable(claim: ClaimReadingsResult, subject: string, m: Markup): string;
    /** The headline in bold, then the sentence to quote. */
    verdictLine(headline: string, quotable: string, m: Markup): string;
    readingName(id: ReadingId): string;
    /** A reading that compares the same periods as an earlier one. */
    sameAs(reading: string, earlier: string): string;
    /** Who published the claim, when and where (escaped). */
    origin(parts: string[]): string;
    counts(baseline: number, current: number): string;
    /** A period without watched days, in the readings' table. */
    notWatched: string;
    /** What was tested (escaped), and the day its readings were taken before (YYYY-MM-DD; null: stated periods). */
    tested(statement: string, asOf: string | null): string;
    mostData(args: { reading: string; current: string; baseline: string; postings: number }): string;
    /** A reading that could not be checked, and why (escaped). */
    notChecked(reading: string, why: string): string;
    /** How the intervals were made; `english` is the analysis' text, escaped. */
    method(args: { metric: Metric; english: string }): string;
    /** The readings whose intervals were widened for overdispersion (notes escaped). */
    widened(
      readings: {
        reading: string;
        overdispersion: { dispersion: number; df: number; pValue: number; widened: boolean; note: string };
      }[],
    ): string;
    /** Which sources were counted and which left out (ids and English reasons escaped). */
    sources(args: {
      panel: 'same-source' | 'all-sources';
      included: string[];
      excluded: {
        sourceId: string;
        reason: string;
        watchedIn: 'neither' | 'current' | 'baseline';
        days: number;
        postings: number;
      }[];
      current: string;
      baseline: string;
    }): string;
    caveat(text: string): string;
    /** A claim that could not be checked: its name and the error's text (escaped), and the error's code. */
    error(claim: string, reason: string, detail: ErrorDetail | null, m: Markup): string;
  };

  coverage: {
    heading: string;
    noSources: string;
    columns(days: number): string[];
    /** A source's cell: its id (escaped) and its name (escaped or from `Names`), if it has another. */
    source(id: string, name: string | null): string;
    watched(days: number, assumed: boolean): string;
    note: string;
    dated(first: string, last: string): string;
    problemsHeading: string;
    problemColumns: string[];
    more(n: number, m: Markup): string;
    noProblems: string;
    healthHeading(m: Markup): string;
    /** Sources flagged by health (ids escaped). */
    health(sources: string[]): string;
    /** One health flag (its English message in `message`), escaped. */
    flag(flag: HealthFlag, m: Markup): string;
  };

  method: {
    heading: string;
    /** The subject in words (zh words it from the filter; en uses the analysis' description), escaped. */
    subject(
      args: {
        description: string;
        role: string | null;
        match: string | null;
        city: string | null;
        sources: string[] | null;
      },
      m: Markup,
    ): string;
    /** The method notes: [bold label, text] each; the short form (no postings) leaves out growth to pay. */
    items(subject: string, short: boolean): [string, string][];
  };
}
