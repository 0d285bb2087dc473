// Helpers for the source tests: read the project's own fixtures, run a scraper against the local test
// server with the plain fetcher, and find the real captures in ../shared/fixtures when they exist.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScrapedPage, ScrapeRequest, Scraper } from '../../scrapers/types.js';
import { plainFetcher } from '../support/plain-fetcher.js';
import { SHARED_FIXTURES } from '../support/shared-fixtures.js';

const here = dirname(fileURLToPath(import.meta.url));

/** A fixture written by the project: tests/fixtures/sources/<path>. */
export function fixture(path: string): string {
  return readFileSync(join(here, '..', 'fixtures', 'sources', path), 'utf8');
}

/** The folder of real captures next to the repository, absent in a user's clone. */
export const realCaptures = SHARED_FIXTURES;
export const haveRealCaptures = existsSync(realCaptures);

export function realCapture(name: string): string {
  return readFileSync(join(realCaptures, name), 'utf8');
}

export const json = (body: unknown) => ({
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
export const jsonText = (body: string) => ({
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body,
});

/** Runs a scraper with options validated by its own schema, as the engine would; collects every page. */
export async function scrapeAll<O>(
  scraper: Scraper<O>,
  baseUrl: string,
  options: unknown,
  request: ScrapeRequest = {},
): Promise<{ pages: ScrapedPage[]; urls: string[]; error?: Error }> {
  const fetcher = plainFetcher();
  const parsed = scraper.optionsSchema ? scraper.optionsSchema.parse(options) : (options as O);
  const pages: ScrapedPage[] = [];
  try {
    for await (const page of scraper.scrape({
      fetcher,
      baseUrl,
      options: parsed,
      request,
      signal: new AbortController().signal,
    })) {
      pages.push(page);
    }
  } catch (error) {
    return { pages, urls: fetcher.urls, error: error as Error };
  }
  return { pages, urls: fetcher.urls };
}
