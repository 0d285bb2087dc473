// Read-only queries behind `jobtrend health`: each source's latest finished scrape runs (imports left out)
// with what they stored, whether they met a block, and their field counts (run_field_counts).
import { snakeCase } from '../text/snake-case-keys.js';
import type { Db } from './database.js';

export interface RunRecord {
  run_id: number;
  source_id: string;
  started_at: string;
  status: string;
  postings_seen: number;
  error_summary: string | null;
  /** The site showed a verification page or a login wall (the run's summary starts "blocked:"). */
  blocked: boolean;
  /** Postings counted for the field shares (0 when the run recorded none, e.g. before migration 090). */
  postings_counted: number;
  /** Per field, how many of the counted postings had it. */
  fields: Record<string, number>;
}

/** Sources with at least one finished scrape run, by id. */
export function sourcesWithRuns(db: Db): string[] {
  return db
    .prepare(
      `SELECT DISTINCT source_id FROM scrape_runs
       WHERE status != 'running' AND coalesce(job_name, '') NOT LIKE 'import:%' ORDER BY source_id`,
    )
    .pluck()
    .all() as string[];
}

/**
 * The latest `limit` finished scrape runs of a source, oldest first, with their field counts (none when
 * `counted` is false: a database from before migration 090, opened read-only).
 */
export function recentRuns(db: Db, sourceId: string, limit: number, counted = true): RunRecord[] {
  const runs = db
    .prepare(
      `SELECT id AS run_id, source_id, started_at, status, postings_seen, error_summary
       FROM scrape_runs
       WHERE source_id = ? AND status != 'running' AND coalesce(job_name, '') NOT LIKE 'import:%'
       ORDER BY started_at DESC, id DESC LIMIT ?`,
    )
    .all(sourceId, limit) as Omit<RunRecord, 'blocked' | 'postings_counted' | 'fields'>[];
  const counts = counted
    ? db.prepare('SELECT field, present, postings FROM run_field_counts WHERE run_id = ?')
    : undefined;
  return runs.reverse().map((run) => {
    const rows = (counts?.all(run.run_id) ?? []) as { field: string; present: number; postings: number }[];
    return {
      ...run,
      blocked: /^blocked:/.test(run.error_summary ?? ''),
      postings_counted: rows[0]?.postings ?? 0,
      // Runs tallied before the source's own fields were named in snake_case read as the newer ones.
      fields: Object.fromEntries(rows.map((r) => [snakeCase(r.field), r.present])),
    };
  });
}
