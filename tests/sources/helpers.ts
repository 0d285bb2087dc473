// Helpers for the source tests: read the project's own fixtures, run a scraper through the engine's crawl
// loop against the local test server with the plain fetcher, and find the real captures in
// ../shared/fixtures when they exist.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScrapedPage, ScrapeRequest, Scraper } from '../../scrapers/types.js';
import type { RawPosting } from '../../src/domain/posting.js';
import { plainFetcher } from '../support/plain-fetcher.js';
import { scrapeInMemory } from '../support/scrape-in-memory.js';
import { SHARED_FIXTURES } from '../support/shared-fixtures.js';

const here = dirname(fileURLToPath(import.meta.url));

/** A fixture written by the project: tests/fixtures/sources/<path>. */
export function fixture(path: string): string {
  return readFileSync(join(here, '..', 'fixtures', 'sources', path), 'utf8');
}

/** The folder of real captures next to the repository, absent in a user's clone (see haveRealCaptures). */
export const realCaptures = SHARED_FIXTURES;
export { haveRealCaptures } from '../support/shared-fixtures.js';

export function realCapture(name: string): string {
  return readFileSync(join(realCaptures, name), 'utf8');
}

/** Fetch settings for a local server: no spacing to speak of, quick backoff, one retry. */
export const FAST_FETCH = {
  requestsPerMinute: 60_000,
  backoffBaseMs: 10,
  backoffMaxMs: 100,
  timeoutMs: 5_000,
  maxRetries: 1,
};

export const json = (body: unknown) => ({
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
export const jsonText = (body: string) => ({
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body,
});

/**
 * Runs a scraper with options validated by its own schema, as the engine would, one request at a time against
 * the local server; collects every page, the URLs asked for, and the run's failure as one error.
 */
export async function scrapeAll<O>(
  scraper: Scraper<O>,
  baseUrl: string,
  options: unknown,
  request: ScrapeRequest = {},
): Promise<{ pages: ScrapedPage[]; postings: RawPosting[]; urls: string[]; error?: Error }> {
  const fetcher = plainFetcher();
  const parsed = scraper.optionsSchema ? scraper.optionsSchema.parse(options) : (options as O);
  const { pages, error } = await scrapeInMemory(scraper, {
    fetcher,
    baseUrl,
    options: parsed,
    search: request,
  });
  return {
    pages,
    postings: pages.flatMap((p) => p.postings),
    urls: fetcher.urls,
    ...(error ? { error } : {}),
  };
}
