// `jobtrend status`: what is in the database — schema version, rows per table, the last run of each source,
// one line on the sources' health, path and size — so a user can see at a glance whether scraping is working.
import { statSync } from 'node:fs';
import { Command } from 'commander';
import type { CliContext } from '../cli/context.js';
import { formatTable } from '../cli/format-table.js';
import { jsonText } from '../cli/print-json.js';
import type { Job } from '../config/job-config.js';
import { checkHealth, healthFlags, healthSummaryLine } from '../health/check-health.js';
import type { SourceHealth } from '../health/source-health.js';
import { CommandFailed } from '../outcome.js';
import { type JobStatus, jobStatusRows, readJobStatuses } from '../schedule/job-status.js';
import type { Db } from '../store/database.js';
import type { HostBlock } from '../store/host-block-store.js';
import { readStatus } from '../store/status-store.js';
import { withExamples } from './help.js';

export function define(context: CliContext): Command {
  const command = new Command('status')
    .description('show the schema version, row counts, the last run of each source, and the database size')
    .option('--json', 'print JSON instead of text')
    .action((options: { json?: boolean }) => {
      const path = context.dbPath();
      const db = context.openDb({ readonly: true });
      try {
        const jobs = readJobs(context, db);
        const health = checkHealth(db);
        const status = {
          database: path,
          size_bytes: fileSize(path),
          ...readStatus(db),
          jobs: jobs.jobs,
          health: { flagged: healthFlags(health).length > 0, flags: healthFlags(health) },
          ...(jobs.configError && { config_error: jobs.configError }),
        };
        // Everything the database knows is still shown, but a broken config is a failure (see jobtrend check).
        const outcome = jobs.configError ? new CommandFailed() : undefined;
        if (options.json) {
          context.out.write(jsonText(status));
          if (outcome) throw outcome;
          return;
        }
        const lines = [
          `database: ${path} (${formatBytes(status.size_bytes)})`,
          `schema version: ${status.schema_version}`,
          '',
          formatTable(['table', 'rows'], status.tables),
          status.last_runs.length > 0
            ? formatTable(
                ['source_id', 'status', 'started_at', 'finished_at', 'postings_new', 'error_summary'],
                status.last_runs as unknown as Record<string, unknown>[],
              )
            : 'no scrape runs yet: run `jobtrend scrape` or `jobtrend demo`\n',
          ...healthSection(health),
          ...blocksSection(status.host_blocks),
          ...jobsSection(jobs),
        ];
        context.out.write(`${lines.join('\n')}`);
        if (outcome) throw outcome;
      } finally {
        db.close();
      }
    });
  return withExamples(command, 'jobtrend status', 'jobtrend --db db/jobtrend.sqlite status --json');
}

/** Scheduled jobs: from the config (when it loads) and from the database's job_runs and job_locks. */
function readJobs(context: CliContext, db: Db): { jobs: JobStatus[]; configError: string | null } {
  let configured: Job[] = [];
  let configError: string | null = null;
  try {
    configured = context.config().jobs;
  } catch (error) {
    // A broken config must not hide what the database knows; the problem is shown in the jobs section.
    configError = error instanceof Error ? error.message : String(error);
  }
  return { jobs: readJobStatuses(db, configured), configError };
}

function jobsSection({ jobs, configError }: { jobs: JobStatus[]; configError: string | null }): string[] {
  const lines = ['jobs:'];
  if (configError) lines.push(`(config not read: ${configError}; \`jobtrend check\` shows every problem)`);
  lines.push(
    jobs.length > 0
      ? formatTable(['job', 'schedule', 'last_run', 'result', 'next_run'], jobStatusRows(jobs))
      : 'no scheduled jobs: add a `jobs` section to the config (see docs/scheduling.md)\n',
  );
  return lines;
}

/** One line on the sources' health, when there are runs to judge. */
function healthSection(report: SourceHealth[]): string[] {
  const line = healthSummaryLine(report);
  return line ? [`${line}\n`] : [];
}

/** Hosts left alone after a block, when there are any: why a source's runs are failing without a request. */
function blocksSection(blocks: HostBlock[]): string[] {
  if (blocks.length === 0) return [];
  return [
    'hosts backed off after a verification page or login wall (they are asked again after `until`):',
    formatTable(
      ['host', 'until', 'blocks_in_a_row', 'reason'],
      blocks.map((b) => ({ host: b.host, until: b.until, blocks_in_a_row: b.strikes, reason: b.reason })),
    ),
  ];
}

function fileSize(path: string): number {
  let total = 0;
  for (const suffix of ['', '-wal']) {
    try {
      total += statSync(path + suffix).size;
    } catch {
      // no WAL file: nothing to add
    }
  }
  return total;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}
