// Scrapes under a fault-injecting server end with nothing lost and nothing duplicated. The real engine
// (scrapeSource) reads the engine tests' fixture site through the real fetch layer while the server answers
// some requests with resets, 500/503, 429 + Retry-After, slow and truncated bodies, bodies cut short without
// a Content-Length, and garbage. All of these are retried within the run: a body that arrives as a 200 but
// is not whole (JSON that does not parse, an HTML page without its end, a JSON-LD block or embedded state
// that does not parse) is retried like a transport fault, and when the retries run out it is an error
// counted in the run, never a page stored short or a quiet zero; the next run completes the listing.
// (SIGKILL mid-scrape followed by a rerun is tests/engine/sigkill.test.ts.)
import { afterEach, describe, expect, it } from 'vitest';
import { jsonldScraper } from '../../scrapers/jsonld.js';
import { parseConfig } from '../../src/config/load-config.js';
import { type RunSummary, scrapeSource } from '../../src/engine/scrape-source.js';
import { type Db, openDatabase } from '../../src/store/database.js';
import { fixtureScraper } from '../engine/fixture-scraper.js';
import { serveFixtureSite } from '../engine/fixture-site.js';
import { type Fault, startTestServer, type TestServer } from '../support/test-server.js';

const COUNT = 200;
const PER_PAGE = 20;

/** Short waits, many retries: the same behaviour as production settings, faster. */
const CONFIG = parseConfig({
  fetch: { requestsPerMinute: 60_000, backoffBaseMs: 10, backoffMaxMs: 1_500, timeoutMs: 500, maxRetries: 8 },
});

const open: { server: TestServer; db: Db }[] = [];
afterEach(async () => {
  for (const { server, db } of open.splice(0)) {
    db.close();
    await server.close();
  }
});

async function faultySite(kinds: Fault[], seed: number, rate = 0.25, count = COUNT) {
  const server = await startTestServer();
  serveFixtureSite(server, { count, perPage: PER_PAGE });
  server.faults({ rate, kinds, seed, retryAfterSeconds: 1, slowMs: 1_000 });
  const db = openDatabase(':memory:');
  open.push({ server, db });
  return { server, db };
}

const scrape = (server: TestServer, db: Db, config = CONFIG) =>
  scrapeSource({ db, sourceId: 'fixture', scraper: fixtureScraper, baseUrl: server.url, config });

function expectEveryPostingOnce(db: Db, count = COUNT) {
  const stored = db
    .prepare(
      "SELECT count(*) AS rows, count(DISTINCT source_posting_id) AS ids FROM postings WHERE source_id = 'fixture'",
    )
    .get() as { rows: number; ids: number };
  expect(stored).toEqual({ rows: count, ids: count });
  const duplicates = db
    .prepare(
      'SELECT count(*) FROM (SELECT 1 FROM postings GROUP BY source_id, source_posting_id HAVING count(*) > 1)',
    )
    .pluck()
    .get();
  expect(duplicates).toBe(0);
  // Every id of the site, not just the right number of rows.
  const ids = db
    .prepare("SELECT source_posting_id FROM postings WHERE source_id = 'fixture' ORDER BY 1")
    .pluck()
    .all();
  expect(ids).toEqual(Array.from({ length: count }, (_, n) => `p${String(n).padStart(4, '0')}`));
}

const runRow = (db: Db, id: number) =>
  db.prepare('SELECT * FROM scrape_runs WHERE id = ?').get(id) as Record<string, number | string | null>;

describe('transport faults and bodies that are not whole are retried within the run', () => {
  const kinds: Fault[] = ['reset', '500', '503', '429', 'slow', 'truncated', 'cut', 'garbage'];
  for (const kind of kinds) {
    it(`${kind}: every posting is stored once and the run counts its retries`, async () => {
      const { server, db } = await faultySite([kind], 11, kind === '429' || kind === 'slow' ? 0.12 : 0.3);
      const summary = await scrape(server, db);
      const faulted = server.requests.filter((r) => r.fault === kind).length;
      expect(faulted, 'the seed injects at least one fault').toBeGreaterThan(0);
      expect(summary.status).toBe('ok');
      expectEveryPostingOnce(db);
      const run = runRow(db, summary.runId);
      expect(run).toMatchObject({
        status: 'ok',
        pages_fetched: COUNT / PER_PAGE,
        postings_seen: COUNT,
        postings_new: COUNT,
      });
      expect(run.retries).toBe(faulted);
      expect(run.retries).toBeGreaterThan(0);
    }, 30_000);
  }
});

describe('a site that cuts 20 % of its bodies short, without a Content-Length', () => {
  it('with retries, every posting is stored once; the run counts the retries', async () => {
    const { server, db } = await faultySite(['cut'], 5, 0.2);
    const summary = await scrape(server, db);
    const cut = server.requests.filter((r) => r.fault === 'cut').length;
    expect(cut, 'the seed cuts some bodies').toBeGreaterThan(0);
    expect(summary.status).toBe('ok');
    expectEveryPostingOnce(db);
    expect(runRow(db, summary.runId).retries).toBe(cut);
  }, 30_000);

  it('without retries, the page cut short is an error in the run (never stored short); the next run fills the gap', async () => {
    const { server, db } = await faultySite(['cut'], 5, 0.2);
    const noRetries = parseConfig({ fetch: { ...CONFIG.fetch, maxRetries: 0 } });
    const first = await scrape(server, db, noRetries);
    expect(server.requests.some((r) => r.fault === 'cut')).toBe(true);
    expect(first.status === 'partial' || first.status === 'failed').toBe(true);
    expect(first.counters.error_count).toBeGreaterThan(0);
    expect(first.errorSummary).toMatch(/came incomplete/);
    const storedAfterFirst = Number(db.prepare('SELECT count(*) FROM postings').pluck().get());
    expect(storedAfterFirst).toBeLessThan(COUNT);
    expect(storedAfterFirst % PER_PAGE).toBe(0); // whole pages only: nothing stored from the cut page
    expect(runRow(db, first.runId)).toMatchObject({ postings_seen: storedAfterFirst });
    server.faults(null);
    const second = await scrape(server, db, noRetries);
    expect(second.status).toBe('ok');
    expect(second.counters.postings_new).toBe(COUNT - storedAfterFirst);
    expectEveryPostingOnce(db);
  }, 30_000);
});

describe('a page that arrives whole but whose data does not parse', () => {
  const posting = (id: number) =>
    `{"@context": "https://schema.org", "@type": "JobPosting", "title": "AI Trainer ${id}", "identifier": "${id}", "datePosted": "2026-01-0${id}", "hiringOrganization": {"@type": "Organization", "name": "Example AI"}}`;
  const page = (blocks: string[], end = '</body></html>') =>
    `<!doctype html><html><head>${blocks.map((b) => `<script type="application/ld+json">${b}</script>`).join('')}</head><body><h1>Jobs</h1>${end}`;

  it('is retried, then counted as an error of the run, never a quiet zero; the whole pages are stored', async () => {
    const server = await startTestServer();
    const db = openDatabase(':memory:');
    open.push({ server, db });
    server.route('/robots.txt', { status: 404 });
    server.route('/jobs/1', { body: page([posting(1)]) });
    // The posting's block is cut mid-way; the organisation's block parses.
    server.route('/jobs/2', {
      body: page([
        '{"@type": "Organization", "name": "Example AI"}',
        '{"@type": "JobPosting", "title": "AI Trai',
      ]),
    });
    // An HTML page that stops before its end.
    server.route('/jobs/3', { body: page([posting(3)], '<ul><li>AI Trainer</li>') });
    server.route('/jobs/4', { body: page([posting(4)]) });
    const config = parseConfig({
      fetch: { ...CONFIG.fetch, maxRetries: 2 },
      sources: { jsonld: { urls: ['/jobs/1', '/jobs/2', '/jobs/3', '/jobs/4'] } },
    });
    const summary = await scrapeSource({
      db,
      sourceId: 'jsonld',
      scraper: jsonldScraper,
      baseUrl: server.url,
      config,
    });
    expect(summary.status).toBe('partial');
    expect(summary.errorSummary).toMatch(/jobs\/2.*a JSON-LD block does not parse/);
    expect(summary.errorSummary).toMatch(/jobs\/3.*ends before <\/body> and <\/html>/);
    // Each broken page was asked for three times (two retries), and every failed attempt is an error.
    for (const path of ['/jobs/2', '/jobs/3'])
      expect(server.requests.filter((r) => r.path === path)).toHaveLength(3);
    expect(summary.counters.retries).toBe(4);
    expect(summary.counters.error_count).toBeGreaterThanOrEqual(6);
    expect(db.prepare('SELECT title FROM postings ORDER BY title').pluck().all()).toEqual([
      'AI Trainer 1',
      'AI Trainer 4',
    ]);
  }, 30_000);
});

describe('every fault mixed', () => {
  it('with all kinds mixed (seeded), reruns until a run ends ok lose nothing and duplicate nothing', async () => {
    const size = 600;
    const { server, db } = await faultySite(
      ['reset', '500', '503', '429', 'slow', 'truncated', 'garbage'],
      2024,
      0.3,
      size,
    );
    const runs: RunSummary[] = [];
    for (let attempt = 0; attempt < 8; attempt++) {
      const summary = await scrape(server, db);
      runs.push(summary);
      if (summary.status === 'ok') break;
      expect(summary.status, summary.errorSummary ?? '').not.toBe('interrupted');
    }
    expect(runs.at(-1)?.status).toBe('ok');
    expectEveryPostingOnce(db, size);
    const kindsSeen = new Set(server.requests.map((r) => r.fault).filter(Boolean));
    expect(kindsSeen.size, [...kindsSeen].join(', ')).toBeGreaterThanOrEqual(5);
    const rows = runs.map((r) => runRow(db, r.runId));
    const retries = rows.reduce((sum, r) => sum + Number(r.retries), 0);
    expect(retries).toBeGreaterThan(0);
    // Postings counted new over all runs add up to the site, once each.
    expect(rows.reduce((sum, r) => sum + Number(r.postings_new), 0)).toBe(size);
    // Every run row is finished, none left running.
    expect(db.prepare("SELECT count(*) FROM scrape_runs WHERE status = 'running'").pluck().get()).toBe(0);
  }, 60_000);
});
