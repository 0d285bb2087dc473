// The health of the sources a database holds runs for: each source's latest scrape runs read from the
// store and assessed (src/health/source-health.ts). Used by `jobtrend health`, `status`, the report's
// coverage section and the daemon's warnings after each scrape job. Read-only.
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
