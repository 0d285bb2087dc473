// The SQL behind `jobtrend export`: postings (deduplicated by default) with their role and skill ids,
// filtered by role, city, source and effective date, read one row at a time (stmt.iterate) so a large
// database streams out in constant memory.
import { POSTING_CONTENT_FIELDS } from '../domain/posting.js';
import type { Db } from './database.js';

/**
 * The postings columns an export carries, in table order. Row ids and run ids are left out: they mean
 * nothing outside this database file, and leaving them out is what lets an export round-trip exactly.
 */
export const EXPORT_COLUMNS = [
  'source_id',
  'source_posting_id',
  ...POSTING_CONTENT_FIELDS.slice(0, 3), // url, title, company
  'company_norm',
  ...POSTING_CONTENT_FIELDS.slice(3), // location_raw … valid_through
  'salary_currency_inferred',
  'salary_implausible',
  'first_seen_at',
  'last_seen_at',
  'closed_at',
  'updated_at',
  'effective_date',
  'dedup_key',
  'is_primary',
  'content_hash',
  'raw_json',
] as const;

export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/** Columns stored as 0/1 and exported as booleans. */
export const BOOLEAN_COLUMNS: readonly ExportColumn[] = [
  'remote',
  'salary_negotiable',
  'salary_currency_inferred',
  'salary_implausible',
  'is_primary',
];
/** A stored value as the pipeline and the export hold it: the 0/1 columns as booleans, absent as null. */
export function fromStored(column: string, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  return (BOOLEAN_COLUMNS as readonly string[]).includes(column) ? value === 1 : value;
}

/** Columns stored as numbers. */
export const NUMBER_COLUMNS: readonly ExportColumn[] = ['salary_min', 'salary_max', 'salary_months'];

export interface ExportFilters {
  /** Every row of postings instead of the deduplicated view. */
  all?: boolean;
  roles?: string[];
  cities?: string[];
  sources?: string[];
  /** Inclusive effective-date bounds, YYYY-MM-DD. */
  from?: string;
  to?: string;
}

/** One exported row as SQLite returns it: the columns, plus roles and skills as JSON arrays (text). */
export type ExportSqlRow = Record<ExportColumn, unknown> & { roles: string; skills: string };

/** Iterates the matching postings in row order (oldest insert first). */
export function iterateExportRows(db: Db, filters: ExportFilters = {}): IterableIterator<ExportSqlRow> {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const list = (name: string, values: string[]) => {
    for (const [i, v] of values.entries()) params[`${name}${i}`] = v;
    return values.map((_, i) => `@${name}${i}`).join(', ');
  };
  if (filters.roles && filters.roles.length > 0) {
    where.push(
      `EXISTS (SELECT 1 FROM posting_roles r WHERE r.posting_id = p.id AND r.role_id IN (${list('role', filters.roles)}))`,
    );
  }
  if (filters.cities && filters.cities.length > 0) where.push(`p.city IN (${list('city', filters.cities)})`);
  if (filters.sources && filters.sources.length > 0)
    where.push(`p.source_id IN (${list('source', filters.sources)})`);
  if (filters.from) {
    where.push('p.effective_date >= @from');
    params.from = filters.from;
  }
  if (filters.to) {
    where.push('p.effective_date <= @to');
    params.to = filters.to;
  }
  const sql = `SELECT ${EXPORT_COLUMNS.map((c) => `p.${c}`).join(', ')},
      (SELECT json_group_array(role_id) FROM (SELECT role_id FROM posting_roles WHERE posting_id = p.id ORDER BY role_id)) AS roles,
      (SELECT json_group_array(skill_id) FROM (SELECT skill_id FROM posting_skills WHERE posting_id = p.id ORDER BY skill_id)) AS skills
    FROM ${filters.all ? 'postings' : 'postings_dedup'} p
    ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY p.id`;
  return db.prepare(sql).iterate(params) as IterableIterator<ExportSqlRow>;
}
