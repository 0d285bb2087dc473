// Writing a run's field counts (run_field_counts): the run's tally so far, replacing what the previous page
// of the same run wrote. Called inside the page's transaction, so the counts always match the stored rows.
import type { FieldCounts } from '../health/field-tally.js';
import type { Db } from './database.js';

export function recordFieldCounts(db: Db, runId: number, counts: FieldCounts): void {
  if (counts.postings === 0) return;
  const upsert = db.prepare(
    `INSERT INTO run_field_counts (run_id, field, present, postings) VALUES (?, ?, ?, ?)
     ON CONFLICT (run_id, field) DO UPDATE SET present = excluded.present, postings = excluded.postings`,
  );
  for (const [field, present] of counts.present) upsert.run(runId, field, present, counts.postings);
}
