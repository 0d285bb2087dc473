// The scheduler behind `jobtrend schedule`: one node-cron task per enabled job, each tick running the job
// through the job runner under its database lock. A tick that comes while the job is still running is
// skipped and logged; stop() stops the tasks, aborts running jobs (their scrapes finish the current page
// and are marked interrupted) and waits for them for a bounded time, releasing their locks.
import { type Logger as CronLogger, createTask, type ScheduledTask } from 'node-cron';
import { type Job, systemTimeZone } from '../config/job-config.js';
import type { Config } from '../config/load-config.js';
import { type Logger, silentLogger } from '../log.js';
import type { Db } from '../store/database.js';
import { interruptAbandonedJobRuns, recordSkippedJobRun, releaseJobLock } from '../store/job-store.js';
import { recoverAbandonedRuns } from '../store/run-store.js';
import { errorMessage } from './error-message.js';
import type { JobOperations, JobRunResult } from './job-run-types.js';
import { runJob } from './job-runner.js';
import { type LockSettings, newHolderId } from './lock.js';

export interface DaemonOptions {
  db: Db;
  jobs: Job[];
  config?: Config;
  logger?: Logger;
  operations?: Partial<JobOperations>;
  /** This daemon's lock holder id; default "host:pid:random". */
  holder?: string;
  lock?: Partial<LockSettings>;
  isProcessAlive?: (pid: number) => boolean;
  /** How long stop() waits for running jobs before giving up on them (default 30 s). */
  stopTimeoutMs?: number;
  /** Called after each execution (tests, metrics). */
  onJobEnd?: (result: JobRunResult) => void;
}

export interface ScheduledJobInfo {
  name: string;
  cron: string;
  timezone: string;
  running: boolean;
  nextRun: string | null;
}

export interface StopResult {
  /** Jobs that were running when stop was asked. */
  interrupted: string[];
  /** Jobs still running when the stop timeout passed (their locks were released anyway). */
  timedOut: string[];
}

export interface Daemon {
  readonly holder: string;
  jobs(): ScheduledJobInfo[];
  /** Stops the tasks and running jobs; resolves within the stop timeout. Safe to call twice. */
  stop(reason?: string): Promise<StopResult>;
}

/** How late a tick may still run (always less than the gap to the next tick). */
const MISSED_TICK_TOLERANCE_MS = 5 * 60_000;

interface Entry {
  job: Job;
  timezone: string;
  task: ScheduledTask;
  running: Promise<JobRunResult | undefined> | undefined;
}

/** Starts the schedule: every enabled job gets a cron task. Jobs were validated when the config was loaded. */
export function startDaemon(options: DaemonOptions): Daemon {
  const logger = options.logger ?? silentLogger();
  const holder = options.holder ?? newHolderId();
  const controller = new AbortController();
  const stopTimeoutMs = options.stopTimeoutMs ?? 30_000;
  const cronLogger = toCronLogger(logger);
  const entries: Entry[] = [];
  let stopping: Promise<StopResult> | undefined;

  const recovered = recoverAbandonedRuns(options.db);
  if (recovered > 0) {
    logger.warn(
      { event: 'runs.recovered', count: recovered },
      `marked ${recovered} abandoned scrape run(s) interrupted`,
    );
  }

  for (const job of options.jobs.filter((j) => j.enabled)) {
    const timezone = job.timezone ?? systemTimeZone();
    const skip = (tick: Date) => {
      const at = new Date().toISOString();
      recordSkippedJobRun(options.db, {
        jobName: job.name,
        trigger: 'schedule',
        at,
        reason: 'overlap',
        detail: { tick: tick.toISOString() },
      });
      logger.warn(
        { event: 'job.skip', job: job.name, reason: 'overlap', tick: tick.toISOString() },
        `job ${job.name} skipped at ${tick.toISOString()}: the previous run is still going`,
      );
    };
    const task = createTask(
      job.cron,
      async (context) => {
        if (controller.signal.aborted) return;
        // node-cron's noOverlap already drops these ticks; this guard keeps the rule even if it did not.
        if (entry.running) {
          skip(context.date);
          return;
        }
        entry.running = execute(entry, context.date);
        await entry.running;
      },
      // A tick that comes late (the event loop busy storing a page or gathering a report) still runs, as
      // long as the next tick has not come: node-cron's default would drop a tick more than 1 s late.
      {
        timezone,
        noOverlap: true,
        name: job.name,
        logger: cronLogger,
        missedExecutionTolerance: MISSED_TICK_TOLERANCE_MS,
      },
    );
    const entry: Entry = { job, timezone, task, running: undefined };
    task.on('execution:overlap', (context) => skip(context.date));
    task.on('execution:missed', (context) => {
      logger.warn(
        { event: 'job.missed', job: job.name, tick: context.date.toISOString() },
        `job ${job.name} missed its tick at ${context.date.toISOString()} (the process was busy or asleep)`,
      );
    });
    entries.push(entry);
  }

  async function execute(entry: Entry, tick: Date): Promise<JobRunResult | undefined> {
    try {
      const result = await runJob({
        db: options.db,
        job: entry.job,
        trigger: 'schedule',
        holder,
        signal: controller.signal,
        logger,
        tick,
        ...(options.config && { config: options.config }),
        ...(options.operations && { operations: options.operations }),
        ...(options.lock && { lock: options.lock }),
        ...(options.isProcessAlive && { isProcessAlive: options.isProcessAlive }),
      });
      options.onJobEnd?.(result);
      return result;
    } catch (error) {
      logger.error(
        { event: 'job.error', job: entry.job.name, err: errorMessage(error) },
        `job ${entry.job.name} failed: ${errorMessage(error)}`,
      );
      return undefined;
    } finally {
      entry.running = undefined;
    }
  }

  for (const entry of entries) entry.task.start();
  logger.info(
    {
      event: 'schedule.start',
      holder,
      jobs: entries.map((e) => ({
        name: e.job.name,
        cron: e.job.cron,
        timezone: e.timezone,
        next_run: nextRun(e),
      })),
    },
    `schedule started with ${entries.length} job${entries.length === 1 ? '' : 's'}${entries
      .map((e, i) => `${i === 0 ? ': ' : ', '}${e.job.name} next ${nextRun(e) ?? 'never'}`)
      .join('')}`,
  );

  function nextRun(entry: Entry): string | null {
    return entry.task.getNextRun()?.toISOString() ?? null;
  }

  async function stop(reason = 'stop requested'): Promise<StopResult> {
    for (const entry of entries) {
      await entry.task.stop();
      await entry.task.destroy();
    }
    const running = entries.filter((e) => e.running);
    const interrupted = running.map((e) => e.job.name);
    logger.info(
      { event: 'schedule.stop', reason, running: interrupted },
      `stopping the schedule (${reason})`,
    );
    controller.abort(new Error(reason));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), stopTimeoutMs);
    });
    await Promise.race([Promise.allSettled(running.map((e) => e.running)), timeout]);
    clearTimeout(timer);
    const timedOut = entries.filter((e) => e.running);
    for (const entry of timedOut) {
      // The job ignored the abort for too long: give its lock and its run record back before leaving.
      releaseJobLock(options.db, entry.job.name, holder);
      interruptAbandonedJobRuns(options.db, entry.job.name, new Date().toISOString());
      logger.error(
        { event: 'job.abandoned', job: entry.job.name, timeout_ms: stopTimeoutMs },
        `job ${entry.job.name} did not stop within ${stopTimeoutMs} ms; marked interrupted and unlocked`,
      );
    }
    const result = { interrupted, timedOut: timedOut.map((e) => e.job.name) };
    logger.info({ event: 'schedule.stopped', ...result }, 'schedule stopped');
    return result;
  }

  return {
    holder,
    jobs: () =>
      entries.map((e) => ({
        name: e.job.name,
        cron: e.job.cron,
        timezone: e.timezone,
        running: Boolean(e.running),
        nextRun: controller.signal.aborted ? null : nextRun(e),
      })),
    stop(reason) {
      stopping ??= stop(reason);
      return stopping;
    },
  };
}

/** node-cron's own warnings (missed ticks, blocked overlaps) go to our logger at debug: we log skips ourselves. */
function toCronLogger(logger: Logger): CronLogger {
  return {
    info: (message) => logger.debug({ event: 'cron.info' }, message),
    warn: (message) => logger.debug({ event: 'cron.warn' }, message),
    error: (message) =>
      logger.error({ event: 'cron.error' }, String(message instanceof Error ? message.message : message)),
    debug: () => {},
  };
}

/** The next time a cron expression fires in a time zone, without starting anything (for `status`). */
export function nextRunOf(cron: string, timezone: string | undefined): Date | null {
  try {
    const task = createTask(cron, () => {}, { timezone: timezone ?? systemTimeZone() });
    try {
      return task.getNextRuns(1)[0] ?? null;
    } finally {
      void task.destroy();
    }
  } catch {
    return null;
  }
}
