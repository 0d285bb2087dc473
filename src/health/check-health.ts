// The health of the sources a database holds runs for: each source's latest scrape runs read from the
// store and assessed (src/health/source-health.ts). Used by `jobtrend health`, `status`, the report's
// coverage section and the daemon's warnings after each scrape job. Read-only.
import type { Logger } from '../log.js';
import type { Db } from '../store/database.js';
import { recentRuns, sourcesWithRuns } from '../store/health-queries.js';
import {
  assessSource,
  DEFAULT_HEALTH_OPTIONS,
  type HealthFlag,
  type HealthOptions,
  type SourceHealth,
} from './source-health.js';

export interface CheckHealthOptions {
  /** Only these sources (default: every source with a finished scrape run). */
  sourceIds?: string[];
  /** Runs per source to look at (default 10). */
  runs?: number;
  thresholds?: Partial<HealthOptions>;
}

export function checkHealth(db: Db, options: CheckHealthOptions = {}): SourceHealth[] {
  if (!hasTable(db, 'scrape_runs')) return [];
  const ids = options.sourceIds ?? sourcesWithRuns(db);
  const thresholds = { ...DEFAULT_HEALTH_OPTIONS, ...options.thresholds };
  const counted = hasTable(db, 'run_field_counts');
  return ids.map((id) => assessSource(id, recentRuns(db, id, options.runs ?? 10, counted), thresholds));
}

/** Every flag of these sources, in source order. */
export function healthFlags(report: SourceHealth[]): HealthFlag[] {
  return report.flatMap((source) => source.flags);
}

function hasTable(db: Db, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/**
 * Logs the health flags of these sources as warnings (event "health.flag", the flag's fields as keys): the
 * daemon calls it after each scrape job. Health never fails a job: a problem reading it is logged instead.
 */
export function warnHealthFlags(db: Db, sourceIds: string[], logger: Logger, label: string): HealthFlag[] {
  try {
    const flags = healthFlags(checkHealth(db, { sourceIds }));
    for (const flag of flags)
      logger.warn({ event: 'health.flag', ...flag }, `${label}: health: ${flag.message}`);
    return flags;
  } catch (error) {
    logger.warn(
      { event: 'health.failed', err: error instanceof Error ? error.message : String(error) },
      `${label}: health could not be checked`,
    );
    return [];
  }
}

/** The flags as one line for `jobtrend status`: "health: 2 flags — zhaopin: company fell, … (jobtrend health)". */
export function healthSummaryLine(report: SourceHealth[]): string | null {
  if (report.every((source) => source.runs.length === 0)) return null;
  const flags = healthFlags(report);
  if (flags.length === 0) return 'health: no flags (every source gives what its earlier runs gave)';
  const bySource = new Map<string, string[]>();
  for (const flag of flags) {
    const what =
      flag.kind === 'field_drop'
        ? `${flag.field} fell`
        : flag.kind === 'empty_run'
          ? 'stored nothing'
          : `${flag.after} runs blocked`;
    bySource.set(flag.source_id, [...(bySource.get(flag.source_id) ?? []), what]);
  }
  const parts = [...bySource].map(([source, whats]) => `${source}: ${whats.join(', ')}`);
  return `health: ${flags.length} flag${flags.length === 1 ? '' : 's'} — ${parts.join('; ')} (see jobtrend health)`;
}
