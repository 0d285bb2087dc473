// What fetching looks like from outside the fetch layer: a request's options, the decoded page that comes
// back, and a page loaded in the browser with the responses it received. The engine hands these to
// scrapers' handlers; the fetch layer and the browser pool produce them.

export interface FetchInit {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /**
   * Hand back a 4xx answer (not 429) as a page instead of failing, for listings that end with one (LinkedIn
   * answers 400 past its last page). The caller reads `status`.
   */
  acceptClientErrors?: boolean;
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

/** Fetching as the fetch layer offers it: polite, retried, decoded. Failures arrive as errors.ts types. */
export interface Fetcher {
  fetch(url: string, init?: FetchInit): Promise<FetchedPage>;
  fetchJson<T = unknown>(url: string, init?: FetchInit): Promise<T>;
  /** Load a page in real Chromium (the browser pool). */
  browse(url: string, options?: BrowseOptions): Promise<BrowsedPage>;
}
