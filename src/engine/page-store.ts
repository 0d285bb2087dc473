// Where a crawl's pages go: each outcome's postings through the pipeline into the store, with the queue's
// record of its request and the run's counters (run-recorder.ts). In this thread, or in a thread of its own
// (store-thread.ts) so that normalising and writing run on another core while this one fetches and reads.
import type { FetcherStats } from '../fetch/create-fetcher.js';
import type { CrawlOutcome } from './crawler.js';
import { RunRecorder, type RunRecorderOptions, type RunSummary } from './run-recorder.js';

export interface PageStore {
  /** The counters a scrape's robots.txt requests go to. */
  overhead(scrape: number): FetcherStats;
  /** `count` requests were queued for a scrape before the crawl (its first ones, or those left to resume). */
  queued(scrape: number, count: number): void;
  /** The scrape could not start: its run fails with this. */
  startFailed(scrape: number, error: unknown, counted: boolean): void;
  /** An outcome to store. Throws CriticalError once storing has failed (the crawl then stops). */
  add(outcome: CrawlOutcome): void;
  /** Called on every turn of the crawl's loop; returns when it next wants to be called. */
  tick(): number | undefined;
  /**
   * Stores what is left and closes every run: the summaries in scrape order, and the critical failure that
   * stopped the crawl (the caller's, or storing's own). Throws CriticalError when even the runs cannot be
   * recorded.
   */
  finish(critical: unknown, aborted: boolean): Promise<{ summaries: RunSummary[]; critical: unknown }>;
}

/** The store in this thread: the recorder itself. */
export function storeInThisThread(options: RunRecorderOptions): PageStore {
  const recorder = new RunRecorder(options);
  return {
    overhead: (scrape) => recorder.overhead(scrape),
    queued: (scrape, count) => recorder.queued(scrape, count),
    startFailed: (scrape, error, counted) => recorder.startFailed(scrape, error, counted),
    add: (outcome) => recorder.add(outcome),
    tick: () => recorder.tick(),
    async finish(critical, aborted) {
      let failure = critical;
      if (failure === undefined) {
        try {
          recorder.commit();
        } catch (error) {
          failure = error;
        }
      }
      return { summaries: recorder.finish(failure, aborted), critical: failure };
    },
  };
}
