// `jobtrend check`: one line per item (config, Chromium, database, each configured source's host), exit 1
// when something must be fixed, and the broken field named. Hosts are probed on the local test server, a
// closed port and a name that cannot resolve; nothing touches the internet.

import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChecks } from '../../src/check/run-checks.js';
import { parseConfig } from '../../src/config/load-config.js';
import { UserError } from '../../src/errors.js';
import { type CliResult, runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-db.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const temp = tempDir('jobtrend-check-');
const db = join(temp.dir, 'jobtrend.sqlite');
const example = resolve(import.meta.dirname, '../../jobtrend.config.example.yaml');
/** No Chromium here: the Chromium line is quick, and the other lines are what these tests look at. */
const NO_CHROMIUM = { JOBTREND_CHROMIUM: join(temp.dir, 'no-chromium') };
let server: TestServer;
let closedPort: number;

beforeAll(async () => {
  expect((await runCli(['--db', db, 'init'])).code).toBe(0);
  server = await startTestServer();
  server.route('/robots.txt', { status: 404 });
  // A port that was just free: nothing listens there, so a connection is refused at once.
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  closedPort = (probe.address() as { port: number }).port;
  await new Promise((done) => probe.close(done));
});
afterAll(async () => {
  await server?.close();
  temp.cleanup();
});

function writeConfig(name: string, text: string): string {
  const path = join(temp.dir, name);
  writeFileSync(path, text);
  return path;
}

/** The check lines as [status, item, detail]. */
function lines(result: CliResult): [string, string, string][] {
  return result.stdout
    .trimEnd()
    .split('\n')
    .slice(0, -1)
    .map((line) => {
      const m =
        /^(ok|warn|FAIL|skip)\s+(config|user agent|chromium|database|sources|source \S+)\s+(.*)$/.exec(line);
      if (!m) throw new Error(`not a check line: ${line}`);
      return [m[1]!, m[2]!, m[3]!];
    });
}

describe('jobtrend check', () => {
  it('passes on the example config with --offline: config, Chromium, database ok; every source skipped', async () => {
    const result = await runCli(['--db', db, '--config', example, 'check', '--offline']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const checks = lines(result);
    expect(checks.find(([, item]) => item === 'config')).toEqual([
      'ok',
      'config',
      expect.stringMatching(/jobtrend\.config\.example\.yaml: 10 sources in use, 4 enabled jobs/),
    ]);
    expect(checks.find(([, item]) => item === 'chromium')?.[0]).toBe('ok');
    expect(checks.find(([, item]) => item === 'database')).toEqual([
      'ok',
      'database',
      expect.stringMatching(/schema version \d+ \(current\), writable/),
    ]);
    const sources = checks.filter(([, item]) => item.startsWith('source '));
    expect(sources.map(([, item]) => item)).toEqual(
      [
        'greenhouse',
        'lever',
        'ashby',
        'hn',
        'remoteok',
        'zhaopin',
        'boss',
        '51job',
        'liepin',
        'linkedin',
      ].map((id) => `source ${id}`),
    );
    for (const [status, , detail] of sources) {
      expect(status).toBe('skip');
      expect(detail).toMatch(/not checked \(--offline\)/);
    }
    expect(result.stdout).toMatch(/the setup looks ready\n$/);
  }, 60_000);

  it('fails on a broken config and names the field', async () => {
    const cases: [string, RegExp][] = [
      [
        'jobs:\n  - { name: daily, cron: "* * *", sources: [greenhouse] }\n',
        /jobs\[0\]\.cron: invalid cron expression "\* \* \*"/,
      ],
      ['fetch:\n  requestsPerMinute: fast\n', /fetch\.requestsPerMinute: /],
      ['sources:\n  greenhouse: { boards: 42 }\n', /config sources\.greenhouse\.boards: /],
      ['sources:\n  grenhouse: { boards: [x] }\n', /config sources\.grenhouse: unknown source "grenhouse"/],
      [
        'sources:\n  lever: { baseUrl: "http://", companies: [x] }\n',
        /config sources\.lever\.baseUrl: "http:\/\/" is not a URL/,
      ],
      [
        'jobs:\n  - { name: daily, cron: "0 6 * * *", sources: [nosuch] }\n',
        /jobs\[0\]\.sources\[0\]: unknown source "nosuch"/,
      ],
    ];
    for (const [text, names] of cases) {
      const config = writeConfig('broken.yaml', text);
      const result = await runCli(['--db', db, '--config', config, 'check', '--offline'], NO_CHROMIUM);
      expect(result.code, text).toBe(1);
      const failed = lines(result).filter(([status]) => status === 'FAIL');
      expect(failed, text).toEqual([['FAIL', 'config', expect.stringMatching(names)]]);
      expect(result.stdout).toMatch(/1 problem to fix/);
    }
  });

  it('finds each host: one that answers, one that refuses, one whose name does not resolve', async () => {
    const config = writeConfig(
      'hosts.yaml',
      [
        'sources:',
        `  greenhouse: { baseUrl: "${server.origin}", boards: [x] }`,
        `  lever: { baseUrl: "http://127.0.0.1:${closedPort}", companies: [x] }`,
        '  ashby: { baseUrl: "https://jobtrend-check.invalid", boards: [x] }',
        '  hn: { enabled: false }',
        '',
      ].join('\n'),
    );
    const result = await runCli(['--db', db, '--config', config, 'check', '--timeout', '3'], NO_CHROMIUM);
    expect(result.code).toBe(1);
    const sources = lines(result).filter(([, item]) => item.startsWith('source '));
    expect(sources).toEqual([
      [
        'ok',
        'source greenhouse',
        expect.stringMatching(/^127\.0\.0\.1:\d+ answers at 127\.0\.0\.1 \(HTTP 404, \d+ ms\)$/),
      ],
      ['FAIL', 'source lever', expect.stringMatching(/refuses connections: check the network/)],
      ['FAIL', 'source ashby', expect.stringMatching(/jobtrend-check\.invalid does not resolve/)],
    ]);
    // One HEAD request for robots.txt, with jobtrend's User-Agent.
    const asked = server.requests.filter((r) => r.path === '/robots.txt');
    expect(asked).toHaveLength(1);
    expect(asked[0]!.method).toBe('HEAD');
    expect(asked[0]!.headers['user-agent']).toMatch(/^jobtrend\//);
  });

  it("takes an imported dataset's section (its lifetimeDays) for what it is, not an unknown source", async () => {
    const config = writeConfig(
      'imported.yaml',
      'sources:\n  "import:kaggle-ai-jobs": { lifetimeDays: 60 }\n  greenhouse: { boards: [x] }\n',
    );
    const result = await runCli(['--db', db, '--config', config, 'check', '--offline'], NO_CHROMIUM);
    expect(result.code).toBe(0);
    expect(
      lines(result)
        .filter(([, item]) => item.startsWith('source '))
        .map(([, item]) => item),
    ).toEqual(['source greenhouse']);
  });

  it('asks for a contact in the User-Agent while the default is used', async () => {
    const plain = writeConfig('plain.yaml', 'sources: {}\n');
    const warned = lines(await runCli(['--db', db, '--config', plain, 'check'], NO_CHROMIUM));
    expect(warned).toContainEqual([
      'warn',
      'user agent',
      expect.stringMatching(/no contact: set fetch\.userAgent/),
    ]);
    const own = writeConfig('own.yaml', 'fetch: { userAgent: "jobtrend/0.1 (+mailto:ops@example.org)" }\n');
    const quiet = lines(await runCli(['--db', db, '--config', own, 'check'], NO_CHROMIUM));
    expect(quiet.map(([, item]) => item)).not.toContain('user agent');
  });

  it('says what is wrong with the database: missing folder, old schema, newer schema, not a database', async () => {
    const old = join(temp.dir, 'old.sqlite');
    new Database(old).exec(
      "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT); INSERT INTO schema_migrations VALUES (1, 'init', 'x')",
    );
    const newer = join(temp.dir, 'newer.sqlite');
    new Database(newer).exec(
      "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT); INSERT INTO schema_migrations VALUES (9999, 'future', 'x')",
    );
    const notes = join(temp.dir, 'notes.txt');
    writeFileSync(notes, 'not a database\n'.repeat(50));
    const cases: [string, string, RegExp][] = [
      [
        join(temp.dir, 'fresh.sqlite'),
        'ok',
        /does not exist yet: `jobtrend init` or the first scrape creates it/,
      ],
      [join(temp.dir, 'no', 'folder', 'x.sqlite'), 'FAIL', /its folder is missing or not writable/],
      [old, 'FAIL', /schema version 1, this jobtrend expects \d+: run `jobtrend init` to migrate it/],
      [newer, 'FAIL', /schema version 9999, newer than this jobtrend knows/],
      [notes, 'FAIL', /cannot be opened \(file is not a database\)/],
    ];
    const config = writeConfig('empty.yaml', 'sources: {}\n');
    for (const [path, status, says] of cases) {
      const result = await runCli(['--db', path, '--config', config, 'check', '--offline'], NO_CHROMIUM);
      expect(
        lines(result).find(([, item]) => item === 'database'),
        path,
      ).toEqual([status, 'database', expect.stringMatching(says)]);
      expect(result.code, path).toBe(status === 'ok' ? 0 : 1);
    }
  });

  it('Chromium: a failure when a source needs it (with the command that installs it), a warning otherwise', async () => {
    const missing = async () => {
      throw new UserError(
        'no Chromium found: install Chromium (apt-get install chromium), or set JOBTREND_CHROMIUM',
      );
    };
    const run = (sources: Record<string, unknown>) =>
      runChecks({
        loadConfig: () => parseConfig({ sources }),
        configLabel: 'test',
        dbPath: db,
        offline: true,
        launchChromium: missing,
      });
    const needed = (await run({ boss: { query: 'AI训练师', cities: ['上海'] } })).find(
      (l) => l.item === 'chromium',
    );
    expect(needed).toEqual({
      item: 'chromium',
      status: 'fail',
      detail: expect.stringMatching(
        /no Chromium found.*needed by boss: install it with `npx playwright install chromium`/,
      ),
    });
    const unneeded = (await run({ greenhouse: { boards: ['x'] } })).find((l) => l.item === 'chromium');
    expect(unneeded?.status).toBe('warn');
  });

  it('prints JSON with --json, snake_case like the database', async () => {
    const config = writeConfig('json.yaml', 'sources: {}\n');
    const result = await runCli(
      ['--db', db, '--config', config, 'check', '--offline', '--json'],
      NO_CHROMIUM,
    );
    const parsed = JSON.parse(result.stdout) as { ok: boolean; checks: { item: string; status: string }[] };
    expect(parsed.ok).toBe(true);
    expect(parsed.checks.map((c) => c.item)).toEqual([
      'config',
      'user agent',
      'chromium',
      'database',
      'sources',
    ]);
  });
});

describe('jobtrend status on a broken config', () => {
  it('still shows the database, and exits 1', async () => {
    const config = writeConfig('status-broken.yaml', 'jobs:\n  - { name: x, cron: "nope", sources: [hn] }\n');
    const result = await runCli(['--db', db, '--config', config, 'status']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/schema version: \d+/);
    expect(result.stdout).toMatch(
      /config not read: config .*status-broken\.yaml: jobs\[0\]\.cron: invalid cron expression/,
    );
    const json = await runCli(['--db', db, '--config', config, 'status', '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).config_error).toMatch(/jobs\[0\]\.cron/);
    const fine = await runCli(['--db', db, 'status']);
    expect(fine.code).toBe(0);
  });
});
