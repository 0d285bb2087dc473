// The engine's Fetcher: every request a scraper makes goes through here, politely (per-host rate and
// concurrency, a global concurrency, robots.txt and crawl-delay), patiently (retries with backoff and
// jitter, Retry-After honoured), safely (timeouts, a body-size cap, block detection, bodies cut short
// retried: body-completeness.ts) and decoded (charset from headers or <meta>, GBK included). Conditional
// requests use the http_cache table when a database is given; HTTP(S)_PROXY is honoured. browse() loads a
// page in the Chromium pool under the same rules.
import { Agent, type Dispatcher, EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';
import type { BrowsedPage, BrowseOptions, FetchedPage, Fetcher, FetchInit } from '../../scrapers/types.js';
import { type BrowserPool, createBrowserPool } from '../browser/browser-pool.js';
import type { Logger } from '../log.js';
import type { Db } from '../store/database.js';
import {
  forgetCachedResponse,
  readCachedResponse,
  touchCachedResponse,
  writeCachedResponse,
} from '../store/http-cache-store.js';
import { incompleteBody } from './body-completeness.js';
import { decodeBody } from './decode-body.js';
import { detectBlock } from './detect-block.js';
import { BlockedError, isRetryable, NotRetryableError, RetryableError } from './errors.js';
import { type BrowserSettings, type FetchSettings, fetchSettings } from './fetch-settings.js';
import { HostBlocks } from './host-blocks.js';
import { HostLimiter } from './host-limiter.js';
import { parseRetryAfter, retryDelayMs } from './retry-policy.js';
import { allowAll, disallowAll, parseRobots, type RobotsRules, robotsUrlFor } from './robots.js';
import { abortError, sleep } from './sleep.js';

export interface FetcherStats {
  /** Requests sent (attempts, robots.txt included). */
  requests: number;
  /** Attempts that were retried. */
  retries: number;
  /** Attempts that failed (retried or not). */
  errors: number;
}

/** A Fetcher as the engine holds it: with counters and a close(). */
export interface EngineFetcher extends Fetcher {
  readonly stats: FetcherStats;
  /** True when `error` was thrown by this fetcher (and so is already counted in stats.errors). */
  counted(error: unknown): boolean;
  close(): Promise<void>;
}

export interface CreateFetcherOptions {
  logger?: Logger;
  /** Aborts waits and requests in flight (SIGINT/SIGTERM). */
  signal?: AbortSignal;
  /** Enables conditional requests through the http_cache table. */
  db?: Db;
  /** A shared pool, or settings for a pool this fetcher starts on first browse() and closes on close(). */
  browser?: BrowserPool | Partial<BrowserSettings>;
  /** Per-source override of settings.respectRobots. */
  respectRobots?: boolean;
  /** Environment (proxy variables, JOBTREND_CHROMIUM); default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Jitter source in [0, 1) (tests pin it). */
  random?: () => number;
}

type Attempt<T> = (signal: AbortSignal | undefined) => Promise<T>;

const ACCEPT_HTML = 'text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8';

export function createFetcher(
  settings: Partial<FetchSettings> = {},
  options: CreateFetcherOptions = {},
): EngineFetcher {
  const config = fetchSettings(settings);
  const env = options.env ?? process.env;
  const logger = options.logger;
  const outer = options.signal;
  const respectRobots = options.respectRobots ?? config.respectRobots;
  const stats: FetcherStats = { requests: 0, retries: 0, errors: 0 };
  const ownErrors = new WeakSet<object>();
  const robots = new Map<string, Promise<RobotsRules>>();
  const blocks = new HostBlocks(config.blockedBackoffMs, options.db, logger);
  const limiter = new HostLimiter((host) => {
    const own = config.hosts[host] ?? {};
    return {
      requestsPerMinute: own.requestsPerMinute ?? config.requestsPerMinute,
      concurrency: own.concurrency ?? config.perHostConcurrency,
    };
  }, config.concurrency);
  const dispatcher: Dispatcher = hasProxy(env)
    ? new EnvHttpProxyAgent({
        httpProxy: proxyVar(env, 'http'),
        httpsProxy: proxyVar(env, 'https'),
        noProxy: env.NO_PROXY ?? env.no_proxy,
      })
    : new Agent({ connect: { timeout: config.timeoutMs } });
  let pool: BrowserPool | undefined;
  const ownsPool = !isPool(options.browser);
  let closed = false;

  function fail<E extends Error>(error: E): E {
    ownErrors.add(error);
    return error;
  }

  /** Refuses `url` while its host is backed off after a block (this run's, or one remembered in the database). */
  function checkBlocked(url: string): void {
    const host = new URL(url).host;
    const block = blocks.current(host);
    if (!block) return;
    limiter.pauseUntil(host, block.until);
    stats.errors++;
    throw fail(
      new BlockedError(
        `${block.reason} (host ${host} backed off until ${new Date(block.until).toISOString()})`,
        url,
      ),
    );
  }

  /** Runs attempts for `url` under the host's limits, retrying what may be retried. */
  async function withRetries<T>(url: string, attempt: Attempt<T>): Promise<T> {
    const host = new URL(url).host;
    for (let n = 0; ; n++) {
      checkBlocked(url);
      const release = await limiter.acquire(host, outer);
      let error: unknown;
      try {
        stats.requests++;
        return await attempt(outer);
      } catch (caught) {
        error = caught;
      } finally {
        release();
      }
      if (outer?.aborted) throw abortError(outer);
      stats.errors++;
      if (error instanceof BlockedError) {
        const { until } = blocks.record(host, error.message);
        limiter.pauseUntil(host, until);
        logger?.warn(
          { url, reason: error.message, until: new Date(until).toISOString() },
          'blocked: backing off this host',
        );
        throw fail(error);
      }
      if (!isRetryable(error) || n >= config.maxRetries) throw fail(asScrapeError(error, url));
      await backOff(url, n, error as Error);
    }
  }

  /** Waits before attempt n + 1 of `url` after `error`: a backoff step, or longer when Retry-After asks. */
  async function backOff(url: string, n: number, error: Error): Promise<void> {
    const retryAfterMs = error instanceof RetryableError ? error.retryAfterMs : undefined;
    const delay = retryDelayMs(
      n,
      { baseMs: config.backoffBaseMs, maxMs: config.backoffMaxMs, random: options.random },
      retryAfterMs,
    );
    // Retry-After speaks for the whole host, not just this request.
    if (retryAfterMs !== undefined)
      limiter.pauseUntil(new URL(url).host, Date.now() + Math.min(retryAfterMs, config.backoffMaxMs));
    stats.retries++;
    logger?.debug({ url, attempt: n + 1, delayMs: delay, error: error.message }, 'retrying');
    await sleep(delay, outer);
  }

  async function checkRobots(url: string): Promise<void> {
    if (!respectRobots) return;
    const robotsUrl = robotsUrlFor(url);
    let rules = robots.get(robotsUrl);
    if (!rules) {
      rules = loadRobots(robotsUrl);
      robots.set(robotsUrl, rules);
    }
    const loaded = await rules;
    if (!loaded.isAllowed(url)) {
      stats.errors++;
      if (loaded.hostUnreachable) {
        throw fail(
          new NotRetryableError(
            `cannot reach ${new URL(url).host} (${loaded.unreachable}): check the network connection and proxy settings (HTTPS_PROXY)`,
            url,
          ),
        );
      }
      const why = loaded.unreachable
        ? `robots.txt could not be read (${loaded.unreachable})`
        : 'robots.txt disallows';
      throw fail(
        new NotRetryableError(
          `${why} ${url} (set respectRobots: false for this source only if the site allows it)`,
          url,
        ),
      );
    }
  }

  async function loadRobots(robotsUrl: string): Promise<RobotsRules> {
    try {
      const { status, text } = await withRetries(robotsUrl, (signal) =>
        httpOnce(robotsUrl, {}, signal, { anyStatus: true, noCache: true }),
      );
      let rules: RobotsRules;
      if (status >= 200 && status < 300) rules = parseRobots(robotsUrl, text, config.userAgent);
      else if (status >= 400 && status < 500) rules = allowAll();
      else rules = disallowAll(`HTTP ${status}`);
      if (rules.crawlDelaySeconds)
        limiter.setMinSpacing(new URL(robotsUrl).host, rules.crawlDelaySeconds * 1000);
      return rules;
    } catch (error) {
      if (outer?.aborted) throw error;
      // After its retries a network failure means the host cannot be reached at all: say that, not "robots".
      return disallowAll((error as Error).message, isRetryable(error));
    }
  }

  async function httpOnce(
    url: string,
    init: FetchInit,
    signal: AbortSignal | undefined,
    mode: { anyStatus?: boolean; noCache?: boolean } = {},
  ): Promise<FetchedPage> {
    const method = init.method ?? 'GET';
    const cacheable =
      method === 'GET' &&
      !init.body &&
      config.conditionalRequests &&
      options.db !== undefined &&
      !mode.noCache;
    const cached = cacheable ? readCachedResponse(options.db!, url) : undefined;
    const headers: Record<string, string> = {
      'user-agent': config.userAgent,
      accept: ACCEPT_HTML,
      'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8',
      ...lowerKeys(init.headers ?? {}),
    };
    if (cached?.etag) headers['if-none-match'] = cached.etag;
    if (cached?.lastModified) headers['if-modified-since'] = cached.lastModified;
    const timeout = AbortSignal.timeout(config.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const failure = (what: string, error: unknown) => {
      if (signal?.aborted) return abortError(signal);
      if (timeout.aborted)
        return new RetryableError(`timed out after ${config.timeoutMs} ms ${what} ${url}`, url);
      return new RetryableError(
        `network error ${what} ${url}: ${describeCause(error)}`,
        url,
        undefined,
        undefined,
        { cause: error },
      );
    };
    let response: Awaited<ReturnType<typeof undiciFetch>>;
    try {
      response = await undiciFetch(url, {
        method,
        headers,
        body: init.body,
        signal: combined,
        dispatcher,
        redirect: 'follow',
      });
    } catch (error) {
      throw failure('requesting', error);
    }
    const contentType = response.headers.get('content-type');
    const responseHeaders = Object.fromEntries(response.headers);
    if (response.status === 304 && cached) {
      await response.body?.cancel().catch(() => {});
      touchCachedResponse(options.db!, url);
      return {
        url,
        status: 200,
        headers: responseHeaders,
        text: decodeBody(cached.body, cached.contentType),
      };
    }
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > config.maxBodyBytes) {
      await response.body?.cancel().catch(() => {});
      throw new NotRetryableError(
        `response of ${url} is ${declared} bytes, over the ${config.maxBodyBytes}-byte cap (fetch.maxBodyBytes)`,
        url,
      );
    }
    let bytes: Buffer;
    try {
      bytes = await readCapped(response.body, config.maxBodyBytes, url);
    } catch (error) {
      if (error instanceof NotRetryableError) throw error;
      throw failure('reading the body of', error);
    }
    const text = decodeBody(bytes, contentType);
    const page: FetchedPage = {
      url: response.url || url,
      status: response.status,
      headers: responseHeaders,
      text,
    };
    if (mode.anyStatus && !(response.status === 429 || response.status >= 500)) return page;
    const block = detectBlock({
      requestedUrl: url,
      finalUrl: page.url,
      status: response.status,
      contentType,
      text,
    });
    if (block) throw new BlockedError(block, url);
    if (response.status === 429 || response.status >= 500) {
      throw new RetryableError(
        `HTTP ${response.status} from ${url}`,
        url,
        parseRetryAfter(response.headers.get('retry-after')),
        response.status,
      );
    }
    if (response.status >= 400) throw new NotRetryableError(`HTTP ${response.status} from ${url}`, url);
    const cut = incompleteBody(text, contentType);
    if (cut) throw new RetryableError(`the body of ${url} came incomplete: ${cut} (cut short?)`, url);
    if (cacheable && response.status === 200) {
      const etag = response.headers.get('etag');
      const lastModified = response.headers.get('last-modified');
      if (etag || lastModified) {
        writeCachedResponse(options.db!, { url, etag, lastModified, contentType, body: bytes });
      }
    }
    return page;
  }

  function browserPool(): BrowserPool {
    if (isPool(options.browser)) return options.browser;
    pool ??= createBrowserPool(options.browser ?? {}, { logger, env });
    return pool;
  }

  const fetcher: EngineFetcher = {
    stats,
    counted: (error) => typeof error === 'object' && error !== null && ownErrors.has(error),
    async fetch(url, init = {}) {
      if (closed) throw new NotRetryableError('the fetcher is closed', url);
      checkUrl(url);
      checkBlocked(url);
      await checkRobots(url);
      const page = await withRetries(url, (signal) => httpOnce(url, init, signal));
      blocks.fetched(new URL(url).host);
      return page;
    },
    async fetchJson<T>(url: string, init: FetchInit = {}): Promise<T> {
      // A 200 whose body is not JSON is most often a passing fault of the site (a gateway's error page, a
      // cut-off body): asked again once after a backoff step, unconditionally; a second one is the site's answer.
      for (let n = 0; ; n++) {
        const page = await fetcher.fetch(url, {
          ...init,
          headers: { accept: 'application/json, */*;q=0.5', ...init.headers },
        });
        try {
          return JSON.parse(page.text) as T;
        } catch {
          stats.errors++;
          // Not kept as the URL's cached body: else the next request could send its ETag and be answered
          // 304, with the same body again.
          if (options.db) forgetCachedResponse(options.db, url);
          const problem = new NotRetryableError(
            `response of ${url} is not JSON (starts "${page.text.slice(0, 40)}")`,
            url,
          );
          if (n >= Math.min(1, config.maxRetries)) throw fail(problem);
          await backOff(url, n, problem);
        }
      }
    },
    async browse(url: string, browseOptions: BrowseOptions = {}): Promise<BrowsedPage> {
      if (closed) throw new NotRetryableError('the fetcher is closed', url);
      checkUrl(url);
      checkBlocked(url);
      await checkRobots(url);
      const browsed = await withRetries(url, async (signal) => {
        const page = await browserPool().browse(url, { ...browseOptions, signal });
        const block =
          detectBlock({ requestedUrl: url, finalUrl: page.url, status: 200, text: page.html }) ??
          page.responses
            .map((r) =>
              detectBlock({
                requestedUrl: r.url,
                finalUrl: r.url,
                status: r.status,
                contentType: r.contentType,
                text: r.body,
              }),
            )
            .find((reason) => reason !== null) ??
          null;
        if (block) throw new BlockedError(block, url);
        return page;
      });
      blocks.fetched(new URL(url).host);
      return browsed;
    },
    async close() {
      closed = true;
      if (pool && ownsPool) await pool.close();
      await dispatcher.close().catch(() => {});
    },
  };
  return fetcher;
}

function checkUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new NotRetryableError(`not a URL: ${url}`, url);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new NotRetryableError(`only http and https URLs can be fetched, not ${url}`, url);
  }
}

async function readCapped(
  body: ReadableStream<Uint8Array> | null,
  cap: number,
  url: string,
): Promise<Buffer> {
  if (!body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel().catch(() => {});
      throw new NotRetryableError(`response of ${url} is over the ${cap}-byte cap (fetch.maxBodyBytes)`, url);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function asScrapeError(error: unknown, url: string): Error {
  if (error instanceof Error && 'kind' in error) return error;
  if (error instanceof Error && error.name === 'AbortError') return error;
  const message = error instanceof Error ? error.message : String(error);
  return new RetryableError(`request to ${url} failed: ${message}`, url, undefined, undefined, {
    cause: error,
  });
}

function describeCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

function hasProxy(env: NodeJS.ProcessEnv): boolean {
  return Boolean(proxyVar(env, 'http') || proxyVar(env, 'https'));
}

function proxyVar(env: NodeJS.ProcessEnv, scheme: 'http' | 'https'): string | undefined {
  const upper = scheme === 'http' ? env.HTTP_PROXY : env.HTTPS_PROXY;
  const lower = scheme === 'http' ? env.http_proxy : env.https_proxy;
  return upper || lower || undefined;
}

function isPool(value: unknown): value is BrowserPool {
  return typeof value === 'object' && value !== null && typeof (value as BrowserPool).browse === 'function';
}
