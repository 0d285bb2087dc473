// Reliability across processes, with the real `jobtrend` executable (compiled to JavaScript into a private
// folder once per run, tests/support/compile-once.ts):
// - a scrape and a report on the same database at the same time both succeed (WAL, busy timeout);
// - a writing command on a read-only database file exits 1 with one line and changes nothing.
//   Tests run as root here, and root writes through chmod 0444 (and read-only folders), so the command runs
//   as the unprivileged user "nobody" (uid 65534) when the test runs as root: the file is then truly
//   read-only for it, the way it is for any user who does not own the file.
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { scrapeSource } from '../../src/engine/scrape-source.js';
import { openDatabase } from '../../src/store/database.js';
import { fixtureScraper } from '../engine/fixture-scraper.js';
import { renderListPage } from '../engine/fixture-site.js';
import { startNode } from '../support/compiled-cli.js';
import { compiledCli } from '../support/e2e-build.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let cli: string;
let work: string;
let server: TestServer;

beforeAll(async () => {
  cli = compiledCli().cli;
  work = mkdtempSync(join(tmpdir(), 'jobtrend-reliability-'));
  // Readable (not writable) by an unprivileged user (the compiled tree is too).
  chmodSync(work, 0o755);
  server = await startTestServer();
  server.route('/robots.txt', { status: 404 });
}, 180_000);

afterAll(async () => {
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

function jobtrend(args: string[], options: { uid?: number } = {}): Promise<Exit> {
  return startNode(cli, args, { cwd: work, ...options }).exited;
}

function expectOneLine(stderr: string, pattern: RegExp) {
  const lines = stderr.trimEnd().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^jobtrend: /);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('a scrape and a report on the same database at the same time', () => {
  it('both succeed, and the database is intact with every posting once', async () => {
    expect(existsSync(cli), 'the CLI compiled').toBe(true);
    const dbPath = join(work, 'shared.sqlite');
    const perPage = 20;
    // The listing goes on until the report has finished, then ends two pages later: the two overlap for sure.
    let reportDoneAtPage: number | undefined;
    let servedPages = 0;
    server.route('/jobs', (_req, url) => {
      const page = Number(url.searchParams.get('page'));
      servedPages = Math.max(servedPages, page);
      const last = reportDoneAtPage !== undefined && page >= reportDoneAtPage + 2;
      const count = last ? page * perPage : (page + 1) * perPage;
      return { body: renderListPage(page, { count, perPage }), delayMs: 25 };
    });
    const db = openDatabase(dbPath);
    const config = parseConfig({ fetch: { requestsPerMinute: 60_000, backoffBaseMs: 10, timeoutMs: 5_000 } });
    let reports: Promise<Exit[]> | undefined;
    const reportsWhileScraping = async (): Promise<Exit[]> => {
      const exits: Exit[] = [];
      for (let i = 0; i < 2; i++) {
        exits.push(
          await jobtrend([
            '--db',
            dbPath,
            'report',
            '--period',
            '2026-01',
            '--now',
            '2026-02-15',
            '--out',
            join(work, 'reports'),
          ]),
        );
      }
      reportDoneAtPage = servedPages;
      return exits;
    };
    let summary: Awaited<ReturnType<typeof scrapeSource>>;
    try {
      summary = await scrapeSource({
        db,
        sourceId: 'fixture',
        scraper: fixtureScraper,
        baseUrl: server.url,
        config,
        onProgress: (progress) => {
          if (progress.counters.pages_fetched === 2) reports = reportsWhileScraping();
        },
      });
    } finally {
      db.close();
    }
    const exits = await reports!;
    for (const exit of exits) {
      expect(exit.stderr).toBe('');
      expect(exit.code).toBe(0);
      expect(exit.stdout).toMatch(/^report written: .*\.md/);
    }
    expect(reportDoneAtPage, 'the reports finished while the scrape was still paging').toBeDefined();
    expect(summary.status).toBe('ok');
    const check = openDatabase(dbPath, { readonly: true });
    try {
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
      const total = summary.counters.pages_fetched * perPage;
      expect(check.prepare('SELECT count(*) FROM postings').pluck().get()).toBe(total);
      expect(check.prepare('SELECT count(DISTINCT source_posting_id) FROM postings').pluck().get()).toBe(
        total,
      );
    } finally {
      check.close();
    }
  }, 120_000);
});

describe('a read-only database file', () => {
  it('a writing command (import) exits 1 with one line, and the file is unchanged', async () => {
    expect(existsSync(cli), 'the CLI compiled').toBe(true);
    const dbPath = join(work, 'read-only.sqlite');
    openDatabase(dbPath).close();
    const csv = join(work, 'postings.csv');
    writeFileSync(
      csv,
      '职位编号,职位名称,公司名称,城市,发布时间\nA1,AI训练师,示例智能科技有限公司,上海,2026-01-05\n',
    );
    chmodSync(csv, 0o644);
    chmodSync(dbPath, 0o444);
    const before = readFileSync(dbPath);
    const asRoot = process.getuid?.() === 0;
    const exit = await jobtrend(['--db', dbPath, 'import', csv], asRoot ? { uid: 65534 } : {});
    expect(exit.code, exit.stderr).toBe(1);
    expectOneLine(exit.stderr, /read-only|cannot open|permission/i);
    expect(readFileSync(dbPath).equals(before)).toBe(true);
    expect(existsSync(`${dbPath}-wal`)).toBe(false);
  }, 60_000);
});

describe('a read-only database file in a folder anyone may write', () => {
  it('every writing command exits 1 with one plain line, never "unexpected error", and changes nothing', async () => {
    // The folder lets SQLite create its -wal and -shm files: only the writes themselves are refused.
    const folder = mkdtempSync(join(work, 'shared-folder-'));
    chmodSync(folder, 0o777);
    const dbPath = join(folder, 'read-only.sqlite');
    openDatabase(dbPath).close();
    const csv = join(work, 'postings-2.csv');
    writeFileSync(csv, '职位名称,公司名称,城市,发布日期\nAI训练师,示例科技,上海,2026-01-05\n');
    chmodSync(csv, 0o644);
    chmodSync(dbPath, 0o444);
    const before = readFileSync(dbPath);
    const asRoot = process.getuid?.() === 0;
    for (const argv of [['init'], ['import', csv], ['reindex'], ['unblock', '--all']]) {
      const exit = await jobtrend(['--db', dbPath, ...argv], asRoot ? { uid: 65534 } : {});
      expect(exit.code, `${argv[0]}: ${exit.stderr}`).toBe(1);
      expectOneLine(exit.stderr, /read-only\.sqlite is read-only: make it writable, or pass --db/);
    }
    expect(readFileSync(dbPath).equals(before)).toBe(true);
    expect(readdirSync(folder).filter((f) => f.endsWith('-wal'))).toEqual([]);
  }, 60_000);
});
