// A job run's report step: after the scrapes, the job's report is written (by the injected writer) and logged;
// a report that fails is the run's outcome to record, not an exception.

import type { JobReport } from '../config/job-config.js';
import type { Config } from '../config/load-config.js';
import type { Logger } from '../log.js';
import type { Db } from '../store/database.js';
import { errorMessage } from './error-message.js';
import type { JobOperations, JobReportOutcome } from './job-run-types.js';

export interface ReportStepOptions {
  db: Db;
  jobName: string;
  report: JobReport;
  writeReport: JobOperations['writeReport'];
  config?: Config;
  now: Date;
  signal: AbortSignal;
  logger: Logger;
}

/** Writes the job's report; the file written, or why it failed. */
export async function runReportStep(options: ReportStepOptions): Promise<Exclude<JobReportOutcome, null>> {
  const { jobName, logger } = options;
  try {
    const written = await options.writeReport({
      db: options.db,
      jobName,
      report: options.report,
      ...(options.config && { config: options.config }),
      now: options.now,
      signal: options.signal,
      logger,
    });
    logger.info(
      { event: 'report.written', path: written.path },
      `job ${jobName}: report written to ${written.path}`,
    );
    return written;
  } catch (error) {
    const failed = { error: errorMessage(error) };
    logger.error(
      { event: 'report.failed', err: failed.error },
      `job ${jobName}: report failed: ${failed.error}`,
    );
    return failed;
  }
}
