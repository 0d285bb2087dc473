// The fetch layer against the local server: politeness (robots.txt, crawl-delay, rate limit), patience
// (retries, Retry-After), safety (caps, timeouts, blocks) and decoding (GBK, Big5, <meta> charsets).
import { createServer } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import iconv from 'iconv-lite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher, type EngineFetcher } from '../../src/fetch/create-fetcher.js';
import { BlockedError, NotRetryableError, RetryableError } from '../../src/fetch/errors.js';
import type { FetchSettings } from '../../src/fetch/fetch-settings.js';
import { openDatabase } from '../../src/store/database.js';
import { gaps, watchEventLoopLag } from '../support/event-loop-lag.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
const fetchers: EngineFetcher[] = [];

/** A fetcher with fast, test-sized defaults. */
function fetcher(
  settings: Partial<FetchSettings> = {},
  options: Parameters<typeof createFetcher>[1] = {},
): EngineFetcher {
  const f = createFetcher(
    { requestsPerMinute: 60_000, backoffBaseMs: 10, backoffMaxMs: 5_000, timeoutMs: 2_000, ...settings },
    { random: () => 0.5, env: {}, ...options },
  );
  fetchers.push(f);
  return f;
}

const pageRequests = (path: string) => server.requests.filter((r) => r.path === path);

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await Promise.all(fetchers.splice(0).map((f) => f.close()));
  server.faults(null);
});
afterAll(async () => {
  await server.close();
});

describe('robots.txt', () => {
  it('a path robots.txt disallows is never requested', async () => {
    server.route('/robots.txt', {
      body: 'User-agent: *\nDisallow: /private\n',
      headers: { 'content-type': 'text/plain' },
    });
    server.route('/private/jobs', { body: 'secret' });
    const f = fetcher();
    await expect(f.fetch(`${server.url}/private/jobs`)).rejects.toThrow(/robots\.txt disallows/);
    await expect(f.fetch(`${server.url}/private/jobs`)).rejects.toBeInstanceOf(NotRetryableError);
    expect(pageRequests('/private/jobs')).toHaveLength(0);
    expect(pageRequests('/robots.txt').length).toBeGreaterThanOrEqual(1);
  });

  it('a source configured with respectRobots: false may fetch a disallowed path', async () => {
    server.route('/robots.txt', { body: 'User-agent: *\nDisallow: /private\n' });
    server.route('/private/ok', { body: 'fine' });
    const page = await fetcher({}, { respectRobots: false }).fetch(`${server.url}/private/ok`);
    expect(page.text).toBe('fine');
  });

  it('a host that cannot be reached is reported as unreachable, not as a robots.txt refusal', async () => {
    // A port nobody listens on: the robots.txt request is refused, retried, then given up.
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const f = fetcher({ maxRetries: 1 });
    const failure = f.fetch(`http://127.0.0.1:${closed}/jobs`);
    await expect(failure).rejects.toBeInstanceOf(NotRetryableError);
    await expect(failure).rejects.toThrow(/cannot reach 127\.0\.0\.1:\d+ .*check the network/);
    await expect(failure).rejects.not.toThrow(/respectRobots/);
  });

  it('a crawl-delay spaces the requests to that host at least that far apart', async () => {
    const s = await startTestServer();
    try {
      s.route('/robots.txt', { body: 'User-agent: *\nCrawl-delay: 0.3\n' });
      s.route(/^\/delayed\//, { body: 'ok' });
      const f = fetcher({ perHostConcurrency: 3 });
      const lag = watchEventLoopLag();
      await Promise.all([1, 2, 3, 4].map((n) => f.fetch(`${s.url}/delayed/${n}`)));
      const lagMs = lag.stop();
      const times = s.requests.filter((r) => r.path.startsWith('/delayed/')).map((r) => r.at);
      expect(times).toHaveLength(4);
      // Less the event loop's worst delay: the server in this process may stamp one arrival late.
      for (const gap of gaps(times)) expect(gap).toBeGreaterThanOrEqual(280 - lagMs);
    } finally {
      await s.close();
    }
  });
});

describe('rate limits', () => {
  it('the measured request rate never exceeds the per-host limit, even with many requests in parallel', async () => {
    const s = await startTestServer();
    try {
      s.route('/robots.txt', { status: 404 });
      s.route(/^\/rate\//, { body: 'ok' });
      // 300 per minute = one every 200 ms: at most 5 in any second.
      const f = fetcher({ requestsPerMinute: 300, perHostConcurrency: 8, concurrency: 8 });
      await Promise.all(Array.from({ length: 12 }, (_, n) => f.fetch(`${s.url}/rate/${n}`)));
      const times = s.requests.map((r) => r.at).sort((a, b) => a - b);
      expect(times).toHaveLength(13);
      let worst = 0;
      for (const start of times)
        worst = Math.max(worst, times.filter((t) => t >= start && t < start + 1000).length);
      // Arrival times jitter a little on a busy machine: allow one request of slack, never a burst.
      expect(worst).toBeLessThanOrEqual(6);
      expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(12 * 200 * 0.9);
    } finally {
      await s.close();
    }
  });

  it('no more requests are in flight to one host than its concurrency allows', async () => {
    const s = await startTestServer();
    try {
      let inFlight = 0;
      let most = 0;
      s.route('/robots.txt', { status: 404 });
      s.route(/^\/busy-host\//, async () => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((r) => setTimeout(r, 150));
        inFlight--;
        return { body: 'ok' };
      });
      const f = fetcher({ perHostConcurrency: 2, concurrency: 8 });
      await Promise.all(Array.from({ length: 6 }, (_, n) => f.fetch(`${s.url}/busy-host/${n}`)));
      expect(most).toBe(2);
    } finally {
      await s.close();
    }
  });
});

describe('retries', () => {
  it('a 429 with Retry-After waits that long before trying again', async () => {
    let calls = 0;
    server.route('/busy', () =>
      ++calls === 1 ? { status: 429, headers: { 'retry-after': '1' }, body: 'slow down' } : { body: 'done' },
    );
    const f = fetcher();
    const page = await f.fetch(`${server.url}/busy`);
    expect(page.text).toBe('done');
    const [first, second] = pageRequests('/busy');
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
    expect(f.stats.retries).toBe(1);
  });

  it('5xx, connection resets and truncated bodies are retried until the page arrives', async () => {
    let calls = 0;
    server.route('/flaky', () => {
      calls++;
      if (calls === 1) return { status: 503, body: 'unavailable' };
      if (calls === 2) return 'reset';
      return { body: 'finally' };
    });
    const f = fetcher();
    expect((await f.fetch(`${server.url}/flaky`)).text).toBe('finally');
    expect(f.stats).toMatchObject({ retries: 2, errors: 2 });

    server.route('/cut', { body: 'x'.repeat(5000) });
    server.faults({ rate: 1, kinds: ['truncated'] });
    const cut = fetcher({ maxRetries: 2 });
    await expect(cut.fetch(`${server.url}/cut`)).rejects.toBeInstanceOf(RetryableError);
    expect(pageRequests('/cut')).toHaveLength(3);
    server.faults(null);
    expect((await cut.fetch(`${server.url}/cut`)).text).toHaveLength(5000);
  });

  it('a slow response times out and is retried; giving up after maxRetries says why', async () => {
    server.route('/slow', { body: 'late', delayMs: 1500 });
    const f = fetcher({ timeoutMs: 200, maxRetries: 1 });
    await expect(f.fetch(`${server.url}/slow`)).rejects.toThrow(/timed out after 200 ms/);
    expect(pageRequests('/slow')).toHaveLength(2);
    expect(f.stats.retries).toBe(1);
  });

  it('a 404 is not retried', async () => {
    const f = fetcher();
    await expect(f.fetch(`${server.url}/missing-page`)).rejects.toBeInstanceOf(NotRetryableError);
    expect(pageRequests('/missing-page')).toHaveLength(1);
  });
});

describe('blocks', () => {
  const verification =
    '<html><head><meta charset="UTF-8"><title>滑动验证页面</title></head><body><div id="nocaptcha"></div>请完成下方验证</body></html>';

  it('a verification page is a BlockedError, and the host is left alone afterwards (no hammering)', async () => {
    const s = await startTestServer();
    try {
      s.route('/robots.txt', { status: 404 });
      s.route(/^\/list/, { body: verification });
      const f = fetcher();
      await expect(f.fetch(`${s.url}/list?page=1`)).rejects.toBeInstanceOf(BlockedError);
      await expect(f.fetch(`${s.url}/list?page=2`)).rejects.toThrow(/backed off/);
      expect(s.requests.filter((r) => r.path.startsWith('/list'))).toHaveLength(1);
      expect(f.stats.retries).toBe(0);
    } finally {
      await s.close();
    }
  });

  it('with a database, each block in a row waits twice as long, and a page fetched afterwards clears it', async () => {
    const s = await startTestServer();
    const db = openDatabase(':memory:');
    try {
      let walled = true;
      s.route('/robots.txt', { status: 404 });
      s.route(/^\/list/, () => (walled ? { body: verification } : { body: '<p>jobs</p>' }));
      const host = new URL(s.url).host;
      const row = () =>
        db.prepare('SELECT strikes, blocked_at, until FROM host_blocks WHERE host = ?').get(host) as
          | { strikes: number; blocked_at: string; until: string }
          | undefined;
      const waitOf = (r: { blocked_at: string; until: string }) =>
        Date.parse(r.until) - Date.parse(r.blocked_at);
      const run = () => fetcher({ blockedBackoffMs: 150 }, { db }).fetch(`${s.url}/list`);
      const listed = () => s.requests.filter((r) => r.path.startsWith('/list')).length;

      await expect(run()).rejects.toBeInstanceOf(BlockedError);
      expect(row()).toMatchObject({ strikes: 1 });
      expect(waitOf(row()!)).toBe(150);
      // A new fetcher (the next run) on the same database does not ask again while the block lasts.
      await expect(run()).rejects.toThrow(/backed off until/);
      expect(listed()).toBe(1);

      await new Promise((resolve) => setTimeout(resolve, 200));
      await expect(run()).rejects.toBeInstanceOf(BlockedError);
      expect(listed()).toBe(2);
      expect(row()).toMatchObject({ strikes: 2 });
      expect(waitOf(row()!)).toBe(300);

      walled = false;
      await new Promise((resolve) => setTimeout(resolve, 350));
      expect((await run()).text).toBe('<p>jobs</p>');
      expect(row()).toBeUndefined();
    } finally {
      db.close();
      await s.close();
    }
  });

  it("BOSS直聘's code-37 JSON is a block", async () => {
    server.route('/wapi/joblist.json', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: 37, message: '您的环境存在异常.', zpData: {} }),
    });
    await expect(fetcher().fetchJson(`${server.url}/wapi/joblist.json`)).rejects.toThrow(/code 37/);
  });
});

describe('bodies', () => {
  it('a GBK page is decoded from its Content-Type, a GB2312 one from its <meta>, a Big5 one too', async () => {
    server.route('/gbk', {
      headers: { 'content-type': 'text/html; charset=GBK' },
      body: iconv.encode('<p>人工智能训练师 上海·浦东新区 8千-1.2万</p>', 'gbk'),
    });
    server.route('/meta', {
      headers: { 'content-type': 'text/html' },
      body: iconv.encode(
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>数据标注员</body></html>',
        'gb2312',
      ),
    });
    server.route('/big5', {
      headers: { 'content-type': 'text/html; charset=big5' },
      body: iconv.encode('資料標註 臺北', 'big5'),
    });
    const f = fetcher();
    expect((await f.fetch(`${server.url}/gbk`)).text).toContain('人工智能训练师 上海·浦东新区');
    expect((await f.fetch(`${server.url}/meta`)).text).toContain('数据标注员');
    expect((await f.fetch(`${server.url}/big5`)).text).toBe('資料標註 臺北');
  });

  it('a 200 that is not JSON is asked again once; a second one fails the request, saying what came', async () => {
    let served = 0;
    server.route('/flaky.json', () =>
      served++ === 0
        ? { body: '<html>502 Bad Gateway</html>', headers: { 'content-type': 'text/html' } }
        : { body: '{"jobs":[1,2]}', headers: { 'content-type': 'application/json' } },
    );
    const f = fetcher();
    expect(await f.fetchJson(`${server.url}/flaky.json`)).toEqual({ jobs: [1, 2] });
    expect(f.stats.retries).toBe(1);

    server.route('/never.json', { body: 'maintenance', headers: { 'content-type': 'text/plain' } });
    const g = fetcher();
    await expect(g.fetchJson(`${server.url}/never.json`)).rejects.toThrow(
      /response of .*\/never\.json is not JSON \(starts "maintenance"\)/,
    );
    expect(pageRequests('/never.json')).toHaveLength(2);
    expect(g.stats.retries).toBe(1);
  });

  it('a 200 that is not JSON is not kept in the HTTP cache, so the retry is not answered 304 with it', async () => {
    const db = openDatabase(':memory:');
    try {
      let served = 0;
      server.route('/cached.json', (req) =>
        req.headers['if-none-match'] === '"gateway"'
          ? { status: 304 }
          : served++ === 0
            ? {
                body: '<html>502 Bad Gateway</html>',
                headers: { etag: '"gateway"', 'content-type': 'text/html' },
              }
            : { body: '{"jobs":[3]}', headers: { etag: '"v2"', 'content-type': 'application/json' } },
      );
      const f = fetcher({}, { db });
      expect(await f.fetchJson(`${server.url}/cached.json`)).toEqual({ jobs: [3] });
      const [, retry] = pageRequests('/cached.json');
      expect(retry!.headers['if-none-match']).toBeUndefined();
      expect(db.prepare('SELECT etag FROM http_cache').pluck().all()).toEqual(['"v2"']);
    } finally {
      db.close();
    }
  });

  it('a body over the size cap is refused, not retried', async () => {
    server.route('/huge', { body: 'y'.repeat(50_000) });
    const f = fetcher({ maxBodyBytes: 10_000 });
    await expect(f.fetch(`${server.url}/huge`)).rejects.toThrow(/over the 10000-byte cap/);
    expect(pageRequests('/huge')).toHaveLength(1);
  });

  it('a second request sends If-None-Match and a 304 returns the cached body', async () => {
    const db = openDatabase(':memory:');
    try {
      server.route('/etag', (req) =>
        req.headers['if-none-match'] === '"v1"'
          ? { status: 304 }
          : {
              headers: { etag: '"v1"', 'content-type': 'text/html; charset=gbk' },
              body: iconv.encode('智联招聘 AI训练师', 'gbk'),
            },
      );
      const f = fetcher({}, { db });
      expect((await f.fetch(`${server.url}/etag`)).text).toBe('智联招聘 AI训练师');
      expect((await f.fetch(`${server.url}/etag`)).text).toBe('智联招聘 AI训练师');
      const [first, second] = pageRequests('/etag');
      expect(first!.headers['if-none-match']).toBeUndefined();
      expect(second!.headers['if-none-match']).toBe('"v1"');
      expect(second!.status).toBe(304);
    } finally {
      db.close();
    }
  });
});

describe('proxies', () => {
  it('HTTP_PROXY sends requests through the proxy', async () => {
    // A CONNECT proxy that sends every tunnel to the test server, whatever host was asked for.
    const tunnels: string[] = [];
    const proxy = createServer();
    proxy.on('connect', (req, client: Socket, head: Buffer) => {
      tunnels.push(req.url ?? '');
      const upstream = connect(Number(new URL(server.url).port), '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      server.route('/via-proxy', (req) => ({ body: `host=${req.headers.host}` }));
      const port = (proxy.address() as AddressInfo).port;
      const f = fetcher({}, { env: { HTTP_PROXY: `http://127.0.0.1:${port}` } });
      const page = await f.fetch('http://jobs.example.invalid/via-proxy');
      expect(page.text).toBe('host=jobs.example.invalid');
      expect(tunnels).toContain('jobs.example.invalid:80');
      await f.close();
    } finally {
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    }
  });
});
