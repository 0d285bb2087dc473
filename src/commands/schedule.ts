// `jobtrend schedule`: the daemon. Runs the config's jobs on their cron schedules until SIGINT/SIGTERM, then
// stops cleanly: running scrapes finish their current page and are marked interrupted, locks are released,
// and the process leaves within the stop timeout. Logs one structured line per event on stdout.
import { Command } from 'commander';
import type { CliContext } from '../cli/context.js';
import type { Job } from '../config/job-config.js';
import { UsageError, UserError } from '../errors.js';
import { CommandFailed } from '../outcome.js';
import { checkJobSources } from '../schedule/check-jobs.js';
import { startDaemon } from '../schedule/daemon.js';
import { outputLogger } from '../schedule/output-logger.js';
import { didYouMean } from '../text/did-you-mean.js';
import { withExamples } from './help.js';

interface ScheduleOptions {
  job?: string[];
  stopTimeout: string;
}

export function define(context: CliContext): Command {
  const command = new Command('schedule')
    .description('run the scheduled jobs of the config file until stopped (SIGINT/SIGTERM)')
    .option('--job <name>', 'run only this job (repeatable); default every enabled job', collect, [])
    .option('--stop-timeout <seconds>', 'on SIGINT/SIGTERM, how long to wait for running jobs', '30')
    .action(async (options: ScheduleOptions) => {
      const stopTimeoutMs = parseSeconds(options.stopTimeout, '--stop-timeout');
      const config = context.config();
      const jobs = selectJobs(config.jobs, options.job ?? []);
      checkJobSources(config, jobs);
      const db = context.openDb();
      const logger = outputLogger(context.out, 1);
      try {
        const daemon = startDaemon({ db, jobs, config, logger, stopTimeoutMs });
        const reason = await stopped(context.signal);
        const result = await daemon.stop(reason);
        // Something ignored the abort (a hung browser, a stuck socket): the runs are marked interrupted and
        // the CLI ends the process even if that something still holds it.
        if (result.timedOut.length > 0) throw new CommandFailed();
      } finally {
        db.close();
      }
    });
  return withExamples(
    command,
    'jobtrend --config /etc/jobtrend/jobtrend.config.yaml --db /var/lib/jobtrend/jobs.sqlite schedule',
    'jobtrend schedule --job weekly-report --stop-timeout 60',
  );
}

/** The enabled jobs, or only those named; refuses a name that is not in the config. */
export function selectJobs(jobs: Job[], names: string[]): Job[] {
  for (const name of names) {
    if (!jobs.some((j) => j.name === name)) {
      throw new UsageError(
        `unknown job "${name}"${didYouMean(
          name,
          jobs.map((j) => j.name),
        )}: the config has ${jobs.map((j) => j.name).join(', ') || 'no jobs'}`,
      );
    }
  }
  const chosen =
    names.length > 0 ? jobs.filter((j) => names.includes(j.name)) : jobs.filter((j) => j.enabled);
  if (chosen.length === 0) {
    throw new UserError(
      jobs.length === 0
        ? 'the config has no jobs: add a `jobs` section (see docs/scheduling.md) and pass it with --config'
        : 'every job in the config is disabled (enabled: false): enable one, or pass --job NAME',
    );
  }
  // A job named with --job runs even when disabled: the user asked for it.
  return chosen.map((j) => ({ ...j, enabled: true }));
}

function stopped(signal: AbortSignal): Promise<string> {
  const reason = () => (signal.reason instanceof Error ? signal.reason.message : 'stop requested');
  if (signal.aborted) return Promise.resolve(reason());
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(reason()), { once: true }));
}

export function parseSeconds(value: string, flag: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new UsageError(`${flag} must be a number of seconds, e.g. 30 (got "${value}")`);
  }
  return Math.round(seconds * 1000);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
