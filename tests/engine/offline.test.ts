// With no network, `jobtrend scrape` must fail fast and say so once: a host whose name does not resolve or
// that refuses connections is tried once (its robots.txt), never retried, and every request to it after
// that fails without a connection; on a terminal each source gets its one line in the table, with no log
// lines above it and no reason repeated below.

import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { openDatabase } from '../../src/store/database.js';
import { tempDir } from '../support/temp-db.js';

let dir: string;
let cleanup: () => void;
let refusedPort: number;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  // A port nobody listens on: connections are refused.
  refusedPort = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
});
afterAll(() => cleanup());

/** The CLI as a person at a terminal sees it. */
async function atTerminal(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    out: {
      write: (t) => {
        stdout += t;
      },
      isTTY: true,
    },
    err: {
      write: (t) => {
        stderr += t;
      },
      isTTY: true,
    },
    env: {},
    signal: new AbortController().signal,
  });
  return { code, stdout, stderr };
}

describe('scraping with no network', () => {
  it('a host that does not resolve and one that refuses connections each fail at once, in one line each', async () => {
    const db = join(dir, 'offline.sqlite');
    const config = join(dir, 'offline.json');
    writeFileSync(
      config,
      JSON.stringify({
        // The defaults a user has: four retries with backoff from one second (15 s per host before).
        sources: {
          greenhouse: { baseUrl: 'http://boards-api.jobtrend-test.invalid', boards: ['a', 'b', 'c'] },
          lever: { baseUrl: `http://127.0.0.1:${refusedPort}`, companies: ['x', 'y'] },
        },
      }),
    );
    const result = await atTerminal(['--db', db, '--config', config, 'scrape']);
    expect(result.code).toBe(1);
    // No log lines on a terminal: the table, and one line saying every source failed.
    expect(result.stderr.trim().split('\n')).toEqual([
      'jobtrend: every source failed (greenhouse, lever): see the notes above',
    ]);
    const rows = result.stdout.trim().split('\n').slice(2);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(
      /^greenhouse\s+failed\s+0\s+0\s+0\s+0\s+0\s+\d+\s+cannot reach boards-api\.jobtrend-test\.invalid \(ENOTFOUND\)/,
    );
    expect(rows[1]).toMatch(
      new RegExp(`^lever\\s+failed\\s+.*cannot reach 127\\.0\\.0\\.1:${refusedPort} \\(ECONNREFUSED\\)`),
    );
    // Each reason once in all the output, however many requests the source had.
    expect(`${result.stdout}${result.stderr}`.match(/cannot reach/g)).toHaveLength(2);
    const handle = openDatabase(db, { readonly: true });
    try {
      // One request per host (its robots.txt), none retried (with the defaults' four retries the backoff alone
      // took 15 s per host); the boards and companies were never asked.
      expect(
        handle.prepare('SELECT source_id, requests, retries FROM scrape_runs ORDER BY source_id').all(),
      ).toEqual([
        { source_id: 'greenhouse', requests: 1, retries: 0 },
        { source_id: 'lever', requests: 1, retries: 0 },
      ]);
    } finally {
      handle.close();
    }
  });
});
