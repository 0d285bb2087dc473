// What `jobtrend status` says about scheduled jobs: for each job in the config (and each job the database
// remembers), its schedule, last run and result, the last skipped tick, whether it is running now (its
// lock), and its next run time. A run whose process is gone (its lock expired, or its holder's pid dead on
// this host) shows as interrupted at once, not as running.

import { type Job, systemTimeZone } from '../config/job-config.js';
import type { Db } from '../store/database.js';
import { type JobLockRow, type JobRunRow, readJobSummaries } from '../store/job-store.js';
import { nextRunOf } from './daemon.js';
import { staleReason } from './lock.js';

export interface JobStatusRun {
  id: number;
  trigger: string;
  status: string;
  started_at: string;
  finished_at: string | null;
  summary: unknown;
}

export interface JobStatus {
  name: string;
  /** False for a job the database remembers but the config no longer has. */
  configured: boolean;
  enabled: boolean;
  cron: string | null;
  timezone: string | null;
  last_run: JobStatusRun | null;
  last_skip: JobStatusRun | null;
  /** The lock, while a process runs the job. */
  running: { holder: string; since: string; expires_at: string } | null;
  /** When the daemon will next run it (null when disabled or not configured). */
  next_run: string | null;
}

export function readJobStatuses(db: Db, jobs: Job[], now = new Date()): JobStatus[] {
  const stored = new Map(readJobSummaries(db).map((s) => [s.job_name, s]));
  const names = [...new Set([...jobs.map((j) => j.name), ...stored.keys()])];
  return names.map((name) => {
    const job = jobs.find((j) => j.name === name);
    const summary = stored.get(name);
    const timezone = job ? (job.timezone ?? systemTimeZone()) : null;
    // A lock is held for as long as its job runs: without a live one, a run marked running was abandoned.
    const lock = summary?.lock && staleReason(summary.lock, now) === null ? summary.lock : null;
    const lastRun = summary?.last_run ?? null;
    const shownRun =
      lastRun?.status === 'running' && !lock ? { ...lastRun, status: 'interrupted' as const } : lastRun;
    return {
      name,
      configured: Boolean(job),
      enabled: job?.enabled ?? false,
      cron: job?.cron ?? null,
      timezone,
      last_run: toRun(shownRun),
      last_skip: toRun(summary?.last_skip ?? null),
      running: toRunning(lock),
      next_run: job?.enabled ? (nextRunOf(job.cron, timezone ?? undefined)?.toISOString() ?? null) : null,
    };
  });
}

function toRun(row: JobRunRow | null): JobStatusRun | null {
  if (!row) return null;
  return {
    id: row.id,
    trigger: row.trigger,
    status: row.status,
    started_at: row.started_at,
    finished_at: row.finished_at,
    summary: parseSummary(row.summary),
  };
}

function toRunning(lock: JobLockRow | null): JobStatus['running'] {
  return lock ? { holder: lock.holder, since: lock.acquired_at, expires_at: lock.expires_at } : null;
}

function parseSummary(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** One short line per job's last result, for the status table: "ok, 12 new" or "skipped: locked". */
export function describeJobResult(run: JobStatusRun | null): string {
  if (!run) return 'never run';
  const summary = (run.summary ?? {}) as {
    postings_new?: number;
    reason?: string;
    error?: string;
    sources?: { status: string }[];
  };
  const parts = [run.status];
  if (typeof summary.postings_new === 'number') parts.push(`${summary.postings_new} new`);
  const failed = summary.sources?.filter((s) => s.status !== 'ok').length ?? 0;
  if (failed > 0) parts.push(`${failed} of ${summary.sources?.length} scrapes not ok`);
  if (summary.reason) parts.push(summary.reason);
  if (summary.error) parts.push(summary.error);
  return parts.join(', ');
}

/** Rows for the text table of `jobtrend status`. */
export function jobStatusRows(statuses: JobStatus[]): Record<string, unknown>[] {
  return statuses.map((s) => ({
    job: s.name,
    schedule: s.cron ? `${s.cron} (${s.timezone})${s.enabled ? '' : ' disabled'}` : 'not in config',
    last_run: s.last_run ? `${s.last_run.started_at} ${s.last_run.trigger}` : '',
    result: s.running ? `running since ${s.running.since}` : describeJobResult(s.last_run),
    next_run: s.next_run ?? '',
  }));
}
