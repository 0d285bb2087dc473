// The sources table: one row per scraper (or imported dataset) that has ever written postings.
import type { Db } from './database.js';
import { setSourceLifetimes } from './observation-store.js';

export interface SourceRow {
  id: string;
  name: string;
  kind: 'api' | 'html' | 'browser' | 'import';
  base_url: string | null;
  /** Days a posting of this source stays listed (config sources.<id>.lifetimeDays); unchanged when absent. */
  lifetime_days?: number;
}

/** Inserts the source or refreshes its name, kind and base URL (and its posting lifetime when given). */
export function ensureSource(db: Db, source: SourceRow, now = new Date().toISOString()): void {
  const { lifetime_days: lifetime, ...row } = source;
  db.prepare(
    `INSERT INTO sources (id, name, kind, base_url, created_at) VALUES (@id, @name, @kind, @base_url, @now)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, base_url = excluded.base_url`,
  ).run({ ...row, now });
  if (lifetime !== undefined) setSourceLifetimes(db, { [source.id]: lifetime });
}
