// Politeness per host, decided in one place: which hosts are left alone (blocked, unreachable, rate-limited
// past the cap) and what a request to them fails with; Retry-After as a pause for the whole host.
import { describe, expect, it } from 'vitest';
import { BlockedError, HostUnreachableError, RateLimitedError } from '../../src/fetch/errors.js';
import { fetchSettings } from '../../src/fetch/fetch-settings.js';
import { Politeness } from '../../src/fetch/politeness.js';

const url = 'https://jobs.example.test/list';

describe('politeness', () => {
  it('a blocked host is refused with the block and until when', () => {
    const p = new Politeness(fetchSettings({ blockedBackoffMs: 60_000 }));
    expect(p.refusal('jobs.example.test', url)).toBeUndefined();
    p.blocked('jobs.example.test', 'slider verification page', url);
    const refusal = p.refusal('jobs.example.test', url);
    expect(refusal).toBeInstanceOf(BlockedError);
    expect(refusal?.message).toMatch(
      /^slider verification page \(host jobs\.example\.test backed off until \d{4}-/,
    );
    // Another host is not concerned.
    expect(p.refusal('other.test', 'https://other.test/')).toBeUndefined();
  });

  it('an unreachable host is refused at once with the same message, for the rest of the run', () => {
    const p = new Politeness(fetchSettings());
    p.markUnreachable('jobs.example.test', 'cannot reach jobs.example.test (ENOTFOUND): check the network');
    const refusal = p.refusal('jobs.example.test', url);
    expect(refusal).toBeInstanceOf(HostUnreachableError);
    expect(refusal?.message).toBe('cannot reach jobs.example.test (ENOTFOUND): check the network');
  });

  it('Retry-After within fetch.maxRetryAfterMs pauses the host that long; a longer one ends it, rate-limited until', () => {
    let now = Date.parse('2026-12-01T00:00:00Z');
    const p = new Politeness(fetchSettings({ maxRetryAfterMs: 600_000 }), { now: () => now });
    expect(p.retryAfter('jobs.example.test', 120_000, url, 'HTTP 429 from x')).toBeUndefined();
    expect(p.limiter.pausedUntil('jobs.example.test')).toBe(now + 120_000);
    expect(p.refusal('jobs.example.test', url)).toBeUndefined();

    const limited = p.retryAfter('jobs.example.test', 3_600_000, url, 'HTTP 429 from x');
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect(limited?.message).toBe(
      'rate-limited until 2026-12-01T01:00:00.000Z: HTTP 429 from x asked for a 3600 s pause, over fetch.maxRetryAfterMs (600000 ms)',
    );
    expect(p.refusal('jobs.example.test', url)?.message).toMatch(
      /^rate-limited until 2026-12-01T01:00:00\.000Z/,
    );
    // Once the time has come, the host may be asked again.
    now += 3_600_001;
    expect(p.refusal('jobs.example.test', url)).toBeUndefined();
  });
});
