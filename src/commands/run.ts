// `jobtrend run JOB`: runs one job of the config now, under the same lock as the daemon (so it never runs
// twice at once), records it in job_runs with trigger "manual", and prints what it did.
import { Command } from 'commander';
import type { CliContext } from '../cli/context.js';
import { jsonText } from '../cli/print-json.js';
import { UsageError, UserError } from '../errors.js';
import { CommandFailed } from '../outcome.js';
import { checkJobSources } from '../schedule/check-jobs.js';
import { runJob } from '../schedule/job-runner.js';
import { describeLock } from '../schedule/lock.js';
import { outputLogger } from '../schedule/output-logger.js';
import { didYouMean } from '../text/did-you-mean.js';
import { withExamples } from './help.js';

export function define(context: CliContext): Command {
  const command = new Command('run')
    .description('run one scheduled job of the config now (with the same lock as the daemon)')
    .argument('<job>', 'the job name, as in the config')
    .option('--json', 'print the result as JSON')
    .action(async (name: string, options: { json?: boolean }) => {
      const config = context.config();
      const job = config.jobs.find((j) => j.name === name);
      if (!job) {
        throw new UsageError(
          `unknown job "${name}"${didYouMean(
            name,
            config.jobs.map((j) => j.name),
          )}: the config has ${config.jobs.map((j) => j.name).join(', ') || 'no jobs'}`,
        );
      }
      checkJobSources(config, [job]);
      const db = context.openDb();
      try {
        const result = await runJob({
          db,
          job,
          trigger: 'manual',
          config,
          signal: context.signal,
          logger: outputLogger(context.err, 2),
        });
        if (result.status === 'skipped') {
          throw new UserError(
            `job ${name} is already running: ${result.heldBy ? describeLock(result.heldBy) : 'locked'}; wait for it to finish`,
          );
        }
        if (options.json) {
          context.out.write(jsonText(result));
          if (result.status !== 'ok') throw new CommandFailed();
          return;
        }
        const failed = result.sources.filter((s) => s.status !== 'ok');
        context.out.write(
          `job ${name} ${result.status}: ${result.postingsNew} new, ${result.postingsUpdated} updated postings from ` +
            `${result.sources.length} scrape${result.sources.length === 1 ? '' : 's'} (job run ${result.jobRunId})\n` +
            failed
              .map(
                (s) =>
                  `  ${s.source_id}${s.query ? ` "${s.query}"` : ''}${s.city ? ` ${s.city}` : ''}: ${s.status}${s.error ? `: ${s.error}` : ''}\n`,
              )
              .join('') +
            (result.report
              ? 'path' in result.report
                ? `  report: ${result.report.path}\n`
                : `  report failed: ${result.report.error}\n`
              : ''),
        );
        if (result.status !== 'ok') throw new CommandFailed();
      } finally {
        db.close();
      }
    });
  return withExamples(
    command,
    'jobtrend --config jobtrend.config.example.yaml run daily-ats',
    'jobtrend --config jobtrend.config.yaml run weekly-report --json',
  );
}
