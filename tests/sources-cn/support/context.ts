// Helpers for the Chinese-board and LinkedIn scraper tests: read the project's own fixtures, find the
// shared real captures (when that folder exists), and build a ScrapeContext around a Fetcher.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import type { Fetcher, ScrapeContext, ScrapedPage, ScrapeRequest, Scraper } from '../../../scrapers/types.js';
import type { RawPosting } from '../../../src/domain/posting.js';

export const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'sources-cn');
export { hasSharedFixtures as hasShared, SHARED_FIXTURES as SHARED } from '../../support/shared-fixtures.js';

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

export function context<O>(
  fetcher: Fetcher,
  baseUrl: string,
  options: O,
  request: ScrapeRequest = {},
): ScrapeContext<O> {
  return { fetcher, baseUrl, options, request, signal: new AbortController().signal };
}

/** Runs a scraper to the end, returning its pages and the error that stopped it, if any. */
export async function collect<O>(
  scraper: Scraper<O>,
  ctx: ScrapeContext<O>,
): Promise<{ pages: ScrapedPage[]; postings: RawPosting[]; error?: unknown }> {
  const pages: ScrapedPage[] = [];
  try {
    for await (const page of scraper.scrape(ctx)) pages.push(page);
  } catch (error) {
    return { pages, postings: pages.flatMap((p) => p.postings), error };
  }
  return { pages, postings: pages.flatMap((p) => p.postings) };
}
