// The request queue: deduplicated per source by method, URL and body; the next request is the first a host
// can start, by priority then age; the SQLite queue reopened after a crash holds exactly the requests whose
// pages were not stored.
import { describe, expect, it } from 'vitest';
import {
  MemoryRequestQueue,
  type QueuedRequest,
  queueable,
  requestKey,
} from '../../src/engine/request-queue.js';
import type { PageRequest } from '../../src/engine/scraper-contract.js';
import { SqliteRequestQueue } from '../../src/engine/sqlite-request-queue.js';
import { createCrawl } from '../../src/store/crawl-store.js';
import { openDatabase } from '../../src/store/database.js';

const request = (url: string, extra: Partial<PageRequest> = {}): PageRequest => ({
  url,
  handler: 'list',
  kind: 'list',
  ...extra,
});
const q = (url: string, extra: Partial<PageRequest> = {}, source = 'site') =>
  queueable(request(url, extra), 0, source);
const take = (queue: MemoryRequestQueue | SqliteRequestQueue, accept = (_r: QueuedRequest) => true) =>
  queue.next((r) => (accept(r) ? true : undefined))?.request.url;

describe('the request queue', () => {
  it('keeps a request once per source, by method, URL (without its fragment) and body', () => {
    expect(requestKey({ url: 'https://a.test/x#top' })).toBe('GET https://a.test/x');
    expect(requestKey({ url: 'https://a.test/x', method: 'POST', body: '{"p":1}' })).not.toBe(
      requestKey({ url: 'https://a.test/x', method: 'POST', body: '{"p":2}' }),
    );
    const queue = new MemoryRequestQueue();
    const added = queue.add([
      q('https://a.test/1'),
      q('https://a.test/1#again'),
      q('https://a.test/1', { method: 'POST', body: 'x' }),
      q('https://a.test/1', {}, 'other-source'),
    ]);
    expect(added).toHaveLength(3);
    expect(queue.add([q('https://a.test/1')])).toEqual([]);
    expect(queue.waiting).toBe(3);
  });

  it('gives the first request a host can start, by priority then age, never waiting behind another host', () => {
    const queue = new MemoryRequestQueue();
    queue.add([
      q('https://slow.test/detail-1', { kind: 'detail' }),
      q('https://slow.test/list-2', { kind: 'list' }),
      q('https://fast.test/detail-1', { kind: 'detail' }),
      q('https://fast.test/detail-2', { kind: 'detail' }),
    ]);
    // List pages go first on their host.
    expect(take(queue)).toBe('https://slow.test/list-2');
    // slow.test cannot start one now: fast.test's requests are taken, oldest first.
    const fastOnly = (r: QueuedRequest) => r.host === 'fast.test';
    expect(take(queue, fastOnly)).toBe('https://fast.test/detail-1');
    expect(take(queue, fastOnly)).toBe('https://fast.test/detail-2');
    expect(take(queue, fastOnly)).toBeUndefined();
    expect(queue.waiting).toBe(1);
    expect(take(queue)).toBe('https://slow.test/detail-1');
  });

  it('counts what a scrape has queued, by handler and by kind (the detail cap, jsonld maxUrls)', () => {
    const queue = new MemoryRequestQueue();
    queue.add([
      q('https://a.test/1', { handler: 'page', kind: 'detail' }),
      q('https://a.test/2', {
        handler: 'page',
        kind: 'detail',
        posting: { sourcePostingId: 'p', title: 't', raw: {} },
      }),
      q('https://a.test/3', { handler: 'sitemap', kind: 'index' }),
    ]);
    expect(queue.queued(0, 'page')).toBe(2);
    expect(queue.queued(0, 'kind:detail')).toBe(2);
    expect(queue.queued(0, 'kind:detail-posting')).toBe(1);
    expect(queue.queued(1, 'page')).toBe(0);
  });

  it('in SQLite, reopened, holds what was not stored: waiting requests back in their lanes, the rest remembered', () => {
    const db = openDatabase(':memory:');
    try {
      const crawlId = createCrawl(db, {
        jobName: null,
        planJson: '[]',
        startedAt: '2026-12-01T00:00:00Z',
        pid: 1,
      });
      const queue = SqliteRequestQueue.empty(db, crawlId);
      queue.seed([q('https://a.test/list-1')]);
      const first = queue.next(() => true)!.request;
      // The page is read: it leads to a detail page and the next list page; stored with them in one transaction.
      const posting = { sourcePostingId: 'p1', title: 'AI训练师', raw: { n: 1 } };
      const added = queue.add([
        q('https://a.test/job/1', { kind: 'detail', handler: 'detail', posting, data: { site: 0 } }),
        q('https://a.test/list-2'),
      ]);
      db.transaction(() =>
        queue.save([{ request: first, state: 'done', error: null, attempts: 1, added }]),
      )();
      // list-2 is taken and in flight when the process dies: not stored, so still waiting after a reopen.
      expect(take(queue)).toBe('https://a.test/list-2');

      const reopened = SqliteRequestQueue.reopen(db, crawlId);
      expect(reopened.waiting).toBe(2);
      expect(reopened.waitingByScrape()).toEqual(new Map([[0, 2]]));
      const next = reopened.next(() => true)!.request;
      expect(next.url).toBe('https://a.test/list-2');
      const detail = reopened.next(() => true)!.request;
      expect(detail).toMatchObject({
        url: 'https://a.test/job/1',
        kind: 'detail',
        posting,
        data: { site: 0 },
      });
      // What it held is still deduplicated.
      expect(
        reopened.add([q('https://a.test/list-1'), q('https://a.test/job/1', { kind: 'detail' })]),
      ).toEqual([]);
      const row = db
        .prepare("SELECT state, attempts, error FROM crawl_requests WHERE url = 'https://a.test/list-1'")
        .get();
      expect(row).toEqual({ state: 'done', attempts: 1, error: null });
    } finally {
      db.close();
    }
  });
});
