// The shapes a job run is made of: what the job's operations (the engine's crawl, the report writer) are given
// and give back, one scrape's outcome as recorded in the job run's summary, and the result of one run.

import type { JobReport } from '../config/job-config.js';
import type { Config } from '../config/load-config.js';
import type { Logger } from '../log.js';
import type { Db } from '../store/database.js';
import type { JobLockRow, JobRunStatus, JobRunTrigger } from '../store/job-store.js';
import type { RunCounters } from '../store/run-store.js';

/** The engine's summary of one source run (src/engine/scrape-source.ts RunSummary). */
export interface SourceRunSummary {
  runId: number;
  sourceId: string;
  status: 'ok' | 'partial' | 'failed' | 'interrupted';
  counters: RunCounters;
  errorSummary: string | null;
}

/** A job's scrapes, for the engine to run in one crawl. */
export interface ScrapeJobOptions {
  db: Db;
  jobName: string;
  scrapes: { sourceId: string; request?: { query?: string; city?: string; maxPages?: number } }[];
  config?: Config;
  signal?: AbortSignal;
  logger?: Logger;
}

/** One scrape of the job and its run (src/engine/scrape-source.ts JobScrapeResult). */
export interface JobScrapeResult {
  sourceId: string;
  search: { query?: string; city?: string };
  summary?: SourceRunSummary;
  /** Why the scrape could not run at all. */
  error?: string;
}

export interface WriteJobReportOptions {
  db: Db;
  jobName: string;
  report: JobReport;
  config?: Config;
  now: Date;
  signal: AbortSignal;
  logger: Logger;
}

/** What a job does, as functions: the real engine and report writer, or fakes in tests. */
export interface JobOperations {
  /** Scrapes the job's sources (or continues its stopped crawl); one result per scrape. */
  scrapeJob(options: ScrapeJobOptions): Promise<JobScrapeResult[]>;
  /** Writes the job's report; returns the file written. */
  writeReport(options: WriteJobReportOptions): Promise<{ path: string }>;
}

/** One scrape's outcome, as the job run's summary records it (snake_case, like the database). */
export interface SourceOutcome {
  source_id: string;
  query: string | null;
  city: string | null;
  status: SourceRunSummary['status'];
  run_id: number | null;
  pages_fetched: number;
  postings_seen: number;
  postings_new: number;
  postings_updated: number;
  error: string | null;
}

/** The report step's outcome: the file written, why it failed, or null when the job has no report. */
export type JobReportOutcome = { path: string } | { error: string } | null;

export interface JobRunResult {
  jobName: string;
  trigger: JobRunTrigger;
  status: Exclude<JobRunStatus, 'running'>;
  /** Its row in job_runs; 0 when it has none (a tick another daemon runs). */
  jobRunId: number;
  /**
   * Why the job did not run, when status is skipped: another process holds the lock from an earlier tick or a
   * manual run (locked), this daemon's previous run is still going (overlap), or another daemon took the lock
   * for this same tick and runs it (elsewhere: nothing is recorded, since no tick was missed).
   */
  skipReason?: 'locked' | 'overlap' | 'elsewhere';
  heldBy?: JobLockRow;
  sources: SourceOutcome[];
  report: JobReportOutcome;
  postingsNew: number;
  postingsUpdated: number;
  startedAt: string;
  finishedAt: string;
}
