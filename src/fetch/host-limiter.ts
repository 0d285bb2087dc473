// Politeness per host: requests start evenly spaced (requests per minute, or a robots.txt crawl-delay
// when longer), at most N in flight per host and M over all hosts, and a host can be paused (Retry-After,
// a block). Every request passes one gate per host, so no window ever sees more than the limit. A caller
// may wait at the gate (acquire) or ask without waiting (tryAcquire: a scheduler choosing among hosts).
import { sleep } from './sleep.js';

/** A counting semaphore with FIFO waiters. */
export class Semaphore {
  private waiters: (() => void)[] = [];
  private free: number;
  constructor(
    readonly size: number,
    /** Called whenever a slot is given back (a scheduler waiting for capacity wakes up). */
    private readonly onRelease?: () => void,
  ) {
    this.free = size;
  }

  /** Slots free right now (0 while anyone waits). */
  get available(): number {
    return this.free;
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

  /** A slot now, or undefined when none is free. */
  tryAcquire(): (() => void) | undefined {
    if (this.free <= 0) return undefined;
    this.free--;
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
      this.onRelease?.();
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
  /** Requests waiting at the gate (acquire): a tryAcquire never jumps ahead of them. */
  queued: number;
  lastStart: number;
  minSpacingMs: number;
  pausedUntil: number;
}

/** Why tryAcquire said no: `at` is when the host's next start is due, undefined when a slot must free first. */
export interface NotYet {
  at: number | undefined;
}

export class HostLimiter {
  private readonly hosts = new Map<string, HostState>();
  private readonly global: Semaphore;
  private listeners: (() => void)[] = [];

  constructor(
    private readonly limitsFor: (host: string) => HostLimits,
    globalConcurrency: number,
    private readonly now: () => number = Date.now,
  ) {
    this.global = new Semaphore(globalConcurrency, () => this.changed());
  }

  private state(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      const limits = this.limitsFor(host);
      state = {
        limits,
        slots: new Semaphore(limits.concurrency, () => this.changed()),
        gate: Promise.resolve(),
        queued: 0,
        lastStart: Number.NEGATIVE_INFINITY,
        minSpacingMs: 0,
        pausedUntil: 0,
      };
      this.hosts.set(host, state);
    }
    return state;
  }

  /** Resolves the next time a slot is given back or a host's timing changes. */
  nextChange(): Promise<void> {
    return new Promise((resolve) => this.listeners.push(resolve));
  }

  private changed(): void {
    const listeners = this.listeners;
    this.listeners = [];
    for (const listener of listeners) listener();
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

  /** When the host's next request may start, by its spacing and pause alone. */
  private nextStart(state: HostState, host: string): number {
    return Math.max(state.lastStart + this.spacingMs(host), state.pausedUntil);
  }

  /** Waits for a free slot and this host's next start time; returns the release function. */
  async acquire(host: string, signal?: AbortSignal): Promise<() => void> {
    const state = this.state(host);
    state.queued++;
    let releaseHost: (() => void) | undefined;
    let releaseGlobal: (() => void) | undefined;
    try {
      releaseHost = await state.slots.acquire(signal);
      releaseGlobal = await this.global.acquire(signal);
      const passed = state.gate.then(async () => {
        // Loop: a pause may be set while we wait.
        for (;;) {
          const wait = this.nextStart(state, host) - this.now();
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
      releaseHost?.();
      throw error;
    } finally {
      // The last waiter gone: the host is open to tryAcquire again.
      if (--state.queued === 0) this.changed();
    }
    return () => {
      releaseGlobal?.();
      releaseHost?.();
    };
  }

  /**
   * A start for this host right now, without waiting: the release function, or when it may be asked again.
   * Never ahead of a request already waiting at the gate, so both ways of asking obey the same limits.
   */
  tryAcquire(host: string): (() => void) | NotYet {
    const state = this.state(host);
    if (state.queued > 0 || state.slots.available <= 0 || this.global.available <= 0)
      return { at: undefined };
    const start = this.nextStart(state, host);
    if (start > this.now()) return { at: start };
    const releaseHost = state.slots.tryAcquire()!;
    const releaseGlobal = this.global.tryAcquire()!;
    state.lastStart = this.now();
    return () => {
      releaseGlobal();
      releaseHost();
    };
  }
}
