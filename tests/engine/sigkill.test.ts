// A scrape killed with SIGKILL mid-run: the database must pass PRAGMA integrity_check, the dead run shows as
// interrupted at once (status, sources), is marked interrupted by the next run, and the rerun completes with
// every posting stored once.
// The child is the real engine compiled with tsc into a private folder and run with node.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import { scrapeSource } from '../../src/engine/scrape-source.js';
import { openDatabase } from '../../src/store/database.js';
import { runCli } from '../support/run-cli.js';
import { tempDbPath } from '../support/temp-db.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { fixtureScraper } from './fixture-scraper.js';
import { renderListPage } from './fixture-site.js';

const root = resolve(import.meta.dirname, '../..');
let outDir: string;
let server: TestServer;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'jobtrend-engine-dist-'));
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  // Emit only (--noCheck): the typecheck is `npm run typecheck`'s job; here the run is what is tested.
  const args = [
    tsc,
    '--outDir',
    outDir,
    '--rootDir',
    root,
    '--module',
    'nodenext',
    '--moduleResolution',
    'nodenext',
    '--target',
    'es2022',
    '--lib',
    'es2023',
    '--types',
    'node',
    '--skipLibCheck',
    '--resolveJsonModule',
    '--esModuleInterop',
    '--noCheck',
    join(root, 'tests/engine/kill-child.ts'),
  ];
  const compiled = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  if (compiled.status !== 0) throw new Error(`tsc failed: ${compiled.stdout}${compiled.stderr}`);
  // The compiled code finds its migrations and packages the way an installed jobtrend does.
  for (const entry of ['package.json', 'db', 'node_modules'])
    symlinkSync(join(root, entry), join(outDir, entry));
  server = await startTestServer();
  server.route('/robots.txt', { status: 404 });
  const site = { count: 400, perPage: 20 };
  // Slow pages, so the kill lands in the middle of the listing.
  server.route('/jobs', (_req, url) => ({
    body: renderListPage(Number(url.searchParams.get('page')), site),
    delayMs: 120,
  }));
}, 180_000);

afterAll(async () => {
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe('a scrape killed with SIGKILL', () => {
  it('leaves an intact database, and the rerun completes with no duplicates', async () => {
    const child = join(outDir, 'tests/engine/kill-child.js');
    expect(existsSync(child)).toBe(true);
    const { path, cleanup } = tempDbPath();
    try {
      openDatabase(path).close();
      const proc = spawn(process.execPath, [child, path, server.url], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      proc.stderr.on('data', (d) => (stderr += d));
      const exited = new Promise<void>((done) => proc.on('exit', () => done()));
      // Wait until a few pages are stored, then kill without warning.
      const watcher = openDatabase(path, { readonly: true });
      const deadline = Date.now() + 60_000;
      let pages = 0;
      while (pages < 4 && Date.now() < deadline && proc.exitCode === null) {
        await new Promise((r) => setTimeout(r, 50));
        pages = Number(
          watcher.prepare('SELECT coalesce(max(pages_fetched), 0) FROM scrape_runs').pluck().get(),
        );
      }
      watcher.close();
      expect(proc.exitCode, stderr).toBeNull();
      proc.kill('SIGKILL');
      await exited;

      const db = openDatabase(path);
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const dead = db
          .prepare('SELECT id, status, pages_fetched, postings_new FROM scrape_runs')
          .get() as Record<string, number | string>;
        expect(dead.status).toBe('running');
        // Shown as interrupted as soon as its process is gone, before any other run.
        const status = await runCli(['--db', path, 'status', '--json']);
        expect(JSON.parse(status.stdout).last_runs).toMatchObject([
          { source_id: 'fixture', status: 'interrupted' },
        ]);
        const stored = Number(db.prepare('SELECT count(*) FROM postings').pluck().get());
        // The counters were written with each page, so they match the rows exactly.
        expect(stored).toBe(dead.postings_new);
        expect(stored).toBeLessThan(400);

        const config = parseConfig({ fetch: { requestsPerMinute: 60_000, backoffBaseMs: 10 } });
        const rerun = await scrapeSource({
          db,
          sourceId: 'fixture',
          scraper: fixtureScraper,
          baseUrl: server.url,
          config,
        });
        expect(rerun.status).toBe('ok');
        expect(rerun.counters.postings_new).toBe(400 - stored);
        expect(db.prepare('SELECT status FROM scrape_runs WHERE id = ?').pluck().get(dead.id)).toBe(
          'interrupted',
        );
        expect(Number(db.prepare('SELECT count(*) FROM postings').pluck().get())).toBe(400);
        expect(
          Number(db.prepare('SELECT count(DISTINCT source_posting_id) FROM postings').pluck().get()),
        ).toBe(400);
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        db.close();
      }
    } finally {
      cleanup();
    }
  }, 120_000);
});
