// A crawl that was stopped keeps its queue, and continues from it: `scrapeSources({ resume })` (what
// `jobtrend scrape --resume` runs) and a scheduled job's next run. Pages stored before the stop are never
// fetched again; a crawl that ends leaves nothing behind; a new crawl replaces a stopped one.
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { scrapeSources } from '../../src/engine/scrape-source.js';
import { runJob } from '../../src/schedule/job-runner.js';
import { type Db, openDatabase } from '../../src/store/database.js';
import { makeJob } from '../schedule/support.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { fixtureScraper } from './fixture-scraper.js';
import { serveFixtureSite } from './fixture-site.js';

const FAST = parseConfig({ fetch: { requestsPerMinute: 60_000, backoffBaseMs: 10, timeoutMs: 2_000 } });
// A crawl to be stopped mid-way: a page each 150 ms, so the pages are stored (a group commit every 100 ms) and
// the stop lands well before the tenth. Unspaced, a local site's ten pages could all be fetched and stored in
// one commit before the progress that asks for the stop arrived, and the crawl ended ok (seen under load).
const SPACED = parseConfig({ fetch: { requestsPerMinute: 400, backoffBaseMs: 10, timeoutMs: 2_000 } });
const open: { server: TestServer; db: Db }[] = [];

async function setup(count = 200) {
  const server = await startTestServer();
  serveFixtureSite(server, { count, perPage: 20 });
  const db = openDatabase(':memory:');
  open.push({ server, db });
  return { server, db };
}

afterEach(async () => {
  for (const { server, db } of open.splice(0)) {
    db.close();
    await server.close();
  }
});

const pluck = (db: Db, sql: string) => db.prepare(sql).pluck().get();
const listHits = (server: TestServer) =>
  server.requests.filter((r) => r.path.startsWith('/jobs')).map((r) => r.path);

/** The paths of the pages the queue records as stored, with how often the server has sent each so far. */
function storedPages(db: Db, server: TestServer): Map<string, number> {
  const urls = db.prepare(`SELECT url FROM crawl_requests WHERE state = 'done'`).pluck().all() as string[];
  const paths = urls.map((url) => new URL(url).pathname + new URL(url).search);
  return new Map(paths.map((p) => [p, server.requests.filter((r) => r.path === p).length]));
}

/** Not one of these pages was sent again. */
function expectNotFetchedAgain(stored: Map<string, number>, server: TestServer) {
  expect(stored.size).toBeGreaterThan(0);
  for (const [p, count] of stored) expect(server.requests.filter((r) => r.path === p).length, p).toBe(count);
}

/** A crawl of the fixture site stopped (as by SIGINT) once `pages` pages are stored. */
async function stoppedCrawl(server: TestServer, db: Db, pages: number, jobName?: string) {
  const controller = new AbortController();
  const [summary] = await scrapeSources({
    db,
    sourceIds: ['fixture'],
    scrapers: [fixtureScraper],
    baseUrls: { fixture: server.url },
    config: SPACED,
    signal: controller.signal,
    ...(jobName ? { jobName } : {}),
    onProgress: (p) => {
      if (p.counters.pages_fetched >= pages) controller.abort();
    },
  });
  return summary!;
}

describe('resuming a stopped crawl', () => {
  it('continues from the queue: no stored page is fetched again, every posting is stored once', async () => {
    const { server, db } = await setup();
    const first = await stoppedCrawl(server, db, 3);
    expect(first.status).toBe('interrupted');
    expect(pluck(db, 'SELECT count(*) FROM crawls')).toBe(1);
    const stored = storedPages(db, server);
    const [second] = await scrapeSources({
      db,
      resume: 'required',
      scrapers: [fixtureScraper],
      config: FAST,
    });
    expect(second).toMatchObject({ sourceId: 'fixture', status: 'ok' });
    expectNotFetchedAgain(stored, server);
    expect(new Set(listHits(server)).size).toBe(10);
    expect(pluck(db, 'SELECT count(*) FROM postings')).toBe(200);
    expect(first.counters.postings_new + second!.counters.postings_new).toBe(200);
    // Ended: nothing left to resume.
    expect(pluck(db, 'SELECT count(*) FROM crawls')).toBe(0);
    await expect(
      scrapeSources({ db, resume: 'required', scrapers: [fixtureScraper], config: FAST }),
    ).rejects.toThrow(/no stopped scrape to resume: run jobtrend scrape without --resume/);
  });

  it('a new crawl of the same job replaces a stopped one', async () => {
    const { server, db } = await setup();
    await stoppedCrawl(server, db, 2);
    const stopped = pluck(db, 'SELECT started_at FROM crawls') as string;
    await new Promise((r) => setTimeout(r, 5));
    await stoppedCrawl(server, db, 2);
    expect(pluck(db, 'SELECT count(*) FROM crawls')).toBe(1);
    expect(String(pluck(db, 'SELECT started_at FROM crawls')) > stopped).toBe(true);
    // Only the new crawl's requests are kept.
    expect(pluck(db, 'SELECT count(DISTINCT crawl_id) FROM crawl_requests')).toBe(1);
  });

  it("a scheduled job's next run continues its stopped crawl, and the run after that starts afresh", async () => {
    const { server, db } = await setup();
    const job = makeJob({ name: 'fixture-job', sources: ['fixture'] });
    const operations = {
      scrapeJob: async (
        options: Parameters<typeof import('../../src/engine/scrape-job.js').scrapeJob>[0],
      ) => {
        const { scrapeJob } = await import('../../src/engine/scrape-job.js');
        return scrapeJob({ ...options, scrapers: [fixtureScraper], baseUrls: { fixture: server.url } });
      },
    };
    const controller = new AbortController();
    const stopAfter = setInterval(() => {
      if (Number(pluck(db, 'SELECT coalesce(max(pages_fetched), 0) FROM scrape_runs')) >= 2)
        controller.abort();
    }, 5);
    // Slow pages, so the stop lands mid-crawl.
    server.route('/jobs', (_req, url) => {
      const page = Number(url.searchParams.get('page') ?? 1);
      return {
        body: `<ul class="jobs">${Array.from({ length: 20 }, (_, i) => `<li class="job" data-id="j${page}-${i}"><a class="title" href="/job/${i}">AI训练师 ${page}-${i}</a></li>`).join('')}</ul>${page < 10 ? '<a class="next" href="?">下一页</a>' : ''}`,
        delayMs: 30,
      };
    });
    const stopped = await runJob({
      db,
      job,
      trigger: 'schedule',
      config: FAST,
      signal: controller.signal,
      operations,
    });
    clearInterval(stopAfter);
    expect(stopped.status).toBe('interrupted');
    expect(pluck(db, "SELECT count(*) FROM crawls WHERE job_name = 'fixture-job'")).toBe(1);
    const stored = storedPages(db, server);
    expect(stored.size).toBeLessThan(10);

    const next = await runJob({ db, job, trigger: 'schedule', config: FAST, operations });
    expect(next.status).toBe('ok');
    expect(next.sources).toMatchObject([{ source_id: 'fixture', status: 'ok' }]);
    expectNotFetchedAgain(stored, server);
    expect(new Set(listHits(server)).size).toBe(10);
    expect(next.postingsNew + stopped.postingsNew).toBe(200);
    expect(pluck(db, 'SELECT count(*) FROM crawls')).toBe(0);

    // Nothing stopped now: the next run is a crawl of its own, every page asked for again.
    const hits = listHits(server).length;
    await runJob({ db, job, trigger: 'schedule', config: FAST, operations });
    expect(listHits(server).length - hits).toBe(10);
  });
});
