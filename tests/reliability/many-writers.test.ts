// Many writers on one database file, as separate processes of the real `jobtrend` executable: two scrapes
// (two declared sites on the local test server) and an import of a synthetic CSV all write the same file at
// once. Each must exit 0 with its run `ok`, and every posting must be stored exactly once.
// The sites keep paging until the import has finished, then end a few pages later, so all three overlap.
// Also two daemons (`jobtrend schedule`) with different jobs on the same tick: both jobs succeed.
// One round of 2,000 rows in `npm test` (the first batch of 1,000, then the other 1,000, each taking turns with
// the scrapes' pages; with deferred instead of immediate write transactions it fails); the soak runs more:
// JOBTREND_SOAK_ROUNDS=10 npx vitest run tests/reliability/many-writers
// (figures in tests/reliability/README.md).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticCsv } from '../../bench/synthetic-csv.js';
import { openDatabase } from '../../src/store/database.js';
import { renderListPage } from '../engine/fixture-site.js';
import { type Exit, startNode } from '../support/compiled-cli.js';
import { type CompiledTree, compiledCli } from '../support/e2e-build.js';
import { tempDir } from '../support/temp-db.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const ROUNDS = Math.max(1, Number(process.env.JOBTREND_SOAK_ROUNDS ?? 1));
const IMPORT_ROWS = Number(process.env.JOBTREND_SOAK_IMPORT_ROWS ?? 2_000);
const PER_PAGE = 20;
/** Pages each site serves after the import has ended, so the scrapes outlive it. */
const PAGES_AFTER_IMPORT = 3;
const DAEMON_PAGES = 20;

let cli: CompiledTree;
let server: TestServer;
const temp = tempDir('jobtrend-many-writers-');
let csv: string;

/** Per site, the listing's state in the current round. */
const sites = new Map<string, { importDone: boolean; lastPageAfterImport?: number; maxPage: number }>();

beforeAll(async () => {
  cli = compiledCli();
  server = await startTestServer();
  server.route('/robots.txt', { status: 404 });
  // Daemon sites: a fixed listing of DAEMON_PAGES pages, served at once.
  server.route(/^\/(c|d)\/jobs/, (_req, url) => ({
    body: renderListPage(Number(url.searchParams.get('page')), {
      count: DAEMON_PAGES * PER_PAGE,
      perPage: PER_PAGE,
    }),
  }));
  server.route(/^\/(a|b)\/jobs/, (_req, url) => {
    const site = sites.get(url.pathname.split('/')[1]!)!;
    const page = Number(url.searchParams.get('page'));
    site.maxPage = Math.max(site.maxPage, page);
    if (site.importDone) site.lastPageAfterImport ??= page + PAGES_AFTER_IMPORT;
    const last = site.lastPageAfterImport !== undefined && page >= site.lastPageAfterImport;
    const count = last ? page * PER_PAGE : (page + 1) * PER_PAGE;
    return { body: renderListPage(page, { count, perPage: PER_PAGE }), delayMs: 40 };
  });
  csv = join(temp.dir, 'postings.csv');
  await writeSyntheticCsv(csv, IMPORT_ROWS);
}, 180_000);

afterAll(async () => {
  await server?.close();
  temp.cleanup();
});

/** A config whose `site` source reads the fixture list at /<name>/jobs, page after page. */
function siteConfig(name: string, extra: Record<string, unknown> = {}): string {
  const path = join(temp.dir, `${name}.yaml`);
  writeFileSync(
    path,
    JSON.stringify({
      ...extra,
      fetch: { requestsPerMinute: 60_000, backoffBaseMs: 10, timeoutMs: 10_000 },
      sources: {
        site: {
          baseUrl: server.url,
          sites: [
            {
              name,
              listUrl: `/${name}/jobs?page=1`,
              item: 'li.job',
              fields: {
                title: 'a.title',
                id: { attr: 'data-id' },
                url: { selector: 'a.title', attr: 'href' },
                company: '.company',
                location: '.city',
                salary: '.salary',
                postedAt: { selector: 'time', attr: 'datetime' },
              },
              nextPage: { selector: 'a.next' },
              maxPages: 100_000,
            },
          ],
        },
      },
    }),
  );
  return path;
}

interface RoundResult {
  scrapes: Exit[];
  importExit: Exit;
  postings: { site: number; imported: number; duplicates: number };
  runs: { source_id: string; status: string; error_summary: string | null }[];
  integrity: string;
  sitePages: Record<string, number>;
}

async function round(n: number): Promise<RoundResult> {
  const db = join(temp.dir, `round-${n}.sqlite`);
  openDatabase(db).close();
  for (const name of ['a', 'b']) sites.set(name, { importDone: false, maxPage: 0 });
  const scrapes = ['a', 'b'].map((name) =>
    startNode(cli.cli, ['--db', db, '--config', siteConfig(name), 'scrape', '--source', 'site'], {
      cwd: temp.dir,
    }),
  );
  // The import starts once both listings are under way.
  while ([...sites.values()].some((s) => s.maxPage < 2)) await new Promise((r) => setTimeout(r, 20));
  const importExit = await startNode(cli.cli, ['--db', db, 'import', csv, '--source', 'synthetic'], {
    cwd: temp.dir,
  }).exited;
  for (const site of sites.values()) site.importDone = true;
  const scrapeExits = await Promise.all(scrapes.map((s) => s.exited));
  const check = openDatabase(db, { readonly: true });
  try {
    const count = (sql: string) => Number(check.prepare(sql).pluck().get());
    return {
      scrapes: scrapeExits,
      importExit,
      postings: {
        site: count("SELECT count(*) FROM postings WHERE source_id = 'site'"),
        imported: count("SELECT count(*) FROM postings WHERE source_id = 'import:synthetic'"),
        duplicates: count(
          'SELECT count(*) FROM (SELECT 1 FROM postings GROUP BY source_id, source_posting_id HAVING count(*) > 1)',
        ),
      },
      runs: check
        .prepare('SELECT source_id, status, error_summary FROM scrape_runs ORDER BY id')
        .all() as RoundResult['runs'],
      integrity: String(check.pragma('integrity_check', { simple: true })),
      sitePages: Object.fromEntries([...sites].map(([name, s]) => [name, s.lastPageAfterImport ?? -1])),
    };
  } finally {
    check.close();
  }
}

describe('two scrapes and an import writing one database at once', () => {
  it(
    `all exit 0 with their runs ok, and every posting is stored once (${ROUNDS} round${ROUNDS > 1 ? 's' : ''})`,
    async () => {
      const started = Date.now();
      for (let n = 1; n <= ROUNDS; n++) {
        const r = await round(n);
        const said = (e: Exit) => `${e.stderr.slice(-2000)}`;
        for (const exit of [...r.scrapes, r.importExit]) expect(exit.code, said(exit)).toBe(0);
        expect(r.importExit.ms, 'the import ran while both scrapes did').toBeGreaterThan(0);
        expect(Object.values(r.sitePages).every((p) => p > PAGES_AFTER_IMPORT)).toBe(true);
        // Each site's listing ended at the page it was told to: all its postings, once.
        const expectedSite = Object.values(r.sitePages).reduce((sum, p) => sum + p * PER_PAGE, 0);
        expect(r.postings).toEqual({ site: expectedSite, imported: IMPORT_ROWS, duplicates: 0 });
        expect(r.runs.map((run) => run.status)).toEqual(['ok', 'ok', 'ok']);
        expect(r.integrity).toBe('ok');
        if (ROUNDS > 1)
          console.log(
            JSON.stringify({
              round: n,
              scrape_ms: r.scrapes.map((s) => s.ms),
              import_ms: r.importExit.ms,
              site_postings: r.postings.site,
              imported: r.postings.imported,
            }),
          );
      }
      if (ROUNDS > 1) console.log(JSON.stringify({ rounds: ROUNDS, total_ms: Date.now() - started }));
    },
    240_000 * ROUNDS,
  );
});

describe('two daemons with different jobs on one database', () => {
  it('both run their job on the same tick, and both jobs succeed', async () => {
    const db = join(temp.dir, 'daemons.sqlite');
    openDatabase(db).close();
    // Every 10 seconds: both daemons are up before the first tick, which they share.
    const daemons = ['c', 'd'].map((name) =>
      startNode(
        cli.cli,
        [
          '--db',
          db,
          '--config',
          siteConfig(name, { jobs: [{ name: `job-${name}`, cron: '*/10 * * * * *', sources: ['site'] }] }),
          'schedule',
        ],
        { cwd: temp.dir },
      ),
    );
    const watcher = openDatabase(db, { readonly: true });
    // Each job's first run that ended. A tick skipped while its job still ran is not one, and on a loaded
    // machine one job may end twice before the other ends once: only the first runs are the shared tick's.
    const firstRuns = () => {
      const rows = watcher
        .prepare(
          "SELECT job_name, status, started_at FROM job_runs WHERE status NOT IN ('running', 'skipped') ORDER BY id",
        )
        .all() as { job_name: string; status: string; started_at: string }[];
      const byJob = new Map<string, (typeof rows)[number]>();
      for (const row of rows) if (!byJob.has(row.job_name)) byJob.set(row.job_name, row);
      return [...byJob.values()].sort((a, b) => a.job_name.localeCompare(b.job_name));
    };
    try {
      const deadline = Date.now() + 60_000;
      while (firstRuns().length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      for (const daemon of daemons) daemon.kill('SIGTERM');
      const exits = await Promise.all(daemons.map((d) => d.exited));
      for (const exit of exits) expect(exit.code, exit.stdout.slice(-2000) + exit.stderr).toBe(0);
      const runs = firstRuns();
      expect(runs.map((r) => [r.job_name, r.status])).toEqual([
        ['job-c', 'ok'],
        ['job-d', 'ok'],
      ]);
      // The same tick: started within a second of each other.
      expect(Math.abs(Date.parse(runs[0]!.started_at) - Date.parse(runs[1]!.started_at))).toBeLessThan(1_000);
      const firstScrapes =
        'SELECT status FROM scrape_runs WHERE id IN (SELECT min(id) FROM scrape_runs GROUP BY job_name)';
      expect(watcher.prepare(firstScrapes).pluck().all()).toEqual(['ok', 'ok']);
      expect(watcher.prepare('SELECT count(*) FROM postings').pluck().get()).toBe(
        2 * DAEMON_PAGES * PER_PAGE,
      );
    } finally {
      watcher.close();
    }
  }, 120_000);
});
