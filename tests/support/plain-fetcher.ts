// A bare Fetcher for scraper unit tests: plain fetch, charset decoding, no politeness, no retries. The
// engine's real fetcher (src/fetch) is tested on its own; this lets a scraper's paging be tested alone.
import iconv from 'iconv-lite';
import { BlockedError, NotRetryableError, RetryableError } from '../../src/fetch/errors.js';
import type { BrowsedPage, FetchedPage, Fetcher, FetchInit } from '../../src/fetch/fetch-types.js';

export function plainFetcher(
  options: { browse?: (url: string) => Promise<BrowsedPage> } = {},
): Fetcher & { urls: string[] } {
  const urls: string[] = [];
  async function get(url: string, init: FetchInit = {}): Promise<FetchedPage> {
    urls.push(url);
    const response = await fetch(url, {
      method: init.method ?? 'GET',
      headers: init.headers,
      body: init.body,
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    const type = response.headers.get('content-type') ?? '';
    const charset =
      /charset=([\w-]+)/i.exec(type)?.[1] ??
      /<meta[^>]+charset=["']?([\w-]+)/i.exec(bytes.subarray(0, 2048).toString('latin1'))?.[1] ??
      'utf-8';
    const text = iconv.decode(bytes, iconv.encodingExists(charset) ? charset : 'utf-8');
    if (response.status === 429 || response.status >= 500)
      throw new RetryableError(`HTTP ${response.status}`, url, undefined, response.status);
    if (response.status === 403 && /captcha|验证/i.test(text))
      throw new BlockedError('blocked: verification page', url);
    if (response.status >= 400 && !init.acceptClientErrors)
      throw new NotRetryableError(`HTTP ${response.status}`, url);
    return {
      url: response.url || url,
      status: response.status,
      headers: Object.fromEntries(response.headers),
      text,
    };
  }
  return {
    urls,
    fetch: get,
    async fetchJson<T>(url: string, init?: FetchInit): Promise<T> {
      const page = await get(url, init);
      try {
        return JSON.parse(page.text) as T;
      } catch {
        throw new NotRetryableError(`response of ${url} is not JSON`, url);
      }
    },
    browse:
      options.browse ??
      (async (url) => {
        throw new NotRetryableError('this test fetcher has no browser', url);
      }),
  };
}
