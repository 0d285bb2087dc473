// One HTTP attempt: the answer turned into a page or a typed failure, and the conditional-request cache
// used only where it may be.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BlockedError,
  HostUnreachableError,
  NotRetryableError,
  RetryableError,
} from '../../src/fetch/errors.js';
import { createHttpAttempt } from '../../src/fetch/http-attempt.js';
import { HttpCache } from '../../src/fetch/http-cache.js';
import { openDatabase } from '../../src/store/database.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
const dispatcher = new Agent();
const attempt = createHttpAttempt(
  { userAgent: 'jobtrend-test', timeoutMs: 2_000, maxBodyBytes: 1_000 },
  dispatcher,
  new HttpCache(undefined),
);
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
  await dispatcher.close();
});

describe('one HTTP attempt', () => {
  it('maps statuses: 429 and 5xx retryable with the Retry-After, other 4xx not, or handed back when asked', async () => {
    server.route('/busy', { status: 429, headers: { 'retry-after': '7' }, body: 'slow down' });
    server.route('/gone', { status: 404, body: 'no' });
    const busy = await attempt(`${server.url}/busy`, {}, undefined).catch((e) => e);
    expect(busy).toBeInstanceOf(RetryableError);
    expect(busy).toMatchObject({ retryAfterMs: 7000, status: 429 });
    await expect(attempt(`${server.url}/gone`, {}, undefined)).rejects.toBeInstanceOf(NotRetryableError);
    const page = await attempt(`${server.url}/gone`, { acceptClientErrors: true }, undefined);
    expect(page).toMatchObject({ status: 404, text: 'no' });
  });

  it('a verification page is a block; a body over the cap is refused', async () => {
    server.route('/wall', { body: '<title>滑动验证页面</title><div id="nocaptcha"></div>' });
    server.route('/big', { body: 'x'.repeat(5_000) });
    await expect(attempt(`${server.url}/wall`, {}, undefined)).rejects.toBeInstanceOf(BlockedError);
    await expect(attempt(`${server.url}/big`, {}, undefined)).rejects.toThrow(/over the 1000-byte cap/);
  });

  it('follows redirects to the page they lead to, and judges a redirect to a login page a block', async () => {
    server.route('/moved', { status: 301, headers: { location: '/here' } });
    server.route('/here', { body: '<p>the page</p>' });
    server.route('/see-other', { status: 303, headers: { location: '/here' } });
    server.route('/members', { status: 302, headers: { location: '/login?next=/members' } });
    server.route('/login', { body: '<form>sign in</form>' });
    const moved = await attempt(`${server.url}/moved`, {}, undefined);
    expect(moved).toMatchObject({ url: `${server.url}/here`, status: 200, text: '<p>the page</p>' });
    // A 303 asks for the page it names with a GET, whatever the first request was.
    const posted = await attempt(`${server.url}/see-other`, { method: 'POST', body: 'q=1' }, undefined);
    expect(posted.url).toBe(`${server.url}/here`);
    expect(server.requests.at(-1)).toMatchObject({ method: 'GET', path: '/here' });
    await expect(attempt(`${server.url}/members`, {}, undefined)).rejects.toBeInstanceOf(BlockedError);
  });

  it('asks for compressed bodies and reads gzip, deflate and brotli ones; a body over the cap once inflated is refused', async () => {
    const page = '<p>招聘 AI 训练师</p>';
    const encoded = { gzip: gzipSync(page), deflate: deflateSync(page), br: brotliCompressSync(page) };
    for (const [coding, body] of Object.entries(encoded)) {
      server.route(`/packed-${coding}`, { headers: { 'content-encoding': coding }, body });
      const read = await attempt(`${server.url}/packed-${coding}`, {}, undefined);
      expect(read.text).toBe(page);
    }
    expect(server.requests.at(-1)?.headers['accept-encoding']).toMatch(/gzip/);
    // 5,000 bytes inflated from far fewer on the wire: still over the 1,000-byte cap.
    server.route('/bomb', { headers: { 'content-encoding': 'gzip' }, body: gzipSync('x'.repeat(5_000)) });
    await expect(attempt(`${server.url}/bomb`, {}, undefined)).rejects.toThrow(/over the 1000-byte cap/);
  });

  it('a name that does not resolve and a refused connection are an unreachable host, not a passing fault', async () => {
    const refused = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const noName = await attempt('http://jobs.jobtrend-test.invalid/x', {}, undefined).catch((e) => e);
    expect(noName).toBeInstanceOf(HostUnreachableError);
    expect(noName.message).toMatch(
      /^cannot reach jobs\.jobtrend-test\.invalid \((ENOTFOUND|EAI_AGAIN)\): check the network connection and proxy settings/,
    );
    const noAnswer = await attempt(`http://127.0.0.1:${refused}/x`, {}, undefined).catch((e) => e);
    expect(noAnswer).toBeInstanceOf(HostUnreachableError);
    expect(noAnswer.message).toMatch(/\(ECONNREFUSED\)/);
  });

  it('the cache is asked only for plain GETs with a database, and keeps only bodies with validators', () => {
    const db = openDatabase(':memory:');
    try {
      const cache = new HttpCache(db);
      const bytes = Buffer.from('<p>jobs</p>');
      cache.remember('https://a.test/x', 'GET', undefined, {
        etag: null,
        lastModified: null,
        contentType: null,
        bytes,
      });
      expect(cache.lookup('https://a.test/x', 'GET', undefined)).toBeUndefined();
      cache.remember('https://a.test/x', 'GET', undefined, {
        etag: '"v1"',
        lastModified: null,
        contentType: 'text/html',
        bytes,
      });
      const cached = cache.lookup('https://a.test/x', 'GET', undefined);
      expect(cache.validators(cached)).toEqual({ 'if-none-match': '"v1"' });
      expect(cache.lookup('https://a.test/x', 'POST', undefined)).toBeUndefined();
      expect(new HttpCache(undefined).lookup('https://a.test/x', 'GET', undefined)).toBeUndefined();
      cache.forget('https://a.test/x');
      expect(cache.lookup('https://a.test/x', 'GET', undefined)).toBeUndefined();
    } finally {
      db.close();
    }
  });
});
