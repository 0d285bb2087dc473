// The contract between the engine and a scraper. A scraper knows its site and nothing else: it gets a
// ScrapeContext (fetching, its options, the search request) and yields pages of raw postings. It never
// touches the database, sleeps, retries, or reads the clock of the scheduler.
import type { z } from 'zod';
import type { RawPosting } from '../src/domain/posting.js';

export type SourceKind = 'api' | 'html' | 'browser';

/** What the user asked this scrape for. Cities are canonical names from src/taxonomy/cities.json ("Shanghai"). */
export interface ScrapeRequest {
  query?: string;
  city?: string;
  maxPages?: number;
}

export interface FetchInit {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

/** A fetched, decoded response (charset handled by the fetch layer). */
export interface FetchedPage {
  url: string;
  status: number;
  headers: Record<string, string>;
  /** Body decoded to text from its declared or sniffed charset (GBK, GB18030, Big5, UTF-8 …). */
  text: string;
}

/** A response a browser page received while loading (for sources whose data arrives as JSON over XHR). */
export interface BrowserResponse {
  url: string;
  status: number;
  contentType: string;
  body: string;
}

export interface BrowsedPage {
  url: string;
  /** The page's HTML after scripts ran. */
  html: string;
  /** Responses matching `captureResponses`, in arrival order. */
  responses: BrowserResponse[];
}

export interface BrowseOptions {
  /** Keep the bodies of responses whose URL matches. */
  captureResponses?: (url: string) => boolean;
  /** Resolve once a captured response has arrived (else once the page is loaded and idle). */
  waitForCapture?: boolean;
  waitForSelector?: string;
  timeoutMs?: number;
}

/** Fetching as the engine offers it: polite, retried, decoded. Failures arrive as src/fetch/errors.ts types. */
export interface Fetcher {
  fetch(url: string, init?: FetchInit): Promise<FetchedPage>;
  fetchJson<T = unknown>(url: string, init?: FetchInit): Promise<T>;
  /** Load a page in real Chromium (the browser pool). */
  browse(url: string, options?: BrowseOptions): Promise<BrowsedPage>;
}

export interface ScrapeContext<Options = unknown> {
  fetcher: Fetcher;
  /** The source's base URL: its default, or the configuration's (tests point it at the local server). */
  baseUrl: string;
  options: Options;
  request: ScrapeRequest;
  signal: AbortSignal;
}

/** One page of a listing (or one detail batch): stored by the engine in one transaction. */
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
  /** Yields pages of raw postings. Throws BlockedError on a CAPTCHA or login wall. */
  scrape(context: ScrapeContext<Options>): AsyncIterable<ScrapedPage>;
  /**
   * Pure extraction from a saved body (list or detail, HTML or JSON: recognised by the scraper).
   * Used by `jobtrend parse` and by the scraper itself. Throws NotRetryableError on a malformed body.
   */
  parse(body: string, hint?: ParseHint): RawPosting[];
}
