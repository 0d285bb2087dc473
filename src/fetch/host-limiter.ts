// Politeness per host: requests start evenly spaced (requests per minute, or a robots.txt crawl-delay
// when longer), at most N in flight per host and M over all hosts, and a host can be paused (Retry-After,
// a block). Every request passes one gate per host, so no window ever sees more than the limit.
import { sleep } from './sleep.js';

/** A counting semaphore with FIFO waiters. */
export class Semaphore {
  private waiters: (() => void)[] = [];
  private free: number;
  constructor(readonly size: number) {
    this.free = size;
  }

  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (this.free > 0) {
      this.free--;
      return this.releaser();
    }
    await new Promise<void>((resolve, reject) => {
      const wake = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        this.waiters = this.waiters.filter((w) => w !== wake);
        reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(wake);
    });
    return this.releaser();
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiters.shift();
      if (next) next();
      else this.free++;
    };
  }
}

export interface HostLimits {
  requestsPerMinute: number;
  concurrency: number;
}

interface HostState {
  limits: HostLimits;
  slots: Semaphore;
  /** Promise chain: one request at a time passes the start gate. */
  gate: Promise<void>;
  lastStart: number;
  minSpacingMs: number;
  pausedUntil: number;
}

export class HostLimiter {
  private readonly hosts = new Map<string, HostState>();
  private readonly global: Semaphore;

  constructor(
    private readonly limitsFor: (host: string) => HostLimits,
    globalConcurrency: number,
    private readonly now: () => number = Date.now,
  ) {
    this.global = new Semaphore(globalConcurrency);
  }

  private state(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      const limits = this.limitsFor(host);
      state = {
        limits,
        slots: new Semaphore(limits.concurrency),
        gate: Promise.resolve(),
        lastStart: Number.NEGATIVE_INFINITY,
        minSpacingMs: 0,
        pausedUntil: 0,
      };
      this.hosts.set(host, state);
    }
    return state;
  }

  /** Spacing between request starts to this host, in milliseconds. */
  spacingMs(host: string): number {
    const state = this.state(host);
    return Math.max(60_000 / state.limits.requestsPerMinute, state.minSpacingMs);
  }

  /** A lower bound on the spacing (robots.txt crawl-delay). */
  setMinSpacing(host: string, ms: number): void {
    const state = this.state(host);
    state.minSpacingMs = Math.max(state.minSpacingMs, ms);
  }

  /** No request to this host starts before `until` (epoch ms). */
  pauseUntil(host: string, until: number): void {
    const state = this.state(host);
    state.pausedUntil = Math.max(state.pausedUntil, until);
  }

  pausedUntil(host: string): number {
    return this.state(host).pausedUntil;
  }

  /** Waits for a free slot and this host's next start time; returns the release function. */
  async acquire(host: string, signal?: AbortSignal): Promise<() => void> {
    const state = this.state(host);
    const releaseHost = await state.slots.acquire(signal);
    let releaseGlobal: (() => void) | undefined;
    try {
      releaseGlobal = await this.global.acquire(signal);
      const passed = state.gate.then(async () => {
        // Loop: a pause may be set while we wait.
        for (;;) {
          const start = Math.max(state.lastStart + this.spacingMs(host), state.pausedUntil);
          const wait = start - this.now();
          if (wait <= 0) break;
          await sleep(wait, signal);
        }
        state.lastStart = this.now();
      });
      // The chain must survive an aborted waiter.
      state.gate = passed.catch(() => {});
      await passed;
    } catch (error) {
      releaseGlobal?.();
      releaseHost();
      throw error;
    }
    return () => {
      releaseGlobal?.();
      releaseHost();
    };
  }
}
