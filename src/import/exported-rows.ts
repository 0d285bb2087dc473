// Recognising jobtrend's own export (JSON Lines or CSV, keys = database column names) and reading its rows
// back as they were, without re-running the pipeline: that is what makes export → import → export exact.
import { BOOLEAN_COLUMNS, EXPORT_COLUMNS, NUMBER_COLUMNS } from '../store/export-queries.js';
import type { RestoredPosting } from '../store/import-store.js';
import { fromSpreadsheetSafe } from '../text/spreadsheet-safe.js';

const REQUIRED = ['source_id', 'source_posting_id', 'title', 'dedup_key', 'content_hash'];
const PRECISIONS = ['exact', 'day', 'censored'];
const PERIODS = ['hour', 'day', 'week', 'month', 'year', 'piece'];

/** True when these columns are a jobtrend export's. */
export function isJobtrendExport(columns: Iterable<string>): boolean {
  const set = new Set(columns);
  return REQUIRED.every((c) => set.has(c));
}

function asList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string' || value.trim() === '') return [];
  const text = value.trim();
  if (text.startsWith('[')) {
    try {
      return (JSON.parse(text) as unknown[]).map(String);
    } catch {
      // fall through to the CSV form
    }
  }
  return text
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * An exported row as a posting to restore, or why it cannot be one. `fromCsv`: the values are CSV cells,
 * whose text the export made spreadsheet-safe (a ' before a leading = + - @).
 */
export function readExportedRow(
  values: Record<string, unknown>,
  fromCsv = false,
): { posting: RestoredPosting } | { error: string } {
  const row: Record<string, unknown> = {};
  for (const column of EXPORT_COLUMNS) {
    let value = values[column];
    if (fromCsv && typeof value === 'string') value = fromSpreadsheetSafe(value);
    if (value === '' || value === undefined) value = null;
    if (value !== null && BOOLEAN_COLUMNS.includes(column)) {
      if (typeof value === 'string') value = value === 'true' || value === '1';
      else value = Boolean(value);
    } else if (value !== null && NUMBER_COLUMNS.includes(column)) {
      const number = Number(value);
      if (!Number.isFinite(number))
        return { error: `${column} is not a number: ${String(value).slice(0, 40)}` };
      value = number;
    } else if (value !== null && typeof value !== 'string') {
      value = typeof value === 'object' ? JSON.stringify(value) : String(value);
    }
    row[column] = value;
  }
  // Exports made before these flags existed: not inferred, not implausible.
  row.salary_currency_inferred ??= false;
  row.salary_implausible ??= false;
  for (const column of ['source_id', 'source_posting_id', 'title', 'dedup_key', 'content_hash'] as const) {
    if (typeof row[column] !== 'string') return { error: `no ${column}` };
  }
  if (row.posted_at_precision !== null && !PRECISIONS.includes(row.posted_at_precision as string)) {
    return {
      error: `posted_at_precision must be exact, day or censored, not "${String(row.posted_at_precision)}"`,
    };
  }
  if (row.salary_period !== null && !PERIODS.includes(row.salary_period as string)) {
    return {
      error: `salary_period must be one of ${PERIODS.join(', ')}, not "${String(row.salary_period)}"`,
    };
  }
  for (const column of ['first_seen_at', 'effective_date'] as const) {
    if (row[column] !== null && !/^\d{4}-\d{2}-\d{2}/.test(row[column] as string)) {
      return { error: `${column} is not a date: "${String(row[column]).slice(0, 40)}"` };
    }
  }
  return {
    posting: {
      ...(row as unknown as Omit<RestoredPosting, 'roles' | 'skills'>),
      roles: asList(fromCsv ? fromSpreadsheetSafe(String(values.roles ?? '')) : values.roles),
      skills: asList(fromCsv ? fromSpreadsheetSafe(String(values.skills ?? '')) : values.skills),
    },
  };
}
