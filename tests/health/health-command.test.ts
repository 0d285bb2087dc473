// `jobtrend health` on a real scraper's runs against a local site: when the site's pages lose their posting
// date and company between two runs, health exits 1 naming the source and both fields (in text and in
// --json); a steady history exits 0. The daemon-free path: scrape, scrape, health — as a user runs them.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** A 智联 search page whose state lists `count` positions, with or without company and posting date. */
function searchPage(count: number, withCompanyAndDate: boolean): string {
  const positionList = Array.from({ length: count }, (_, i) => ({
    number: `CC00011122${i}J4000000000${i}`,
    name: `人工智能训练师 ${i}`,
    salary60: '1万-1.5万',
    workCity: '上海',
    cityDistrict: '浦东新区',
    jobSummary: '对大模型回答进行评估与排序。',
    workingExp: '1-3年',
    education: '本科',
    ...(withCompanyAndDate
      ? { companyName: `上海星图智能科技有限公司${i}`, publishTime: '2026-11-20 09:30:00' }
      : {}),
  }));
  const state = { positionList, isVerification: false, pages: 1, listResponseCode: 200 };
  return `<!DOCTYPE html><html><head><title>「人工智能训练师招聘」-智联招聘</title></head><body>
<script>__INITIAL_STATE__ = ${JSON.stringify(state)}</script></body></html>`;
}

let server: TestServer;
let dir: string;
let serveFull = true;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jobtrend-health-'));
  server = await startTestServer();
  server.route('/', () => ({ body: searchPage(8, serveFull) }));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function config(): string {
  const path = join(dir, 'config.json');
  writeFileSync(
    path,
    JSON.stringify({
      fetch: { requestsPerMinute: 60_000, backoffBaseMs: 10, timeoutMs: 2_000, maxRetries: 0 },
      sources: { zhaopin: { baseUrl: server.url, cities: ['Shanghai'], maxPages: 1 } },
    }),
  );
  return path;
}

async function scrape(db: string): Promise<void> {
  const result = await runCli(['--db', db, '--config', config(), 'scrape', '--source', 'zhaopin']);
  expect(result.code, result.stderr).toBe(0);
}

describe('jobtrend health', () => {
  it('flags the fields a site stopped giving between two runs, naming the source and both fields', async () => {
    const db = join(dir, 'changed.sqlite');
    serveFull = true;
    await scrape(db);
    serveFull = false;
    await scrape(db);

    const text = await runCli(['--db', db, 'health']);
    expect(text.code).toBe(1);
    const flagLines = text.stdout.slice(text.stdout.indexOf('flags:')).trim().split('\n').slice(1);
    // The date 智联 writes is also the source's own `updated` field: it goes with posted_at.
    expect(flagLines).toHaveLength(3);
    expect(flagLines.join('\n')).toMatch(/zhaopin: company fell from 100% to 0% of postings, since run 2/);
    expect(flagLines.join('\n')).toMatch(/zhaopin: posted_at fell from 100% to 0% of postings, since run 2/);
    expect(flagLines.join('\n')).toMatch(/zhaopin: extra\.updated fell from 100% to 0%/);
    // The table shows both runs with each field's share.
    expect(text.stdout).toMatch(/company\s+100%\s+0%/);
    expect(text.stdout).toMatch(/title\s+100%\s+100%/);

    const json = await runCli(['--db', db, 'health', '--json']);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as {
      flagged: boolean;
      flags: {
        source_id: string;
        kind: string;
        field: string;
        before: number;
        after: number;
        first_run_id: number;
      }[];
    };
    expect(report.flagged).toBe(true);
    expect(
      report.flags.map((f) => [f.source_id, f.kind, f.field, f.before, f.after, f.first_run_id]),
    ).toEqual([
      ['zhaopin', 'field_drop', 'company', 1, 0, 2],
      ['zhaopin', 'field_drop', 'posted_at', 1, 0, 2],
      ['zhaopin', 'field_drop', 'extra.updated', 1, 0, 2],
    ]);

    // status sums it up in one line; its --json carries the flags.
    const status = await runCli(['--db', db, 'status']);
    expect(status.stdout).toContain(
      'health: 3 flags — zhaopin: company fell, posted_at fell, extra.updated fell (see jobtrend health)',
    );
    const statusJson = JSON.parse((await runCli(['--db', db, 'status', '--json'])).stdout) as {
      health: { flagged: boolean; flags: unknown[] };
    };
    expect(statusJson.health.flagged).toBe(true);
    expect(statusJson.health.flags).toHaveLength(3);

    // The report's coverage section names the flagged source.
    const out = join(dir, 'reports');
    const written = await runCli(['--db', db, 'report', '--out', out, '--period', 'last-90-days']);
    expect(written.code, written.stderr).toBe(0);
    const file = readdirSync(out).find((name) => name.endsWith('.md'))!;
    const markdown = readFileSync(join(out, file), 'utf8');
    const coverage = markdown.slice(markdown.indexOf('## Data coverage'));
    expect(coverage).toContain('### Sources flagged by `jobtrend health`');
    expect(coverage).toMatch(/zhaopin: its latest runs no longer give what earlier runs gave/);
    expect(coverage).toContain('- zhaopin: company fell from 100% to 0% of postings, since run 2');
  });

  it('a steady history exits 0 with no flags, in text and in --json', async () => {
    const db = join(dir, 'steady.sqlite');
    serveFull = true;
    await scrape(db);
    await scrape(db);
    const text = await runCli(['--db', db, 'health', '--source', 'zhaopin']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/no flags/);
    const json = await runCli(['--db', db, 'health', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ flagged: false, flags: [] });
    expect((await runCli(['--db', db, 'status'])).stdout).toMatch(/^health: no flags/m);
  });

  it('bad input is one clear line with exit 2; no database is one clear line with exit 1', async () => {
    const db = join(dir, 'steady.sqlite');
    const unknown = await runCli(['--db', db, 'health', '--source', 'atlantis']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toMatch(/unknown source "atlantis"/);
    const runs = await runCli(['--db', db, 'health', '--runs', 'many']);
    expect(runs.code).toBe(2);
    expect(runs.stderr).toMatch(/--runs must be a whole number/);
    const missing = await runCli(['--db', join(dir, 'none.sqlite'), 'health']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no database at/);
  });
});
