// `jobtrend sources`: every source jobtrend knows — id, name, kind, base URL (the config's when set),
// whether the config enables it, what it was verified against and the real pages it was checked against
// (with their capture dates) — and, when a database exists, its last run.
import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { scrapers } from '../../scrapers/registry.js';
import type { CliContext } from '../cli/context.js';
import { formatTable } from '../cli/format-table.js';
import { jsonText } from '../cli/print-json.js';
import type { Config } from '../config/load-config.js';
import { type LastRun, readStatus } from '../store/status-store.js';
import { withExamples } from './help.js';

export interface SourceListing {
  id: string;
  name: string;
  kind: string;
  base_url: string;
  enabled: boolean;
  verified_against: string;
  /** The real pages and responses the scraper was checked against, oldest first. */
  checked_against: { kind: string; captured: string; reads: string }[];
  last_run_status: string | null;
  last_run_at: string | null;
  last_run_note: string | null;
}

export function define(context: CliContext): Command {
  const command = new Command('sources')
    .description('list the sources jobtrend can scrape, with their base URLs and last runs')
    .option('--json', 'print JSON instead of a table')
    .action((options: { json?: boolean }) => {
      const rows = listSources(context.config(), lastRuns(context));
      if (options.json) {
        context.out.write(jsonText(rows));
        return;
      }
      context.out.write(
        formatTable(
          ['id', 'name', 'kind', 'base_url', 'enabled', 'verified_against', 'last_run_status', 'last_run_at'],
          rows.map((r) => ({
            ...r,
            enabled: r.enabled ? 'yes' : 'no',
            last_run_status: r.last_run_status ?? '-',
            last_run_at: r.last_run_at ?? '-',
          })),
          context.out.isTTY ? 50 : 1000,
        ),
      );
      context.out.write(checkedSection(rows));
    });
  return withExamples(command, 'jobtrend sources', 'jobtrend sources --json');
}

/** One row per registered scraper, with the config's view of it and its last run. */
export function listSources(config: Config, runs: LastRun[]): SourceListing[] {
  return scrapers.map((scraper) => {
    const section = config.sources[scraper.id] ?? {};
    const run = runs.find((r) => r.source_id === scraper.id);
    return {
      id: scraper.id,
      name: scraper.name,
      kind: scraper.kind,
      base_url: typeof section.baseUrl === 'string' ? section.baseUrl : scraper.defaultBaseUrl,
      enabled: config.sources[scraper.id] !== undefined && section.enabled !== false,
      verified_against: scraper.verifiedAgainst,
      checked_against: [...(scraper.checkedAgainst ?? [])]
        .sort((a, b) => a.captured.localeCompare(b.captured))
        .map((shape) => ({ kind: shape.kind, captured: shape.captured, reads: shape.reads })),
      last_run_status: run?.status ?? null,
      last_run_at: run?.started_at ?? null,
      last_run_note: run?.error_summary ?? null,
    };
  });
}

/** Per source, the real shapes it was checked against: "  2026-02  search page … (postings)". */
function checkedSection(rows: SourceListing[]): string {
  const lines = [
    '',
    'real pages each source was checked against (captured, what it is, what reading it gives):',
  ];
  for (const row of rows.filter((r) => r.checked_against.length > 0)) {
    lines.push(`${row.id}:`);
    for (const shape of row.checked_against) {
      lines.push(`  ${shape.captured.padEnd(10)} ${shape.kind} (${shape.reads})`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function lastRuns(context: CliContext): LastRun[] {
  if (!existsSync(context.dbPath())) return [];
  const db = context.openDb({ readonly: true });
  try {
    return readStatus(db).last_runs;
  } finally {
    db.close();
  }
}
