// Scrapes through the real engine against the local test server report the pages they have ahead where the
// source tells them: an ATS board's answer holds its whole list (known from the start), a sitemap lists its
// pages (known once read), a Chinese board's search page says how many result pages there are. Not on a
// terminal, `jobtrend scrape` writes nothing but JSON log lines, which carry the total.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScrapeRequest } from '../../scrapers/types.js';
import { parseConfig } from '../../src/config/load-config.js';
import { type ScrapeProgress, scrapeSource } from '../../src/engine/scrape-source.js';
import { createLogger } from '../../src/log.js';
import { openDatabase } from '../../src/store/database.js';
import { FAST_FETCH as FAST, fixture, jsonText } from '../sources/helpers.js';
import { fixture as chinaFixture } from '../sources-cn/support/context.js';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-db.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const xml = (body: string) => ({ headers: { 'content-type': 'application/xml' }, body });

let server: TestServer;
let dir: string;
let cleanup: () => void;
beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  server = await startTestServer();
  server.route('/v1/boards/exampleai/jobs', jsonText(fixture('greenhouse/jobs.json')));
  // Slower: the first board's page is stored (and reported) while the second is still on its way.
  server.route('/v1/boards/otherai/jobs', { ...jsonText(fixture('greenhouse/jobs.json')), delayMs: 400 });
  server.route('/sitemap.xml', xml(fixture('jsonld/sitemap-index.xml')));
  server.route('/sitemap-jobs.xml', xml(fixture('jsonld/sitemap-jobs.xml')));
  server.route('/sitemap-blog.xml', xml(fixture('jsonld/sitemap-blog.xml')));
  server.route('/jobs/trainer', { body: fixture('jsonld/graph-telecommute.html') });
  server.route('/jobs/annotator', { body: fixture('jsonld/messy-blocks.html') });
  server.route(/^\/jobs\/page-\d$/, { body: fixture('jsonld/graph-telecommute.html') });
  // 智联's search page for Shanghai says the search has 2 pages; the second comes later, so the first is
  // reported alone.
  server.route('/', (_req, url) => {
    const page = url.searchParams.get('p');
    if (page === '1') return { body: chinaFixture('zhaopin/search-shanghai-p1.html') };
    if (page === '2') return { body: chinaFixture('zhaopin/search-shanghai-p2.html'), delayMs: 400 };
    return { status: 404 };
  });
});
afterAll(() => {
  server?.close();
  cleanup?.();
});

async function scrape(sourceId: string, section: Record<string, unknown>, request?: ScrapeRequest) {
  const db = openDatabase(':memory:');
  const events: ScrapeProgress[] = [];
  const started: string[] = [];
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    destination: { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
    pretty: false,
    level: 'info',
  });
  const summary = await scrapeSource({
    db,
    sourceId,
    config: parseConfig({ fetch: FAST, sources: { [sourceId]: section } }),
    baseUrl: server.url,
    ...(request ? { request } : {}),
    logger,
    onStart: (s) => started.push(s.sourceId),
    onProgress: (p) => events.push(p),
  });
  db.close();
  return { summary, events, started, stored: lines.filter((l) => l.msg === 'page stored') };
}

describe('progress with the pages ahead', () => {
  it('an ATS board list: the total is the boards, known from the first page on', async () => {
    const { summary, events, started, stored } = await scrape('greenhouse', {
      boards: ['exampleai', 'otherai'],
    });
    expect(summary.status).toBe('ok');
    expect(started).toEqual(['greenhouse']);
    expect(events.map((e) => e.planned?.total)).toEqual([2, 2]);
    expect(events.at(-1)?.planned).toEqual({ done: 2, total: 2 });
    expect(stored.map((l) => l.pages_planned)).toEqual([2, 2]);
  });

  it('a sitemap: once the sitemaps are read, the total is them and the job pages they list', async () => {
    const { summary, events, stored } = await scrape('jsonld', {
      sitemaps: ['/sitemap.xml'],
      urlPattern: '/jobs/',
    });
    expect(summary.status).toBe('ok');
    // The index, its two sitemaps, the two job pages they list.
    expect(events).toHaveLength(5);
    expect(events.at(-1)?.planned).toEqual({ done: 5, total: 5 });
    for (const event of events.filter((e) => e.pageUrl.includes('/jobs/')))
      expect(event.planned?.total).toBe(5);
    expect(stored.at(-1)).toMatchObject({ pages_done: 5, pages_planned: 5 });
  });

  it("a board's search page that says how many pages it has: the total holds from the first page on", async () => {
    const { summary, events } = await scrape(
      'zhaopin',
      {},
      { query: '人工智能训练师', city: 'Shanghai', maxPages: 5 },
    );
    expect(summary.status).toBe('ok');
    // Of --max-pages 5, the 2 the site has; not 5.
    expect(events.map((e) => e.planned)).toEqual([
      { done: 1, total: 2 },
      { done: 2, total: 2 },
    ]);
  });

  it('a resumed scrape: the pages its stopped crawl left, as the queue kept them', async () => {
    const db = openDatabase(':memory:');
    const urls = [1, 2, 3, 4, 5, 6].map((n) => `/jobs/page-${n}`);
    // A page each 150 ms, so the stop lands mid-way.
    const config = parseConfig({
      fetch: { ...FAST, requestsPerMinute: 400 },
      sources: { jsonld: { urls } },
    });
    const controller = new AbortController();
    const first = await scrapeSource({
      db,
      sourceId: 'jsonld',
      config,
      baseUrl: server.url,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.counters.pages_fetched >= 2) controller.abort();
      },
    });
    expect(first.status).toBe('interrupted');
    const events: ScrapeProgress[] = [];
    const second = await scrapeSource({
      db,
      sourceId: 'jsonld',
      config,
      baseUrl: server.url,
      resume: 'required',
      onProgress: (p) => events.push(p),
    });
    db.close();
    expect(second.status).toBe('ok');
    // Every page left is known from the start of the resumed crawl.
    expect(events.length).toBeGreaterThan(0);
    expect(events.length).toBeLessThan(6);
    expect(events.map((e) => e.planned?.total)).toEqual(events.map(() => events.length));
  });

  it('not on a terminal, scrape writes JSON log lines only (no bar), with the total', async () => {
    const config = join(dir, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({
        fetch: FAST,
        sources: { greenhouse: { baseUrl: server.url, boards: ['exampleai'] } },
      }),
    );
    const result = await runCli([
      '--db',
      join(dir, 'cli.sqlite'),
      '--config',
      config,
      'scrape',
      '--source',
      'greenhouse',
    ]);
    expect(result.code).toBe(0);
    for (const drawing of ['\r', '\x1b[', '█', '░', 'starting…', 'ETA'])
      expect(result.stderr).not.toContain(drawing);
    const logs = result.stderr
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logs.find((l) => l.msg === 'page stored')).toMatchObject({ pages_done: 1, pages_planned: 1 });
  });
});
