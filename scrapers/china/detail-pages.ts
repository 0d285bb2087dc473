// Completing list postings from their job pages, shared by the Chinese boards: one page per posting that
// needs it, loaded over HTTP or in the browser. A page holding no job that shows a verification page stops
// the filling and is returned (not thrown), so the engine stores the list page before the run is marked
// blocked; a page that does not parse is skipped; anything else propagates.
import type { RawPosting } from '../../src/domain/posting.js';
import { BlockedError, NotRetryableError } from '../../src/fetch/errors.js';
import type { ScrapeContext } from '../types.js';
import { detectChineseBlock } from './block-detection.js';
import { reroot } from './search-targets.js';

export interface DetailPageReader {
  /** The site's name in messages ("智联", "BOSS"). */
  site: string;
  signal: AbortSignal;
  /** Whether this posting still needs its job page (default: it has no description). */
  needs?: (posting: RawPosting) => boolean;
  /** The posting's job page, or undefined to skip it. */
  urlOf(posting: RawPosting): string | undefined;
  /** The page's HTML. */
  load(url: string): Promise<string>;
  /** Copies what the page adds onto the posting; false when the page held no job (then it may be a block). */
  apply(posting: RawPosting, html: string, url: string): boolean;
}

/** Fills postings from their job pages; returns the BlockedError that stopped it, if one did. */
export async function fillFromDetailPages(
  postings: RawPosting[],
  reader: DetailPageReader,
): Promise<BlockedError | undefined> {
  const needs = reader.needs ?? ((posting: RawPosting) => !posting.description);
  for (const posting of postings) {
    if (reader.signal.aborted || !needs(posting)) continue;
    const url = reader.urlOf(posting);
    if (!url) continue;
    try {
      const html = await reader.load(url);
      // A job page is read first: only a page that holds no job is looked at as a possible block page.
      if (reader.apply(posting, html, url) === false) {
        const blocked = detectChineseBlock(html);
        if (blocked) return new BlockedError(`blocked: ${reader.site} ${blocked}`, url);
      }
    } catch (error) {
      if (error instanceof BlockedError) return error;
      if (error instanceof NotRetryableError) continue;
      throw error;
    }
  }
  return undefined;
}

/**
 * The job-page reader of a board whose job pages are plain HTTP at the posting's own URL (moved onto the
 * configured base URL, so tests and mirrors work).
 */
export function httpDetailPages(
  context: Pick<ScrapeContext<unknown>, 'fetcher' | 'baseUrl'>,
  defaultBaseUrl: string,
  site: string,
  apply: DetailPageReader['apply'],
): Omit<DetailPageReader, 'signal'> {
  return {
    site,
    urlOf: (posting) => posting.url && reroot(posting.url, context.baseUrl, defaultBaseUrl),
    load: async (url) => (await context.fetcher.fetch(url)).text,
    apply,
  };
}

/** An `apply` that copies the description a job-page parser finds. */
export const copyDescription =
  (
    parse: (html: string, hint: { url: string }) => { description?: string } | undefined,
  ): DetailPageReader['apply'] =>
  (posting, html, url) => {
    const detail = parse(html, { url });
    if (detail?.description) posting.description = detail.description;
    return detail !== undefined;
  };
