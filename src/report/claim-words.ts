// The words of the report's Claims section, in one place (English), so that they can move into a message
// catalogue as they are: the section's introduction, table headings, reading names, the verdict headline and
// the sentence a journalist can quote. Pure functions of the analysis result; numbers are formatted with the
// report's own (locale-free) formatters. Nothing here comes from postings: callers escape claim text.
import type { ClaimReading, ClaimReadingsResult, OverallVerdict, ReadingId } from '../analysis/types.js';
import { formatChange } from './format.js';

export const CLAIM_WORDS = {
  heading: 'Claims',
  intro:
    'Each claim is checked against the postings jobtrend counted, on the sources watched in both periods compared. ' +
    'A claim that names no period is checked under every standard reading of it — the last complete calendar year, ' +
    'the last 12 complete months, the last complete quarter and the last complete month before the day it was ' +
    'published, each against the same span a year earlier — all fixed before any count is read, and its verdict ' +
    'says how the readings agree. A reading supports the claim when the whole 95% interval of the change lies ' +
    'beyond the claimed change, and contradicts it when the whole interval falls short; p (Holm) is the one-sided ' +
    'p-value of the claim corrected for checking several readings.',
  summaryHeader: ['claim', 'verdict'],
  readingsHeader: [
    'reading',
    'period',
    'baseline',
    'postings (baseline → period)',
    'watched days (baseline / period)',
    'change',
    '95% interval',
    'verdict',
    'p (Holm)',
  ],
  tested: 'Tested',
  asOf: 'as of',
  mostData: 'Most data',
  postings: 'postings',
  notChecked: 'Not checked (counts as no support)',
  method: 'Method',
  widened: 'Interval widened for overdispersed weekly counts',
  sources: 'Sources',
  sameSourcePanel: 'same-source panel',
  allSources: 'all sources',
  leftOut: 'left out',
  none: 'none',
  caveat: 'Caveat',
  couldNotCheck: 'could not be checked',
  notWatched: 'not watched',
  against: 'against',
  samePeriodsAs: 'same periods as',
  interval: '95% interval',
} as const;

const READING_NAMES: Record<ReadingId, string> = {
  'calendar-year': 'calendar year',
  'twelve-months': '12 months',
  quarter: 'quarter',
  month: 'month',
  stated: 'as stated',
};

export function readingName(id: ReadingId): string {
  return READING_NAMES[id];
}

/** The verdict in a few words: "Supported under 2 of 4 readings — it depends on the period meant". */
export function verdictHeadline(result: ClaimReadingsResult): string {
  const o = result.overall;
  if (o.readings === 1) return capitalise(result.readings[0]!.result.verdict);
  const words: Record<OverallVerdict, string> = {
    supported: 'Supported under every reading',
    depends:
      o.contradicted + o.inconclusive > 0
        ? `Supported under ${o.supported} of ${o.readings} readings — it depends on the period meant`
        : `Supported under ${o.supported} of ${o.readings} readings; the others could not be checked`,
    contradicted: 'Contradicted under every reading',
    inconclusive:
      o.contradicted > 0
        ? `Inconclusive — supported under none of the ${o.readings} readings, contradicted under ${o.contradicted}`
        : o.inconclusive === o.readings
          ? 'Inconclusive under every reading'
          : `Inconclusive — supported under none of the ${o.readings} readings`,
    'insufficient data': 'Insufficient data',
  };
  return words[o.verdict];
}

/** "2025 against 2024 (+50.4%, 95% interval +38.5% to +63.4%)". */
function readingFigures(reading: ClaimReading): string {
  const r = reading.result;
  const periods = `${r.current.period.label} ${CLAIM_WORDS.against} ${r.baseline.period.label}`;
  if (!r.estimate) return `${periods} (${CLAIM_WORDS.couldNotCheck})`;
  const e = r.estimate;
  return `${periods} (${formatChange(e.change)}, ${CLAIM_WORDS.interval} ${formatChange(e.interval.lower - 1)} to ${formatChange(e.interval.upper - 1)})`;
}

function figuresOf(readings: ClaimReading[]): string {
  const distinct = readings.filter((r) => !r.sameAs);
  const items = distinct.map(readingFigures);
  return items.length <= 2 ? items.join(' and ') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * The sentence a journalist can quote: what the postings say about the claim under its readings, with the
 * figures. `subject` is the claim in words ("new postings per watched day (role ai-trainer, city Shanghai)
 * rose by more than 30%"), already escaped by the caller.
 */
export function quotableSentence(result: ClaimReadingsResult, subject: string): string {
  const by = (verdict: string) => result.readings.filter((r) => r.result.verdict === verdict);
  const supported = by('supported');
  const notSupported = result.readings.filter(
    (r) => r.result.verdict === 'contradicted' || r.result.verdict === 'inconclusive',
  );
  const claim = `the claim that ${subject}`;
  if (result.readings.length === 1) {
    const reading = result.readings[0]!;
    const verb = {
      supported: 'support',
      contradicted: 'contradict',
      inconclusive: 'neither confirm nor rule out',
      'insufficient data': 'cannot check',
    }[reading.result.verdict];
    return `jobtrend's postings data ${verb} ${claim}: ${readingFigures(reading)}.`;
  }
  switch (result.overall.verdict) {
    case 'supported':
      return `jobtrend's postings data support ${claim} under every reading of its period: ${figuresOf(supported)}.`;
    case 'contradicted':
      return `jobtrend's postings data contradict ${claim} under every reading of its period: ${figuresOf(by('contradicted'))}.`;
    case 'depends':
      return notSupported.length > 0
        ? `jobtrend's postings data support ${claim} when it is read as ${figuresOf(supported)}, but not when it is read as ${figuresOf(notSupported)}: whether it holds depends on the period meant.`
        : `jobtrend's postings data support ${claim} when it is read as ${figuresOf(supported)}; its other readings could not be checked.`;
    case 'inconclusive':
      return `jobtrend's postings data do not support ${claim} under any reading of its period: ${figuresOf(result.readings)}.`;
    case 'insufficient data':
      return `jobtrend's postings data cannot check ${claim} under any reading of its period.`;
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
