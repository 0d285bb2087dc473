// Whether each source still gives what it gave: Spidermon-style field-coverage monitors over a source's
// recent scrape runs. Three things are flagged — a field whose share of postings falls by more than 20
// points against the source's previous runs, a run that stored nothing where earlier runs stored many, and
// a run of blocks — each with the before and after figures and the first run where it changed. Pure: run
// records in, flags out (src/store/health-queries.ts reads the records).
import type { RunRecord } from '../store/health-queries.js';
import { COMMON_FIELDS } from './field-tally.js';

export interface HealthOptions {
  /** A share falling by more than this (0.2 = 20 points) against the previous runs is flagged. */
  dropPoints: number;
  /** Earlier runs the latest ones are compared with (their median). */
  baselineRuns: number;
  /** Runs with fewer counted postings than this say too little about shares and are left out of them. */
  minPostings: number;
  /** A run that stored nothing is flagged when the earlier runs stored at least this many (median). */
  manyPostings: number;
  /** This many blocked runs in a row, ending with the latest, are flagged. */
  blockedRuns: number;
}

export const DEFAULT_HEALTH_OPTIONS: HealthOptions = {
  dropPoints: 0.2,
  baselineRuns: 5,
  minPostings: 5,
  manyPostings: 10,
  blockedRuns: 2,
};

export type FlagKind = 'field_drop' | 'empty_run' | 'blocked_runs';

/** One thing that changed. Keys are snake_case: they are printed as JSON and logged as they are. */
export interface HealthFlag {
  source_id: string;
  kind: FlagKind;
  /** The field whose share fell (field_drop), else null. */
  field: string | null;
  /** field_drop: the share before (0..1); empty_run: postings the earlier runs stored (median); blocked_runs: share of earlier runs blocked. */
  before: number;
  /** field_drop: the share in the latest run; empty_run: 0; blocked_runs: blocked runs in a row. */
  after: number;
  /** The first run where it changed, and when it started. */
  first_run_id: number;
  first_run_at: string;
  /** Runs since (and including) the first changed one. */
  runs_since: number;
  /** The flag as one line for people. */
  message: string;
}

export interface RunSummaryLine {
  run_id: number;
  started_at: string;
  status: string;
  postings: number;
  blocked: boolean;
  /** Share (0..1) of counted postings that had each field, or null when the run counted none. */
  shares: Record<string, number | null>;
}

export interface SourceHealth {
  source_id: string;
  runs: RunSummaryLine[];
  /** The fields measured: the common ones, then the source's own (extra.*) that any run had. */
  fields: string[];
  flags: HealthFlag[];
}

/** Flags and per-run shares of one source from its recent runs (oldest first). */
export function assessSource(
  sourceId: string,
  runs: RunRecord[],
  options: HealthOptions = DEFAULT_HEALTH_OPTIONS,
): SourceHealth {
  const own = [...new Set(runs.flatMap((r) => Object.keys(r.fields)))]
    .filter((f) => !(COMMON_FIELDS as readonly string[]).includes(f))
    .sort();
  const fields = [...COMMON_FIELDS, ...own];
  const summaries = runs.map((run) => ({
    run_id: run.run_id,
    started_at: run.started_at,
    status: run.status,
    postings: run.postings_seen,
    blocked: run.blocked,
    shares: Object.fromEntries(
      fields.map((f) => [f, run.postings_counted > 0 ? (run.fields[f] ?? 0) / run.postings_counted : null]),
    ),
  }));
  const flags = [
    ...fields.flatMap((field) => fieldDrop(sourceId, field, runs, options)),
    ...emptyRun(sourceId, runs, options),
    ...blockedRuns(sourceId, runs, options),
  ];
  return { source_id: sourceId, runs: summaries, fields, flags };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

/**
 * A field whose share in the latest runs is more than `dropPoints` under the median of the runs before:
 * the streak of low runs is followed back to its first run, and compared with the runs before it.
 */
function fieldDrop(sourceId: string, field: string, all: RunRecord[], options: HealthOptions): HealthFlag[] {
  const runs = all.filter((r) => r.postings_counted >= options.minPostings);
  if (runs.length < 2) return [];
  const share = (r: RunRecord) => (r.fields[field] ?? 0) / r.postings_counted;
  const baselineBefore = (start: number) =>
    median(runs.slice(Math.max(0, start - options.baselineRuns), start).map(share));
  const lowFrom = (start: number) => {
    const limit = baselineBefore(start) - options.dropPoints;
    return runs.slice(start).every((r) => share(r) < limit);
  };
  let start = runs.length - 1;
  if (!lowFrom(start)) return [];
  while (start - 1 >= 1 && lowFrom(start - 1)) start--;
  const before = baselineBefore(start);
  const after = share(runs.at(-1)!);
  const first = runs[start]!;
  const since = runs.length - start;
  return [
    {
      source_id: sourceId,
      kind: 'field_drop',
      field,
      before,
      after,
      first_run_id: first.run_id,
      first_run_at: first.started_at,
      runs_since: since,
      message: `${sourceId}: ${field} fell from ${percent(before)} to ${percent(after)} of postings, since run ${first.run_id} (${first.started_at.slice(0, 10)}${since > 1 ? `, ${since} runs` : ''})`,
    },
  ];
}

/** The latest runs stored nothing (and were not blocked) where the runs before stored many. */
function emptyRun(sourceId: string, runs: RunRecord[], options: HealthOptions): HealthFlag[] {
  const empty = (r: RunRecord) => r.postings_seen === 0 && !r.blocked;
  let start = runs.length;
  while (start - 1 >= 0 && empty(runs[start - 1]!)) start--;
  if (start === runs.length || start === 0) return [];
  const earlier = runs
    .slice(0, start)
    .filter((r) => r.postings_seen > 0)
    .slice(-options.baselineRuns);
  if (earlier.length === 0) return [];
  const before = median(earlier.map((r) => r.postings_seen));
  if (before < options.manyPostings) return [];
  const first = runs[start]!;
  const since = runs.length - start;
  return [
    {
      source_id: sourceId,
      kind: 'empty_run',
      field: null,
      before,
      after: 0,
      first_run_id: first.run_id,
      first_run_at: first.started_at,
      runs_since: since,
      message: `${sourceId}: stored no postings since run ${first.run_id} (${first.started_at.slice(0, 10)}${since > 1 ? `, ${since} runs` : ''}, status ${runs.at(-1)!.status}); earlier runs stored ${before}`,
    },
  ];
}

/** The latest `blockedRuns` or more runs in a row met a verification page or a login wall. */
function blockedRuns(sourceId: string, runs: RunRecord[], options: HealthOptions): HealthFlag[] {
  let start = runs.length;
  while (start - 1 >= 0 && runs[start - 1]!.blocked) start--;
  const since = runs.length - start;
  if (since < options.blockedRuns) return [];
  const earlier = runs.slice(Math.max(0, start - options.baselineRuns), start);
  const before = earlier.length > 0 ? earlier.filter((r) => r.blocked).length / earlier.length : 0;
  const first = runs[start]!;
  const reason = (runs.at(-1)!.error_summary ?? '').replace(/^blocked:\s*/, '').slice(0, 80);
  return [
    {
      source_id: sourceId,
      kind: 'blocked_runs',
      field: null,
      before,
      after: since,
      first_run_id: first.run_id,
      first_run_at: first.started_at,
      runs_since: since,
      message: `${sourceId}: ${since} runs in a row blocked since run ${first.run_id} (${first.started_at.slice(0, 10)}): ${reason}`,
    },
  ];
}
