// The fetch layer's Fetcher, put together from its parts: one HTTP attempt (http-attempt.ts) with
// conditional requests (http-cache.ts), the robots.txt gate (robots-gate.ts), politeness per host
// (politeness.ts) and the one retry loop (with-retries.ts). browse() loads a page in the Chromium pool under
// the same rules. HTTP(S)_PROXY is honoured. A crawl's scheduler asks tryStart() before it picks a request,
// so that it never waits on one host while another could be fetched.
import { setMaxListeners } from 'node:events';
import { Agent, type Dispatcher, EnvHttpProxyAgent } from 'undici';
import { type BrowserPool, createBrowserPool } from '../browser/browser-pool.js';
import type { Logger } from '../log.js';
import type { Db } from '../store/database.js';
import { detectBlock } from './detect-block.js';
import { BlockedError, NotRetryableError, RetryableError } from './errors.js';
import { type BrowserSettings, type FetchSettings, fetchSettings } from './fetch-settings.js';
import type { BrowsedPage, BrowseOptions, FetchedPage, Fetcher, FetchInit } from './fetch-types.js';
import { createHttpAttempt } from './http-attempt.js';
import { HttpCache } from './http-cache.js';
import { Politeness } from './politeness.js';
import { RobotsGate, refusalOf } from './robots-gate.js';
import { type FetcherStats, type RetryRequest, withRetries } from './with-retries.js';

export type { FetcherStats } from './with-retries.js';

/** A start granted by tryStart(): handed to fetch() or browse(), which use it for their first attempt. */
export interface StartPermit {
  release(): void;
}

/**
 * What tryStart() says: start now with this permit; fail now (the request would be refused without being
 * sent: a blocked, unreachable or robots-refused host); or not yet: ask again at `at`, or once `wake`
 * resolves, or once a request in flight ends.
 */
export type Readiness = { start: StartPermit } | { failNow: true } | { at?: number; wake?: Promise<void> };

export type Via = 'http' | 'browser';

/** What a crawl adds to a request: the start it was granted, counters of its own, its source's robots say. */
export interface EngineRequest {
  permit?: StartPermit;
  /** Counters this request's attempts, retries and errors are added to (besides the fetcher's). */
  counts?: FetcherStats;
  /** Overrides the fetcher's respectRobots for this request (a source configured with its own). */
  respectRobots?: boolean;
}

/** A Fetcher as the engine holds it: with counters, a scheduler's questions, and a close(). */
export interface EngineFetcher extends Fetcher {
  readonly stats: FetcherStats;
  /** True when `error` was thrown by this fetcher (and so is already counted in stats.errors). */
  alreadyCounted(error: unknown): boolean;
  /**
   * May a request to `url` start now? (For a scheduler choosing among hosts; see Readiness.) A robots.txt
   * read this starts is counted in `request.counts`.
   */
  tryStart(url: string, via: Via, request?: Omit<EngineRequest, 'permit'>): Readiness;
  /** Resolves the next time capacity is given back (a slot freed by a request or a retry's backoff). */
  nextChange(): Promise<void>;
  /** A page this fetcher passed turned out to be a block (a board's own detection): back the host off. */
  reportBlock(url: string, reason: string): void;
  fetch(url: string, init?: FetchInit & EngineRequest): Promise<FetchedPage>;
  browse(url: string, options?: BrowseOptions & EngineRequest): Promise<BrowsedPage>;
  close(): Promise<void>;
}

export interface CreateFetcherOptions {
  logger?: Logger;
  /** Aborts waits and requests in flight (SIGINT/SIGTERM). */
  signal?: AbortSignal;
  /** Enables conditional requests through the http_cache table, and host blocks across runs. */
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

export function createFetcher(
  settings: Partial<FetchSettings> = {},
  options: CreateFetcherOptions = {},
): EngineFetcher {
  const config = fetchSettings(settings);
  const env = options.env ?? process.env;
  const logger = options.logger;
  const signal = runSignal(options.signal);
  const respectRobots = options.respectRobots ?? config.respectRobots;
  const stats: FetcherStats = { requests: 0, retries: 0, errors: 0 };
  const ownErrors = new WeakSet<object>();
  const politeness = new Politeness(config, { db: options.db, logger });
  const cache = new HttpCache(config.conditionalRequests ? options.db : undefined);
  const dispatcher: Dispatcher = hasProxy(env)
    ? new EnvHttpProxyAgent({
        httpProxy: proxyVar(env, 'http'),
        httpsProxy: proxyVar(env, 'https'),
        noProxy: env.NO_PROXY ?? env.no_proxy,
      })
    : new Agent({ connect: { timeout: config.timeoutMs } });
  const attempt = createHttpAttempt(config, dispatcher, cache);
  const retryContext = {
    politeness,
    settings: config,
    stats,
    signal,
    logger,
    random: options.random,
    markCounted<E extends Error>(error: E): E {
      ownErrors.add(error);
      return error;
    },
  };
  const robots = new RobotsGate({
    userAgent: config.userAgent,
    load: (robotsUrl, counts) =>
      withRetries(
        robotsUrl,
        (s) => attempt(robotsUrl, {}, s, { anyStatus: true, noCache: true }),
        retryContext,
        counts ? { counts } : {},
      ),
    onCrawlDelay: (host, ms) => politeness.setCrawlDelay(host, ms),
    aborted: () => signal?.aborted === true,
  });
  let pool: BrowserPool | undefined;
  const ownsPool = !isPool(options.browser);
  let closed = false;

  function browserPool(): BrowserPool {
    if (isPool(options.browser)) return options.browser;
    pool ??= createBrowserPool(options.browser ?? {}, { logger, env });
    return pool;
  }

  /** Everything a request must pass before it is sent; throws (counted) when it may not be. */
  async function gate(url: string, counts: FetcherStats | undefined, obeyRobots: boolean): Promise<void> {
    if (closed) throw new NotRetryableError('the fetcher is closed', url);
    checkUrl(url);
    const refused = (error: Error) => {
      stats.errors++;
      if (counts) counts.errors++;
      return retryContext.markCounted(error);
    };
    const refusal = politeness.refusal(new URL(url).host, url);
    if (refusal) throw refused(refusal);
    if (!obeyRobots) return;
    try {
      await robots.check(url, counts);
    } catch (error) {
      if (signal?.aborted) throw error;
      throw refused(error as Error);
    }
  }

  /** Runs `work` for `url` once the gate is passed, with the permit (if any) released on every path. */
  async function passing<T>(
    url: string,
    engine: EngineRequest,
    work: (request: RetryRequest) => Promise<T>,
  ): Promise<T> {
    const { permit, counts } = engine;
    try {
      await gate(url, counts, engine.respectRobots ?? respectRobots);
    } catch (error) {
      permit?.release();
      throw error;
    }
    const result = await work({
      ...(permit ? { permit: () => permit.release() } : {}),
      ...(counts ? { counts } : {}),
    });
    politeness.fetched(new URL(url).host);
    return result;
  }

  const fetcher: EngineFetcher = {
    stats,
    alreadyCounted: (error) => typeof error === 'object' && error !== null && ownErrors.has(error),
    tryStart(url, via, request = {}) {
      let host: string;
      try {
        checkUrl(url);
        host = new URL(url).host;
      } catch {
        return { failNow: true };
      }
      if (closed || politeness.refusal(host, url)) return { failNow: true };
      if (request.respectRobots ?? respectRobots) {
        const rules = robots.knownRulesFor(url);
        if (!rules) {
          const wake = robots.rulesFor(url, request.counts).then(
            () => undefined,
            () => undefined,
          );
          return { wake };
        }
        if (refusalOf(rules, url)) return { failNow: true };
      }
      if (via === 'browser' && pool && pool.freePages() <= 0) return {};
      const started = politeness.tryStart(host);
      if (typeof started === 'function') return { start: { release: started } };
      return started.at === undefined ? {} : { at: started.at };
    },
    nextChange: () => politeness.nextChange(),
    reportBlock(url, reason) {
      politeness.blocked(new URL(url).host, reason, url);
    },
    fetch(url, init = {}) {
      const { permit, counts, respectRobots: robotsSay, ...request } = init;
      return passing(url, { permit, counts, respectRobots: robotsSay }, (retry) =>
        withRetries(url, (s) => attempt(url, request, s), retryContext, retry),
      );
    },
    fetchJson<T>(url: string, init: FetchInit = {}): Promise<T> {
      const request = { ...init, headers: { accept: 'application/json, */*;q=0.5', ...init.headers } };
      return passing(url, {}, () =>
        withRetries(
          url,
          async (s) => {
            const page = await attempt(url, request, s);
            try {
              return JSON.parse(page.text) as T;
            } catch {
              // Most often a passing fault of the site (a gateway's error page, a cut-off body): asked again
              // once. Not kept as the URL's cached body, else the retry could be answered 304 with it.
              cache.forget(url);
              throw new RetryableError(
                `response of ${url} is not JSON (starts "${page.text.slice(0, 40)}")`,
                url,
                undefined,
                undefined,
                { maxRetries: 1 },
              );
            }
          },
          retryContext,
        ),
      );
    },
    browse(url, browseOptions = {}) {
      const { permit, counts, respectRobots: robotsSay, ...request } = browseOptions;
      return passing(url, { permit, counts, respectRobots: robotsSay }, (retry) =>
        withRetries(
          url,
          async (s) => {
            const page = await browserPool().browse(url, { ...request, signal: s });
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
          },
          retryContext,
          retry,
        ),
      );
    },
    async close() {
      closed = true;
      if (pool && ownsPool) await pool.close();
      await dispatcher.close().catch(() => {});
    },
  };
  return fetcher;
}

/**
 * The fetcher's own signal, aborted with the caller's: every request in flight and every wait listens to it,
 * so it may have many listeners (a caller's signal would warn of a leak past ten).
 */
function runSignal(outer: AbortSignal | undefined): AbortSignal | undefined {
  if (!outer) return undefined;
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  if (outer.aborted) controller.abort(outer.reason);
  else outer.addEventListener('abort', () => controller.abort(outer.reason), { once: true });
  return controller.signal;
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
