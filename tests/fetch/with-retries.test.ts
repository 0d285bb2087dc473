// The one retry loop: what is retried and how often, Retry-After waited in full or the request given up,
// blocks and unreachable hosts never retried, and every attempt counted for the fetcher and the request.
import { describe, expect, it } from 'vitest';
import {
  BlockedError,
  HostUnreachableError,
  NotRetryableError,
  RateLimitedError,
  RetryableError,
} from '../../src/fetch/errors.js';
import { fetchSettings } from '../../src/fetch/fetch-settings.js';
import { Politeness } from '../../src/fetch/politeness.js';
import { type FetcherStats, withRetries } from '../../src/fetch/with-retries.js';

const url = 'https://jobs.example.test/list';

function context(settings: Parameters<typeof fetchSettings>[0] = {}) {
  const config = fetchSettings({ requestsPerMinute: 60_000, backoffBaseMs: 5, maxRetries: 3, ...settings });
  const stats: FetcherStats = { requests: 0, retries: 0, errors: 0 };
  const counted = new Set<Error>();
  return {
    politeness: new Politeness(config),
    settings: config,
    stats,
    markCounted<E extends Error>(error: E): E {
      counted.add(error);
      return error;
    },
    random: () => 0.5,
    wasCounted: (error: unknown) => counted.has(error as Error),
  };
}

/** An attempt that fails with each of `errors` in turn, then succeeds. */
function failing(...errors: Error[]) {
  let n = 0;
  const attempt = async () => {
    const error = errors[n++];
    if (error) throw error;
    return 'page';
  };
  return { attempt, calls: () => n };
}

describe('withRetries', () => {
  it('retries what may be retried, up to fetch.maxRetries, counting attempts for the fetcher and the request', async () => {
    const ctx = context();
    const { attempt, calls } = failing(new RetryableError('HTTP 503'), new RetryableError('reset'));
    const counts: FetcherStats = { requests: 0, retries: 0, errors: 0 };
    expect(await withRetries(url, attempt, ctx, { counts })).toBe('page');
    expect(calls()).toBe(3);
    expect(ctx.stats).toEqual({ requests: 3, retries: 2, errors: 2 });
    expect(counts).toEqual({ requests: 3, retries: 2, errors: 2 });

    const never = failing(...Array.from({ length: 9 }, () => new RetryableError('HTTP 500')));
    const error = await withRetries(url, never.attempt, context({ maxRetries: 2 })).catch((e) => e);
    expect(error).toBeInstanceOf(RetryableError);
    expect(never.calls()).toBe(3);
  });

  it('a failure that will happen again, a block and an unreachable host are not retried', async () => {
    for (const failure of [
      new NotRetryableError('HTTP 404'),
      new BlockedError('verification page'),
      new HostUnreachableError('cannot reach jobs.example.test (ECONNREFUSED)'),
    ]) {
      const ctx = context();
      const { attempt, calls } = failing(failure);
      const error = await withRetries(url, attempt, ctx).catch((e) => e);
      expect(error).toBe(failure);
      expect(ctx.wasCounted(error)).toBe(true);
      expect(calls()).toBe(1);
    }
    // The unreachable host is not asked again: the next request fails without an attempt.
    const ctx = context();
    await withRetries(url, failing(new HostUnreachableError('cannot reach it')).attempt, ctx).catch(() => {});
    const next = failing();
    await expect(withRetries(url, next.attempt, ctx)).rejects.toThrow('cannot reach it');
    expect(next.calls()).toBe(0);
  });

  it('a 200 that is not JSON is asked again once only, within fetch.maxRetries', async () => {
    const notJson = () => new RetryableError('not JSON', url, undefined, undefined, { maxRetries: 1 });
    const { attempt, calls } = failing(notJson(), notJson(), notJson());
    await expect(withRetries(url, attempt, context())).rejects.toThrow('not JSON');
    expect(calls()).toBe(2);
  });

  it('Retry-After is waited in full; one longer than fetch.maxRetryAfterMs ends the request, rate-limited until', async () => {
    const ctx = context({ backoffMaxMs: 10, maxRetryAfterMs: 1_000 });
    const short = failing(new RetryableError('HTTP 429', url, 300, 429));
    const started = Date.now();
    expect(await withRetries(url, short.attempt, ctx)).toBe('page');
    // Longer than the backoff cap of 10 ms: the server asked for 300.
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);

    const long = failing(new RetryableError('HTTP 429 from x', url, 3_600_000, 429));
    const error = await withRetries(url, long.attempt, ctx).catch((e) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error.message).toMatch(/^rate-limited until \d{4}-.*HTTP 429 from x asked for a 3600 s pause/);
    expect(long.calls()).toBe(1);
  });

  it('uses a start granted beforehand for its first attempt, and gives it back', async () => {
    const ctx = context();
    let given = 0;
    expect(await withRetries(url, async () => 'page', ctx, { permit: () => given++ })).toBe('page');
    expect(given).toBe(1);
  });
});
