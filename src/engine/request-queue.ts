// The crawl's request queue, as an interface: what the engine needs from any queue (in memory for tests and
// scraper checks, SQLite for real runs: sqlite-request-queue.ts; a distributed queue is sketched in
// docs/scaling.md). Requests are deduplicated per source by method, URL and body. The engine takes the next
// request a host can start now (`next`), so one slow or paused host never holds up the others; waiting
// requests are grouped in lanes, one per host and way of fetching (HTTP or the browser).
import { createHash } from 'node:crypto';
import type { Via } from '../fetch/create-fetcher.js';
import type { PageRequest } from './scraper-contract.js';

/** A request as the queue holds it. */
export interface QueuedRequest extends PageRequest {
  /** Its scrape: the index, in the crawl's plan, of the source and search it belongs to. */
  scrape: number;
  sourceId: string;
  /** Method, URL and body: what makes two requests the same. */
  key: string;
  host: string;
  via: Via;
  priority: number;
}

/** A request's outcome, to be made durable with the requests it added. */
export interface HandledRequest {
  request: QueuedRequest;
  state: 'done' | 'failed';
  error: string | null;
  /** HTTP attempts (or browser loads) it took, retries included. */
  attempts: number;
  /** The further requests it led to that were new to the crawl. */
  added: QueuedRequest[];
}

export interface RequestQueue {
  /**
   * Adds requests; those already in the crawl (same source, method, URL and body) are dropped. Returns the new
   * ones. They can be taken at once; `save` of the request that added them makes them durable.
   */
  add(requests: QueuedRequest[]): QueuedRequest[];
  /** Adds a scrape's first requests and makes them durable at once. Returns the new ones. */
  seed(requests: QueuedRequest[]): QueuedRequest[];
  /**
   * Takes the first waiting request, by priority then age, whose lane `choose` accepts (it is asked once per
   * lane, about the lane's first request, and returns undefined for a lane that cannot start one now).
   */
  next<T>(
    choose: (request: QueuedRequest) => T | undefined,
  ): { request: QueuedRequest; chosen: T } | undefined;
  /** Requests waiting to be taken. */
  readonly waiting: number;
  /** Requests of a scrape queued so far for a handler (`queued(0, 'page')`), or of a kind (`'kind:detail'`). */
  queued(scrape: number, what: string): number;
  /** Makes handled requests durable (SQLite: inside the caller's transaction, with the store's writes). */
  save(handled: HandledRequest[]): void;
}

/** What makes two requests the same: method, URL (without its fragment) and a hash of the body. */
export function requestKey(request: Pick<PageRequest, 'url' | 'method' | 'body'>): string {
  const method = request.method ?? 'GET';
  const url = request.url.replace(/#.*$/, '');
  const body = request.body ? ` ${createHash('sha1').update(request.body).digest('hex')}` : '';
  return `${method} ${url}${body}`;
}

const DEFAULT_PRIORITY = { list: 2, index: 1, detail: 0 } as const;

/** A scraper's request made ready for the queue. */
export function queueable(request: PageRequest, scrape: number, sourceId: string): QueuedRequest {
  let host: string;
  try {
    host = new URL(request.url).host;
  } catch {
    host = '';
  }
  return {
    ...request,
    scrape,
    sourceId,
    key: requestKey(request),
    host,
    via: request.browse ? 'browser' : 'http',
    priority: request.priority ?? DEFAULT_PRIORITY[request.kind],
  };
}

/** A first-in-first-out list that does not copy on every take. */
class Fifo<T> {
  private items: T[] = [];
  private head = 0;
  get size(): number {
    return this.items.length - this.head;
  }
  push(item: T): void {
    this.items.push(item);
  }
  peek(): T | undefined {
    return this.items[this.head];
  }
  shift(): T | undefined {
    const item = this.items[this.head];
    if (item === undefined) return undefined;
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}

/** One host's waiting requests for one way of fetching, by priority, oldest first. */
class Lane {
  private readonly byPriority = new Map<number, Fifo<{ seq: number; request: QueuedRequest }>>();
  private priorities: number[] = [];
  size = 0;

  push(request: QueuedRequest, seq: number): void {
    let fifo = this.byPriority.get(request.priority);
    if (!fifo) {
      fifo = new Fifo();
      this.byPriority.set(request.priority, fifo);
      this.priorities = [...this.byPriority.keys()].sort((a, b) => b - a);
    }
    fifo.push({ seq, request });
    this.size++;
  }

  peek(): { seq: number; request: QueuedRequest } | undefined {
    for (const priority of this.priorities) {
      const head = this.byPriority.get(priority)!.peek();
      if (head) return head;
    }
    return undefined;
  }

  shift(): QueuedRequest | undefined {
    for (const priority of this.priorities) {
      const head = this.byPriority.get(priority)!.shift();
      if (head) {
        this.size--;
        return head.request;
      }
    }
    return undefined;
  }
}

/**
 * The waiting requests of a crawl in memory, with the keys of every request it ever held (for deduplication)
 * and counts per scrape. Both queue implementations keep their waiting requests here.
 */
export class WaitingRequests {
  private readonly lanes = new Map<string, Lane>();
  private readonly seen = new Set<string>();
  private readonly counts = new Map<string, number>();
  private seq = 0;
  private total = 0;

  get size(): number {
    return this.total;
  }

  /** Remembers a request the crawl holds (waiting or not); returns false when it held it already. */
  remember(request: QueuedRequest): boolean {
    const id = `${request.sourceId}\n${request.key}`;
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    const kinds = [request.handler, `kind:${request.kind}`];
    // Detail pages that complete a listed posting: what a run's detail cap counts.
    if (request.kind === 'detail' && request.posting) kinds.push('kind:detail-posting');
    for (const what of kinds) {
      const count = `${request.scrape}\n${what}`;
      this.counts.set(count, (this.counts.get(count) ?? 0) + 1);
    }
    return true;
  }

  /** Puts a request in its lane to wait. */
  wait(request: QueuedRequest): void {
    const name = `${request.via} ${request.host}`;
    let lane = this.lanes.get(name);
    if (!lane) {
      lane = new Lane();
      this.lanes.set(name, lane);
    }
    lane.push(request, this.seq++);
    this.total++;
  }

  queued(scrape: number, what: string): number {
    return this.counts.get(`${scrape}\n${what}`) ?? 0;
  }

  next<T>(
    choose: (request: QueuedRequest) => T | undefined,
  ): { request: QueuedRequest; chosen: T } | undefined {
    const heads: { lane: Lane; seq: number; request: QueuedRequest }[] = [];
    for (const [name, lane] of this.lanes) {
      const head = lane.peek();
      if (head) heads.push({ lane, ...head });
      else this.lanes.delete(name);
    }
    heads.sort((a, b) => b.request.priority - a.request.priority || a.seq - b.seq);
    for (const head of heads) {
      const chosen = choose(head.request);
      if (chosen === undefined) continue;
      head.lane.shift();
      this.total--;
      return { request: head.request, chosen };
    }
    return undefined;
  }
}

/** The queue in memory only: for scraper tests and runs that need not survive a restart. */
export class MemoryRequestQueue implements RequestQueue {
  private readonly requests = new WaitingRequests();

  get waiting(): number {
    return this.requests.size;
  }

  add(requests: QueuedRequest[]): QueuedRequest[] {
    const added = requests.filter((r) => this.requests.remember(r));
    for (const request of added) this.requests.wait(request);
    return added;
  }

  seed(requests: QueuedRequest[]): QueuedRequest[] {
    return this.add(requests);
  }

  next<T>(choose: (request: QueuedRequest) => T | undefined) {
    return this.requests.next(choose);
  }

  queued(scrape: number, what: string): number {
    return this.requests.queued(scrape, what);
  }

  save(): void {}
}
