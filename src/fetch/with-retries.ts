// The one place that retries. A request is tried under its host's politeness (politeness.ts); a failure that
// isRetryable() is tried again after a backoff step, or after the pause the server's Retry-After asks for, in
// full up to fetch.maxRetryAfterMs (a longer one ends the request: "rate-limited until …"). A block backs
// the host off and an unreachable host is given up for the run, neither retried. Counts go to `stats`.
import type { Logger } from '../log.js';
import { BlockedError, HostUnreachableError, isRetryable, RetryableError, ScrapeError } from './errors.js';
import type { FetchSettings } from './fetch-settings.js';
import type { Politeness } from './politeness.js';
import { retryDelayMs } from './retry-policy.js';
import { abortError, sleep } from './sleep.js';

export interface FetcherStats {
  /** Requests sent (attempts, robots.txt included). */
  requests: number;
  /** Attempts that were retried. */
  retries: number;
  /** Attempts that failed (retried or not), and requests refused before they were sent. */
  errors: number;
}

export interface RetryContext {
  politeness: Politeness;
  settings: Pick<FetchSettings, 'maxRetries' | 'backoffBaseMs' | 'backoffMaxMs'>;
  stats: FetcherStats;
  /** Marks an error as counted in stats.errors already (the engine must not count it again). */
  markCounted<E extends Error>(error: E): E;
  signal?: AbortSignal;
  logger?: Logger;
  /** Jitter source in [0, 1) (tests pin it). */
  random?: () => number;
}

export interface RetryRequest {
  /** A start already granted by the politeness gate (a scheduler's tryStart), used for the first attempt. */
  permit?: () => void;
  /** Counters of this request alone, kept beside the fetcher's (a crawl records them per run and request). */
  counts?: FetcherStats;
}

/** Runs `attempt` for `url` until it succeeds or may not be tried again. */
export async function withRetries<T>(
  url: string,
  attempt: (signal: AbortSignal | undefined) => Promise<T>,
  context: RetryContext,
  request: RetryRequest = {},
): Promise<T> {
  const { politeness, settings, signal } = context;
  const count = (what: keyof FetcherStats) => {
    context.stats[what]++;
    if (request.counts) request.counts[what]++;
  };
  const host = new URL(url).host;
  let granted = request.permit;
  for (let n = 0; ; n++) {
    const refusal = politeness.refusal(host, url);
    if (refusal) {
      granted?.();
      count('errors');
      throw context.markCounted(refusal);
    }
    const release = granted ?? (await politeness.acquire(host, signal));
    granted = undefined;
    let error: unknown;
    try {
      count('requests');
      return await attempt(signal);
    } catch (caught) {
      error = caught;
    } finally {
      release();
    }
    if (signal?.aborted) throw abortError(signal);
    count('errors');
    if (error instanceof BlockedError) {
      politeness.blocked(host, error.message, url);
      throw context.markCounted(error);
    }
    if (error instanceof HostUnreachableError) {
      politeness.markUnreachable(host, error.message);
      throw context.markCounted(error);
    }
    const own = error instanceof RetryableError ? error.maxRetries : undefined;
    const limit = own === undefined ? settings.maxRetries : Math.min(own, settings.maxRetries);
    if (!isRetryable(error) || n >= limit) throw context.markCounted(asScrapeError(error, url));
    const retryAfterMs = error instanceof RetryableError ? error.retryAfterMs : undefined;
    if (retryAfterMs !== undefined) {
      // Retry-After speaks for the whole host, not just this request.
      const tooLong = politeness.retryAfter(host, retryAfterMs, url, (error as Error).message);
      if (tooLong) throw context.markCounted(tooLong);
    }
    const delay = retryDelayMs(
      n,
      { baseMs: settings.backoffBaseMs, maxMs: settings.backoffMaxMs, random: context.random },
      retryAfterMs,
    );
    count('retries');
    context.logger?.debug(
      { url, attempt: n + 1, delay_ms: delay, error: (error as Error).message },
      'retrying',
    );
    await sleep(delay, signal);
  }
}

function asScrapeError(error: unknown, url: string): Error {
  if (error instanceof ScrapeError) return error;
  if (error instanceof Error && error.name === 'AbortError') return error;
  const message = error instanceof Error ? error.message : String(error);
  return new RetryableError(`request to ${url} failed: ${message}`, url, undefined, undefined, {
    cause: error,
  });
}
