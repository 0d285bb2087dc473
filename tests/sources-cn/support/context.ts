// Helpers for the Chinese-board and LinkedIn scraper tests: read the project's own fixtures, find the
// shared real captures (when that folder exists), and build a ScrapeContext around a Fetcher.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import type { DetailPages, ScrapedPage, ScrapeRequest, Scraper } from '../../../scrapers/types.js';
import type { RawPosting } from '../../../src/domain/posting.js';
import type { CrawlFetcher } from '../../../src/engine/crawler.js';
import { scrapeInMemory } from '../../support/scrape-in-memory.js';

export const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'sources-cn');
export { haveRealCaptures, SHARED_FIXTURES as SHARED } from '../../support/shared-fixtures.js';

import { SHARED_FIXTURES as SHARED } from '../../support/shared-fixtures.js';

export function fixture(path: string): string {
  return readFileSync(join(FIXTURES, path), 'utf8');
}

export function fixtureBytes(path: string): Buffer {
  return readFileSync(join(FIXTURES, path));
}

export function gbkFixture(path: string): string {
  return iconv.decode(fixtureBytes(path), 'gbk');
}

export function shared(name: string, encoding: 'utf8' | 'gbk' = 'utf8'): string {
  const bytes = readFileSync(join(SHARED, name));
  return encoding === 'gbk' ? iconv.decode(bytes, 'gbk') : bytes.toString('utf8');
}

/** What a scrape runs with: a fetcher, the board's base URL, its options, the search, its detail pages. */
export interface ScrapeContext<O> {
  fetcher: CrawlFetcher;
  baseUrl: string;
  options: O;
  request: ScrapeRequest;
  details?: Partial<DetailPages>;
}

/**
 * The context of a scrape. `fetchDetails` among the options (as in a config file) switches the board's detail
 * pages on or off, as the engine's source settings do.
 */
export function context<O>(
  fetcher: CrawlFetcher,
  baseUrl: string,
  options: O & { fetchDetails?: boolean },
  request: ScrapeRequest = {},
): ScrapeContext<O> {
  const { fetchDetails, ...rest } = options;
  return {
    fetcher,
    baseUrl,
    options: rest as O,
    request,
    ...(fetchDetails !== undefined ? { details: { enabled: fetchDetails } } : {}),
  };
}

/** Runs a scraper to the end through the engine's crawl loop: its pages, postings and the error, if any. */
export async function collect<O>(
  scraper: Scraper<O>,
  ctx: ScrapeContext<O>,
): Promise<{ pages: ScrapedPage[]; postings: RawPosting[]; error?: unknown }> {
  const { pages, error } = await scrapeInMemory(scraper, {
    fetcher: ctx.fetcher,
    baseUrl: ctx.baseUrl,
    options: ctx.options,
    search: ctx.request,
    ...(ctx.details ? { details: ctx.details } : {}),
  });
  const postings = pages.flatMap((p) => p.postings);
  return error ? { pages, postings, error } : { pages, postings };
}
