// The per-host gate, on a clock the test moves: spacing, slots, pauses, and the scheduler's way of asking
// (tryAcquire), which never goes ahead of a request already waiting.
import { describe, expect, it } from 'vitest';
import { HostLimiter } from '../../src/fetch/host-limiter.js';

function limiter(requestsPerMinute = 60, concurrency = 2, global = 8) {
  let now = 1_000_000;
  const l = new HostLimiter(
    () => ({ requestsPerMinute, concurrency }),
    global,
    () => now,
  );
  return { l, advance: (ms: number) => (now += ms), now: () => now };
}

describe('the host limiter', () => {
  it('tryAcquire: now when the spacing allows, else the time the next start is due', () => {
    const { l, advance, now } = limiter(60);
    const first = l.tryAcquire('a.test');
    expect(typeof first).toBe('function');
    expect(l.tryAcquire('a.test')).toEqual({ at: now() + 1000 });
    // Another host is not held up by this one.
    expect(typeof l.tryAcquire('b.test')).toBe('function');
    advance(1000);
    expect(typeof l.tryAcquire('a.test')).toBe('function');
  });

  it('tryAcquire: no start while the host has no free slot, or while it is paused', () => {
    const { l, advance, now } = limiter(60_000, 1);
    const release = l.tryAcquire('a.test') as () => void;
    advance(10);
    expect(l.tryAcquire('a.test')).toEqual({ at: undefined });
    release();
    l.pauseUntil('a.test', now() + 5000);
    expect(l.tryAcquire('a.test')).toEqual({ at: now() + 5000 });
  });

  it('tryAcquire never goes ahead of a request waiting at the gate, and a freed slot is announced', async () => {
    // The real clock: the waiter must see time pass.
    const l = new HostLimiter(() => ({ requestsPerMinute: 60_000, concurrency: 1 }), 8);
    const release = l.tryAcquire('a.test') as () => void;
    const waiting = l.acquire('a.test');
    expect(l.tryAcquire('a.test')).toEqual({ at: undefined });
    const announced = l.nextChange();
    release();
    await announced;
    const second = await waiting;
    second();
  });

  it('the global limit holds over all hosts', () => {
    const { l } = limiter(60_000, 4, 2);
    expect(typeof l.tryAcquire('a.test')).toBe('function');
    expect(typeof l.tryAcquire('b.test')).toBe('function');
    expect(l.tryAcquire('c.test')).toEqual({ at: undefined });
  });
});
