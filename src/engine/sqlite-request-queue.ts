// The request queue kept in SQLite (crawls and crawl_requests, through src/store/crawl-store.ts): the
// default. Waiting requests are held in memory for choosing (request-queue.ts's lanes) and written through
// to the database: a scrape's first requests at once, the rest with the page that led to them, in the
// transaction that stores that page's postings. Reopened after a crash, it holds exactly the requests whose
// pages were not stored.

import {
  crawlRequests,
  finishCrawlRequest,
  insertCrawlRequests,
  type NewCrawlRequest,
} from '../store/crawl-store.js';
import { type Db, inTransaction } from '../store/database.js';
import type { HandledRequest, QueuedRequest, RequestQueue } from './request-queue.js';
import { WaitingRequests } from './request-queue.js';

/** The parts of a request kept in request_json (the rest have columns of their own). */
function rowOf(request: QueuedRequest): NewCrawlRequest {
  const { scrape, sourceId, key, host, via, priority, url, method, kind, handler, ...rest } = request;
  return {
    scrape,
    source_id: sourceId,
    request_key: key,
    url,
    method: method ?? 'GET',
    host,
    via,
    kind,
    handler,
    priority,
    request_json: JSON.stringify(rest),
  };
}

export class SqliteRequestQueue implements RequestQueue {
  private readonly requests = new WaitingRequests();
  private readonly waitingAtOpen = new Map<number, QueuedRequest[]>();

  private constructor(
    private readonly db: Db,
    readonly crawlId: number,
    private readonly now: () => Date,
  ) {}

  /** The queue of a new crawl (its row made by the caller). */
  static empty(db: Db, crawlId: number, now: () => Date = () => new Date()): SqliteRequestQueue {
    return new SqliteRequestQueue(db, crawlId, now);
  }

  /** The queue of a crawl that was stopped: its waiting requests back in their lanes, the rest remembered. */
  static reopen(db: Db, crawlId: number, now: () => Date = () => new Date()): SqliteRequestQueue {
    const queue = new SqliteRequestQueue(db, crawlId, now);
    for (const row of crawlRequests(db, crawlId)) {
      const request: QueuedRequest = {
        ...(JSON.parse(row.request_json) as Partial<QueuedRequest>),
        scrape: row.scrape,
        sourceId: row.source_id,
        key: row.request_key,
        url: row.url,
        ...(row.method !== 'GET' ? { method: row.method as 'POST' } : {}),
        host: row.host,
        via: row.via,
        kind: row.kind,
        handler: row.handler,
        priority: row.priority,
      };
      queue.requests.remember(request);
      if (row.state === 'pending') {
        queue.requests.wait(request);
        const waiting = queue.waitingAtOpen.get(row.scrape) ?? [];
        waiting.push(request);
        queue.waitingAtOpen.set(row.scrape, waiting);
      }
    }
    return queue;
  }

  /** Requests each scrape had waiting when the queue was reopened. */
  waitingByScrape(): Map<number, number> {
    return new Map([...this.waitingAtOpen].map(([scrape, waiting]) => [scrape, waiting.length]));
  }

  /** The requests a scrape had waiting when the queue was reopened (progress: the pages ahead). */
  waitingAtOpenOf(scrape: number): readonly QueuedRequest[] {
    return this.waitingAtOpen.get(scrape) ?? [];
  }

  get waiting(): number {
    return this.requests.size;
  }

  add(requests: QueuedRequest[]): QueuedRequest[] {
    const added = requests.filter((r) => this.requests.remember(r));
    for (const request of added) this.requests.wait(request);
    return added;
  }

  seed(requests: QueuedRequest[]): QueuedRequest[] {
    const added = this.add(requests);
    inTransaction(this.db, () =>
      insertCrawlRequests(this.db, this.crawlId, added.map(rowOf), this.now().toISOString()),
    );
    return added;
  }

  next<T>(choose: (request: QueuedRequest) => T | undefined) {
    return this.requests.next(choose);
  }

  queued(scrape: number, what: string): number {
    return this.requests.queued(scrape, what);
  }

  save(handled: HandledRequest[]): void {
    saveHandled(this.db, this.crawlId, handled, this.now().toISOString());
  }
}

/**
 * Writes handled requests to a crawl's queue: each one's outcome and the requests it added. Called inside the
 * transaction that stores their pages (by this queue, or by the store thread on its own connection).
 */
export function saveHandled(db: Db, crawlId: number, handled: HandledRequest[], at: string): void {
  for (const item of handled) {
    insertCrawlRequests(db, crawlId, item.added.map(rowOf), at);
    finishCrawlRequest(db, crawlId, {
      sourceId: item.request.sourceId,
      key: item.request.key,
      state: item.state,
      attempts: item.attempts,
      error: item.error,
      at,
    });
  }
}
