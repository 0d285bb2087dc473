// Runs one job once, the same way for a cron tick and for `jobtrend run JOB`: take the job's lock, record a
// job_runs row, scrape its sources (each query × city) in one crawl — or continue the job's crawl that was
// stopped — write the report if the job has one, and close the row with a status and a summary. Each step is
// a module of its own (job-lock-step, job-scrapes, job-report-step, job-run-record); this one puts them in
// order. The scrape and report operations are injected (the real engine and report writer by default), so
// the scheduler can be tested without the network.

import { expandJobScrapes, type Job } from '../config/job-config.js';
import type { Config } from '../config/load-config.js';
import { warnHealthFlags } from '../health/check-health.js';
import { type Logger, silentLogger } from '../log.js';
import type { Db } from '../store/database.js';
import { type JobRunTrigger, startJobRun } from '../store/job-store.js';
import { errorMessage } from './error-message.js';
import { guardJob, takeJobLock } from './job-lock-step.js';
import { runReportStep } from './job-report-step.js';
import { type JobRunOutcome, jobStatus, logJobEnd, postingTotals, recordJobRun } from './job-run-record.js';
import type { JobOperations, JobReportOutcome, JobRunResult, SourceOutcome } from './job-run-types.js';
import { runScrapes } from './job-scrapes.js';
import { type LockSettings, newHolderId } from './lock.js';

export interface RunJobOptions {
  db: Db;
  job: Job;
  trigger: JobRunTrigger;
  /** Lock holder id (one per daemon instance or CLI process); default a new one. */
  holder?: string;
  config?: Config;
  /** Aborting stops the job: the running scrape finishes its page and is marked interrupted. */
  signal?: AbortSignal;
  logger?: Logger;
  operations?: Partial<JobOperations>;
  lock?: Partial<LockSettings>;
  isProcessAlive?: (pid: number) => boolean;
  now?: () => Date;
  /** The cron slot this execution belongs to (logged). */
  tick?: Date;
}

/** The real operations, imported only when a job runs (so the scheduler loads without the engine). */
export const defaultJobOperations: JobOperations = {
  async scrapeJob(options) {
    // Imported when a job first runs, so the scheduler (and `status`) load without the engine's dependencies.
    const engine = await import('../engine/scrape-job.js');
    return engine.scrapeJob(options);
  },
  async writeReport(options) {
    const { writeJobReport } = await import('./job-report.js');
    return writeJobReport(options);
  },
};

/** Runs `job` once under its lock; never throws for a failed scrape (it is recorded), only for bugs. */
export async function runJob(options: RunJobOptions): Promise<JobRunResult> {
  const { db, job, trigger } = options;
  const now = options.now ?? (() => new Date());
  const logger = (options.logger ?? silentLogger()).child({ job: job.name });
  const operations: JobOperations = { ...defaultJobOperations, ...options.operations };
  const startedAt = now().toISOString();
  const tick = options.tick?.toISOString();

  const taken = takeJobLock({
    db,
    job,
    trigger,
    holder: options.holder ?? newHolderId(),
    ...(options.lock && { lock: options.lock }),
    ...(options.isProcessAlive && { isProcessAlive: options.isProcessAlive }),
    now,
    tick,
    startedAt,
    logger,
  });
  if ('skipped' in taken) return taken.skipped;
  const lock = taken.held;
  const guard = guardJob(lock, options.signal, job.name, logger);

  let jobRunId = 0;
  let sources: SourceOutcome[] = [];
  let report: JobReportOutcome = null;
  let status: JobRunOutcome['status'] = 'failed';
  let failure: string | null = null;
  try {
    jobRunId = startJobRun(db, { jobName: job.name, trigger, startedAt });
    const scrapes = expandJobScrapes(job);
    logger.info(
      { event: 'job.start', trigger, job_run_id: jobRunId, scrapes: scrapes.length, tick },
      `job ${job.name} started (${trigger}, ${scrapes.length} scrape${scrapes.length === 1 ? '' : 's'})`,
    );
    if (!guard.signal.aborted) {
      sources = await runScrapes({
        db,
        jobName: job.name,
        scrapes,
        scrapeJob: operations.scrapeJob,
        ...(options.config && { config: options.config }),
        signal: guard.signal,
        logger,
      });
    }
    // The same flags `jobtrend health` prints, for the sources this job scraped, as warnings.
    warnHealthFlags(db, [...new Set(sources.map((s) => s.source_id))], logger, `job ${job.name}`);
    if (job.report && !guard.signal.aborted) {
      report = await runReportStep({
        db,
        jobName: job.name,
        report: job.report,
        writeReport: operations.writeReport,
        ...(options.config && { config: options.config }),
        now: now(),
        signal: guard.signal,
        logger,
      });
    }
    status = jobStatus(sources, report, guard.signal.aborted);
  } catch (error) {
    failure = errorMessage(error);
    status = guard.signal.aborted ? 'interrupted' : 'failed';
    logger.error({ event: 'job.error', err: failure }, `job ${job.name} failed: ${failure}`);
  } finally {
    guard.detach();
  }

  const run: JobRunOutcome = {
    jobName: job.name,
    trigger,
    jobRunId,
    status,
    startedAt,
    finishedAt: now().toISOString(),
    tick,
    sources,
    report,
    failure,
    stopped: guard.signal.aborted ? errorMessage(guard.signal.reason) : null,
  };
  try {
    recordJobRun(db, run);
  } finally {
    lock.release();
  }
  logJobEnd(logger, run);
  return {
    jobName: job.name,
    trigger,
    status,
    jobRunId,
    sources,
    report,
    ...postingTotals(sources),
    startedAt,
    finishedAt: run.finishedAt,
  };
}
