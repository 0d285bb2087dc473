// The scrape, parse and sources commands as a user runs them (in-process, output captured): JSON Lines
// from a saved GBK page, clear one-line errors, a scrape against the local site, the source list.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scrapers } from '../../scrapers/registry.js';
import { openDatabase } from '../../src/store/database.js';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-db.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { fixtureScraper } from './fixture-scraper.js';
import { renderListPage, serveFixtureSite, VERIFICATION_PAGE } from './fixture-site.js';

let dir: string;
let cleanup: () => void;
let server: TestServer;

beforeAll(async () => {
  // The fixture scraper joins the registry for these tests only.
  scrapers.push(fixtureScraper);
  ({ dir, cleanup } = tempDir());
  server = await startTestServer();
  serveFixtureSite(server, { count: 45, perPage: 20 });
  server.route('/blocked/jobs', { body: VERIFICATION_PAGE });
});
afterAll(async () => {
  scrapers.splice(scrapers.indexOf(fixtureScraper), 1);
  cleanup();
  await server.close();
});

function writeConfig(name: string, sources: Record<string, unknown>): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    JSON.stringify({ fetch: { requestsPerMinute: 60_000, backoffBaseMs: 10, timeoutMs: 2_000 }, sources }),
  );
  return path;
}

describe('jobtrend parse', () => {
  it('prints JSON Lines with the database column names from a saved GBK page', async () => {
    const file = join(dir, 'list-gbk.html');
    writeFileSync(file, iconv.encode(renderListPage(1, { count: 3, perPage: 3, gbk: true }), 'gbk'));
    const result = await runCli(['parse', '--source', 'fixture', file]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({
      source_id: 'fixture',
      source_posting_id: 'p0000',
      title: '人工智能训练师 0',
      location_raw: '上海·浦东新区',
    });
    for (const key of [
      'company_norm',
      'city',
      'salary_min',
      'posted_at',
      'dedup_key',
      'content_hash',
      'raw_json',
      'roles',
      'skills',
    ]) {
      expect(lines[0]).toHaveProperty(key);
    }
  });

  it('reads a JSON body too', async () => {
    const file = join(dir, 'list.json');
    writeFileSync(
      file,
      JSON.stringify({ jobs: [{ id: 'j9', title: '数据标注员', city: '杭州', date: '2026-02-03' }] }),
    );
    const result = await runCli(['parse', '--source', 'fixture', file]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ source_posting_id: 'j9', title: '数据标注员' });
  });

  it('fetches a URL politely and resolves links against it', async () => {
    const config = writeConfig('parse-url.json', {});
    const result = await runCli([
      '--config',
      config,
      'parse',
      '--source',
      'fixture',
      `${server.url}/jobs?page=2`,
    ]);
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(20);
    expect(lines[0]).toMatchObject({ source_posting_id: 'p0020', url: `${server.url}/job/p0020` });
    expect(server.requests.some((r) => r.path === '/robots.txt')).toBe(true);
  });

  it('a verification page, a missing file and an unknown source are each one clear line', async () => {
    const blocked = join(dir, 'blocked.html');
    writeFileSync(blocked, VERIFICATION_PAGE);
    const b = await runCli(['parse', '--source', 'fixture', blocked]);
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/^jobtrend: .*is a block page \(slider verification/);
    expect(b.stderr.trim().split('\n')).toHaveLength(1);

    const missing = await runCli(['parse', '--source', 'fixture', join(dir, 'nope.html')]);
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toMatch(/no file at .*nope\.html/);

    const unknown = await runCli(['parse', '--source', 'no-such-source', blocked]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown source "no-such-source"/);
  });
});

describe('jobtrend scrape and sources', () => {
  it('scrapes the configured source into the database and lists it with its last run', async () => {
    const db = join(dir, 'scrape.sqlite');
    const config = writeConfig('ok.json', { fixture: { baseUrl: server.url } });
    const result = await runCli(['--db', db, '--config', config, 'scrape']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/fixture\s+ok\s+3\s+45\s+45/);
    // Not a terminal: progress arrives as JSON log lines.
    const logs = result.stderr
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { msg: string });
    expect(logs.filter((l) => l.msg === 'page stored')).toHaveLength(3);
    const handle = openDatabase(db, { readonly: true });
    expect(handle.prepare('SELECT count(*) FROM postings').pluck().get()).toBe(45);
    handle.close();

    const listed = await runCli(['--db', db, '--config', config, 'sources', '--json']);
    expect(listed.code).toBe(0);
    const rows = JSON.parse(listed.stdout) as Record<string, unknown>[];
    expect(rows.find((r) => r.id === 'fixture')).toMatchObject({
      base_url: server.url,
      enabled: true,
      last_run_status: 'ok',
    });
    expect(rows.length).toBeGreaterThan(1);
  });

  it('exits 130 when stopped (Ctrl-C, SIGTERM), saying how to continue', async () => {
    const db = join(dir, 'stopped.sqlite');
    const config = writeConfig('stopped.json', { fixture: { baseUrl: server.url } });
    const stop = new AbortController();
    stop.abort(new Error('received SIGINT'));
    const result = await runCli(['--db', db, '--config', config, 'scrape'], {}, stop.signal);
    expect(result.code, result.stderr).toBe(130);
    expect(result.stderr).toContain(
      'jobtrend: stopped; `jobtrend scrape --resume` continues where it stopped\n',
    );
    expect(result.stdout).toMatch(/fixture\s+interrupted/);
  });

  it('exits 1 with one line when every source failed, 2 when there is nothing to scrape', async () => {
    const db = join(dir, 'failed.sqlite');
    const config = writeConfig('blocked.json', {
      fixture: { baseUrl: server.url, listPath: '/blocked/jobs' },
    });
    const failed = await runCli(['--db', db, '--config', config, 'scrape', '--source', 'fixture']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/jobtrend: every source failed \(fixture\); fixture: blocked: /);
    expect(failed.stdout).toMatch(/fixture\s+failed/);
    // The block is remembered, and status says which host is left alone and until when.
    const status = await runCli(['--db', db, 'status']);
    expect(status.stdout).toMatch(/hosts backed off after a verification page or login wall/);
    expect(status.stdout).toContain(new URL(server.url).host);
    const json = JSON.parse((await runCli(['--db', db, 'status', '--json'])).stdout);
    expect(json.host_blocks).toMatchObject([{ host: new URL(server.url).host, strikes: 1 }]);

    // An operator who knows the cause is gone ends the wait; the count of blocks in a row is kept.
    const host = new URL(server.url).host;
    const wrong = await runCli(['--db', db, 'unblock', 'www.zhipin.com']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr.trim()).toBe(
      `jobtrend: no host backed off is called www.zhipin.com (backed off now: ${host})`,
    );
    const lifted = await runCli(['--db', db, 'unblock', server.url]);
    expect(lifted.code).toBe(0);
    expect(lifted.stdout).toMatch(new RegExp(`^${host}: asked again from the next run .*blocking once`));
    expect(JSON.parse((await runCli(['--db', db, 'status', '--json'])).stdout).host_blocks).toEqual([]);
    const kept = openDatabase(db, { readonly: true });
    expect(kept.prepare('SELECT strikes FROM host_blocks WHERE host = ?').pluck().get(host)).toBe(1);
    kept.close();
    expect((await runCli(['--db', db, 'unblock', '--all'])).stdout).toBe(
      'no host is backed off: nothing to do\n',
    );
    expect((await runCli(['--db', db, 'unblock'])).code).toBe(2);
    // The next run asks the host again, meets the same wall, and waits twice as long.
    await runCli(['--db', db, '--config', config, 'scrape', '--source', 'fixture']);
    const again = JSON.parse((await runCli(['--db', db, 'status', '--json'])).stdout);
    expect(again.host_blocks).toMatchObject([{ host, strikes: 2 }]);

    const none = await runCli(['--db', db, '--config', writeConfig('none.json', {}), 'scrape']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no sources to scrape: pass --source ID/);

    const badPages = await runCli(['--db', db, 'scrape', '--source', 'fixture', '--max-pages', 'lots']);
    expect(badPages.code).toBe(2);
  });
});
