// The search loop the Chinese boards share: for each city of the plan, page after page up to maxPages. An
// empty page, or one that repeats the last (the site ignored the page number), ends that city; job pages are
// read when asked; a block met on job pages is thrown only after the list page was yielded, so it is stored.
import type { RawPosting } from '../../src/domain/posting.js';
import type { ScrapeContext, ScrapedPage } from '../types.js';
import type { ChineseBoard } from './city-codes.js';
import { type DetailPageReader, fillFromDetailPages } from './detail-pages.js';
import {
  type ChineseSearchOptions,
  repeatDetector,
  type SearchTarget,
  searchPlan,
} from './search-targets.js';

export interface SearchPage {
  url: string;
  postings: RawPosting[];
  /** The site says this was the last page. */
  last?: boolean;
}

export interface SearchLoop {
  board: ChineseBoard;
  /** The number of the first page (most boards count from 1, 猎聘 from 0). */
  firstPage?: number;
  /** Loads and parses one page of results (throws BlockedError on a verification page or login wall). */
  loadPage(target: SearchTarget, page: number, query: string): Promise<SearchPage>;
  /** How to complete postings from their job pages. */
  details?: Omit<DetailPageReader, 'signal'>;
  /** Whether to read job pages (default: the source's fetchDetails option). */
  fetchDetails?: boolean;
}

export async function* searchPages(
  context: ScrapeContext<ChineseSearchOptions>,
  loop: SearchLoop,
): AsyncIterable<ScrapedPage> {
  const { query, maxPages, targets } = searchPlan(loop.board, context);
  const first = loop.firstPage ?? 1;
  const fetchDetails = loop.fetchDetails ?? context.options.fetchDetails ?? false;
  for (const target of targets) {
    const repeats = repeatDetector();
    for (let page = first; page < first + maxPages; page++) {
      if (context.signal.aborted) return;
      const result = await loop.loadPage(target, page, query);
      if (result.postings.length === 0 || repeats(result.postings)) break;
      const blocked =
        fetchDetails && loop.details
          ? await fillFromDetailPages(result.postings, { ...loop.details, signal: context.signal })
          : undefined;
      yield { url: result.url, postings: result.postings };
      if (blocked) throw blocked;
      if (result.last) break;
    }
  }
}
