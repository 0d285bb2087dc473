// Rendering exported postings: one JSON object per line (keys = database column names, plus roles and
// skills arrays) or CSV with a header (booleans as true/false, roles and skills joined by ";", text cells safe
// to open in a spreadsheet). Pure.
import { stringify } from 'csv-stringify/sync';
import { EXPORT_COLUMNS, type ExportSqlRow, fromStored } from '../store/export-queries.js';
import { spreadsheetSafe } from '../text/spreadsheet-safe.js';

export type ExportFormat = 'jsonl' | 'csv';

/** An exported posting: the column values with booleans as booleans, roles and skills as arrays. */
export type ExportedPosting = Record<string, unknown> & { roles: string[]; skills: string[] };

export function toExportedPosting(row: ExportSqlRow): ExportedPosting {
  const posting: Record<string, unknown> = {};
  for (const column of EXPORT_COLUMNS) posting[column] = fromStored(column, row[column]);
  return { ...posting, roles: JSON.parse(row.roles) as string[], skills: JSON.parse(row.skills) as string[] };
}

export const CSV_COLUMNS: readonly string[] = [...EXPORT_COLUMNS, 'roles', 'skills'];

export function renderJsonLine(posting: ExportedPosting): string {
  return `${JSON.stringify(posting)}\n`;
}

export function renderCsvHeader(): string {
  return stringify([CSV_COLUMNS as string[]]);
}

export function renderCsvRow(posting: ExportedPosting): string {
  return stringify([
    CSV_COLUMNS.map((column) => {
      const value = posting[column];
      if (column === 'roles' || column === 'skills') return spreadsheetSafe((value as string[]).join(';'));
      if (value === null || value === undefined) return '';
      if (typeof value === 'boolean') return value ? 'true' : 'false';
      return typeof value === 'string' ? spreadsheetSafe(value) : (value as number);
    }),
  ]);
}
