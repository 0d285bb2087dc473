// Runs a scraper through the engine's own crawl loop without a database: an in-memory queue, the given
// fetcher (the plain one: no politeness), one request at a time so the order of requests is the queue's
// order. Collects each page's postings as the engine would store them (a posting once per run; a detail
// page's posting counted with the list page that led to it, as a reader of the site would see the list) and
// turns the run's failures into the one error a run would summarise them with.
import type { DetailPages, ScrapedPage, ScrapeRequest, Scraper } from '../../scrapers/types.js';
import { type CrawlFetcher, type CrawlScrape, crawl } from '../../src/engine/crawler.js';
import { isRunFailure, summariseFailures } from '../../src/engine/failure-summary.js';
import { MemoryRequestQueue, queueable } from '../../src/engine/request-queue.js';
import { BlockedError, NotRetryableError } from '../../src/fetch/errors.js';

export interface InMemoryScrape<O> {
  fetcher: CrawlFetcher;
  baseUrl: string;
  /** The scraper's options, already validated. */
  options: O;
  search?: ScrapeRequest;
  /** The source's detail pages (default: the scraper's own defaults). */
  details?: Partial<DetailPages>;
  signal?: AbortSignal;
}

export interface InMemoryResult {
  pages: ScrapedPage[];
  /** A block, the failure that kept the scrape from starting, or one NotRetryableError naming every failure. */
  error?: Error;
}

export async function scrapeInMemory<O>(
  scraper: Scraper<O>,
  run: InMemoryScrape<O>,
): Promise<InMemoryResult> {
  const search = run.search ?? {};
  const scrape: CrawlScrape = {
    scraper: scraper as Scraper<unknown>,
    sourceId: scraper.id,
    baseUrl: run.baseUrl,
    options: run.options,
    search,
    ...(scraper.details ? { details: { ...scraper.details, ...run.details } } : {}),
  };
  const queue = new MemoryRequestQueue();
  try {
    const first = scraper.start({ baseUrl: run.baseUrl, options: run.options, search });
    queue.seed(first.map((r) => queueable(r, 0, scraper.id)));
  } catch (error) {
    return { pages: [], error: error as Error };
  }
  const pages: ScrapedPage[] = [];
  const failures: { target: string; error: Error }[] = [];
  const stored = new Set<string>();
  /** The page each detail request was asked for by. */
  const parents = new Map<string, ScrapedPage>();
  let handled = 0;
  await crawl({
    scrapes: [scrape],
    queue,
    fetcher: run.fetcher,
    concurrency: 1,
    signal: run.signal ?? new AbortController().signal,
    handled(outcome) {
      handled++;
      if (outcome.failure && isRunFailure(outcome.request, outcome.failure))
        failures.push({ target: outcome.request.target ?? outcome.request.url, error: outcome.failure });
      const postings = outcome.postings.filter((p) => !stored.has(p.sourcePostingId));
      for (const posting of postings) stored.add(posting.sourcePostingId);
      const parent = parents.get(outcome.request.key);
      let page: ScrapedPage | undefined;
      if (parent) parent.postings.push(...postings);
      else if (
        outcome.state === 'done'
          ? outcome.request.kind !== 'index' || postings.length > 0
          : postings.length > 0
      ) {
        page = { url: outcome.request.url, postings };
        pages.push(page);
      }
      for (const added of outcome.added) {
        const owner = parent ?? page;
        if (added.posting && owner) parents.set(added.key, owner);
      }
    },
  });
  if (failures.length === 0) return { pages };
  const block = failures.find((f) => f.error instanceof BlockedError);
  if (block) return { pages, error: block.error };
  if (failures.length === 1 && handled === 1 && failures[0]!.error instanceof NotRetryableError)
    return {
      pages,
      error: new NotRetryableError(summariseFailures(failures, handled), failures[0]!.error.url),
    };
  return { pages, error: new NotRetryableError(summariseFailures(failures, handled)) };
}
