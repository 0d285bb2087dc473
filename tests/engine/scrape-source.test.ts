// The scrape engine end to end against the local fixture site: faults survived without loss or
// duplicates, blocks recorded without hammering, robots.txt obeyed, GBK text intact, incremental stops,
// interruption, and the run row telling the truth about all of it.
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { type ScrapeSourceOptions, scrapeSource, scrapeSources } from '../../src/engine/scrape-source.js';
import { CriticalError } from '../../src/fetch/errors.js';
import { type Db, openDatabase } from '../../src/store/database.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { fixtureScraper } from './fixture-scraper.js';
import { type FixtureSiteOptions, renderListPage, serveFixtureSite } from './fixture-site.js';

const open: { server?: TestServer; db?: Db }[] = [];

async function site(options: FixtureSiteOptions): Promise<{ server: TestServer; db: Db }> {
  const server = await startTestServer();
  serveFixtureSite(server, options);
  const db = openDatabase(':memory:');
  open.push({ server, db });
  return { server, db };
}

/** Fast politeness for tests: the behaviour is the same, the waits are short. */
const FAST = parseConfig({
  fetch: {
    requestsPerMinute: 60_000,
    backoffBaseMs: 20,
    backoffMaxMs: 3_000,
    timeoutMs: 1_500,
    maxRetries: 6,
  },
});

function scrape(server: TestServer, db: Db, extra: Partial<ScrapeSourceOptions> = {}) {
  return scrapeSource({
    db,
    sourceId: 'fixture',
    scraper: fixtureScraper,
    baseUrl: server.url,
    config: FAST,
    ...extra,
  });
}

const listRequests = (server: TestServer) => server.requests.filter((r) => r.path.startsWith('/jobs'));
const count = (db: Db, sql: string, ...params: unknown[]) =>
  Number(
    db
      .prepare(sql)
      .pluck()
      .get(...params),
  );

afterEach(async () => {
  for (const { server, db } of open.splice(0)) {
    db?.close();
    await server?.close();
  }
});

describe('scraping a source', () => {
  it('500 postings under ~20% injected faults are all stored once each, and the run records its retries and errors', async () => {
    const { server, db } = await site({ count: 500, perPage: 20 });
    server.faults({
      rate: 0.2,
      kinds: ['500', '503', '429', 'reset', 'slow', 'truncated'],
      seed: 7,
      retryAfterSeconds: 1,
      slowMs: 2_500, // past the 1.5 s timeout, which an ordinary page on a loaded machine stays under
    });
    const summary = await scrape(server, db);

    expect(summary.status).toBe('ok');
    expect(count(db, "SELECT count(*) FROM postings WHERE source_id = 'fixture'")).toBe(500);
    expect(count(db, 'SELECT count(DISTINCT source_posting_id) FROM postings')).toBe(500);
    const faulted = listRequests(server).filter((r) => r.fault).length;
    expect(faulted).toBeGreaterThan(0);
    const run = db.prepare('SELECT * FROM scrape_runs WHERE id = ?').get(summary.runId) as Record<
      string,
      unknown
    >;
    expect(run).toMatchObject({
      status: 'ok',
      pages_fetched: 25,
      postings_seen: 500,
      postings_new: 500,
      error_summary: null,
    });
    expect(run.retries).toBe(faulted);
    expect(run.error_count).toBe(faulted);
    expect(run.requests).toBe(server.requests.length);
  });

  it('a second full scrape inserts nothing new and counts every posting as seen', async () => {
    const { server, db } = await site({ count: 60, perPage: 20 });
    await scrape(server, db);
    const again = await scrape(server, db);
    expect(again.status).toBe('ok');
    expect(again.counters).toMatchObject({ postings_seen: 60, postings_new: 0 });
    expect(count(db, 'SELECT count(*) FROM postings')).toBe(60);
  });

  it('an incremental scrape stops at the first page of postings it already knows', async () => {
    const { server, db } = await site({ count: 100, perPage: 20 });
    await scrape(server, db, { request: { maxPages: 2 } });
    const before = listRequests(server).length;
    const summary = await scrape(server, db, { incremental: true });
    expect(summary.counters.pages_fetched).toBe(1);
    expect(listRequests(server).length - before).toBe(1);
  });

  it('max pages bounds the listing', async () => {
    const { server, db } = await site({ count: 100, perPage: 10 });
    const summary = await scrape(server, db, { request: { maxPages: 3 } });
    expect(summary.counters.pages_fetched).toBe(3);
    expect(count(db, 'SELECT count(*) FROM postings')).toBe(30);
  });

  it("a GBK page's Chinese text is stored intact", async () => {
    const { server, db } = await site({ count: 5, perPage: 5, gbk: true });
    const summary = await scrape(server, db);
    expect(summary.status).toBe('ok');
    const row = db
      .prepare(
        "SELECT title, company, location_raw, description FROM postings WHERE source_posting_id = 'p0002'",
      )
      .get() as Record<string, string>;
    expect(row.title).toBe('数据标注员 2');
    expect(row.company).toBe('训练数据公司2');
    expect(row.location_raw).toBe('杭州·余杭区');
    expect(row.description).toContain('负责大模型训练数据的标注与质检');
  });

  it('the raw payload of each posting is kept', async () => {
    const { server, db } = await site({ count: 3, perPage: 3 });
    await scrape(server, db);
    const raw = String(
      db.prepare("SELECT raw_json FROM postings WHERE source_posting_id = 'p0001'").pluck().get(),
    );
    expect(raw).toContain('data-id');
    expect(raw).toContain('p0001');
  });
});

describe('when the site says no', () => {
  it('a verification page ends the run as blocked, keeps what was stored, and sends no more requests', async () => {
    const { server, db } = await site({ count: 200, perPage: 20, blockedPage: 3 });
    const summary = await scrape(server, db);
    expect(summary.blocked).toBe(true);
    expect(summary.status).toBe('partial');
    expect(summary.errorSummary).toMatch(/^blocked: slider verification page/);
    expect(count(db, 'SELECT count(*) FROM postings')).toBe(40);
    // Pages 1 and 2, then the verification page once: no retries, no further pages.
    expect(listRequests(server)).toHaveLength(3);
    const run = db.prepare('SELECT status, error_summary, retries FROM scrape_runs').get() as Record<
      string,
      unknown
    >;
    expect(run).toMatchObject({ status: 'partial', retries: 0 });
    expect(String(run.error_summary)).toMatch(/^blocked: /);
  });

  it('blocked on the first page, nothing is stored and the run failed', async () => {
    const { server, db } = await site({ count: 40, perPage: 20, blockedPage: 1 });
    const summary = await scrape(server, db);
    expect(summary).toMatchObject({ status: 'failed', blocked: true });
    expect(listRequests(server)).toHaveLength(1);
  });

  it('a block outlives its run: the next run sends the host nothing and is recorded as blocked too', async () => {
    const { server, db } = await site({ count: 40, perPage: 20, blockedPage: 1 });
    await scrape(server, db);
    const requests = server.requests.length;
    const again = await scrape(server, db);
    expect(again).toMatchObject({ status: 'failed', blocked: true });
    expect(again.errorSummary).toMatch(/^blocked: slider verification page.*backed off until \d{4}-/);
    expect(server.requests.length).toBe(requests);
    const block = db.prepare('SELECT host, strikes FROM host_blocks').get();
    expect(block).toEqual({ host: new URL(server.url).host, strikes: 1 });
  });

  it('robots.txt disallowing the listing fails the run without requesting it', async () => {
    const { server, db } = await site({ count: 40, perPage: 20, robots: 'User-agent: *\nDisallow: /jobs\n' });
    const summary = await scrape(server, db);
    expect(summary.status).toBe('failed');
    expect(summary.errorSummary).toMatch(/robots\.txt disallows/);
    expect(listRequests(server)).toHaveLength(0);
  });

  it('a source configured with respectRobots: false scrapes anyway', async () => {
    const { server, db } = await site({ count: 40, perPage: 20, robots: 'User-agent: *\nDisallow: /jobs\n' });
    const config = parseConfig({ ...FAST, sources: { fixture: { respectRobots: false } } });
    const summary = await scrape(server, db, { config });
    expect(summary.status).toBe('ok');
    expect(count(db, 'SELECT count(*) FROM postings')).toBe(40);
  });
});

describe('stopping and configuration', () => {
  it('an abort stores the pages already read, asks for no more, marks the run interrupted and returns', async () => {
    const { server, db } = await site({ count: 200, perPage: 20 });
    // Slow pages: the listing must not end before the first pages are stored.
    server.route('/jobs', (_req, url) => ({
      body: renderListPage(Number(url.searchParams.get('page') ?? 1), { count: 200, perPage: 20 }),
      delayMs: 40,
    }));
    const controller = new AbortController();
    const summary = await scrape(server, db, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.counters.pages_fetched === 2) controller.abort();
      },
    });
    expect(summary.status).toBe('interrupted');
    const pages = summary.counters.pages_fetched;
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThan(10);
    // Every page read is stored whole, and none was asked for after the abort.
    expect(count(db, 'SELECT count(*) FROM postings')).toBe(20 * pages);
    expect(listRequests(server).length).toBeLessThanOrEqual(pages + 1);
    expect(db.prepare('SELECT status FROM scrape_runs').pluck().get()).toBe('interrupted');
  });

  it('an abort during a long Retry-After wait ends the run promptly as interrupted', async () => {
    const { server, db } = await site({ count: 40, perPage: 20 });
    server.route('/jobs', { status: 429, headers: { 'retry-after': '30' }, body: 'slow down' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const started = Date.now();
    const config = parseConfig({ fetch: { ...FAST.fetch, backoffMaxMs: 60_000 } });
    const summary = await scrape(server, db, { signal: controller.signal, config });
    expect(summary.status).toBe('interrupted');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(listRequests(server)).toHaveLength(1);
  });

  it('a bad scraper option in the config is one error naming the field, before any request', async () => {
    const { server, db } = await site({ count: 20, perPage: 20 });
    const config = parseConfig({ ...FAST, sources: { fixture: { listPath: 5 } } });
    await expect(scrape(server, db, { config })).rejects.toThrow(/config sources\.fixture\.listPath/);
    expect(server.requests).toHaveLength(0);
  });

  it('a critical error stops all sources: the run is recorded as failed and the rest are not started', async () => {
    const { server, db } = await site({ count: 20, perPage: 20 });
    const doomed = {
      ...fixtureScraper,
      id: 'doomed',
      optionsSchema: undefined,
      // Fails before its first request, as a scraper meeting a full disk would.
      start() {
        throw new CriticalError('the disk is full');
      },
    };
    await expect(
      scrapeSources({
        db,
        sourceIds: ['doomed', 'fixture'],
        scrapers: [doomed, fixtureScraper],
        baseUrls: { fixture: server.url },
        config: FAST,
      }),
    ).rejects.toThrow(/the disk is full/);
    expect(db.prepare('SELECT source_id, status FROM scrape_runs').all()).toEqual([
      { source_id: 'doomed', status: 'failed' },
    ]);
    expect(server.requests).toHaveLength(0);
  });

  it('several sources run in turn; a failing one does not stop the others', async () => {
    const { server, db } = await site({ count: 40, perPage: 20 });
    const broken = { ...fixtureScraper, id: 'broken', optionsSchema: undefined };
    const summaries = await scrapeSources({
      db,
      sourceIds: ['broken', 'fixture'],
      scrapers: [broken, fixtureScraper],
      baseUrls: { broken: `${server.url}/nothing-here`, fixture: server.url },
      config: parseConfig({ ...FAST, sources: { broken: { listPath: '/missing' } } }),
    });
    expect(summaries.map((s) => [s.sourceId, s.status])).toEqual([
      ['broken', 'failed'],
      ['fixture', 'ok'],
    ]);
    expect(summaries[0]!.errorSummary).toMatch(/HTTP 404/);
  });
});
