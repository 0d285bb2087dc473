// Run bookkeeping in scrape_runs: the coverage record that analysis relies on. A run is opened before the
// first request, its counters are written with every stored page (so a killed process leaves honest
// numbers), and it is closed with a status: ok, partial, failed or interrupted.
import { hostname } from 'node:os';
import type { Db } from './database.js';

export type RunStatus = 'running' | 'ok' | 'partial' | 'failed' | 'interrupted';

export interface RunCounters {
  pages_fetched: number;
  requests: number;
  retries: number;
  postings_seen: number;
  postings_new: number;
  postings_updated: number;
  error_count: number;
}

/** Counters of a run that has done nothing yet. */
export function emptyRunCounters(): RunCounters {
  return {
    pages_fetched: 0,
    requests: 0,
    retries: 0,
    postings_seen: 0,
    postings_new: 0,
    postings_updated: 0,
    error_count: 0,
  };
}

export interface StartRunOptions {
  sourceId: string;
  jobName?: string | null;
  query?: string | null;
  city?: string | null;
  startedAt?: string;
}

export function startRun(db: Db, options: StartRunOptions): number {
  const now = options.startedAt ?? new Date().toISOString();
  return Number(
    db
      .prepare(
        `INSERT INTO scrape_runs (source_id, job_name, query, city, started_at, heartbeat_at, pid, status)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'running')`,
      )
      .run(
        options.sourceId,
        options.jobName ?? null,
        options.query ?? null,
        options.city ?? null,
        now,
        now,
        process.pid,
      ).lastInsertRowid,
  );
}

/** Writes the counters so far (call inside the page's transaction to keep them consistent with the rows). */
export function recordRunProgress(
  db: Db,
  runId: number,
  counters: RunCounters,
  now = new Date().toISOString(),
): void {
  db.prepare(
    `UPDATE scrape_runs SET pages_fetched = @pages_fetched, requests = @requests, retries = @retries,
       postings_seen = @postings_seen, postings_new = @postings_new, postings_updated = @postings_updated,
       error_count = @error_count, heartbeat_at = @now WHERE id = @id`,
  ).run({ ...counters, now, id: runId });
}

export interface FinishRunOptions {
  status: Exclude<RunStatus, 'running'>;
  counters: RunCounters;
  errorSummary?: string | null;
  finishedAt?: string;
  /**
   * Dates the run looked at the source (an import's stated collection dates); default the days from start to
   * finish. With `coverageAssumed`, the span of the data's posting dates, taken as a continuous log.
   */
  coverageFrom?: string | null;
  coverageTo?: string | null;
  coverageAssumed?: boolean;
}

export function finishRun(db: Db, runId: number, options: FinishRunOptions): void {
  const now = options.finishedAt ?? new Date().toISOString();
  db.prepare(
    `UPDATE scrape_runs SET status = @status, finished_at = @now, heartbeat_at = @now,
       pages_fetched = @pages_fetched, requests = @requests, retries = @retries,
       postings_seen = @postings_seen, postings_new = @postings_new, postings_updated = @postings_updated,
       error_count = @error_count, error_summary = @summary,
       coverage_from = coalesce(@from, coverage_from), coverage_to = coalesce(@to, coverage_to),
       coverage_assumed = coalesce(@assumed, coverage_assumed)
     WHERE id = @id`,
  ).run({
    ...options.counters,
    status: options.status,
    now,
    summary: options.errorSummary?.slice(0, 500) ?? null,
    from: options.coverageFrom ?? null,
    to: options.coverageTo ?? null,
    assumed: options.coverageAssumed === undefined ? null : options.coverageAssumed ? 1 : 0,
    id: runId,
  });
}

/**
 * Runs left 'running' by a process that no longer exists (killed, crashed, power lost) become
 * 'interrupted'. A run of a live process on this host is left alone; on another host, one whose
 * heartbeat is older than `staleAfterMs`.
 */
export function recoverAbandonedRuns(db: Db, staleAfterMs = 15 * 60_000, now = new Date()): number {
  const rows = db.prepare(`SELECT id, pid, heartbeat_at FROM scrape_runs WHERE status = 'running'`).all() as {
    id: number;
    pid: number | null;
    heartbeat_at: string | null;
  }[];
  const mark = db.prepare(
    `UPDATE scrape_runs SET status = 'interrupted', finished_at = coalesce(heartbeat_at, started_at),
       error_summary = coalesce(error_summary, 'process ended without finishing the run') WHERE id = ?`,
  );
  let count = 0;
  for (const row of rows) {
    const stale = row.heartbeat_at ? now.getTime() - Date.parse(row.heartbeat_at) > staleAfterMs : true;
    const dead = row.pid !== null && row.pid !== process.pid && !processAlive(row.pid);
    if (dead || stale) {
      mark.run(row.id);
      count++;
    }
  }
  return count;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export const thisHost = (): string => hostname();
