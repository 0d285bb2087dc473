// Store side of `jobtrend demo`: whether a database holds anything besides demo data (so the demo never
// mixes invented postings into real ones unasked), and the coverage of demo runs. The sample sites publish
// their whole history at once, so a demo scrape watched each sample source over every date its postings
// span, the way an imported dataset does.
import { type Db, inTransaction } from './database.js';

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

/** Sets each run's coverage to the dates spanned by its source's stored postings. */
export function coverDemoRuns(db: Db, runIds: number[]): void {
  const update = db.prepare(
    `UPDATE scrape_runs SET
       coverage_from = (SELECT min(effective_date) FROM postings WHERE source_id = scrape_runs.source_id),
       coverage_to = max(substr(coalesce(finished_at, started_at), 1, 10),
         (SELECT max(effective_date) FROM postings WHERE source_id = scrape_runs.source_id))
     WHERE id = ? AND status IN ('ok', 'partial')`,
  );
  inTransaction(db, () => {
    for (const id of runIds) update.run(id);
  });
}
