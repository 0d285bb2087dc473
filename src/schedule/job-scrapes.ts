// A job run's scrape step: hands the job's scrapes (each source × query × city) to the engine as one crawl and
// turns what comes back into one outcome per scrape, logged as it is known. A scrape that could not run is a
// failed outcome, not an exception: one failing does not stop the others.

import type { JobScrape } from '../config/job-config.js';
import type { Config } from '../config/load-config.js';
import type { Logger } from '../log.js';
import type { Db } from '../store/database.js';
import { errorMessage } from './error-message.js';
import type { JobOperations, JobScrapeResult, SourceOutcome } from './job-run-types.js';

export interface RunScrapesOptions {
  db: Db;
  jobName: string;
  scrapes: JobScrape[];
  scrapeJob: JobOperations['scrapeJob'];
  config?: Config;
  signal: AbortSignal;
  logger: Logger;
}

/** Runs the job's scrapes and logs each outcome; never throws (a crawl that fails fails every scrape). */
export async function runScrapes(options: RunScrapesOptions): Promise<SourceOutcome[]> {
  const outcomes = await scrapeOutcomes(options);
  for (const outcome of outcomes) {
    options.logger[outcome.status === 'ok' ? 'info' : 'warn'](
      { event: 'source.end', ...outcome },
      `job ${options.jobName}: ${outcome.source_id} ${outcome.status}, ${outcome.postings_new} new, ${outcome.postings_updated} updated`,
    );
  }
  return outcomes;
}

async function scrapeOutcomes(options: RunScrapesOptions): Promise<SourceOutcome[]> {
  const { scrapes, signal } = options;
  let results: JobScrapeResult[];
  try {
    results = await options.scrapeJob({
      db: options.db,
      jobName: options.jobName,
      scrapes: scrapes.map((scrape) => ({
        sourceId: scrape.sourceId,
        request: {
          ...(scrape.query !== undefined && { query: scrape.query }),
          ...(scrape.city !== undefined && { city: scrape.city }),
          ...(scrape.maxPages !== undefined && { maxPages: scrape.maxPages }),
        },
      })),
      ...(options.config && { config: options.config }),
      signal,
      logger: options.logger,
    });
  } catch (error) {
    // The crawl itself failed (the database, a bug): every scrape of it failed with it.
    return scrapes.map((scrape) => failedOutcome(scrape.sourceId, scrape, signal, errorMessage(error)));
  }
  return results.map((result) => {
    if (!result.summary) return failedOutcome(result.sourceId, result.search, signal, result.error ?? null);
    const { summary } = result;
    return {
      source_id: result.sourceId,
      query: result.search.query ?? null,
      city: result.search.city ?? null,
      status: summary.status,
      run_id: summary.runId,
      pages_fetched: summary.counters.pages_fetched,
      postings_seen: summary.counters.postings_seen,
      postings_new: summary.counters.postings_new,
      postings_updated: summary.counters.postings_updated,
      error: summary.errorSummary,
    };
  });
}

/** A scrape that could not run (an unknown source, a bad option, a bug). */
function failedOutcome(
  sourceId: string,
  search: { query?: string; city?: string },
  signal: AbortSignal,
  error: string | null,
): SourceOutcome {
  return {
    source_id: sourceId,
    query: search.query ?? null,
    city: search.city ?? null,
    status: signal.aborted ? 'interrupted' : 'failed',
    run_id: null,
    pages_fetched: 0,
    postings_seen: 0,
    postings_new: 0,
    postings_updated: 0,
    error,
  };
}
