// The fetch layer's one place for politeness: per-host spacing and concurrency (host-limiter.ts), hosts
// left alone after a block (host-blocks.ts), paused by Retry-After, or found unreachable in this run. Every
// request asks here before it starts: a fetcher waits at the gate (acquire); a scheduler choosing among many
// hosts asks without waiting (tryStart) and takes another host's request while this one must wait.
import type { Logger } from '../log.js';
import type { Db } from '../store/database.js';
import { BlockedError, HostUnreachableError, RateLimitedError } from './errors.js';
import type { FetchSettings } from './fetch-settings.js';
import { HostBlocks } from './host-blocks.js';
import { HostLimiter, type NotYet } from './host-limiter.js';

export interface PolitenessOptions {
  db?: Db;
  logger?: Logger;
  now?: () => number;
}

export class Politeness {
  readonly limiter: HostLimiter;
  private readonly blocks: HostBlocks;
  /** Hosts that could not be reached in this run, with the message every further request fails with. */
  private readonly unreachable = new Map<string, string>();
  /** Hosts that asked for a pause longer than maxRetryAfterMs. */
  private readonly rateLimited = new Map<string, { until: number; message: string }>();
  private readonly now: () => number;

  constructor(
    private readonly config: FetchSettings,
    private readonly options: PolitenessOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.blocks = new HostBlocks(config.blockedBackoffMs, options.db, options.logger);
    this.limiter = new HostLimiter(
      (host) => {
        const own = config.hosts[host] ?? {};
        return {
          requestsPerMinute: own.requestsPerMinute ?? config.requestsPerMinute,
          concurrency: own.concurrency ?? config.perHostConcurrency,
        };
      },
      config.concurrency,
      this.now,
    );
  }

  /** Why a request to `host` must not be sent in this run at all, as the error to fail it with; else undefined. */
  refusal(host: string, url: string): Error | undefined {
    const block = this.blocks.current(host);
    if (block) {
      this.limiter.pauseUntil(host, block.until);
      return new BlockedError(
        `${block.reason} (host ${host} backed off until ${new Date(block.until).toISOString()})`,
        url,
      );
    }
    const unreachable = this.unreachable.get(host);
    if (unreachable) return new HostUnreachableError(unreachable, url);
    const limited = this.rateLimited.get(host);
    if (limited && limited.until > this.now())
      return new RateLimitedError(limited.message, url, limited.until);
    return undefined;
  }

  /** Waits until a request to `host` may start; returns the release function. */
  acquire(host: string, signal?: AbortSignal): Promise<() => void> {
    return this.limiter.acquire(host, signal);
  }

  /** A start for `host` now, or when to ask again (see HostLimiter.tryAcquire). */
  tryStart(host: string): (() => void) | NotYet {
    return this.limiter.tryAcquire(host);
  }

  /** Resolves the next time capacity is given back. */
  nextChange(): Promise<void> {
    return this.limiter.nextChange();
  }

  /** The host showed a verification page or a login wall: left alone until the returned time. */
  blocked(host: string, reason: string, url: string): number {
    const { until } = this.blocks.record(host, reason);
    this.limiter.pauseUntil(host, until);
    this.options.logger?.warn(
      { url, reason, until: new Date(until).toISOString() },
      'blocked: backing off this host',
    );
    return until;
  }

  /** The host cannot be reached: its other requests in this run fail at once with `message`. */
  markUnreachable(host: string, message: string): void {
    this.unreachable.set(host, message);
  }

  /**
   * The server asked to wait `ms` (Retry-After): the whole host pauses that long. Returns the error that ends
   * the request instead when that is longer than fetch.maxRetryAfterMs.
   */
  retryAfter(host: string, ms: number, url: string, why: string): RateLimitedError | undefined {
    const until = this.now() + ms;
    if (ms <= this.config.maxRetryAfterMs) {
      this.limiter.pauseUntil(host, until);
      return undefined;
    }
    const message = `rate-limited until ${new Date(until).toISOString()}: ${why} asked for a ${Math.round(ms / 1000)} s pause, over fetch.maxRetryAfterMs (${this.config.maxRetryAfterMs} ms)`;
    this.rateLimited.set(host, { until, message });
    this.limiter.pauseUntil(host, until);
    return new RateLimitedError(message, url, until);
  }

  /** A page came from `host`: its earlier blocks no longer count. */
  fetched(host: string): void {
    this.blocks.fetched(host);
  }

  /** A robots.txt crawl-delay: requests to `host` start at least `ms` apart. */
  setCrawlDelay(host: string, ms: number): void {
    this.limiter.setMinSpacing(host, ms);
  }
}
