// Writes postings out for analysts and for round trips: streams rows from the store and renders each as a
// JSON line or a CSV row into any writer (stdout, a file). Memory stays flat however many rows there are.
import type { Db } from '../store/database.js';
import { type ExportFilters, iterateExportRows } from '../store/export-queries.js';
import {
  type ExportFormat,
  renderCsvHeader,
  renderCsvRow,
  renderJsonLine,
  toExportedPosting,
} from './export-format.js';

export interface ExportWriter {
  /** Returns false when the writer wants the caller to wait for 'drain' (Node streams); other values are ignored. */
  write(text: string): unknown;
}

export interface ExportOptions extends ExportFilters {
  format?: ExportFormat;
  /** Awaited when write() returns false (backpressure), e.g. once(stream, 'drain'). */
  drain?: () => Promise<unknown>;
}

/** Exports the matching postings; returns how many were written. */
export async function exportPostings(
  db: Db,
  writer: ExportWriter,
  options: ExportOptions = {},
): Promise<number> {
  const format = options.format ?? 'jsonl';
  if (format === 'csv') writer.write(renderCsvHeader());
  let count = 0;
  for (const row of iterateExportRows(db, options)) {
    const posting = toExportedPosting(row);
    const ok = writer.write(format === 'csv' ? renderCsvRow(posting) : renderJsonLine(posting));
    count++;
    if (ok === false && options.drain) await options.drain();
  }
  return count;
}
