// The coverage record beyond scrape runs: the days an imported dataset says it was collected on, each source's
// posting lifetime, and the backlog flag of postings (already listed when their source was first watched).
// The rules live in db/070_watched_days.sql (views source_observations and source_first_watch); this module
// writes what they read and recomputes the flag when they change.
import { type Db, inTransaction } from './database.js';

/** The posting lifetime a source gets when the config says nothing (sources.<id>.lifetimeDays). */
export const DEFAULT_LIFETIME_DAYS = 30;

/** Records the days a run's dataset was collected on (an import's scrape-date column). */
export function recordObservedDays(db: Db, runId: number, days: Iterable<string>): void {
  const insert = db.prepare('INSERT OR IGNORE INTO run_observations (run_id, day) VALUES (?, ?)');
  inTransaction(db, () => {
    for (const day of days) insert.run(runId, day);
  });
}

/**
 * Recomputes the backlog flag of every posting of these sources (default: all) from their observations:
 * dated before the source's first watched day, or with no date of its own (undated, or only "30+ days ago")
 * and first seen by the end of its first observation. Returns the number of postings whose flag changed.
 */
export function markBacklog(db: Db, sourceIds?: readonly string[]): number {
  const only = sourceIds ? `AND p.source_id IN (${sourceIds.map(() => '?').join(', ')})` : '';
  const rule = `(p.effective_date < f.first_watched_day
      OR ((p.posted_at IS NULL OR p.posted_at_precision = 'censored') AND p.first_seen_at <= f.first_observed_until))`;
  const params = sourceIds ?? [];
  if (sourceIds && sourceIds.length === 0) return 0;
  return inTransaction(db, () => {
    // Sources with no observation have no watched day: nothing of theirs is counted, so nothing is backlog.
    const cleared = db
      .prepare(
        `UPDATE postings AS p SET backlog = 0 WHERE p.backlog = 1 ${only}
         AND NOT EXISTS (SELECT 1 FROM source_first_watch f WHERE f.source_id = p.source_id)`,
      )
      .run(...params).changes;
    const changed = db
      .prepare(
        `UPDATE postings AS p SET backlog = ${rule}
         FROM source_first_watch f WHERE f.source_id = p.source_id ${only} AND p.backlog != ${rule}`,
      )
      .run(...params).changes;
    return cleared + changed;
  });
}

/** What decides, while a run stores postings, which of them are backlog. */
export interface BacklogRule {
  /** Postings dated before this day are backlog. */
  firstWatchedDay: string;
  /** Postings without a date of their own first seen up to this time are backlog ('9999' while the first run runs). */
  firstObservedUntil: string;
}

/**
 * The rule for postings a run stores now: from the source's finished observations, or — when this run is its
 * first look at the source — from the run itself (everything undated it lists is backlog, and what is dated
 * more than a lifetime before it started).
 */
export function backlogRule(db: Db, sourceId: string, runId: number): BacklogRule | null {
  const run = db
    .prepare('SELECT started_at FROM scrape_runs WHERE id = ? AND source_id = ?')
    .get(runId, sourceId) as { started_at: string } | undefined;
  if (!run) return null;
  const first = db
    .prepare(
      `SELECT first_watched_day AS firstWatchedDay, first_observed_until AS firstObservedUntil, lifetime_days
       FROM source_first_watch WHERE source_id = ?`,
    )
    .get(sourceId) as (BacklogRule & { lifetime_days: number }) | undefined;
  const lifetime = first?.lifetime_days ?? sourceLifetime(db, sourceId);
  const startDay = run.started_at.slice(0, 10);
  const ownFirstDay = shiftDay(startDay, -lifetime);
  if (!first || first.firstObservedUntil > run.started_at) {
    // No earlier look at the source finished before this run began: this run is its first observation.
    return {
      firstWatchedDay: first && first.firstWatchedDay < ownFirstDay ? first.firstWatchedDay : ownFirstDay,
      firstObservedUntil: '9999',
    };
  }
  return { firstWatchedDay: first.firstWatchedDay, firstObservedUntil: first.firstObservedUntil };
}

/** The stored posting lifetime of a source (the default when it has no row yet). */
export function sourceLifetime(db: Db, sourceId: string): number {
  const value = db.prepare('SELECT lifetime_days FROM sources WHERE id = ?').pluck().get(sourceId) as
    | number
    | undefined;
  return value ?? DEFAULT_LIFETIME_DAYS;
}

/**
 * Stores posting lifetimes (source id → days) for the sources that exist, and recomputes the backlog of those
 * whose lifetime changed. Returns the ids that changed.
 */
export function setSourceLifetimes(db: Db, lifetimes: Readonly<Record<string, number>>): string[] {
  const update = db.prepare('UPDATE sources SET lifetime_days = ? WHERE id = ? AND lifetime_days != ?');
  const changed = inTransaction(db, () =>
    Object.entries(lifetimes)
      .filter(([id, days]) => update.run(days, id, days).changes > 0)
      .map(([id]) => id),
  );
  if (changed.length > 0) markBacklog(db, changed);
  return changed;
}

function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
