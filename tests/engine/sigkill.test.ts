// A crawl killed with SIGKILL mid-run: the database must pass PRAGMA integrity_check, the dead run shows as
// interrupted at once (status) and is marked so by the next run, and `resume` continues the crawl from its
// queue: every page stored before the kill is never fetched again (counted by the server), every posting is
// stored once, and the finished crawl's queue is pruned. The child is the real engine compiled to JavaScript
// (once per run, by the e2e project's global setup) and run with node, which stores pages in a thread of its own;
// the same crawl stored by that thread and by the crawl's own thread must come out the same.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scrapeSources } from '../../src/engine/scrape-source.js';
import { openDatabase } from '../../src/store/database.js';
import { compiledCli } from '../support/e2e-build.js';
import { runCli } from '../support/run-cli.js';
import { tempDbPath } from '../support/temp-db.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { KILL_TEST_PAGES, KILL_TEST_PER_PAGE, killTestConfig } from './kill-test-config.js';

let outDir: string;
let server: TestServer;
/** Pages are slow only while the child crawls, so the kill lands in the middle; the rest is served at once. */
let slow = false;

beforeAll(async () => {
  // The engine compiled to JavaScript once per run with the CLI: tests/support/compile-once.ts.
  outDir = compiledCli().outDir;
  server = await startTestServer();
  server.route('/robots.txt', { status: 404 });
  server.route('/list', (_req, url) => {
    const page = Number(url.searchParams.get('page'));
    const items = Array.from({ length: KILL_TEST_PER_PAGE }, (_, i) => {
      const id = (page - 1) * KILL_TEST_PER_PAGE + i;
      return `<li class="job" data-id="k${id}"><a class="title" href="/job/k${id}">AI训练师 ${id}</a></li>`;
    });
    const next = page < KILL_TEST_PAGES ? `<a class="next" href="/list?page=${page + 1}">下一页</a>` : '';
    return { body: `<ul>${items.join('')}</ul>${next}`, delayMs: slow ? 150 : 0 };
  });
  server.route(/^\/job\/k\d+$/, (_req, url) => ({
    body: `<h1>AI训练师</h1><div class="desc"><p>负责大模型数据标注 ${url.pathname}</p></div>`,
    delayMs: slow ? 60 : 0,
  }));
}, 180_000);

afterAll(async () => {
  await server?.close();
});

describe('a crawl killed with SIGKILL', () => {
  it('leaves an intact database, and resumes without fetching a stored page again, every posting once', async () => {
    const child = join(outDir, 'tests/engine/kill-child.js');
    expect(existsSync(child)).toBe(true);
    const total = KILL_TEST_PAGES * KILL_TEST_PER_PAGE;
    const { path, cleanup } = tempDbPath();
    try {
      openDatabase(path).close();
      slow = true;
      const proc = spawn(process.execPath, [child, path, server.url], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      proc.stderr.on('data', (d) => (stderr += d));
      const exited = new Promise<void>((done) => proc.on('exit', () => done()));
      // Wait until some postings are stored (list pages and job pages both), then kill without warning.
      const watcher = openDatabase(path, { readonly: true });
      const deadline = Date.now() + 60_000;
      let stored = 0;
      while (stored < 60 && Date.now() < deadline && proc.exitCode === null) {
        await new Promise((r) => setTimeout(r, 50));
        stored = Number(
          watcher.prepare('SELECT coalesce(max(postings_new), 0) FROM scrape_runs').pluck().get(),
        );
      }
      watcher.close();
      expect(proc.exitCode, stderr).toBeNull();
      proc.kill('SIGKILL');
      await exited;
      slow = false;

      const db = openDatabase(path);
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const dead = db.prepare('SELECT id, status, postings_new FROM scrape_runs').get() as Record<
          string,
          number | string
        >;
        expect(dead.status).toBe('running');
        // Shown as interrupted as soon as its process is gone, before any other run.
        const status = await runCli(['--db', path, 'status', '--json']);
        expect(JSON.parse(status.stdout).last_runs).toMatchObject([
          { source_id: 'site', status: 'interrupted' },
        ]);
        const before = Number(db.prepare('SELECT count(*) FROM postings').pluck().get());
        // The counters were written with each commit, so they match the rows exactly.
        expect(before).toBe(dead.postings_new);
        expect(before).toBeLessThan(total);
        // The pages whose postings were stored, by the queue's own record, and how often the server sent them.
        const done = db
          .prepare(`SELECT url FROM crawl_requests WHERE state = 'done'`)
          .pluck()
          .all() as string[];
        expect(done.length).toBeGreaterThan(0);
        const pathOf = (url: string) => new URL(url).pathname + new URL(url).search;
        const hits = (p: string) => server.requests.filter((r) => r.path === p).length;
        const sentBefore = new Map(done.map((url) => [pathOf(url), hits(pathOf(url))]));

        const [resumed] = await scrapeSources({
          db,
          resume: 'required',
          config: killTestConfig(server.url),
        });
        expect(resumed).toMatchObject({ sourceId: 'site', status: 'ok' });
        expect(resumed!.counters.postings_new).toBe(total - before);
        expect(db.prepare('SELECT status FROM scrape_runs WHERE id = ?').pluck().get(dead.id)).toBe(
          'interrupted',
        );
        // Not one stored page was asked for again.
        for (const [p, count] of sentBefore) expect(hits(p), p).toBe(count);
        expect(Number(db.prepare('SELECT count(*) FROM postings').pluck().get())).toBe(total);
        expect(
          Number(db.prepare('SELECT count(DISTINCT source_posting_id) FROM postings').pluck().get()),
        ).toBe(total);
        // Every posting got its job page's description.
        expect(
          Number(db.prepare('SELECT count(*) FROM postings WHERE description IS NULL').pluck().get()),
        ).toBe(0);
        // The finished crawl left nothing to resume.
        expect(db.prepare('SELECT count(*) FROM crawls').pluck().get()).toBe(0);
        expect(db.prepare('SELECT count(*) FROM crawl_requests').pluck().get()).toBe(0);
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        db.close();
      }
    } finally {
      cleanup();
    }
  }, 120_000);
});

describe('pages stored by the store thread', () => {
  it('give the same postings and counters as pages stored in the crawl thread', async () => {
    const threadedDb = tempDbPath();
    const plainDb = tempDbPath();
    try {
      openDatabase(threadedDb.path).close();
      // Not execFileSync: the test server answers from this process's event loop.
      const output = await new Promise<string>((resolve, reject) => {
        execFile(
          process.execPath,
          [join(outDir, 'tests/engine/store-thread-child.js'), threadedDb.path, server.url],
          { encoding: 'utf8' },
          (error, stdout, stderr) =>
            error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
        );
      });
      const child = JSON.parse(output.trim().split('\n').at(-1)!) as {
        threaded: boolean;
        summary: { status: string; counters: Record<string, number> };
        progress: number;
      };
      expect(child.threaded).toBe(true);
      const db = openDatabase(plainDb.path);
      let plain: Awaited<ReturnType<typeof scrapeSources>>[number];
      try {
        [plain] = await scrapeSources({ db, sourceIds: ['site'], config: killTestConfig(server.url) });
      } finally {
        db.close();
      }
      expect(child.summary, JSON.stringify(child.summary)).toMatchObject({ status: 'ok' });
      expect(child.summary.counters).toEqual({ ...plain!.counters });
      // Progress came back from the thread, a page at a time.
      expect(child.progress).toBe(plain!.counters.pages_fetched);
      const rows = (path: string) => {
        const handle = openDatabase(path, { readonly: true });
        try {
          return handle
            .prepare('SELECT source_posting_id, title, description FROM postings ORDER BY source_posting_id')
            .all();
        } finally {
          handle.close();
        }
      };
      expect(rows(threadedDb.path)).toEqual(rows(plainDb.path));
      expect(rows(threadedDb.path)).toHaveLength(KILL_TEST_PAGES * KILL_TEST_PER_PAGE);
      // Every time the store thread wrote is on the crawl's clock, not the machine's.
      const threaded = openDatabase(threadedDb.path, { readonly: true });
      try {
        const days = (sql: string) =>
          new Set((threaded.prepare(sql).pluck().all() as string[]).map((at) => at.slice(0, 10)));
        expect(days('SELECT first_seen_at FROM postings UNION SELECT last_seen_at FROM postings')).toEqual(
          new Set(['2026-06-30']),
        );
        expect(days('SELECT started_at FROM scrape_runs UNION SELECT finished_at FROM scrape_runs')).toEqual(
          new Set(['2026-06-30']),
        );
      } finally {
        threaded.close();
      }
    } finally {
      threadedDb.cleanup();
      plainDb.cleanup();
    }
  }, 120_000);
});
