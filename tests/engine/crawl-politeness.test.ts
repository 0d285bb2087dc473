// Politeness on the queue: the crawl takes requests across hosts at once, but each host only as its rules
// allow — its rate and concurrency, robots.txt (refusals and crawl-delay), Retry-After (a pause for the whole
// host, or the request given up "rate-limited until …" when longer than fetch.maxRetryAfterMs) and blocks.
// Arrival times and requests in flight are measured by the servers.
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { type PlannedScrape, scrapeSources } from '../../src/engine/scrape-source.js';
import { type Db, openDatabase } from '../../src/store/database.js';
import { gaps, watchEventLoopLag } from '../support/event-loop-lag.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { VERIFICATION_PAGE } from './fixture-site.js';

const open: { servers: TestServer[]; db: Db }[] = [];
afterEach(async () => {
  for (const { servers, db } of open.splice(0)) {
    db.close();
    await Promise.all(servers.map((s) => s.close()));
  }
});

/** `hosts` servers, each with pages /p/1 … /p/n (no postings: the politeness is what is looked at). */
async function hosts(count: number, options: { robots?: string; delayMs?: number } = {}) {
  const servers: TestServer[] = [];
  for (let i = 0; i < count; i++) {
    const server = await startTestServer();
    server.route('/robots.txt', options.robots ? { body: options.robots } : { status: 404 });
    server.route(/^\/p\/\d+$/, {
      body: '<html><body>no postings here</body></html>',
      delayMs: options.delayMs ?? 0,
    });
    servers.push(server);
  }
  const db = openDatabase(':memory:');
  open.push({ servers, db });
  return { servers, db };
}

/** One jsonld scrape per server, each asking for pages /p/1 … /p/n at once. */
function crawlOf(servers: TestServer[], db: Db, pages: number, fetch: Record<string, unknown>) {
  const scrapes: PlannedScrape[] = servers.map((s) => ({ sourceId: 'jsonld', baseUrl: s.url }));
  return scrapeSources({
    db,
    scrapes,
    config: parseConfig({
      fetch: { backoffBaseMs: 10, timeoutMs: 5_000, ...fetch },
      sources: { jsonld: { urls: Array.from({ length: pages }, (_, i) => `/p/${i + 1}`) } },
    }),
  });
}

const pageArrivals = (server: TestServer) =>
  server.requests.filter((r) => r.path.startsWith('/p/')).map((r) => r.at);

describe('politeness on the queue', () => {
  it('each host gets its own rate, and the hosts are crawled side by side', async () => {
    const { servers, db } = await hosts(3);
    const lag = watchEventLoopLag();
    // 300 a minute: one request every 200 ms per host.
    const summaries = await crawlOf(servers, db, 5, {
      requestsPerMinute: 300,
      perHostConcurrency: 4,
      concurrency: 8,
    });
    const lagMs = lag.stop();
    expect(summaries.map((s) => s.status)).toEqual(['ok', 'ok', 'ok']);
    for (const server of servers) {
      // Every page of a host a spacing after the one before (less a little for the arrival's jitter: a
      // request on a new connection arrives later than one on a kept one; and less the event loop's worst
      // delay, by which a server in this process may stamp one arrival late).
      const times = pageArrivals(server);
      expect(times).toHaveLength(5);
      for (const gap of gaps(times)) expect(gap).toBeGreaterThanOrEqual(160 - lagMs);
      expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(4 * 200 * 0.9);
    }
    // Side by side: each host's first page came before any host's third.
    const firsts = servers.map((s) => pageArrivals(s)[0]!);
    const thirds = servers.map((s) => pageArrivals(s)[2]!);
    expect(Math.max(...firsts)).toBeLessThan(Math.min(...thirds));
  });

  it("no more requests are in flight to one host than its concurrency allows, while another host's go on", async () => {
    const { servers, db } = await hosts(2, { delayMs: 120 });
    const inFlight = servers.map(() => ({ now: 0, most: 0 }));
    for (const [i, server] of servers.entries()) {
      server.route(/^\/p\/\d+$/, async () => {
        const gauge = inFlight[i]!;
        gauge.now++;
        gauge.most = Math.max(gauge.most, gauge.now);
        await new Promise((r) => setTimeout(r, 120));
        gauge.now--;
        return { body: '<p>no postings</p>' };
      });
    }
    await crawlOf(servers, db, 8, { requestsPerMinute: 60_000, perHostConcurrency: 2, concurrency: 8 });
    expect(inFlight.map((g) => g.most)).toEqual([2, 2]);
  });

  it('robots.txt: a refused source is not requested while another goes on, and a crawl-delay spaces its host', async () => {
    const refused = await hosts(1, { robots: 'User-agent: *\nDisallow: /p/\n' });
    const delayed = await hosts(1, { robots: 'User-agent: *\nCrawl-delay: 0.3\n' });
    const servers = [...refused.servers, ...delayed.servers];
    const lag = watchEventLoopLag();
    const summaries = await crawlOf(servers, refused.db, 4, {
      requestsPerMinute: 60_000,
      perHostConcurrency: 4,
    });
    const lagMs = lag.stop();
    expect(summaries[0]).toMatchObject({ status: 'failed' });
    expect(summaries[0]!.errorSummary).toMatch(/robots\.txt disallows/);
    expect(pageArrivals(servers[0]!)).toHaveLength(0);
    expect(summaries[1]).toMatchObject({ status: 'ok' });
    const times = pageArrivals(servers[1]!);
    expect(times).toHaveLength(4);
    for (const gap of gaps(times)) expect(gap).toBeGreaterThanOrEqual(270 - lagMs);
  });

  it("Retry-After pauses the whole host, not the crawl: the other host's pages come meanwhile", async () => {
    const { servers, db } = await hosts(2, { delayMs: 20 });
    const [busy, calm] = servers as [TestServer, TestServer];
    let answered = 0;
    busy.route(/^\/p\/\d+$/, () =>
      ++answered === 1
        ? { status: 429, headers: { 'retry-after': '1' }, body: 'slow down' }
        : { body: '<p>ok</p>' },
    );
    const summaries = await crawlOf(servers, db, 4, { requestsPerMinute: 60_000, perHostConcurrency: 1 });
    expect(summaries.map((s) => s.status)).toEqual(['ok', 'ok']);
    const limited = busy.requests.find((r) => r.path.startsWith('/p/'))!.at;
    const next = pageArrivals(busy).slice(1);
    // Nothing to the busy host for the second it asked for …
    expect(Math.min(...next) - limited).toBeGreaterThanOrEqual(950);
    // … while the calm host's pages all came in that second.
    expect(Math.max(...pageArrivals(calm)) - limited).toBeLessThan(900);
  });

  it('a Retry-After longer than fetch.maxRetryAfterMs ends the request "rate-limited until …", and the host is left alone', async () => {
    const { servers, db } = await hosts(2);
    const [busy] = servers as [TestServer, TestServer];
    busy.route(/^\/p\/\d+$/, {
      status: 429,
      headers: { 'retry-after': '3600' },
      body: 'come back in an hour',
    });
    const summaries = await crawlOf(servers, db, 3, {
      requestsPerMinute: 60_000,
      perHostConcurrency: 1,
      maxRetryAfterMs: 60_000,
    });
    expect(summaries[0]!.status).toBe('failed');
    expect(summaries[0]!.errorSummary).toMatch(
      /^rate-limited until \d{4}-\d\d-\d\dT.*asked for a 3600 s pause, over fetch\.maxRetryAfterMs/,
    );
    expect(summaries[1]!.status).toBe('ok');
    // One request, not retried, and the host's other pages were not asked for.
    expect(pageArrivals(busy)).toHaveLength(1);
    expect(summaries[0]!.counters.retries).toBe(0);
  });

  it("a block stops its source and backs its host off; another source's host goes on", async () => {
    const { servers, db } = await hosts(2);
    const [walled] = servers as [TestServer, TestServer];
    walled.route(/^\/p\/\d+$/, { body: VERIFICATION_PAGE });
    const summaries = await crawlOf(servers, db, 4, { requestsPerMinute: 60_000, perHostConcurrency: 1 });
    expect(summaries[0]).toMatchObject({ status: 'failed', blocked: true });
    expect(summaries[0]!.errorSummary).toMatch(/^blocked: slider verification page/);
    expect(pageArrivals(walled)).toHaveLength(1);
    expect(summaries[1]!.status).toBe('ok');
    expect(db.prepare('SELECT host FROM host_blocks').pluck().all()).toEqual([new URL(walled.url).host]);
  });
});
