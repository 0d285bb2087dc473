// `jobtrend health [--source S] [--json]`: per source, its recent scrape runs and the share of postings that
// had each field (title, company, city, salary, posted date, description and the source's own fields), with
// flags for a field that fell by more than 20 points, a run that stored nothing where earlier runs stored
// many, and a run of blocks. Exits 1 when anything is flagged, so a cron job or a CI step can alert.
import { Command } from 'commander';
import { findScraper } from '../../scrapers/registry.js';
import type { CliContext } from '../cli/context.js';
import { formatTable } from '../cli/format-table.js';
import { jsonText } from '../cli/print-json.js';
import { UsageError } from '../errors.js';
import { checkHealth, healthFlags } from '../health/check-health.js';
import type { SourceHealth } from '../health/source-health.js';
import { CommandFailed } from '../outcome.js';
import { sourcesWithRuns } from '../store/health-queries.js';
import { withExamples } from './help.js';

interface HealthCommandOptions {
  source?: string;
  runs?: string;
  json?: boolean;
}

export function define(context: CliContext): Command {
  const command = new Command('health')
    .description(
      "check each source's recent runs for fields that stopped coming, empty runs and runs of blocks (exit 1 when flagged)",
    )
    .option('-s, --source <id>', 'only this source')
    .option('--runs <n>', 'recent runs per source to look at', '10')
    .option('--json', 'print JSON instead of text')
    .action((options: HealthCommandOptions) => {
      const runs = Number(options.runs);
      if (!Number.isInteger(runs) || runs < 2 || runs > 1000) {
        throw new UsageError(`--runs must be a whole number from 2 to 1000 (got "${options.runs}")`);
      }
      const db = context.openDb({ readonly: true, mustExist: true });
      let report: SourceHealth[];
      try {
        const known = sourcesWithRuns(db);
        if (options.source && !known.includes(options.source) && !findScraper(options.source)) {
          throw new UsageError(
            `unknown source "${options.source}": choose one with runs (${known.join(', ') || 'none yet'}) or see jobtrend sources`,
          );
        }
        report = checkHealth(db, { runs, ...(options.source ? { sourceIds: [options.source] } : {}) });
      } finally {
        db.close();
      }
      const flags = healthFlags(report);
      if (options.json) {
        context.out.write(jsonText({ flagged: flags.length > 0, flags, sources: report }));
      } else {
        context.out.write(renderHealth(report));
      }
      if (flags.length > 0) throw new CommandFailed();
    });
  return withExamples(
    command,
    'jobtrend health',
    'jobtrend health --source zhaopin --runs 20',
    'jobtrend health --json | jq .flags',
  );
}

const percent = (share: number | null) => (share === null ? '-' : `${Math.round(share * 100)}%`);

/** The report as text: per source a table of fields by run, then every flag on one line. */
export function renderHealth(report: SourceHealth[]): string {
  if (report.length === 0 || report.every((s) => s.runs.length === 0)) {
    return 'no finished scrape runs yet: run `jobtrend scrape` first\n';
  }
  const parts: string[] = [];
  for (const source of report) {
    if (source.runs.length === 0) {
      parts.push(`${source.source_id}: no finished scrape runs yet\n`);
      continue;
    }
    const columns = source.runs.map((r) => `run ${r.run_id}`);
    const rows: Record<string, unknown>[] = [
      {
        field: 'started',
        ...Object.fromEntries(source.runs.map((r, i) => [columns[i], r.started_at.slice(0, 16)])),
      },
      {
        field: 'status',
        ...Object.fromEntries(source.runs.map((r, i) => [columns[i], r.blocked ? 'blocked' : r.status])),
      },
      { field: 'postings', ...Object.fromEntries(source.runs.map((r, i) => [columns[i], r.postings])) },
      ...source.fields.map((field) => ({
        field,
        ...Object.fromEntries(source.runs.map((r, i) => [columns[i], percent(r.shares[field] ?? null)])),
      })),
    ];
    parts.push(`${source.source_id}: last ${source.runs.length} runs, share of postings with each field\n`);
    parts.push(formatTable(['field', ...columns], rows));
  }
  const flags = healthFlags(report);
  parts.push(
    flags.length === 0
      ? 'no flags: every source gives what its earlier runs gave\n'
      : `flags:\n${flags.map((f) => `  ${f.message}`).join('\n')}\n`,
  );
  return parts.join('\n');
}
