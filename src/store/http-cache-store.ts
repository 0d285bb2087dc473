// The fetch layer's conditional-request cache (table http_cache): per URL the validators a server gave
// (ETag, Last-Modified) and the body, gzip-compressed, so a 304 Not Modified can be answered from here.
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Db } from './database.js';

export interface CachedResponse {
  url: string;
  etag: string | null;
  lastModified: string | null;
  contentType: string | null;
  body: Buffer;
  fetchedAt: string;
}

interface CacheRow {
  url: string;
  etag: string | null;
  last_modified: string | null;
  content_type: string | null;
  body_gzip: Buffer | null;
  fetched_at: string;
}

export function readCachedResponse(db: Db, url: string): CachedResponse | undefined {
  const row = db
    .prepare(
      'SELECT url, etag, last_modified, content_type, body_gzip, fetched_at FROM http_cache WHERE url = ?',
    )
    .get(url) as CacheRow | undefined;
  if (!row?.body_gzip || (!row.etag && !row.last_modified)) return undefined;
  return {
    url: row.url,
    etag: row.etag,
    lastModified: row.last_modified,
    contentType: row.content_type,
    body: gunzipSync(row.body_gzip),
    fetchedAt: row.fetched_at,
  };
}

export function writeCachedResponse(
  db: Db,
  response: Omit<CachedResponse, 'fetchedAt'> & { fetchedAt?: string },
): void {
  db.prepare(
    `INSERT INTO http_cache (url, etag, last_modified, content_type, body_gzip, fetched_at)
     VALUES (@url, @etag, @last_modified, @content_type, @body_gzip, @fetched_at)
     ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
       content_type = excluded.content_type, body_gzip = excluded.body_gzip, fetched_at = excluded.fetched_at`,
  ).run({
    url: response.url,
    etag: response.etag,
    last_modified: response.lastModified,
    content_type: response.contentType,
    body_gzip: gzipSync(response.body),
    fetched_at: response.fetchedAt ?? new Date().toISOString(),
  });
}

/** Drops a URL's entry: its body turned out not to be what the caller asked for (fetchJson). */
export function forgetCachedResponse(db: Db, url: string): void {
  db.prepare('DELETE FROM http_cache WHERE url = ?').run(url);
}

/** Marks a cached entry as confirmed fresh by a 304. */
export function touchCachedResponse(db: Db, url: string, fetchedAt = new Date().toISOString()): void {
  db.prepare('UPDATE http_cache SET fetched_at = ? WHERE url = ?').run(fetchedAt, url);
}
