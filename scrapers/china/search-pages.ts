// The search flow the Chinese boards share: a first result page for each city of the plan; each result page
// read gives its postings (with their job pages to read, where the board has them and a posting needs one)
// and asks for the next page, until maxPages, an empty page, a page that repeats the one before (the site
// ignored the page number) or the site's last page. The engine fetches the pages; a board says how to ask
// for a page and how to read one.
import type { RawPosting } from '../../src/domain/posting.js';
import type {
  HandlerContext,
  HandlerResult,
  PageHandler,
  PageRequest,
  PageResponse,
  StartContext,
} from '../types.js';
import type { ChineseBoard } from './city-codes.js';
import { jobPageRequest, readJobPage } from './detail-pages.js';
import { type ChineseSearchOptions, type SearchTarget, searchPlan } from './search-targets.js';

export interface SearchPage {
  postings: RawPosting[];
  /** The site says this was the last page. */
  last?: boolean;
  /** How many result pages the site says the search has (智联 pages, 51job total_page). */
  pages?: number;
}

export interface SearchFlow<Options extends ChineseSearchOptions> {
  board: ChineseBoard;
  /** The site's name in messages ("智联", "BOSS"). */
  site: string;
  /** The number of the first page (most boards count from 1, 猎聘 from 0). */
  firstPage?: number;
  /** How to ask for one page of results (its URL, and how to load it). */
  pageRequest(
    target: SearchTarget,
    page: number,
    query: string,
    context: StartContext<Options>,
  ): Pick<PageRequest, 'url' | 'headers' | 'browse'>;
  /** Reads one page of results (throws BlockedError on a verification page or login wall). */
  readPage(page: PageResponse, context: HandlerContext<Options>): SearchPage;
  /** The job page of a listed posting that needs one (most: those without a description), or undefined. */
  jobPage?(
    posting: RawPosting,
    context: HandlerContext<Options>,
  ): Pick<PageRequest, 'url' | 'browse'> | undefined;
  /** The posting completed from its job page's HTML; undefined when the page holds no job. */
  completeFrom?(posting: RawPosting, html: string, url: string): RawPosting | undefined;
}

interface ListData {
  code: string;
  city: string | null;
  page: number;
  query: string;
  /** Posting ids of the page before. */
  previous: string[];
}

function listRequest<Options extends ChineseSearchOptions>(
  flow: SearchFlow<Options>,
  target: SearchTarget,
  data: ListData,
  context: StartContext<Options>,
  sitePages?: number,
): PageRequest {
  const first = flow.firstPage ?? 1;
  // The result pages after this one: up to maxPages, or the site's last page when it said how many.
  const end = Math.min(first + maxPagesOf(context), first + (sitePages ?? Number.POSITIVE_INFINITY));
  return {
    ...flow.pageRequest(target, data.page, data.query, context),
    handler: 'list',
    kind: 'list',
    data: { ...data },
    target: `${flow.site} ${target.city ?? target.code} page ${data.page}`,
    leadsTo: Math.max(0, end - data.page - 1),
  };
}

function maxPagesOf(context: StartContext<ChineseSearchOptions>): number {
  return context.search.maxPages ?? context.options.maxPages ?? 5;
}

/** The first result page of each city of the plan. Throws NotRetryableError for a city without a code. */
export function searchStart<Options extends ChineseSearchOptions>(
  flow: SearchFlow<Options>,
  context: StartContext<Options>,
): PageRequest[] {
  const { query, targets } = searchPlan(flow.board, context);
  const page = flow.firstPage ?? 1;
  return targets.map((target) =>
    listRequest(
      flow,
      target,
      { code: target.code, city: target.city ?? null, page, query, previous: [] },
      context,
    ),
  );
}

/** The handlers of the flow: `list` for result pages, `detail` for job pages. */
export function searchHandlers<Options extends ChineseSearchOptions>(
  flow: SearchFlow<Options>,
): Record<string, PageHandler<Options>> {
  return {
    list(page, context): HandlerResult {
      const data = context.request.data as unknown as ListData;
      const result = flow.readPage(page, context);
      const ids = result.postings.map((p) => p.sourcePostingId);
      const repeat = ids.length > 0 && ids.every((id) => data.previous.includes(id));
      if (result.postings.length === 0 || repeat) return {};
      const postings: RawPosting[] = [];
      const requests: PageRequest[] = [];
      const first = flow.firstPage ?? 1;
      if (!result.last && data.page + 1 < first + maxPagesOf(context)) {
        const target = { code: data.code, ...(data.city ? { city: data.city } : {}) };
        requests.push(
          listRequest(flow, target, { ...data, page: data.page + 1, previous: ids }, context, result.pages),
        );
      }
      for (const posting of result.postings) {
        const job = flow.completeFrom ? flow.jobPage?.(posting, context) : undefined;
        if (job) requests.push(jobPageRequest(posting, job, flow.site));
        else postings.push(posting);
      }
      return { postings, requests };
    },
    detail(page, context): HandlerResult {
      const posting = structuredClone(context.request.posting!);
      return { postings: [readJobPage(posting, page.text, page.url, flow.site, flow.completeFrom!)] };
    },
  };
}
