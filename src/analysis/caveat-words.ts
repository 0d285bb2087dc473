// The English text of analysis' caveats and reasons (caveat-codes.ts): what `claim`, `growth` and `skills`
// print, and what the English report shows. One function per kind of sentence; `caveat()` and
// `unavailable()` attach the text to the facts, so analysis builds a sentence in one call.
import type {
  AssumedSpan,
  Caveat,
  CaveatFacts,
  ExclusionFacts,
  FilterFacts,
  Unavailable,
  UnavailableFacts,
} from './caveat-codes.js';
import { SEASONS } from './markets.js';

export const POSTINGS_ARE_NOT_VACANCIES =
  'Postings are not vacancies: one posting can stand for many openings (or none), and boards differ in how long they keep them.';

export const DEDUP_NOTE =
  'Each job is counted once, at its first appearance: reposts and the same job on several boards are removed by the dedup key.';

/** A caveat with its English text. */
export function caveat(facts: CaveatFacts): Caveat {
  return { ...facts, text: caveatText(facts) };
}

/** A reason for no estimate with its English text. */
export function unavailable(facts: UnavailableFacts): Unavailable {
  return { ...facts, text: unavailableText(facts) };
}

/** The filter in plain words: "role ai-trainer, city Shanghai" or "all postings". */
export function describeFilter(filter: FilterFacts): string {
  const parts: string[] = [];
  if (filter.role) parts.push(`role ${filter.role}`);
  if (filter.match) parts.push(`matching "${filter.match}"`);
  if (filter.city) parts.push(`city ${filter.city}`);
  if (filter.sources) parts.push(`sources ${filter.sources.join(', ')}`);
  return parts.length > 0 ? parts.join(', ') : 'all postings';
}

/** Why a source is not in the same-source panel: "watched only in 2025 (365 days, 700 postings), not in 2024". */
export function exclusionText(exclusion: ExclusionFacts, current: string, baseline: string): string {
  switch (exclusion.watchedIn) {
    case 'neither':
      return `not watched in either period (${exclusion.postings} postings left out)`;
    case 'current':
      return `watched only in ${current} (${exclusion.days} days, ${exclusion.postings} postings), not in ${baseline}`;
    case 'baseline':
      return `watched only in ${baseline} (${exclusion.days} days, ${exclusion.postings} postings), not in ${current}`;
  }
}

function list(items: string[]): string {
  return `${items.slice(0, 6).join(', ')}${items.length > 6 ? ', …' : ''}`;
}

export function formatP(p: number): string {
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

function assumedText(spans: AssumedSpan[]): string {
  const bySource = new Map<string, string[]>();
  for (const { sourceId, from, to } of spans)
    bySource.set(sourceId, [...(bySource.get(sourceId) ?? []), `${from} to ${to}`]);
  const named = [...bySource].map(([id, ranges]) => `${id} (${ranges.join(', ')})`).join(', ');
  const one = bySource.size === 1;
  const imports = [...bySource.keys()].filter((id) => id.startsWith('import:'));
  const advice =
    imports.length > 0
      ? ` (import ${imports.length === 1 && one ? 'it' : imports.join(', ')} again with --observed FROM..TO or a scrape-date column)`
      : '';
  return `Coverage assumed: ${named} ${one ? 'has' : 'have'} no collection dates, so ${one ? 'it is' : 'they are'} taken as a continuous log of every day ${one ? 'its' : 'their'} postings span; if collected on fewer days, ${one ? 'its' : 'their'} rates are too low${advice}.`;
}

export function caveatText(c: CaveatFacts): string {
  switch (c.code) {
    case 'seasonality':
      return `Seasonality: ${c.current} and ${c.baseline} cover different months of the year, so part of the change may be seasonal; compare with the same months a year earlier for a cleaner answer.`;
    case 'no-country':
      return "The postings compared carry no country, so no market's hiring calendar could be checked against these months.";
    case 'spring-festival': {
      const when = c.dates.length > 0 ? ` (${c.dates.join(', ')} in these periods)` : '';
      return `Spring Festival (春节) falls on a different day each year${when}: hiring in mainland China pauses for about two weeks around it, which moves postings between January and February.`;
    }
    case 'season':
      return SEASONS[c.market].find((s) => s.id === c.season)?.text ?? c.season;
    case 'coverage-assumed':
      return assumedText(c.spans);
    case 'source-left-out':
      return `Coverage change: source ${c.sourceId} was left out of the same-source panel, ${exclusionText(c.exclusion, c.current, c.baseline)}; counting it would mix new coverage with new demand.`;
    case 'source-new':
      return `Coverage change: source ${c.sourceId} was watched in ${c.current} (${c.days} days, ${c.postings} postings) but not in ${c.baseline}: part of any rise is new coverage, not new demand (drop --all-sources to compare the same sources).`;
    case 'source-lost':
      return `Coverage change: source ${c.sourceId} was watched in ${c.baseline} (${c.days} days) but not in ${c.current}: part of any fall is lost coverage (drop --all-sources to compare the same sources).`;
    case 'coverage-gaps':
      return `Coverage gaps: only ${c.watchedDays} of the ${c.days} days of ${c.period} were watched${c.panel ? ' by every panel source' : ''}; rates are per watched day.`;
    case 'overdispersion':
      return `Weekly counts vary more than chance would (dispersion ${c.dispersion.toFixed(2)}, p = ${formatP(c.pValue)}): the interval was widened to allow for it.`;
    case 'small-counts':
      return `Small counts (${c.count} postings in the smaller period): the interval is wide; more weeks of data will narrow it.`;
    case 'readings-overdispersion': {
      const many = c.readings.length > 1;
      const named = c.readings.map((r) => `${r.name} (dispersion ${r.dispersion.toFixed(2)})`).join(', ');
      return `Weekly counts vary more than chance would under the ${named} reading${many ? 's' : ''}: ${many ? 'their intervals were' : 'its interval was'} widened to allow for it.`;
    }
    case 'readings-small-counts': {
      const many = c.readings.length > 1;
      const named = c.readings.map((r) => `${r.name} (${r.count})`).join(', ');
      return `Small counts under the ${named} reading${many ? 's' : ''} (postings in the smaller period): ${many ? 'their intervals are' : 'its interval is'} wide; more weeks of data will narrow ${many ? 'them' : 'it'}.`;
    }
    case 'period-incomplete':
      return `${c.period} is not over yet (incomplete): its rate covers only the ${c.days} days watched so far.`;
    case 'dedup':
      return DEDUP_NOTE;
    case 'not-vacancies':
      return POSTINGS_ARE_NOT_VACANCIES;
    case 'no-matches':
      return `No new postings match (${describeFilter(c.filter)}) on the watched days between ${c.from} and ${c.to}: check the filter, or scrape first.`;
    case 'not-watched': {
      const one = c.labels.length === 1;
      return `Not watched: ${list(c.labels)} — no source was looked at within its posting lifetime after any of ${one ? 'its days, so it has' : 'their days, so they have'} no rate (not a rate of zero).`;
    }
    case 'bucket-gaps': {
      const one = c.partial.length === 1;
      return `Coverage gaps: ${c.partial.length} of ${c.buckets} ${c.by}s ${one ? 'was' : 'were'} watched on fewer than all their days (${list(
        c.partial.map((b) => `${b.label}: ${b.watchedDays}/${b.days} days`),
      )}); their rates are per watched day.`;
    }
    case 'buckets-incomplete': {
      const one = c.labels.length === 1;
      return `${list(c.labels)} ${one ? 'is' : 'are'} not over yet (incomplete): ${one ? 'its rate covers' : 'their rates cover'} only the days watched so far, and ${one ? 'it is' : 'they are'} left out of the trend.`;
    }
    case 'sources-change':
      return 'Coverage change: the set of sources watched changes along the series, so rates mix new demand with new coverage; vs_previous and vs_year_before compare the same sources (as `jobtrend claim` does), and the share column compares like with like.';
    case 'trend-too-few-months':
      return `No trend: ${c.months} complete watched month${c.months === 1 ? '' : 's'} with postings, and a trend needs at least ${c.needed}.`;
    case 'trend-unfittable':
      return 'No trend: the months cannot be fitted (all at one point).';
    case 'trend-left-out':
      return `The trend leaves out ${c.left} of ${c.months} months: not watched, not over yet, or with no postings (a log-linear fit needs rates above zero).`;
    case 'skills-no-comparison':
      return 'No comparison: one of the periods has no matching postings.';
    case 'skills-few-postings':
      return `Only ${c.postings} matching postings in ${c.period}: shares are rough.`;
    case 'skills-by-taxonomy':
      return 'Skills are found by the taxonomy in titles and descriptions: a posting that does not name a skill may still need it.';
  }
}

export function unavailableText(u: UnavailableFacts): string {
  switch (u.code) {
    case 'not-watched':
      return `${u.period} was not watched: no source was looked at (a scrape run, or an import with collection dates) within its posting lifetime after any day of it; a rate needs watched days`;
    case 'no-common-source':
      return `no source was watched in both ${u.current} and ${u.baseline}, so there is nothing to compare like with like: watch one source over both periods${u.allSources ? '' : ', or count every source with --all-sources'}`;
    case 'never-watched-together':
      return `the sources compared (${u.sources.join(', ')}) were never all watched on the same day of ${u.period}: compare them one at a time (--source) or with --all-sources`;
    case 'no-posting':
      return `no matching new posting in ${u.period} on its ${u.days} watched days: a ratio needs at least one posting in each period (a longer period, or more sources watched in both, would give one)`;
    case 'no-open-posting':
      return `no open posting in ${u.period} among the sources compared: a ratio needs at least one in each period`;
    case 'no-interval':
      return 'no interval can be computed from these counts';
  }
}
