// A scheduled job's scrapes as one crawl (what `jobtrend run JOB` and each tick of the daemon run): the job's
// stopped crawl is continued first; a scrape that cannot run is reported and the others run.
import { getScraper } from '../../scrapers/registry.js';
import { unfinishedCrawls } from '../store/crawl-store.js';
import { type PlannedScrape, running } from './crawl-plan.js';
import type { RunSummary } from './run-recorder.js';
import { type CrawlSourcesOptions, scrapeSources } from './scrape-source.js';
import type { ScrapeRequest } from './scraper-contract.js';
import { sourceSettings } from './source-settings.js';

/** One scrape of a scheduled job, and what became of it. */
export interface JobScrapeResult {
  sourceId: string;
  search: ScrapeRequest;
  /** The run's summary; absent when the scrape could not run at all (then `error` says why). */
  summary?: RunSummary;
  error?: string;
}

export interface ScrapeJobOptions
  extends Omit<CrawlSourcesOptions, 'scrapes' | 'sourceIds' | 'request' | 'resume'> {
  jobName: string;
  scrapes: PlannedScrape[];
}

/**
 * A scheduled job's scrapes in one crawl. A crawl of the job that was stopped (a killed daemon, a stop) is
 * continued first, and is this run's work. A scrape that cannot run (an unknown source, a bad option) is
 * reported as such and the others run. Throws only CriticalError.
 */
export async function scrapeJob(options: ScrapeJobOptions): Promise<JobScrapeResult[]> {
  const { scrapes, ...common } = options;
  const stopped = unfinishedCrawls(options.db, options.jobName).some((row) => !running(row));
  if (stopped) {
    const summaries = await scrapeSources({ ...common, resume: 'if-any' });
    return summaries.map((summary) => ({ sourceId: summary.sourceId, search: summary.search, summary }));
  }
  const results: JobScrapeResult[] = scrapes.map((s) => ({ sourceId: s.sourceId, search: s.request ?? {} }));
  const runnable: PlannedScrape[] = [];
  const places: number[] = [];
  for (const [index, scrape] of scrapes.entries()) {
    try {
      const scraper = options.scrapers?.find((s) => s.id === scrape.sourceId) ?? getScraper(scrape.sourceId);
      sourceSettings(scraper, options.config);
      runnable.push(scrape);
      places.push(index);
    } catch (error) {
      results[index]!.error = error instanceof Error ? error.message : String(error);
    }
  }
  const summaries = await scrapeSources({ ...common, scrapes: runnable });
  for (const [at, summary] of summaries.entries()) results[places[at]!]!.summary = summary;
  return results;
}
