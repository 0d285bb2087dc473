// Store side of `jobtrend demo`: whether a database holds anything besides demo data (so the demo never
// mixes invented postings into real ones unasked), and the coverage of demo runs of the sample sites that
// publish their whole history at once.
import { type Db, inTransaction } from './database.js';
import { markBacklog } from './observation-store.js';

export const DEMO_JOB_NAME = 'demo';

/** Postings that were not first stored by a demo run: real data the demo must not mix with. */
export function countNonDemoPostings(db: Db): number {
  return Number(
    db
      .prepare(
        `SELECT count(*) FROM postings p LEFT JOIN scrape_runs r ON r.id = p.first_run_id
         WHERE r.job_name IS NULL OR r.job_name <> ?`,
      )
      .pluck()
      .get(DEMO_JOB_NAME),
  );
}

/**
 * How many postings were first stored by a demo run (invented sample data) and how many were not, so a report
 * over data that includes the demo's can say so.
 */
export function demoPostingCounts(db: Db): { demo: number; other: number } {
  const row = db
    .prepare(
      `SELECT coalesce(sum(r.job_name = ?), 0) AS demo,
              coalesce(sum(r.job_name IS NULL OR r.job_name <> ?), 0) AS other
       FROM postings p LEFT JOIN scrape_runs r ON r.id = p.first_run_id`,
    )
    .get(DEMO_JOB_NAME, DEMO_JOB_NAME) as { demo: number; other: number };
  return { demo: Number(row.demo), other: Number(row.other) };
}

/**
 * The sample sites publish their whole history at once, like an archive: each run of one is taken as a
 * continuous log of every date its source's postings span (coverage assumed, and said so wherever it is
 * counted), and the backlog of those sources is recomputed with it.
 */
export function coverDemoRuns(db: Db, runIds: number[]): void {
  const update = db.prepare(
    `UPDATE scrape_runs SET coverage_assumed = 1,
       coverage_from = (SELECT min(effective_date) FROM postings WHERE source_id = scrape_runs.source_id),
       coverage_to = max(substr(coalesce(finished_at, started_at), 1, 10),
         (SELECT max(effective_date) FROM postings WHERE source_id = scrape_runs.source_id))
     WHERE id = ? AND status IN ('ok', 'partial')`,
  );
  const sources = db.prepare('SELECT source_id FROM scrape_runs WHERE id = ?').pluck();
  inTransaction(db, () => {
    for (const id of runIds) update.run(id);
  });
  markBacklog(
    db,
    runIds.map((id) => sources.get(id) as string).filter((id) => id !== undefined),
  );
}
