// The Chromium pool, driven for real: a page that builds its list from an XHR JSON response is read
// through the browser, the JSON is captured, images are never downloaded, and everything is closed.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBrowserPool } from '../../src/browser/browser-pool.js';
import { findChromium } from '../../src/browser/find-chromium.js';
import { createFetcher } from '../../src/fetch/create-fetcher.js';
import { BlockedError } from '../../src/fetch/errors.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const SPA = `<!doctype html><html><head><meta charset="utf-8"><title>岗位列表</title></head><body>
<img src="/logo.png"><ul id="jobs"></ul>
<script>
  fetch('/api/joblist.json?page=1').then((r) => r.json()).then((data) => {
    const list = document.getElementById('jobs');
    for (const job of data.jobs) {
      const li = document.createElement('li');
      li.className = 'job';
      li.textContent = job.title + ' · ' + job.city;
      list.appendChild(li);
    }
  });
</script></body></html>`;

const JOBS = {
  code: 0,
  jobs: [
    { id: 'j1', title: 'AI训练师', city: '上海' },
    { id: 'j2', title: '数据标注员', city: '杭州' },
  ],
};

let chromiumPath: string | undefined;
try {
  chromiumPath = findChromium();
} catch {
  chromiumPath = undefined;
}

describe('finding Chromium', () => {
  it('JOBTREND_CHROMIUM wins, and no browser at all is one clear line', () => {
    expect(findChromium({ env: { JOBTREND_CHROMIUM: process.execPath } })).toBe(process.execPath);
    expect(() => findChromium({ env: { JOBTREND_CHROMIUM: '/no/such/chromium' } })).toThrow(
      /JOBTREND_CHROMIUM points to/,
    );
    expect(() => findChromium({ env: {}, usePlaywright: false, systemPaths: ['/no/such/chromium'] })).toThrow(
      /install Chromium \(apt-get install chromium\), or set JOBTREND_CHROMIUM/,
    );
    const system = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p));
    if (system) expect(findChromium({ env: {}, usePlaywright: false })).toBe(system);
  });
});

describe.skipIf(!chromiumPath)('the Chromium pool', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    server.route('/robots.txt', { status: 404 });
    server.route('/spa', { body: SPA });
    server.route('/api/joblist.json', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(JOBS),
      delayMs: 100,
    });
    server.route('/logo.png', { headers: { 'content-type': 'image/png' }, body: Buffer.alloc(10) });
    server.route('/verify', {
      body: '<html><head><title>安全验证</title></head><body>请完成下方验证</body></html>',
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('a JS-rendered page is read through real Chromium, with its XHR JSON captured and images blocked', async () => {
    const pool = createBrowserPool({ maxPages: 2, timeoutMs: 20_000 });
    try {
      const page = await pool.browse(`${server.url}/spa`, {
        captureResponses: (url) => url.includes('/api/joblist'),
        waitForSelector: 'li.job',
      });
      expect(page.html).toContain('AI训练师 · 上海');
      expect(page.responses).toHaveLength(1);
      expect(JSON.parse(page.responses[0]!.body)).toEqual(JOBS);
      expect(page.responses[0]!.contentType).toContain('application/json');
      expect(server.requests.some((r) => r.path === '/logo.png')).toBe(false);
      expect(pool.openPages()).toBe(0);
    } finally {
      await pool.close();
    }
  });

  it('waiting for a response that a verification page never requests is a block, found without waiting it out', async () => {
    const fetcher = createFetcher(
      { requestsPerMinute: 6000 },
      { browser: { maxPages: 1, timeoutMs: 20_000 }, env: {} },
    );
    try {
      const started = Date.now();
      await expect(
        fetcher.browse(`${server.url}/verify`, {
          captureResponses: (url) => url.includes('/api/joblist'),
          waitForCapture: true,
        }),
      ).rejects.toBeInstanceOf(BlockedError);
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(server.requests.filter((r) => r.path === '/verify')).toHaveLength(1);
    } finally {
      await fetcher.close();
    }
  });

  it('through the fetcher, browse() waits for the captured response and a verification page is a block', async () => {
    const fetcher = createFetcher(
      { requestsPerMinute: 6000 },
      { browser: { maxPages: 1, timeoutMs: 20_000 }, env: {} },
    );
    try {
      const page = await fetcher.browse(`${server.url}/spa`, {
        captureResponses: (url) => url.includes('/api/joblist'),
        waitForCapture: true,
      });
      expect(JSON.parse(page.responses[0]!.body).jobs).toHaveLength(2);
      const before = server.requests.filter((r) => r.path === '/verify').length;
      await expect(fetcher.browse(`${server.url}/verify`)).rejects.toBeInstanceOf(BlockedError);
      expect(server.requests.filter((r) => r.path === '/verify')).toHaveLength(before + 1);
    } finally {
      await fetcher.close();
    }
  });
});
