// Scrapes under a fault-injecting server end with nothing lost and nothing duplicated. The real engine
// (scrapeSource) reads the engine tests' fixture site through the real fetch layer while the server answers
// some requests with resets, 500/503, 429 + Retry-After, slow and truncated bodies, and garbage.
// Transport faults are retried within the run; a garbage body arrives as a 200, so it is not the fetch
// layer's to retry: the run ends partial, saying why, and the next run completes the listing.
// (SIGKILL mid-scrape followed by a rerun is tests/engine/sigkill.test.ts.)
import { afterEach, describe, expect, it } from 'vitest';
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

const scrape = (server: TestServer, db: Db) =>
  scrapeSource({ db, sourceId: 'fixture', scraper: fixtureScraper, baseUrl: server.url, config: CONFIG });

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

describe('transport faults are retried within the run', () => {
  const kinds: Fault[] = ['reset', '500', '503', '429', 'slow', 'truncated'];
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

describe('garbage bodies and every fault mixed', () => {
  it('a garbage body ends the run partial and names the page; the next run completes it without duplicates', async () => {
    const { server, db } = await faultySite(['garbage'], 3, 0.2);
    const first = await scrape(server, db);
    expect(server.requests.some((r) => r.fault === 'garbage')).toBe(true);
    expect(first.status === 'partial' || first.status === 'failed').toBe(true);
    expect(first.errorSummary).toMatch(/does not parse/);
    const storedAfterFirst = Number(db.prepare('SELECT count(*) FROM postings').pluck().get());
    expect(storedAfterFirst).toBeLessThan(COUNT);
    expect(storedAfterFirst % PER_PAGE).toBe(0); // whole pages only: a page is one transaction
    server.faults(null);
    const second = await scrape(server, db);
    expect(second.status).toBe('ok');
    expect(second.counters.postings_new).toBe(COUNT - storedAfterFirst);
    expectEveryPostingOnce(db);
  }, 30_000);

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
