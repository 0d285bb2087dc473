// A job run's last step: its status from its parts, its job_runs row closed with that status and a summary
// (postings, each scrape, the report, why it failed or stopped), and the one log line that tells the run.
import type { Logger } from '../log.js';
import type { Db } from '../store/database.js';
import { finishJobRun, type JobRunStatus, type JobRunTrigger } from '../store/job-store.js';
import type { JobReportOutcome, SourceOutcome } from './job-run-types.js';

/** ok when everything worked, failed when nothing did, interrupted when stopped, partial otherwise. */
export function jobStatus(
  sources: Pick<SourceOutcome, 'status'>[],
  report: JobReportOutcome,
  aborted: boolean,
): Exclude<JobRunStatus, 'running' | 'skipped'> {
  if (aborted || sources.some((s) => s.status === 'interrupted')) return 'interrupted';
  const parts = [...sources.map((s) => s.status), ...(report ? ['error' in report ? 'failed' : 'ok'] : [])];
  if (parts.every((p) => p === 'ok')) return 'ok';
  if (parts.every((p) => p === 'failed')) return 'failed';
  return 'partial';
}

/** What one run came to, as recorded and logged. */
export interface JobRunOutcome {
  jobName: string;
  trigger: JobRunTrigger;
  /** Its row in job_runs; 0 when the row could not be written. */
  jobRunId: number;
  status: Exclude<JobRunStatus, 'running' | 'skipped'>;
  startedAt: string;
  finishedAt: string;
  tick: string | undefined;
  sources: SourceOutcome[];
  report: JobReportOutcome;
  /** Why the run failed as a whole (a bug, the database). */
  failure: string | null;
  /** Why it was stopped, when it was. */
  stopped: string | null;
}

/** Postings new and updated over the run's scrapes. */
export function postingTotals(sources: SourceOutcome[]): { postingsNew: number; postingsUpdated: number } {
  return {
    postingsNew: sources.reduce((total, s) => total + s.postings_new, 0),
    postingsUpdated: sources.reduce((total, s) => total + s.postings_updated, 0),
  };
}

/** Closes the run's job_runs row (when it has one) with its status and summary. */
export function recordJobRun(db: Db, run: JobRunOutcome): void {
  if (run.jobRunId <= 0) return;
  const { postingsNew, postingsUpdated } = postingTotals(run.sources);
  finishJobRun(db, run.jobRunId, {
    status: run.status,
    finishedAt: run.finishedAt,
    summary: {
      ...(run.tick && { tick: run.tick }),
      postings_new: postingsNew,
      postings_updated: postingsUpdated,
      sources: run.sources,
      report: run.report,
      ...(run.failure && { error: run.failure }),
      ...(run.stopped !== null && { stopped: run.stopped }),
    },
  });
}

/** The run's one line: its status, its postings, and what went wrong. */
export function logJobEnd(logger: Logger, run: JobRunOutcome): void {
  const { postingsNew, postingsUpdated } = postingTotals(run.sources);
  const { status, sources, report } = run;
  logger[status === 'ok' ? 'info' : status === 'failed' ? 'error' : 'warn'](
    {
      event: 'job.end',
      trigger: run.trigger,
      job_run_id: run.jobRunId,
      status,
      duration_ms: Date.parse(run.finishedAt) - Date.parse(run.startedAt),
      sources: sources.length,
      sources_failed: sources.filter((s) => s.status === 'failed').length,
      postings_new: postingsNew,
      postings_updated: postingsUpdated,
      ...(report && { report }),
    },
    `job ${run.jobName} ${status}: ${postingsNew} new, ${postingsUpdated} updated postings from ${sources.length} scrape${sources.length === 1 ? '' : 's'}${outcomeNotes(run)}`,
  );
}

/** What went wrong, for the job's one line: "; greenhouse failed: cannot reach …; report failed: …". */
function outcomeNotes({ sources, report, failure }: JobRunOutcome): string {
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
