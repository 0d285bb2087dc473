// Conditional requests: the validators (ETag, Last-Modified) a server gave for a URL are sent again, and a
// 304 Not Modified is answered with the body kept in the http_cache table. Only plain GETs are cached, and
// only with a database. The SQL is the store's (http-cache-store.ts); this decides when to use it.
import type { Db } from '../store/database.js';
import {
  type CachedResponse,
  forgetCachedResponse,
  readCachedResponse,
  touchCachedResponse,
  writeCachedResponse,
} from '../store/http-cache-store.js';

export class HttpCache {
  constructor(private readonly db: Db | undefined) {}

  /** The cached response of a request, when this kind of request is cached and one is kept. */
  lookup(url: string, method: string, body: string | undefined): CachedResponse | undefined {
    if (!this.db || method !== 'GET' || body) return undefined;
    return readCachedResponse(this.db, url);
  }

  /** Request headers that ask for the body only if it changed. */
  validators(cached: CachedResponse | undefined): Record<string, string> {
    const headers: Record<string, string> = {};
    if (cached?.etag) headers['if-none-match'] = cached.etag;
    if (cached?.lastModified) headers['if-modified-since'] = cached.lastModified;
    return headers;
  }

  /** A 304 confirmed the cached body. */
  confirmed(url: string): void {
    if (this.db) touchCachedResponse(this.db, url);
  }

  /** Keeps a 200's body when the server gave validators for it. */
  remember(
    url: string,
    method: string,
    body: string | undefined,
    response: { etag: string | null; lastModified: string | null; contentType: string | null; bytes: Buffer },
  ): void {
    if (!this.db || method !== 'GET' || body) return;
    if (!response.etag && !response.lastModified) return;
    writeCachedResponse(this.db, {
      url,
      etag: response.etag,
      lastModified: response.lastModified,
      contentType: response.contentType,
      body: response.bytes,
    });
  }

  /** Drops a URL's entry: its body turned out not to be what the caller asked for. */
  forget(url: string): void {
    if (this.db) forgetCachedResponse(this.db, url);
  }
}
