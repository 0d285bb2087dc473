// What analysis says in sentences, as data: each caveat, each reason a comparison has no estimate and each
// reason a source was left out of a panel is a code with the values it speaks of, plus its English text. The
// CLI prints the text (caveat-words.ts writes it, unchanged from before codes existed); the report words the
// code and values in its reader's language (src/report/messages). Periods are given by their labels
// ("2025-Q3"), sources by their ids, dates as YYYY-MM-DD.
import type { Market, SeasonId } from './markets.js';
import type { Granularity, ReadingId } from './types.js';

/** A span of days a source's coverage is assumed over (a dataset imported without collection dates). */
export interface AssumedSpan {
  sourceId: string;
  from: string;
  to: string;
}

/** The filter a caveat speaks of (the same fields as ResolvedFilter, without its English description). */
export interface FilterFacts {
  role: string | null;
  match: string | null;
  city: string | null;
  sources: string[] | null;
}

/** Why a source is not in a same-source panel: which period it was watched in, with its days and postings. */
export interface ExclusionFacts {
  watchedIn: 'neither' | 'current' | 'baseline';
  /** Days it was watched in the period it was watched in (0 for neither). */
  days: number;
  /** Its new postings (any role) left out: in that period, or in both for neither. */
  postings: number;
}

export type CaveatFacts =
  // comparisons (claim, report headline)
  | { code: 'seasonality'; current: string; baseline: string }
  | { code: 'no-country' }
  | { code: 'spring-festival'; dates: string[] }
  | { code: 'season'; season: SeasonId; market: Market; months: number[] }
  | { code: 'coverage-assumed'; spans: AssumedSpan[] }
  | {
      code: 'source-left-out';
      sourceId: string;
      current: string;
      baseline: string;
      exclusion: ExclusionFacts;
    }
  | {
      code: 'source-new';
      sourceId: string;
      current: string;
      baseline: string;
      days: number;
      postings: number;
    }
  | { code: 'source-lost'; sourceId: string; current: string; baseline: string; days: number }
  | { code: 'coverage-gaps'; period: string; watchedDays: number; days: number; panel: boolean }
  | { code: 'overdispersion'; dispersion: number; pValue: number }
  | { code: 'small-counts'; count: number }
  // a claim checked under several readings: the per-reading notes, one note each naming the readings
  | { code: 'readings-overdispersion'; readings: { id: ReadingId; name: string; dispersion: number }[] }
  | { code: 'readings-small-counts'; readings: { id: ReadingId; name: string; count: number }[] }
  | { code: 'period-incomplete'; period: string; days: number }
  | { code: 'dedup' }
  | { code: 'not-vacancies' }
  // growth series
  | { code: 'no-matches'; filter: FilterFacts; from: string; to: string }
  | { code: 'not-watched'; labels: string[] }
  | {
      code: 'bucket-gaps';
      by: Granularity;
      buckets: number;
      partial: { label: string; watchedDays: number; days: number }[];
    }
  | { code: 'buckets-incomplete'; labels: string[] }
  | { code: 'sources-change' }
  // trend
  | { code: 'trend-too-few-months'; months: number; needed: number }
  | { code: 'trend-unfittable' }
  | { code: 'trend-left-out'; left: number; months: number }
  // skills
  | { code: 'skills-no-comparison' }
  | { code: 'skills-few-postings'; postings: number; period: string }
  | { code: 'skills-by-taxonomy' };

/** A caveat: its code and values, and its English text (what the CLI prints). */
export type Caveat = CaveatFacts & { text: string };

/** Why a comparison has no estimate (and so a claim "insufficient data"), and what would be needed. */
export type UnavailableFacts =
  | { code: 'not-watched'; period: string }
  | { code: 'no-common-source'; current: string; baseline: string; allSources: boolean }
  | { code: 'never-watched-together'; sources: string[]; period: string }
  | { code: 'no-posting'; period: string; days: number }
  | { code: 'no-open-posting'; period: string }
  | { code: 'no-interval' };

export type Unavailable = UnavailableFacts & { text: string };
