// A job run's first step and its guard: take the job's lock (or record why the run is skipped), and while the
// job runs keep the lock by heartbeat and give the job one abort signal that stops it when the caller stops it
// or when the lock is lost to another process.

import type { Job } from '../config/job-config.js';
import type { Logger } from '../log.js';
import type { Db } from '../store/database.js';
import { interruptAbandonedJobRuns, type JobRunTrigger, recordSkippedJobRun } from '../store/job-store.js';
import { errorMessage } from './error-message.js';
import type { JobRunResult } from './job-run-types.js';
import { acquireJobLock, type HeldJobLock, type LockSettings } from './lock.js';

export interface TakeJobLockOptions {
  db: Db;
  job: Job;
  trigger: JobRunTrigger;
  holder: string;
  lock?: Partial<LockSettings>;
  isProcessAlive?: (pid: number) => boolean;
  now: () => Date;
  /** The cron slot of a scheduled run (ISO). */
  tick: string | undefined;
  startedAt: string;
  logger: Logger;
}

/** The lock, held; or the result of a run that did not happen because another holder has it. */
export type TakeJobLockResult = { held: HeldJobLock } | { skipped: JobRunResult };

/** Takes the job's lock, taking over a stale one (its abandoned runs marked interrupted). */
export function takeJobLock(options: TakeJobLockOptions): TakeJobLockResult {
  const { db, job, trigger, tick, startedAt, logger } = options;
  const acquired = acquireJobLock(db, job.name, {
    holder: options.holder,
    ...(options.lock && { settings: options.lock }),
    now: options.now,
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
      skipped: { ...notRun(job.name, trigger, startedAt), skipReason: 'elsewhere', heldBy: acquired.heldBy },
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
      skipped: {
        ...notRun(job.name, trigger, startedAt),
        jobRunId,
        skipReason: 'locked',
        heldBy: acquired.heldBy,
      },
    };
  }
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
  return { held: acquired.lock };
}

/** A running job's stop signal, tied to the caller's and to the lock it holds. */
export interface JobGuard {
  /** Aborted when the caller's signal is, or when the lock is lost. */
  signal: AbortSignal;
  /** Stops following the caller's signal (the lock's heartbeat runs until the lock is released). */
  detach(): void;
}

/** Starts the lock's heartbeat and links the caller's signal to the job's own. */
export function guardJob(
  lock: HeldJobLock,
  outer: AbortSignal | undefined,
  jobName: string,
  logger: Logger,
): JobGuard {
  const controller = new AbortController();
  const onAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) onAbort();
  outer?.addEventListener('abort', onAbort, { once: true });
  lock.startHeartbeat(
    () => {
      logger.error({ event: 'lock.lost' }, `job ${jobName}: lost its lock to another process; stopping`);
      controller.abort(new Error('the job lock was lost'));
    },
    (error) =>
      logger.warn({ event: 'lock.renew_failed', err: errorMessage(error) }, 'lock renewal failed; retrying'),
  );
  return {
    signal: controller.signal,
    detach: () => outer?.removeEventListener('abort', onAbort),
  };
}

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
