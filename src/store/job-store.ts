// Scheduled-job bookkeeping in SQL: the job_locks row that lets one process at a time run a job (taken,
// renewed by heartbeat, taken over when stale, released), and job_runs, one row per execution of a job
// (trigger schedule|manual, status, a JSON summary). The policy of when a lock is stale is src/schedule/lock.ts.
import type { Db } from './database.js';

export interface JobLockRow {
  job_name: string;
  holder: string;
  pid: number | null;
  host: string | null;
  acquired_at: string;
  heartbeat_at: string;
  expires_at: string;
}

export type JobRunTrigger = 'schedule' | 'manual';
export type JobRunStatus = 'running' | 'ok' | 'partial' | 'failed' | 'interrupted' | 'skipped';

export interface JobRunRow {
  id: number;
  job_name: string;
  trigger: JobRunTrigger;
  started_at: string;
  finished_at: string | null;
  status: JobRunStatus;
  summary: string | null;
}

export function readJobLock(db: Db, jobName: string): JobLockRow | undefined {
  return db.prepare('SELECT * FROM job_locks WHERE job_name = ?').get(jobName) as JobLockRow | undefined;
}

/** Inserts the lock if nobody holds it; true when this call took it. */
export function insertJobLock(db: Db, lock: JobLockRow): boolean {
  const result = db
    .prepare(
      `INSERT INTO job_locks (job_name, holder, pid, host, acquired_at, heartbeat_at, expires_at)
       VALUES (@job_name, @holder, @pid, @host, @acquired_at, @heartbeat_at, @expires_at)
       ON CONFLICT (job_name) DO NOTHING`,
    )
    .run(lock);
  return result.changes === 1;
}

/**
 * Replaces the lock held by `previousHolder` (compare and swap: if someone else took it meanwhile,
 * nothing changes). True when this call took it.
 */
export function takeOverJobLock(db: Db, previousHolder: string, lock: JobLockRow): boolean {
  const result = db
    .prepare(
      `UPDATE job_locks SET holder = @holder, pid = @pid, host = @host, acquired_at = @acquired_at,
         heartbeat_at = @heartbeat_at, expires_at = @expires_at
       WHERE job_name = @job_name AND holder = @previous`,
    )
    .run({ ...lock, previous: previousHolder });
  return result.changes === 1;
}

/** Extends a lock this holder still has; false when it was lost (taken over after it expired). */
export function renewJobLock(
  db: Db,
  jobName: string,
  holder: string,
  heartbeatAt: string,
  expiresAt: string,
): boolean {
  const result = db
    .prepare('UPDATE job_locks SET heartbeat_at = ?, expires_at = ? WHERE job_name = ? AND holder = ?')
    .run(heartbeatAt, expiresAt, jobName, holder);
  return result.changes === 1;
}

/** Removes the lock if this holder has it; false when it did not. */
export function releaseJobLock(db: Db, jobName: string, holder: string): boolean {
  return (
    db.prepare('DELETE FROM job_locks WHERE job_name = ? AND holder = ?').run(jobName, holder).changes === 1
  );
}

export interface StartJobRunOptions {
  jobName: string;
  trigger: JobRunTrigger;
  startedAt: string;
}

export function startJobRun(db: Db, options: StartJobRunOptions): number {
  return Number(
    db
      .prepare(`INSERT INTO job_runs (job_name, trigger, started_at, status) VALUES (?, ?, ?, 'running')`)
      .run(options.jobName, options.trigger, options.startedAt).lastInsertRowid,
  );
}

export interface FinishJobRunOptions {
  status: Exclude<JobRunStatus, 'running'>;
  finishedAt: string;
  summary: unknown;
}

export function finishJobRun(db: Db, id: number, options: FinishJobRunOptions): void {
  db.prepare('UPDATE job_runs SET status = ?, finished_at = ?, summary = ? WHERE id = ?').run(
    options.status,
    options.finishedAt,
    JSON.stringify(options.summary),
    id,
  );
}

/** A tick that did not run (still running, or held by another process): recorded so gaps are explained. */
export function recordSkippedJobRun(
  db: Db,
  options: {
    jobName: string;
    trigger: JobRunTrigger;
    at: string;
    reason: string;
    detail?: Record<string, unknown>;
  },
): number {
  return Number(
    db
      .prepare(
        `INSERT INTO job_runs (job_name, trigger, started_at, finished_at, status, summary)
         VALUES (?, ?, ?, ?, 'skipped', ?)`,
      )
      .run(
        options.jobName,
        options.trigger,
        options.at,
        options.at,
        JSON.stringify({ reason: options.reason, ...options.detail }),
      ).lastInsertRowid,
  );
}

/**
 * Runs of `jobName` still marked running when their lock has just been taken by someone else: their
 * process died (a lock is held for as long as a run is running), so they become interrupted.
 */
export function interruptAbandonedJobRuns(db: Db, jobName: string, finishedAt: string): number {
  return db
    .prepare(
      `UPDATE job_runs SET status = 'interrupted', finished_at = ?,
         summary = coalesce(summary, '{"reason":"the process running the job ended without finishing it"}')
       WHERE job_name = ? AND status = 'running'`,
    )
    .run(finishedAt, jobName).changes;
}

export function listJobRuns(db: Db, jobName?: string): JobRunRow[] {
  return (
    jobName
      ? db.prepare('SELECT * FROM job_runs WHERE job_name = ? ORDER BY id').all(jobName)
      : db.prepare('SELECT * FROM job_runs ORDER BY id').all()
  ) as JobRunRow[];
}

export interface JobRunSummaryRow {
  job_name: string;
  /** The last execution that was not skipped. */
  last_run: JobRunRow | null;
  /** The last skipped tick, if it came after the last run. */
  last_skip: JobRunRow | null;
  lock: JobLockRow | null;
}

/** For `jobtrend status`: per job that ever ran or holds a lock, its last run, last skip and lock. */
export function readJobSummaries(db: Db): JobRunSummaryRow[] {
  const names = db
    .prepare('SELECT job_name FROM job_runs UNION SELECT job_name FROM job_locks ORDER BY job_name')
    .pluck()
    .all() as string[];
  const lastRun = db.prepare(
    `SELECT * FROM job_runs WHERE job_name = ? AND status != 'skipped' ORDER BY id DESC LIMIT 1`,
  );
  const lastSkip = db.prepare(
    `SELECT * FROM job_runs WHERE job_name = ? AND status = 'skipped' AND id > ? ORDER BY id DESC LIMIT 1`,
  );
  return names.map((name) => {
    const run = (lastRun.get(name) as JobRunRow | undefined) ?? null;
    return {
      job_name: name,
      last_run: run,
      last_skip: (lastSkip.get(name, run?.id ?? 0) as JobRunRow | undefined) ?? null,
      lock: readJobLock(db, name) ?? null,
    };
  });
}
