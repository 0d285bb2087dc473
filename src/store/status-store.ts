// Read-only summaries of the database for `jobtrend status`.
import type { Db } from './database.js';
import { type HostBlock, listHostBlocks } from './host-block-store.js';
import { schemaVersion } from './migrate.js';
import { shownStatusSql } from './run-liveness.js';

export interface LastRun {
  source_id: string;
  status: string;
  started_at: string;
  finished_at: string | null;
  postings_new: number;
  error_summary: string | null;
}

export interface StoreStatus {
  schema_version: number;
  tables: { table: string; rows: number }[];
  last_runs: LastRun[];
  /** Hosts the scrapers are leaving alone now, after a verification page or a login wall. */
  host_blocks: HostBlock[];
}

export function readStatus(db: Db, now = new Date()): StoreStatus {
  const tables = db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
         AND name NOT LIKE 'postings_fts_%' AND name != 'postings_fts' ORDER BY name`,
    )
    .pluck()
    .all() as string[];
  const hasRuns = tables.includes('scrape_runs');
  return {
    schema_version: schemaVersion(db),
    // Table names come from sqlite_master, not from the user; quoting keeps odd names safe anyway.
    tables: tables.map((table) => ({
      table,
      rows: Number(
        db
          .prepare(`SELECT count(*) FROM "${table.replaceAll('"', '""')}"`)
          .pluck()
          .get(),
      ),
    })),
    last_runs: hasRuns
      ? (db
          .prepare(
            // A run whose process is gone shows as interrupted at once, not as running.
            `SELECT r.source_id, ${shownStatusSql(db, 'r')} AS status, r.started_at, r.finished_at, r.postings_new,
                    r.error_summary
             FROM scrape_runs r
             WHERE r.id = (SELECT max(id) FROM scrape_runs WHERE source_id = r.source_id)
             ORDER BY r.source_id`,
          )
          .all() as LastRun[])
      : [],
    host_blocks: listHostBlocks(db, now),
  };
}
