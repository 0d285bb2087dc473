// A small pool of Chromium pages for sources that render with JavaScript or get their data over XHR.
// One headless browser, one context (cookies persist across pages, as a visitor's would), at most
// `maxPages` pages at once. Images, fonts and media are never downloaded. Use it through the Fetcher's
// browse() (which adds rate limits, robots.txt, retries and block detection), not directly.

import type { Browser, BrowserContext, Page, Response } from 'playwright';
import { detectBlock } from '../fetch/detect-block.js';
import { NotRetryableError, RetryableError } from '../fetch/errors.js';
import { type BrowserSettings, browserSettings } from '../fetch/fetch-settings.js';
import type { BrowsedPage, BrowseOptions, BrowserResponse } from '../fetch/fetch-types.js';
import { Semaphore } from '../fetch/host-limiter.js';
import type { Logger } from '../log.js';
import { launchChromium } from './launch-chromium.js';

const BLOCKED_RESOURCES = new Set(['image', 'font', 'media']);

export interface BrowserPoolOptions {
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
  userAgent?: string;
}

export interface BrowseRequest extends BrowseOptions {
  signal?: AbortSignal;
}

export interface BrowserPool {
  /** Loads `url`, runs its scripts, and returns the HTML and the captured responses. */
  browse(url: string, options?: BrowseRequest): Promise<BrowsedPage>;
  /** Pages open right now (tests check that everything is closed). */
  openPages(): number;
  /** Pages that could be opened right now without waiting (a scheduler's question). */
  freePages(): number;
  /** Closes every page, the context and the browser. Safe to call twice. */
  close(): Promise<void>;
}

export function createBrowserPool(
  settings: Partial<BrowserSettings> = {},
  options: BrowserPoolOptions = {},
): BrowserPool {
  const config = browserSettings(settings);
  const slots = new Semaphore(config.maxPages);
  let launching: Promise<{ browser: Browser; context: BrowserContext }> | undefined;
  let closed = false;
  const pages = new Set<Page>();

  async function launch(): Promise<{ browser: Browser; context: BrowserContext }> {
    const { browser, executablePath } = await launchChromium(config, options.env);
    options.logger?.debug({ executablePath }, 'browser started');
    try {
      const context = await browser.newContext({
        ...(options.userAgent ? { userAgent: options.userAgent } : {}),
        locale: 'zh-CN',
        serviceWorkers: 'block',
      });
      await context.route('**/*', (route) =>
        BLOCKED_RESOURCES.has(route.request().resourceType())
          ? route.abort('blockedbyclient')
          : route.continue(),
      );
      return { browser, context };
    } catch (error) {
      await browser.close().catch(() => {});
      throw error;
    }
  }

  async function browse(url: string, request: BrowseRequest = {}): Promise<BrowsedPage> {
    if (closed) throw new NotRetryableError('the browser pool is closed', url);
    const release = await slots.acquire(request.signal);
    let page: Page | undefined;
    try {
      launching ??= launch();
      let context: BrowserContext;
      try {
        ({ context } = await launching);
      } catch (error) {
        launching = undefined;
        throw error;
      }
      page = await context.newPage();
      pages.add(page);
      return await load(page, url, request, config.timeoutMs);
    } finally {
      if (page) {
        pages.delete(page);
        await page.close().catch(() => {});
      }
      release();
    }
  }

  return {
    browse,
    openPages: () => pages.size,
    freePages: () => slots.available,
    async close() {
      closed = true;
      const current = launching;
      launching = undefined;
      if (!current) return;
      try {
        const { browser, context } = await current;
        await context.close().catch(() => {});
        await browser.close().catch(() => {});
      } catch {
        // The browser never started: nothing to close.
      }
    },
  };
}

async function load(
  page: Page,
  url: string,
  request: BrowseRequest,
  defaultTimeoutMs: number,
): Promise<BrowsedPage> {
  const timeoutMs = request.timeoutMs ?? defaultTimeoutMs;
  page.setDefaultTimeout(timeoutMs);
  const responses: BrowserResponse[] = [];
  const reading: Promise<void>[] = [];
  let firstCapture: (() => void) | undefined;
  const captured = new Promise<void>((resolve) => {
    firstCapture = resolve;
  });
  if (request.captureResponses) {
    const wanted = request.captureResponses;
    page.on('response', (response: Response) => {
      if (!wanted(response.url())) return;
      reading.push(
        response
          .text()
          .then((body) => {
            responses.push({
              url: response.url(),
              status: response.status(),
              contentType: response.headers()['content-type'] ?? '',
              body,
            });
            firstCapture?.();
          })
          .catch(() => {
            // A redirect or a response the page navigated away from has no body: nothing to keep.
          }),
      );
    });
  }

  let onAbort: (() => void) | undefined;
  const abort = new Promise<never>((_, reject) => {
    if (!request.signal) return;
    onAbort = () => reject(new RetryableError('browsing was aborted', url));
    if (request.signal.aborted) onAbort();
    else request.signal.addEventListener('abort', onAbort, { once: true });
  });
  abort.catch(() => {});

  try {
    const main = await Promise.race([page.goto(url, { waitUntil: 'load', timeout: timeoutMs }), abort]);
    const status = main?.status() ?? 200;
    if (status >= 500 || status === 429)
      throw new RetryableError(`HTTP ${status} from ${url}`, url, undefined, status);
    if (request.waitForCapture && request.captureResponses) {
      // A verification page never makes the request we wait for: look at what loaded before waiting,
      // and again when the wait times out, so a block is reported as one and not retried as a timeout.
      const loaded = await page.content();
      if (detectBlock({ requestedUrl: url, finalUrl: page.url(), status, text: loaded })) {
        return { url: page.url(), html: loaded, responses: [...responses] };
      }
      try {
        await Promise.race([
          captured,
          abort,
          new Promise<never>((_, reject) =>
            setTimeout(
              () => reject(new RetryableError(`no matching response within ${timeoutMs} ms`, url)),
              timeoutMs,
            ).unref(),
          ),
        ]);
      } catch (error) {
        const html = await page.content().catch(() => '');
        if (detectBlock({ requestedUrl: url, finalUrl: page.url(), status, text: html })) {
          return { url: page.url(), html, responses: [...responses] };
        }
        throw error;
      }
    } else {
      await page.waitForLoadState('networkidle', { timeout: Math.min(timeoutMs, 10_000) }).catch(() => {});
    }
    if (request.waitForSelector) await page.waitForSelector(request.waitForSelector, { timeout: timeoutMs });
    await Promise.all(reading);
    const html = await page.content();
    if (status >= 400 && !html) throw new NotRetryableError(`HTTP ${status} from ${url}`, url);
    return { url: page.url(), html, responses: [...responses] };
  } catch (error) {
    if (error instanceof RetryableError || error instanceof NotRetryableError) throw error;
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    // Playwright's timeouts and network failures (net::ERR_…) are passing faults.
    if (/timeout|net::ERR_|Navigation failed|Target closed|has been closed/i.test(message)) {
      throw new RetryableError(`browsing ${url} failed: ${message}`, url, undefined, undefined, {
        cause: error,
      });
    }
    throw new NotRetryableError(`browsing ${url} failed: ${message}`, url, { cause: error });
  } finally {
    // The run's signal outlives many pages: leave no listener behind.
    if (onAbort) request.signal?.removeEventListener('abort', onAbort);
  }
}
