// When to try again: exponential backoff with jitter (capped), or what Retry-After (seconds or an HTTP date)
// asks for, in full. Whether to retry at all is isRetryable() in errors.ts; a Retry-After too long to wait
// (over fetch.maxRetryAfterMs) ends the request instead (with-retries.ts).

/** Milliseconds a Retry-After header asks for, or undefined when it is absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** A number in [0, 1): the jitter draw (Math.random in use, fixed in tests). */
  random?: () => number;
}

/**
 * Wait before retry number `attempt` (0 for the first retry): base · 2^attempt, with "equal jitter"
 * (half fixed, half random) so that clients that failed together do not return together, never more than
 * maxMs. A server's Retry-After wins when it asks for longer, and is honoured in full.
 */
export function retryDelayMs(attempt: number, options: BackoffOptions, retryAfterMs?: number): number {
  const random = options.random ?? Math.random;
  const exponential = Math.min(options.maxMs, options.baseMs * 2 ** attempt);
  const jittered = Math.round(exponential / 2 + random() * (exponential / 2));
  return retryAfterMs !== undefined ? Math.max(retryAfterMs, jittered) : jittered;
}
