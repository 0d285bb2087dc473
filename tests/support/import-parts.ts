// Test helper: joins the parts an import's batches are handed over in (see ReadOptions.partRows) back into
// the batches they make up, to compare with batches read whole.
import type { ImportBatch } from '../../src/import/import-batches.js';

export function joinParts(parts: ImportBatch[]): ImportBatch[] {
  const batches: ImportBatch[] = [];
  let open: ImportBatch | null = null;
  for (const part of parts) {
    if (open) {
      (open.postings as unknown[]).push(...part.postings);
      open.skipped.push(...part.skipped);
      open.undecodable.push(...part.undecodable);
      open.rows += part.rows;
    } else
      open = {
        ...part,
        postings: [...part.postings] as never,
        skipped: [...part.skipped],
        undecodable: [...part.undecodable],
      };
    if (part.more) continue;
    delete open.more;
    batches.push(open);
    open = null;
  }
  return batches;
}
