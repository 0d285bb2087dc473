// The crawl's store in a thread of its own (store-worker.ts): the crawl's thread fetches and reads pages while
// another core normalises and writes them, so storing never holds up a response waiting to be read. Used for
// a database file when the compiled worker script is present; an in-memory database, or the TypeScript
// sources (as the tests run), store in the crawl's own thread (page-store.ts).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FetcherStats } from '../fetch/create-fetcher.js';
import { CriticalError } from '../fetch/errors.js';
import type { CrawlOutcome } from './crawler.js';
import type { PageStore } from './page-store.js';
import type { RecordedRun, RunSummary, ScrapeProgress } from './run-recorder.js';
import {
  type FromStore,
  fromWire,
  outcomeToWire,
  type StoreThreadData,
  type ToStore,
  toWire,
  type WireOutcome,
} from './store-messages.js';

const WORKER_SCRIPT = fileURLToPath(new URL('./store-worker.js', import.meta.url));

/** Whether pages can be stored in a thread of their own here (the compiled worker script is present). */
export function canStoreInThread(): boolean {
  return existsSync(WORKER_SCRIPT);
}

export interface StoreThreadOptions {
  dbPath: string;
  crawlId: number;
  runs: RecordedRun[];
  onProgress?: (progress: ScrapeProgress) => void;
  /** The crawl's clock: the store thread's times run from it. */
  now?: () => Date;
}

export function storeInThread(options: StoreThreadOptions): PageStore {
  const data: StoreThreadData = {
    dbPath: options.dbPath,
    crawlId: options.crawlId,
    runs: options.runs,
    ...(options.now ? { clockOffsetMs: options.now().getTime() - Date.now() } : {}),
  };
  const worker = new Worker(WORKER_SCRIPT, { workerData: data });
  const overhead: FetcherStats[] = options.runs.map(() => ({ requests: 0, retries: 0, errors: 0 }));
  let outcomes: WireOutcome[] = [];
  let queued: [number, number][] = [];
  let scheduled = false;
  let failure: Error | undefined;
  let exited = false;
  let finished: ((result: { summaries: RunSummary[]; critical: unknown }) => void) | undefined;
  let broken: ((error: Error) => void) | undefined;

  const post = (message: ToStore) => worker.postMessage(message);
  /** Outcomes of one turn of the event loop go together. */
  const flush = () => {
    scheduled = false;
    if (outcomes.length === 0 && queued.length === 0) return;
    post({ type: 'outcomes', outcomes, overhead, queued });
    outcomes = [];
    queued = [];
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  };

  worker.on('message', (message: FromStore) => {
    if (message.type === 'progress') {
      for (const event of message.events) options.onProgress?.(event);
    } else if (message.type === 'failed') {
      failure = new CriticalError(`cannot store the crawl's pages: ${fromWire(message.error).message}`);
      broken?.(failure);
    } else {
      finished?.({
        summaries: message.summaries,
        critical: message.critical ? fromWire(message.critical) : undefined,
      });
    }
  });
  worker.on('error', (error) => {
    failure = new CriticalError(`the store thread failed: ${error.message}`, undefined, { cause: error });
    broken?.(failure);
  });
  worker.on('exit', (code) => {
    exited = true;
    failure ??= new CriticalError(`the store thread ended (${code}) before closing the runs`);
    // Settled already when it ended after sending the runs' summaries; else the crawl learns it here.
    broken?.(failure);
  });

  return {
    overhead: (scrape) => overhead[scrape]!,
    queued(scrape, count) {
      queued.push([scrape, count]);
      schedule();
    },
    startFailed(scrape, error, counted) {
      flush();
      post({ type: 'start-failed', scrape, error: toWire(error), counted });
    },
    add(outcome: CrawlOutcome) {
      if (failure) throw failure;
      outcomes.push(outcomeToWire(outcome));
      schedule();
    },
    tick: () => {
      if (failure) throw failure;
      return undefined;
    },
    finish(critical, aborted) {
      flush();
      return new Promise((resolve, reject) => {
        finished = resolve;
        broken = reject;
        // A thread that is gone cannot close the runs: the next run marks them interrupted.
        if (exited) {
          reject(failure);
          return;
        }
        if (failure && critical === undefined) {
          // The thread reported a failure before: it records the runs with it.
          post({ type: 'finish', critical: toWire(failure), aborted, overhead });
          return;
        }
        post({
          type: 'finish',
          ...(critical !== undefined ? { critical: toWire(critical) } : {}),
          aborted,
          overhead,
        });
      });
    },
  };
}
