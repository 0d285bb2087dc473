// The scrape engine: runs one source's scraper (or several sources in turn), sends what it yields through
// the pipeline, stores each page in one transaction together with the run's counters, and records the run
// in scrape_runs with an honest status: ok, partial (a page failed or the site blocked us), failed
// (nothing stored), interrupted (SIGINT/SIGTERM, or a killed process found by the next run).
import { findScraper, getScraper } from '../../scrapers/registry.js';
import type { ScrapedPage, ScrapeRequest, Scraper } from '../../scrapers/types.js';
import type { BrowserPool } from '../browser/browser-pool.js';
import type { Config } from '../config/load-config.js';
import type { NormalisedPosting } from '../domain/posting.js';
import { createFetcher, type EngineFetcher } from '../fetch/create-fetcher.js';
import { BlockedError, CriticalError, ScrapeError } from '../fetch/errors.js';
import { FieldTally } from '../health/field-tally.js';
import { type Logger, silentLogger } from '../log.js';
import type { Normalise } from '../pipeline/normalise-posting.js';
import { type Db, inTransaction } from '../store/database.js';
import { DEFAULT_LIFETIME_DAYS } from '../store/observation-store.js';
import { knownPostingIds, upsertPostings } from '../store/posting-store.js';
import { recordFieldCounts } from '../store/run-field-store.js';
import {
  emptyRunCounters,
  finishRun,
  keepRunsAlive,
  type RunCounters,
  recordRunProgress,
  recoverAbandonedRuns,
  startRun,
} from '../store/run-store.js';
import { ensureSource } from '../store/source-store.js';
import { sourceSettings } from './source-settings.js';

export type RunOutcome = 'ok' | 'partial' | 'failed' | 'interrupted';

export interface RunSummary {
  runId: number;
  sourceId: string;
  status: RunOutcome;
  counters: RunCounters;
  errorSummary: string | null;
  /** The site showed a verification page or login wall; the source stopped for this run. */
  blocked: boolean;
}

/** Reported after each stored page (progress bars, log lines). */
export interface ScrapeProgress {
  sourceId: string;
  runId: number;
  pageUrl: string;
  counters: RunCounters;
  maxPages?: number;
}

export interface ScrapeSourceOptions {
  db: Db;
  sourceId: string;
  request?: ScrapeRequest;
  config?: Config;
  /** Overrides the config's and the scraper's base URL (tests point it at the local server). */
  baseUrl?: string;
  jobName?: string;
  /** Abort to stop after the page being stored: the run is marked interrupted. */
  signal?: AbortSignal;
  logger?: Logger;
  /** Stop a listing at the first page whose postings are all known already. */
  incremental?: boolean;
  now?: () => Date;
  /** Use this scraper instead of the registry's (tests). */
  scraper?: Scraper<unknown>;
  /** A fetcher to share (its counters are read as differences); default one per run, closed at the end. */
  fetcher?: EngineFetcher;
  /** A browser pool to share between sources. */
  browser?: BrowserPool;
  onProgress?: (progress: ScrapeProgress) => void;
  /** Turns a raw posting into a row (default: the pipeline's normalisePosting). */
  normalise?: Normalise;
}

/** Scrapes one source and records the run. Throws only CriticalError (after recording the run) and config errors. */
export async function scrapeSource(options: ScrapeSourceOptions): Promise<RunSummary> {
  const { db, sourceId } = options;
  const now = options.now ?? (() => new Date());
  const logger = (options.logger ?? silentLogger()).child({ source: sourceId });
  const signal = options.signal ?? new AbortController().signal;
  const request = options.request ?? {};
  const normalise = options.normalise ?? (await import('../pipeline/index.js')).normalisePosting;
  const scraper = options.scraper ?? getScraper(sourceId);
  const settings = sourceSettings(scraper, options.config);
  const baseUrl = options.baseUrl ?? settings.engine.baseUrl ?? scraper.defaultBaseUrl;

  recoverAbandonedRuns(db);
  // Role and skill names for analysts (a no-op when the tables already match the shipped taxonomy).
  (await import('../store/taxonomy-store.js')).syncTaxonomy(db);
  ensureSource(
    db,
    {
      id: sourceId,
      name: scraper.name,
      kind: scraper.kind,
      base_url: baseUrl,
      lifetime_days: settings.engine.lifetimeDays ?? DEFAULT_LIFETIME_DAYS,
    },
    now().toISOString(),
  );
  const runId = startRun(db, {
    sourceId,
    jobName: options.jobName ?? null,
    query: request.query ?? null,
    city: request.city ?? null,
    startedAt: now().toISOString(),
  });
  // While this process lives its run shows as running; once it is gone, as interrupted (run-liveness.ts).
  const stopBeating = keepRunsAlive(db, () => [runId], now);
  const fetcher =
    options.fetcher ??
    createFetcher(
      {
        ...options.config?.fetch,
        ...(settings.engine.requestsPerMinute
          ? { requestsPerMinute: settings.engine.requestsPerMinute }
          : {}),
      },
      {
        logger,
        signal,
        db,
        browser: options.browser ?? options.config?.browser,
        ...(settings.engine.respectRobots !== undefined
          ? { respectRobots: settings.engine.respectRobots }
          : {}),
      },
    );
  const baseline = { ...fetcher.stats };
  const counters = emptyRunCounters();
  // Which fields the run's postings had, for `jobtrend health` (run_field_counts).
  const fields = new FieldTally();
  let extraErrors = 0;
  const syncFetchCounters = () => {
    counters.requests = fetcher.stats.requests - baseline.requests;
    counters.retries = fetcher.stats.retries - baseline.retries;
    counters.error_count = fetcher.stats.errors - baseline.errors + extraErrors;
  };
  logger.info({ runId, baseUrl, request }, 'scrape started');

  let failure: unknown;
  let lostPostings = 0;
  let firstLoss: string | undefined;
  let stoppedEarly: string | undefined;
  try {
    const pages = scraper.scrape({ fetcher, baseUrl, options: settings.options, request, signal });
    for await (const page of pages) {
      const seenAt = now();
      const rows: NormalisedPosting[] = [];
      for (const raw of page.postings) {
        try {
          const row = normalise(raw, {
            sourceId,
            seenAt,
            ...(scraper.timeZone ? { timeZone: scraper.timeZone } : {}),
          });
          rows.push(row);
          fields.add(raw, row);
        } catch (error) {
          lostPostings++;
          extraErrors++;
          firstLoss ??= `posting ${raw.sourcePostingId}: ${(error as Error).message}`;
        }
      }
      const known = options.incremental
        ? knownPostingIds(
            db,
            sourceId,
            rows.map((r) => r.source_posting_id),
          )
        : new Set<string>();
      storePage(db, runId, page, rows, counters, seenAt.toISOString(), syncFetchCounters, fields);
      options.onProgress?.({
        sourceId,
        runId,
        pageUrl: page.url,
        counters: { ...counters },
        maxPages: request.maxPages,
      });
      logger.info(
        {
          page: counters.pages_fetched,
          url: page.url,
          seen: rows.length,
          new: counters.postings_new,
          updated: counters.postings_updated,
        },
        'page stored',
      );
      if (signal.aborted) break;
      if (options.incremental && rows.length > 0 && known.size === rows.length) {
        stoppedEarly = 'incremental: a page of known postings';
        break;
      }
      if (request.maxPages !== undefined && counters.pages_fetched >= request.maxPages) {
        stoppedEarly = `max pages (${request.maxPages}) reached`;
        break;
      }
    }
  } catch (error) {
    failure = error;
  } finally {
    stopBeating();
    if (!options.fetcher) await fetcher.close().catch(() => {});
  }

  syncFetchCounters();
  const interrupted = signal.aborted;
  let status: RunOutcome;
  let errorSummary: string | null = null;
  let blocked = false;
  if (failure !== undefined && !interrupted) {
    if (!fetcher.counted(failure)) counters.error_count++;
    blocked = failure instanceof BlockedError;
    errorSummary = blocked ? `blocked: ${(failure as Error).message}` : describeFailure(failure);
    status = counters.postings_seen > 0 ? 'partial' : 'failed';
  } else if (interrupted) {
    status = 'interrupted';
    errorSummary = 'interrupted before the listing ended';
  } else if (lostPostings > 0) {
    status = counters.postings_seen > 0 ? 'partial' : 'failed';
    errorSummary = `${lostPostings} postings could not be normalised; first: ${firstLoss}`;
  } else {
    status = 'ok';
  }
  if (lostPostings > 0 && errorSummary && !errorSummary.includes('normalised')) {
    errorSummary += `; ${lostPostings} postings could not be normalised`;
  }
  const critical = failure instanceof CriticalError || isDatabaseFailure(failure);
  try {
    finishRun(db, runId, { status, counters, errorSummary, finishedAt: now().toISOString() });
  } catch (error) {
    // The database itself fails: nothing more can be recorded; the next run marks this one interrupted.
    throw new CriticalError(`cannot record the run of ${sourceId}: ${(error as Error).message}`, undefined, {
      cause: error,
    });
  }
  const summary: RunSummary = { runId, sourceId, status, counters, errorSummary, blocked };
  const log = status === 'ok' ? logger.info.bind(logger) : logger.warn.bind(logger);
  log(
    { runId, status, ...counters, error: errorSummary ?? undefined, stopped: stoppedEarly },
    'scrape finished',
  );
  if (critical) {
    throw failure instanceof CriticalError
      ? failure
      : new CriticalError(
          `the database failed while scraping ${sourceId}: ${(failure as Error).message}`,
          undefined,
          { cause: failure },
        );
  }
  return summary;
}

/** One page: its postings and the run's counters, in one transaction. */
function storePage(
  db: Db,
  runId: number,
  page: ScrapedPage,
  rows: NormalisedPosting[],
  counters: RunCounters,
  seenAt: string,
  syncFetchCounters: () => void,
  fields: FieldTally,
): void {
  try {
    inTransaction(db, () => {
      const result = upsertPostings(db, rows, { seenAt, runId });
      recordFieldCounts(db, runId, fields.counts());
      counters.pages_fetched++;
      counters.postings_seen += page.postings.length;
      counters.postings_new += result.inserted;
      counters.postings_updated += result.updated;
      syncFetchCounters();
      recordRunProgress(db, runId, counters, seenAt);
    });
  } catch (error) {
    throw new CriticalError(`cannot store a page of postings: ${(error as Error).message}`, page.url, {
      cause: error,
    });
  }
}

function isDatabaseFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'SqliteError';
}

function describeFailure(error: unknown): string {
  if (error instanceof ScrapeError) return `${error.kind}: ${error.message}`;
  if (error instanceof Error) return error.message;
  return String(error);
}

export interface ScrapeSourcesOptions extends Omit<ScrapeSourceOptions, 'sourceId' | 'scraper' | 'baseUrl'> {
  sourceIds: string[];
  /** Sources scraped at once (default 1: one after the other). */
  parallel?: number;
  /** Scrapers to use instead of the registry's, by id (tests). */
  scrapers?: Scraper<unknown>[];
  /** Base URLs by source id (tests). */
  baseUrls?: Record<string, string>;
}

/**
 * Scrapes several sources, one after another or a few at once. A failing source does not stop the others;
 * a CriticalError stops them all (the sources not yet started are skipped) and is rethrown.
 */
export async function scrapeSources(options: ScrapeSourcesOptions): Promise<RunSummary[]> {
  const { sourceIds, parallel = 1, scrapers, baseUrls, ...common } = options;
  const resolve = (id: string) => scrapers?.find((s) => s.id === id) ?? findScraper(id) ?? getScraper(id);
  // Unknown ids and bad config fail before any run starts.
  for (const id of sourceIds) sourceSettings(resolve(id), common.config);
  const summaries: RunSummary[] = new Array(sourceIds.length);
  let next = 0;
  let critical: unknown;
  const worker = async () => {
    while (critical === undefined && !common.signal?.aborted && next < sourceIds.length) {
      const index = next++;
      const id = sourceIds[index]!;
      try {
        summaries[index] = await scrapeSource({
          ...common,
          sourceId: id,
          scraper: resolve(id),
          baseUrl: baseUrls?.[id],
        });
      } catch (error) {
        critical ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, sourceIds.length)) }, worker));
  if (critical !== undefined) throw critical;
  return summaries.filter((s) => s !== undefined);
}
