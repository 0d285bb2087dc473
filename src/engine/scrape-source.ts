// The scrape engine's entry: runs a crawl of one or more scrapes (source × search) through one request
// queue persisted in SQLite, sends what the pages give through the pipeline into the store, and records one
// scrape_runs row per scrape with an honest status: ok, partial (a request failed or the site blocked us),
// failed (nothing stored), interrupted (SIGINT/SIGTERM, or a killed process found by the next run). A crawl
// that was stopped keeps its queue and continues on `resume` without fetching a stored page again; a crawl
// that ends is pruned.
import { findScraper, getScraper } from '../../scrapers/registry.js';
import type { BrowserPool } from '../browser/browser-pool.js';
import type { Config } from '../config/load-config.js';
import { UserError } from '../errors.js';
import { createFetcher, type EngineFetcher } from '../fetch/create-fetcher.js';
import { CriticalError } from '../fetch/errors.js';
import { type Logger, silentLogger } from '../log.js';
import type { Normalise } from '../pipeline/normalise-posting.js';
import {
  type CrawlRow,
  createCrawl,
  deleteCrawl,
  touchCrawl,
  unfinishedCrawls,
} from '../store/crawl-store.js';
import type { Db } from '../store/database.js';
import { DEFAULT_LIFETIME_DAYS } from '../store/observation-store.js';
import { knownPostingIds } from '../store/posting-store.js';
import { keepRunsAlive, recoverAbandonedRuns, startRun } from '../store/run-store.js';
import { ensureSource } from '../store/source-store.js';
import { type PlannedScrape, readPlan, running, storedPlan } from './crawl-plan.js';
import { type CrawlScrape, crawl } from './crawler.js';
import { type PageStore, storeInThisThread } from './page-store.js';
import { PagePlan, type PlannedPages } from './planned-pages.js';
import { queueable } from './request-queue.js';
import type { RecordedRun, RunSummary, ScrapeProgress as StoredProgress } from './run-recorder.js';
import type { ScrapeRequest, Scraper } from './scraper-contract.js';
import { sourceSettings } from './source-settings.js';
import { SqliteRequestQueue } from './sqlite-request-queue.js';
import { canStoreInThread, storeInThread } from './store-thread.js';

export type { PlannedScrape } from './crawl-plan.js';
export type { PlannedPages } from './planned-pages.js';
export type { RunSummary } from './run-recorder.js';

/** Reported after each stored page: the run's counters and, when known, its pages done of those planned. */
export interface ScrapeProgress extends StoredProgress {
  planned?: PlannedPages;
}

export interface CrawlSourcesOptions {
  db: Db;
  /** The scrapes, each a source with its own search; or `sourceIds` with one `request` for all. */
  scrapes?: PlannedScrape[];
  sourceIds?: string[];
  request?: ScrapeRequest;
  /** Base URLs by source id (tests). */
  baseUrls?: Record<string, string>;
  incremental?: boolean;
  config?: Config;
  jobName?: string;
  /**
   * Continue the last crawl of this job (or of `jobtrend scrape` without a job) that was stopped: `required`
   * fails when there is none, `if-any` starts a new crawl then. The stopped crawl's own scrapes are run.
   */
  resume?: 'required' | 'if-any';
  /** Abort to stop after the pages being stored: the runs are marked interrupted and the queue is kept. */
  signal?: AbortSignal;
  logger?: Logger;
  now?: () => Date;
  /** Scrapers to use instead of the registry's, by id (tests). */
  scrapers?: Scraper<unknown>[];
  /** A fetcher to share (its politeness then spans callers); default one per crawl, closed at the end. */
  fetcher?: EngineFetcher;
  /** A browser pool to share between crawls. */
  browser?: BrowserPool;
  onProgress?: (progress: ScrapeProgress) => void;
  /** A scrape's run has started (before its first page is fetched). */
  onStart?: (start: { sourceId: string; runId: number }) => void;
  /** Turns a raw posting into a row (default: the pipeline's normalisePosting). */
  normalise?: Normalise;
  /**
   * Where the pages go instead of the store (the bench's crawl with storing left out, to measure the rest):
   * given the runs in scrape order, it returns their summaries at the end.
   */
  pageStore?: (runs: RecordedRun[]) => PageStore;
}

export interface ScrapeSourceOptions
  extends Omit<CrawlSourcesOptions, 'scrapes' | 'sourceIds' | 'scrapers' | 'baseUrls'> {
  sourceId: string;
  /** Overrides the config's and the scraper's base URL (tests point it at the local server). */
  baseUrl?: string;
  /** Use this scraper instead of the registry's (tests). */
  scraper?: Scraper<unknown>;
}

/** Scrapes one source and records the run. Throws only CriticalError (after recording the run) and config errors. */
export async function scrapeSource(options: ScrapeSourceOptions): Promise<RunSummary> {
  const { sourceId, baseUrl, scraper, request, ...common } = options;
  const [summary] = await scrapeSources({
    ...common,
    scrapes: [{ sourceId, ...(request ? { request } : {}), ...(baseUrl ? { baseUrl } : {}) }],
    ...(scraper ? { scrapers: [scraper] } : {}),
  });
  if (!summary) throw new UserError(`nothing was scraped for ${sourceId}`);
  return summary;
}

function planOf(options: CrawlSourcesOptions): PlannedScrape[] {
  const scrapes: PlannedScrape[] =
    options.scrapes ??
    (options.sourceIds ?? []).map((sourceId) => ({
      sourceId,
      ...(options.request ? { request: options.request } : {}),
    }));
  return scrapes.map((scrape) => {
    const baseUrl = scrape.baseUrl ?? options.baseUrls?.[scrape.sourceId];
    return {
      ...scrape,
      ...((scrape.incremental ?? options.incremental) ? { incremental: true } : {}),
      ...(baseUrl ? { baseUrl } : {}),
    };
  });
}

/**
 * Runs a crawl of several scrapes at once: one queue, every source and host fetched side by side within the
 * fetch layer's politeness. A failing source does not stop the others; a CriticalError stops them all (their
 * runs recorded) and is rethrown. Returns a summary per scrape run, in plan order.
 */
export async function scrapeSources(options: CrawlSourcesOptions): Promise<RunSummary[]> {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? silentLogger();
  const signal = options.signal ?? new AbortController().signal;
  const jobName = options.jobName ?? null;
  const resolve = (id: string) =>
    options.scrapers?.find((s) => s.id === id) ?? findScraper(id) ?? getScraper(id);

  let resumed: CrawlRow | undefined;
  if (options.resume) {
    const stopped = unfinishedCrawls(db, jobName);
    const busy = stopped.find(running);
    resumed = stopped.find((row) => !running(row));
    if (!resumed && options.resume === 'required') {
      throw new UserError(
        busy
          ? `the last scrape is still running (process ${busy.pid}): wait for it, or stop it first`
          : 'no stopped scrape to resume: run jobtrend scrape without --resume',
      );
    }
  }
  const plan = resumed ? readPlan(resumed.plan_json) : planOf(options);
  // Unknown ids and bad config fail before anything is recorded or requested.
  const scrapes: (CrawlScrape & {
    plan: PlannedScrape;
    requestsPerMinute?: number;
    lifetimeDays?: number;
  })[] = plan.map((planned) => {
    const scraper = resolve(planned.sourceId);
    const settings = sourceSettings(scraper, options.config);
    return {
      plan: planned,
      scraper,
      sourceId: planned.sourceId,
      baseUrl: planned.baseUrl ?? settings.engine.baseUrl ?? scraper.defaultBaseUrl,
      options: settings.options,
      search: planned.request ?? {},
      ...(settings.engine.details ? { details: settings.engine.details } : {}),
      incremental: planned.incremental === true,
      ...(settings.engine.respectRobots !== undefined
        ? { respectRobots: settings.engine.respectRobots }
        : {}),
      requestsPerMinute: settings.engine.requestsPerMinute,
      lifetimeDays: settings.engine.lifetimeDays,
    };
  });
  if (scrapes.length === 0) return [];

  recoverAbandonedRuns(db);
  // Role and skill names for analysts (a no-op when the tables already match the shipped taxonomy).
  (await import('../store/taxonomy-store.js')).syncTaxonomy(db);
  const startedAt = now().toISOString();

  // A scrape's first requests come before its run is opened: a critical failure there records that run only.
  const firsts = scrapes.map((scrape) => {
    if (resumed) return { requests: [] };
    try {
      return {
        requests: scrape.scraper
          .start({ baseUrl: scrape.baseUrl, options: scrape.options, search: scrape.search })
          .map((r) => queueable(r, scrapes.indexOf(scrape), scrape.sourceId)),
      };
    } catch (error) {
      return { requests: [], error };
    }
  });
  const criticalAt = firsts.findIndex((f) => f.error instanceof CriticalError);

  let crawlId: number;
  if (resumed) {
    crawlId = resumed.id;
    touchCrawl(db, crawlId, process.pid, startedAt);
  } else {
    // A new crawl replaces this job's stopped one: only the latest can be resumed.
    for (const old of unfinishedCrawls(db, jobName)) if (!running(old)) deleteCrawl(db, old.id);
    crawlId = createCrawl(db, { jobName, planJson: storedPlan(plan), startedAt, pid: process.pid });
  }
  const queue = resumed
    ? SqliteRequestQueue.reopen(db, crawlId, now)
    : SqliteRequestQueue.empty(db, crawlId, now);
  const waiting = resumed ? queue.waitingByScrape() : undefined;

  // The runs: every scrape of a new crawl; of a resumed one, those with requests left.
  const active = scrapes
    .map((scrape, index) => ({ scrape, index }))
    .filter(
      ({ index }) => (criticalAt < 0 || index === criticalAt) && (!waiting || (waiting.get(index) ?? 0) > 0),
    );
  const runIds = new Map<number, number>();
  for (const { scrape, index } of active) {
    ensureSource(
      db,
      {
        id: scrape.sourceId,
        name: scrape.scraper.name,
        kind: scrape.scraper.kind,
        base_url: scrape.baseUrl,
        lifetime_days: scrape.lifetimeDays ?? DEFAULT_LIFETIME_DAYS,
      },
      startedAt,
    );
    runIds.set(
      index,
      startRun(db, {
        sourceId: scrape.sourceId,
        jobName,
        query: scrape.search.query ?? null,
        city: scrape.search.city ?? null,
        startedAt,
      }),
    );
  }
  const fetcher = options.fetcher ?? createCrawlFetcher(options, scrapes, logger, signal);
  // The runs are indexed by scrape; a scrape without a run this time records nothing.
  const runs = scrapes.map((scrape, index) => ({
    sourceId: scrape.sourceId,
    runId: runIds.get(index) ?? 0,
    search: scrape.search,
    ...(scrape.scraper.timeZone ? { timeZone: scrape.scraper.timeZone } : {}),
  }));
  // The pages each scrape has ahead, counted here as requests are queued and handled (progress bars' totals).
  const pagePlan = new PagePlan();
  const scrapeOfRun = new Map([...runIds].map(([index, runId]) => [runId, index]));
  const onProgress = (stored: StoredProgress) => {
    const planned = pagePlan.progress(scrapeOfRun.get(stored.runId) ?? -1);
    const progress: ScrapeProgress = planned ? { ...stored, planned } : stored;
    options.onProgress?.(progress);
    logger.info(
      {
        source: progress.sourceId,
        run_id: progress.runId,
        page: progress.counters.pages_fetched,
        url: progress.pageUrl,
        seen: progress.counters.postings_seen,
        new: progress.counters.postings_new,
        updated: progress.counters.postings_updated,
        ...(planned ? { pages_done: planned.done, pages_planned: planned.total } : {}),
      },
      'page stored',
    );
  };
  // A database file is written by a thread of its own (when the compiled engine runs); else by this one.
  const threaded = !db.memory && !options.normalise && canStoreInThread();
  const store: PageStore = options.pageStore
    ? options.pageStore(runs)
    : threaded
      ? storeInThread({ dbPath: db.name, crawlId, runs, onProgress, now })
      : storeInThisThread({
          db,
          save: (handled) => queue.save(handled),
          runs,
          // The pipeline is loaded only where it runs: a store thread loads its own.
          normalise: options.normalise ?? (await import('../pipeline/index.js')).normalisePosting,
          now,
          onProgress,
          onCommit: () => touchCrawl(db, crawlId, process.pid, now().toISOString()),
        });
  let critical: unknown = criticalAt >= 0 ? firsts[criticalAt]!.error : undefined;
  // While this process lives its runs show as running; once it is gone, as interrupted (run-liveness.ts).
  const stopBeating = keepRunsAlive(db, () => [...runIds.values()], now);
  // From here on the store is closed on every path (a store thread would otherwise keep the process alive).
  try {
    for (const [index, first] of firsts.entries()) {
      if (!runIds.has(index)) continue;
      if (first.error !== undefined)
        store.startFailed(index, first.error, fetcher.alreadyCounted(first.error));
      else {
        const seeded = queue.seed(first.requests);
        pagePlan.queued(index, seeded);
        store.queued(index, seeded.length);
      }
    }
    if (waiting)
      for (const [index, count] of waiting)
        if (runIds.has(index)) {
          pagePlan.queued(index, queue.waitingAtOpenOf(index));
          store.queued(index, count);
        }
    for (const { scrape, index } of active) {
      options.onStart?.({ sourceId: scrape.sourceId, runId: runIds.get(index)! });
      logger.info(
        {
          source: scrape.sourceId,
          run_id: runIds.get(index),
          base_url: scrape.baseUrl,
          request: scrape.search,
          crawl_id: crawlId,
          resumed: resumed !== undefined,
        },
        'scrape started',
      );
    }
    if (critical === undefined) {
      await crawl({
        scrapes,
        queue,
        fetcher,
        concurrency: 2 * (options.config?.fetch.concurrency ?? 8),
        signal,
        known: (sourceId, ids) => knownPostingIds(db, sourceId, ids),
        handled: (outcome) => {
          pagePlan.handled(outcome.request.scrape, outcome.request, outcome.added);
          store.add(outcome);
        },
        tick: () => store.tick(),
        overhead: (scrape) => store.overhead(scrape),
      });
    }
  } catch (error) {
    critical =
      error instanceof CriticalError
        ? error
        : new CriticalError(`the crawl stopped: ${(error as Error).message}`, undefined, { cause: error });
  } finally {
    stopBeating();
    if (!options.fetcher) await fetcher.close().catch(() => {});
  }
  const finished = await store.finish(critical, signal.aborted);
  // Storing's own failure, when the crawl had none.
  critical ??= finished.critical;
  const recorded = finished.summaries.filter((_, index) => runIds.has(index));
  for (const summary of recorded) {
    const log = summary.status === 'ok' ? logger.info.bind(logger) : logger.warn.bind(logger);
    log(
      {
        source: summary.sourceId,
        run_id: summary.runId,
        status: summary.status,
        ...summary.counters,
        error: summary.errorSummary ?? undefined,
      },
      'scrape finished',
    );
  }
  if (critical !== undefined) throw critical;
  // A crawl that ran to its end leaves nothing to resume.
  if (!signal.aborted) deleteCrawl(db, crawlId);
  return recorded;
}

/** The crawl's fetcher: the config's politeness, with each source's own rate for its base URL's host. */
function createCrawlFetcher(
  options: CrawlSourcesOptions,
  scrapes: (CrawlScrape & { requestsPerMinute?: number })[],
  logger: Logger,
  signal: AbortSignal,
): EngineFetcher {
  const fetchConfig = options.config?.fetch;
  const hosts = { ...(fetchConfig?.hosts ?? {}) };
  for (const scrape of scrapes) {
    if (!scrape.requestsPerMinute) continue;
    const host = new URL(scrape.baseUrl).host;
    hosts[host] = {
      ...hosts[host],
      requestsPerMinute: Math.min(
        scrape.requestsPerMinute,
        hosts[host]?.requestsPerMinute ?? Number.POSITIVE_INFINITY,
      ),
    };
  }
  return createFetcher(
    { ...fetchConfig, hosts },
    { logger, signal, db: options.db, browser: options.browser ?? options.config?.browser },
  );
}
