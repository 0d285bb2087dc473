// Failure as types, decided in one place. Scrapers and the fetch layer throw one of these kinds;
// `isRetryable` is the single function that says whether a failed request may be tried again.

/** Base of every scrape failure. `kind` is what the engine acts on. */
export abstract class ScrapeError extends Error {
  abstract readonly kind: 'retryable' | 'blocked' | 'not-retryable' | 'critical';
  constructor(
    message: string,
    readonly url?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A passing fault: network error, timeout, 5xx, 429. Retried with backoff (Retry-After honoured). */
export class RetryableError extends ScrapeError {
  readonly kind = 'retryable' as const;
  constructor(
    message: string,
    url?: string,
    /** Milliseconds the server asked us to wait (Retry-After), if it said. */
    readonly retryAfterMs?: number,
    readonly status?: number,
    options?: { cause?: unknown; maxRetries?: number },
  ) {
    super(message, url, options);
    this.maxRetries = options?.maxRetries;
  }

  /** At most this many retries for this kind of fault (a 200 that is not JSON: one), within fetch.maxRetries. */
  readonly maxRetries: number | undefined;
}

/**
 * The site shows a CAPTCHA, a verification page or a login wall. Never retried, never worked around:
 * the run records "blocked: <reason>", the host is backed off and the source stops for this run.
 */
export class BlockedError extends ScrapeError {
  readonly kind = 'blocked' as const;
}

/** The request will fail the same way again: 4xx (not 429), a body that does not parse, robots.txt says no. */
export class NotRetryableError extends ScrapeError {
  readonly kind = 'not-retryable' as const;
}

/**
 * The host cannot be reached at all: its name does not resolve, or it refuses connections. Not retried, and
 * the host's other requests in this run fail at once with the same message instead of asking again.
 */
export class HostUnreachableError extends NotRetryableError {}

/**
 * The server asked for a pause (Retry-After) longer than fetch.maxRetryAfterMs: the request ends here, and
 * the host's other requests in this run fail at once, "rate-limited until …", instead of waiting that long.
 */
export class RateLimitedError extends NotRetryableError {
  constructor(
    message: string,
    url: string | undefined,
    /** Epoch milliseconds the server asked us to wait until. */
    readonly until: number,
  ) {
    super(message, url);
  }
}

/** The whole run must stop: the database is unwritable, the configuration is impossible. */
export class CriticalError extends ScrapeError {
  readonly kind = 'critical' as const;
}

/** The one place that decides whether a failure may be retried. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof ScrapeError) return error.kind === 'retryable';
  // Errors thrown by fetch/undici for network trouble are TypeErrors with a cause; aborts are not retried.
  if (error instanceof Error && error.name === 'AbortError') return false;
  return error instanceof TypeError;
}
