// The contract between the engine and a scraper (re-exported for scrapers by scrapers/types.ts). A scraper
// knows its site and nothing else: it says where a scrape starts (start), and reads each page the engine
// fetched for it (its handlers, chosen by the request's `handler`), returning the postings found and the
// further pages to fetch: the next page of a listing, a posting's own page, the pages a sitemap lists. It
// never fetches, waits, retries, stores or reads the clock: the engine's queue schedules every request
// within the fetch layer's politeness, so a handler never waits for one page before asking for the next.
import type { z } from 'zod';
import type { RawPosting } from '../domain/posting.js';
import type { BrowserResponse } from '../fetch/fetch-types.js';

export type SourceKind = 'api' | 'html' | 'browser';

/** What the user asked this scrape for. Cities are canonical names from src/taxonomy/cities.json ("Shanghai"). */
export interface ScrapeRequest {
  query?: string;
  city?: string;
  maxPages?: number;
}

/** A JSON value: what a request may carry from one handler to the next (kept in the queue across restarts). */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * What a page is to the engine: `list`, a page of a listing (the one `--incremental` stops paging after);
 * `detail`, one posting's own page; `index`, a page that only leads to others (a sitemap, a thread search).
 */
export type PageKind = 'list' | 'detail' | 'index';

/** How a browser-loaded page is read: which responses to keep, what to wait for. */
export interface BrowseRequest {
  /** Keep the bodies of responses whose URL contains one of these. */
  captureUrlsContaining?: string[];
  /** Resolve once a captured response has arrived (else once the page is loaded and idle). */
  waitForCapture?: boolean;
  waitForSelector?: string;
  timeoutMs?: number;
}

/** A page for the engine to fetch, and which of the scraper's handlers reads it. */
export interface PageRequest {
  url: string;
  /** The handler that reads the page: a key of the scraper's `handlers`. */
  handler: string;
  kind: PageKind;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Load the page in the browser pool instead of over HTTP. */
  browse?: BrowseRequest;
  /** Hand a 4xx answer (not 429) to the handler instead of failing the request. */
  acceptClientErrors?: boolean;
  /** What the handler needs to know about this page: a page number, a city code, the ids of the page before. */
  data?: { [key: string]: Json };
  /**
   * The listed posting this detail page completes. The engine stores it as it is when the page is not
   * fetched (detail pages switched off, or over the run's cap) or cannot be read.
   */
  posting?: RawPosting;
  /** What the request is for, in messages: `greenhouse board "acme"`. Default: its URL. */
  target?: string;
  /** Higher goes first among the requests waiting for a host. Default: list 2, index 1, detail 0. */
  priority?: number;
  /**
   * How many more pages reading this one is expected to ask for, where the scraper knows (the progress bar's
   * total): 0 for a list that holds the whole listing (an ATS board), the pages left for a listing that says
   * its length or is bounded by maxPages. Unset on a list or index page, that number is not known (the scrape
   * shows counts with a rate until every such page is read); a detail page leads to none.
   */
  leadsTo?: number;
}

/** A fetched page as a handler sees it. */
export interface PageResponse {
  /** The URL the page finally came from (after redirects). */
  url: string;
  status: number;
  headers: Record<string, string>;
  /** The body as text, decoded; for a browsed page its HTML after scripts ran. */
  text: string;
  /** Responses a browsed page received, as asked by `browse.captureUrlsContaining`. */
  responses: BrowserResponse[];
}

export interface StartContext<Options> {
  /** The source's base URL: its default, or the configuration's (tests point it at the local server). */
  baseUrl: string;
  options: Options;
  search: ScrapeRequest;
}

export interface HandlerContext<Options> extends StartContext<Options> {
  /** The request being handled, with its data and posting. */
  request: PageRequest;
  /** How many requests for `handler` this scrape has queued so far (caps such as jsonld's maxUrls). */
  queued(handler: string): number;
}

/** What a handler found on a page. */
export interface HandlerResult {
  postings?: RawPosting[];
  requests?: PageRequest[];
}

/**
 * Reads one page. Pure apart from its arguments; throws BlockedError on a verification page or a login wall,
 * NotRetryableError on a body it cannot read. (Written as a method's type, so that a scraper of its own options
 * is still a Scraper<unknown> for the engine.)
 */
export type PageHandler<Options> = {
  read(page: PageResponse, context: HandlerContext<Options>): HandlerResult;
}['read'];

/** A source's detail pages: whether they are read, and at most how many per run. */
export interface DetailPages {
  enabled: boolean;
  maxPerRun: number;
}

/** One page of postings, as `jobtrend parse`-like callers and scraper tests collect them. */
export interface ScrapedPage {
  url: string;
  postings: RawPosting[];
}

/** Hints for `parse`: what the saved body was. */
export interface ParseHint {
  url?: string;
  contentType?: string;
}

/**
 * A real page or response a scraper was checked against. The project's own fixture in its shape lives
 * under tests/fixtures/sources-cn/ (whose README says where the real page was seen); a test reads every
 * one of them with the scraper's parse.
 */
export interface RealShape {
  /** What it is: "search page with __INITIAL_STATE__ positionList", "job page", "slider verification". */
  kind: string;
  /** When the real page was captured: YYYY, YYYY-MM or YYYY-MM-DD. */
  captured: string;
  /** The fixture standing for it, relative to tests/fixtures/sources-cn/. */
  fixture: string;
  /** Where the site served it from, when that is part of the shape (a redirect to a login or captcha page). */
  servedFrom?: string;
  /** What reading it gives: postings, an empty result, or a block. */
  reads: 'postings' | 'empty' | 'blocked';
}

export interface Scraper<Options = unknown> {
  id: string;
  name: string;
  kind: SourceKind;
  defaultBaseUrl: string;
  /** Time zone the site writes its dates in (Asia/Shanghai for Chinese boards). Default UTC. */
  timeZone?: string;
  /** One line for `jobtrend sources`: what the scraper was verified against and when. */
  verifiedAgainst: string;
  /** The real pages and responses the scraper was checked against, shown by `jobtrend sources`. */
  checkedAgainst?: readonly RealShape[];
  /** Validates this source's section of the config; errors name the field. */
  optionsSchema?: z.ZodType<Options>;
  /**
   * For a source whose postings have pages of their own worth reading after the list: the defaults of
   * `sources.<id>.details` in the config.
   */
  details?: DetailPages;
  /** The first pages of a scrape. Throws NotRetryableError when the request cannot be made (an unknown city). */
  start(context: StartContext<Options>): PageRequest[];
  /** The handlers that read fetched pages, by name. */
  handlers: Record<string, PageHandler<Options>>;
  /**
   * Pure extraction from a saved body (list or detail, HTML or JSON: recognised by the scraper).
   * Used by `jobtrend parse` and by the handlers. Throws NotRetryableError on a malformed body.
   */
  parse(body: string, hint?: ParseHint): RawPosting[];
}
