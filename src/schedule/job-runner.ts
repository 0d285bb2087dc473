// Runs one job once, the same way for a cron tick and for `jobtrend run JOB`: take the job's lock, record a
// job_runs row, scrape its sources (each query × city) in one crawl — or continue the job's crawl that was
// stopped — write the report if the job has one, and close the row with a status and a summary. The scrape
// and report operations are injected (the real engine and report writer by default), so the scheduler can
// be tested without the network.
import type { Config } from '../config/load-config.js';
import { UserError } from '../errors.js';
import { warnHealthFlags } from '../health/check-health.js';
import { type Logger, silentLogger } from '../log.js';
import type { Db } from '../store/database.js';
import {
  finishJobRun,
  interruptAbandonedJobRuns,
  type JobLockRow,
  type JobRunStatus,
  type JobRunTrigger,
  recordSkippedJobRun,
  startJobRun,
} from '../store/job-store.js';
import type { RunCounters } from '../store/run-store.js';
import { expandJobScrapes, type Job, type JobReport, type JobScrape } from './job-config.js';
import { acquireJobLock, type LockSettings, newHolderId } from './lock.js';

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
  report: { path: string } | { error: string } | null;
  postingsNew: number;
  postingsUpdated: number;
  startedAt: string;
  finishedAt: string;
}

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

/** The result of an execution that did not run. */
function notRun(jobName: string, trigger: JobRunTrigger, at: string): JobRunResult {
  return {
    jobName,
    trigger,
    status: 'skipped',
    jobRunId: 0,
    sources: [],
    report: null,
    postingsNew: 0,
    postingsUpdated: 0,
    startedAt: at,
    finishedAt: at,
  };
}

/** Runs `job` once under its lock; never throws for a failed scrape (it is recorded), only for bugs. */
export async function runJob(options: RunJobOptions): Promise<JobRunResult> {
  const { db, job, trigger } = options;
  const now = options.now ?? (() => new Date());
  const logger = (options.logger ?? silentLogger()).child({ job: job.name });
  const operations: JobOperations = { ...defaultJobOperations, ...options.operations };
  const holder = options.holder ?? newHolderId();
  const startedAt = now().toISOString();
  const tick = options.tick?.toISOString();

  const acquired = acquireJobLock(db, job.name, {
    holder,
    ...(options.lock && { settings: options.lock }),
    now,
    ...(options.isProcessAlive && { isProcessAlive: options.isProcessAlive }),
  });
  if (!acquired.acquired && tick && trigger === 'schedule' && acquired.heldBy.acquired_at >= tick) {
    // Another daemon took the lock for this same tick: the tick is run, by it. Recording a skip here would
    // add a row per tick to job_runs for every daemon but one, and explain no gap.
    logger.debug(
      { event: 'job.elsewhere', trigger, held_by: acquired.heldBy.holder, tick },
      `job ${job.name}: this tick runs in another process (${acquired.heldBy.holder})`,
    );
    return {
      ...notRun(job.name, trigger, startedAt),
      skipReason: 'elsewhere',
      heldBy: acquired.heldBy,
    };
  }
  if (!acquired.acquired) {
    const jobRunId = recordSkippedJobRun(db, {
      jobName: job.name,
      trigger,
      at: startedAt,
      reason: 'locked',
      detail: { held_by: acquired.heldBy.holder, ...(tick && { tick }) },
    });
    // A manual run that is refused is reported by its command, as one line; a skipped tick is the log's news.
    logger[trigger === 'manual' ? 'debug' : 'warn'](
      { event: 'job.skip', reason: 'locked', trigger, held_by: acquired.heldBy.holder, tick },
      `job ${job.name} skipped: it is running in another process (${acquired.heldBy.holder})`,
    );
    return {
      ...notRun(job.name, trigger, startedAt),
      jobRunId,
      skipReason: 'locked',
      heldBy: acquired.heldBy,
    };
  }
  const lock = acquired.lock;
  if (acquired.tookOver) {
    const abandoned = interruptAbandonedJobRuns(db, job.name, startedAt);
    logger.warn(
      {
        event: 'lock.recovered',
        reason: acquired.tookOver.reason,
        previous_holder: acquired.tookOver.previous.holder,
        abandoned_runs: abandoned,
      },
      `job ${job.name}: took over a stale lock (${acquired.tookOver.reason}) from ${acquired.tookOver.previous.holder}`,
    );
  }

  const controller = new AbortController();
  const onAbort = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  lock.startHeartbeat(
    () => {
      logger.error({ event: 'lock.lost' }, `job ${job.name}: lost its lock to another process; stopping`);
      controller.abort(new Error('the job lock was lost'));
    },
    (error) =>
      logger.warn({ event: 'lock.renew_failed', err: errorMessage(error) }, 'lock renewal failed; retrying'),
  );

  let jobRunId = 0;
  const sources: SourceOutcome[] = [];
  let report: JobRunResult['report'] = null;
  let status: JobRunResult['status'] = 'failed';
  let failure: string | null = null;
  try {
    jobRunId = startJobRun(db, { jobName: job.name, trigger, startedAt });
    const scrapes = expandJobScrapes(job);
    logger.info(
      { event: 'job.start', trigger, job_run_id: jobRunId, scrapes: scrapes.length, tick },
      `job ${job.name} started (${trigger}, ${scrapes.length} scrape${scrapes.length === 1 ? '' : 's'})`,
    );
    if (!controller.signal.aborted) {
      for (const outcome of await runScrapes(operations, options, scrapes, controller.signal, logger)) {
        sources.push(outcome);
        logger[outcome.status === 'ok' ? 'info' : 'warn'](
          { event: 'source.end', ...outcome },
          `job ${job.name}: ${outcome.source_id} ${outcome.status}, ${outcome.postings_new} new, ${outcome.postings_updated} updated`,
        );
      }
    }
    // The same flags `jobtrend health` prints, for the sources this job scraped, as warnings.
    warnHealthFlags(db, [...new Set(sources.map((s) => s.source_id))], logger, `job ${job.name}`);
    if (job.report && !controller.signal.aborted) {
      try {
        report = await operations.writeReport({
          db,
          jobName: job.name,
          report: job.report,
          ...(options.config && { config: options.config }),
          now: now(),
          signal: controller.signal,
          logger,
        });
        logger.info(
          { event: 'report.written', path: report.path },
          `job ${job.name}: report written to ${report.path}`,
        );
      } catch (error) {
        report = { error: errorMessage(error) };
        logger.error(
          { event: 'report.failed', err: report.error },
          `job ${job.name}: report failed: ${report.error}`,
        );
      }
    }
    status = jobStatus(sources, report, controller.signal.aborted);
  } catch (error) {
    failure = errorMessage(error);
    status = controller.signal.aborted ? 'interrupted' : 'failed';
    logger.error({ event: 'job.error', err: failure }, `job ${job.name} failed: ${failure}`);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }

  const finishedAt = now().toISOString();
  const postingsNew = sum(sources, 'postings_new');
  const postingsUpdated = sum(sources, 'postings_updated');
  try {
    if (jobRunId > 0) {
      finishJobRun(db, jobRunId, {
        status,
        finishedAt,
        summary: {
          ...(tick && { tick }),
          postings_new: postingsNew,
          postings_updated: postingsUpdated,
          sources,
          report,
          ...(failure && { error: failure }),
          ...(controller.signal.aborted && { stopped: errorMessage(controller.signal.reason) }),
        },
      });
    }
  } finally {
    lock.release();
  }
  logger[status === 'ok' ? 'info' : status === 'failed' ? 'error' : 'warn'](
    {
      event: 'job.end',
      trigger,
      job_run_id: jobRunId,
      status,
      duration_ms: Date.parse(finishedAt) - Date.parse(startedAt),
      sources: sources.length,
      sources_failed: sources.filter((s) => s.status === 'failed').length,
      postings_new: postingsNew,
      postings_updated: postingsUpdated,
      ...(report && { report }),
    },
    `job ${job.name} ${status}: ${postingsNew} new, ${postingsUpdated} updated postings from ${sources.length} scrape${sources.length === 1 ? '' : 's'}${outcomeNotes(sources, report, failure)}`,
  );
  return {
    jobName: job.name,
    trigger,
    status,
    jobRunId,
    sources,
    report,
    postingsNew,
    postingsUpdated,
    startedAt,
    finishedAt,
  };
}

async function runScrapes(
  operations: JobOperations,
  options: RunJobOptions,
  scrapes: JobScrape[],
  signal: AbortSignal,
  logger: Logger,
): Promise<SourceOutcome[]> {
  const failedAll = (error: unknown): SourceOutcome[] =>
    scrapes.map((scrape) => failedOutcome(scrape.sourceId, scrape, signal, errorMessage(error)));
  let results: JobScrapeResult[];
  try {
    results = await operations.scrapeJob({
      db: options.db,
      jobName: options.job.name,
      scrapes: scrapes.map((scrape) => ({
        sourceId: scrape.sourceId,
        request: {
          ...(scrape.query !== undefined && { query: scrape.query }),
          ...(scrape.city !== undefined && { city: scrape.city }),
          ...(scrape.maxPages !== undefined && { maxPages: scrape.maxPages }),
        },
      })),
      ...(options.config && { config: options.config }),
      signal,
      logger,
    });
  } catch (error) {
    // The crawl itself failed (the database, a bug): every scrape of it failed with it.
    return failedAll(error);
  }
  return results.map((result) => {
    if (!result.summary) return failedOutcome(result.sourceId, result.search, signal, result.error ?? null);
    const { summary } = result;
    return {
      source_id: result.sourceId,
      query: result.search.query ?? null,
      city: result.search.city ?? null,
      status: summary.status,
      run_id: summary.runId,
      pages_fetched: summary.counters.pages_fetched,
      postings_seen: summary.counters.postings_seen,
      postings_new: summary.counters.postings_new,
      postings_updated: summary.counters.postings_updated,
      error: summary.errorSummary,
    };
  });
}

/** A scrape that could not run (an unknown source, a bad option, a bug): one failing does not stop the others. */
function failedOutcome(
  sourceId: string,
  search: { query?: string; city?: string },
  signal: AbortSignal,
  error: string | null,
): SourceOutcome {
  return {
    source_id: sourceId,
    query: search.query ?? null,
    city: search.city ?? null,
    status: signal.aborted ? 'interrupted' : 'failed',
    run_id: null,
    pages_fetched: 0,
    postings_seen: 0,
    postings_new: 0,
    postings_updated: 0,
    error,
  };
}

/** What went wrong, for the job's one line: "; greenhouse failed: cannot reach …; report failed: …". */
function outcomeNotes(
  sources: SourceOutcome[],
  report: JobRunResult['report'],
  failure: string | null,
): string {
  const notes = sources
    .filter((s) => s.status !== 'ok')
    .map(
      (s) =>
        `${s.source_id}${s.query ? ` "${s.query}"` : ''}${s.city ? ` ${s.city}` : ''} ${s.status}${s.error ? `: ${s.error}` : ''}`,
    );
  if (report) notes.push('error' in report ? `report failed: ${report.error}` : `report ${report.path}`);
  if (failure) notes.push(failure);
  return notes.map((n) => `; ${n}`).join('');
}

/** ok when everything worked, failed when nothing did, interrupted when stopped, partial otherwise. */
export function jobStatus(
  sources: Pick<SourceOutcome, 'status'>[],
  report: JobRunResult['report'],
  aborted: boolean,
): Exclude<JobRunStatus, 'running' | 'skipped'> {
  if (aborted || sources.some((s) => s.status === 'interrupted')) return 'interrupted';
  const parts = [...sources.map((s) => s.status), ...(report ? ['error' in report ? 'failed' : 'ok'] : [])];
  if (parts.every((p) => p === 'ok')) return 'ok';
  if (parts.every((p) => p === 'failed')) return 'failed';
  return 'partial';
}

function sum(sources: SourceOutcome[], key: 'postings_new' | 'postings_updated'): number {
  return sources.reduce((total, s) => total + s[key], 0);
}

export function errorMessage(error: unknown): string {
  if (error instanceof UserError) return error.message;
  return error instanceof Error ? error.message : String(error ?? 'unknown reason');
}
