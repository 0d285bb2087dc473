// What the crawl (this thread) and its store thread (store-worker.ts) say to each other. Errors cross as
// their kind and message and are made again on the other side, so a block is still a BlockedError there.
import type { FetcherStats } from '../fetch/create-fetcher.js';
import {
  BlockedError,
  CriticalError,
  HostUnreachableError,
  NotRetryableError,
  RateLimitedError,
  RetryableError,
} from '../fetch/errors.js';
import type { CrawlOutcome } from './crawler.js';
import type { RecordedRun, RunSummary, ScrapeProgress } from './run-recorder.js';

export interface WireError {
  name: string;
  kind?: string;
  message: string;
  url?: string;
}

export type WireOutcome = Omit<CrawlOutcome, 'failure'> & { failure?: WireError };

export interface StoreThreadData {
  dbPath: string;
  crawlId: number;
  runs: RecordedRun[];
  commitEveryMs?: number;
  commitEveryPages?: number;
  /** The crawl's clock, as milliseconds ahead of this machine's (a function cannot cross to a thread). */
  clockOffsetMs?: number;
}

export type ToStore =
  | { type: 'outcomes'; outcomes: WireOutcome[]; overhead: FetcherStats[]; queued: [number, number][] }
  | { type: 'start-failed'; scrape: number; error: WireError; counted: boolean }
  | { type: 'finish'; critical?: WireError; aborted: boolean; overhead: FetcherStats[] };

export type FromStore =
  | { type: 'progress'; events: ScrapeProgress[] }
  | { type: 'failed'; error: WireError }
  | { type: 'finished'; summaries: RunSummary[]; critical?: WireError };

export function toWire(error: unknown): WireError {
  if (error instanceof Error)
    return {
      name: error.name,
      message: error.message,
      ...('kind' in error ? { kind: String(error.kind) } : {}),
      ...('url' in error && typeof error.url === 'string' ? { url: error.url } : {}),
    };
  return { name: 'Error', message: String(error) };
}

/** The error again, of its own class where the engine decides by class. */
export function fromWire(wire: WireError): Error {
  const made =
    wire.name === 'HostUnreachableError'
      ? new HostUnreachableError(wire.message, wire.url)
      : wire.name === 'RateLimitedError'
        ? new RateLimitedError(wire.message, wire.url, 0)
        : wire.kind === 'blocked'
          ? new BlockedError(wire.message, wire.url)
          : wire.kind === 'not-retryable'
            ? new NotRetryableError(wire.message, wire.url)
            : wire.kind === 'retryable'
              ? new RetryableError(wire.message, wire.url)
              : wire.kind === 'critical'
                ? new CriticalError(wire.message, wire.url)
                : new Error(wire.message);
  if (!('kind' in made)) made.name = wire.name;
  return made;
}

/**
 * An outcome as the store thread needs it. The request goes without what only its handler needed (its data,
 * and the posting it carried, already among the outcome's postings when it counts): less to copy across.
 */
export function outcomeToWire(outcome: CrawlOutcome): WireOutcome {
  const { failure, request, ...rest } = outcome;
  const { data: _data, posting, ...kept } = request;
  const slim = {
    ...kept,
    // Only whether it carried one matters from here on (a gone detail page is not the run's failure).
    ...(posting
      ? { posting: { sourcePostingId: posting.sourcePostingId, title: posting.title, raw: null } }
      : {}),
  };
  return failure ? { ...rest, request: slim, failure: toWire(failure) } : { ...rest, request: slim };
}

export function outcomeFromWire(wire: WireOutcome): CrawlOutcome {
  const { failure, ...rest } = wire;
  return failure ? { ...rest, failure: fromWire(failure) } : rest;
}
