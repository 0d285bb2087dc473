// Turns one mapped record of an imported dataset into a RawPosting for the pipeline: text as the dataset
// has it, numbers where the dataset gives numbers, and a stable id (the id column, else a hash of the
// mapped content) so importing the same file twice finds the same postings. Pure.
import { hash } from 'node:crypto';
import type { RawPosting, SalaryPeriod } from '../domain/posting.js';
import { type ColumnMapping, IMPORT_FIELDS, type ImportField } from './column-mapping.js';

const PERIODS: readonly SalaryPeriod[] = ['hour', 'day', 'week', 'month', 'year', 'piece'];

export type RowResult = { posting: RawPosting; error?: undefined } | { error: string; posting?: undefined };

/** Text of a cell: trimmed, empty → undefined; arrays joined; objects as JSON. */
export function cellText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') {
    const text = value.trim();
    return text === '' ? undefined : text;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const parts = value.map(cellText).filter((v): v is string => v !== undefined);
    return parts.length > 0 ? parts.join(', ') : undefined;
  }
  if (typeof value === 'object') {
    const named = (value as Record<string, unknown>).name ?? (value as Record<string, unknown>).text;
    return typeof named === 'string' ? cellText(named) : JSON.stringify(value);
  }
  return undefined;
}

function cellNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const text = cellText(value)?.replace(/[,\s]/g, '');
  if (!text) return undefined;
  const number = Number(text);
  return Number.isFinite(number) ? number : undefined;
}

function cellBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const text = cellText(value)?.toLowerCase();
  if (!text) return undefined;
  if (['true', '1', 'yes', 'y', '是', 'remote'].includes(text)) return true;
  if (['false', '0', 'no', 'n', '否'].includes(text)) return false;
  return undefined;
}

function cellTags(value: unknown): string[] | undefined {
  const list = Array.isArray(value)
    ? value.map(cellText)
    : (cellText(value)?.split(/[,;|、，；]/) ?? []).map((t) => t.trim());
  const tags = list.filter((t): t is string => Boolean(t));
  return tags.length > 0 ? tags : undefined;
}

/** The id of a posting without an id column: a hash of what the mapping reads from the row. */
export function contentId(values: Record<string, unknown>, mapping: ColumnMapping): string {
  // The collection date is left out: the same posting collected on two days is one posting.
  const mapped = IMPORT_FIELDS.filter(
    (f) => f !== 'id' && f !== 'observed_at' && mapping[f] !== undefined,
  ).map((f) => [f, cellText(values[mapping[f]!]) ?? null]);
  return `h:${hash('sha256', JSON.stringify(mapped), 'hex').slice(0, 24)}`;
}

/** The raw posting a record describes, or why it cannot be one (no title). */
export function rowToRawPosting(values: Record<string, unknown>, mapping: ColumnMapping): RowResult {
  const get = (field: ImportField): unknown =>
    mapping[field] === undefined ? undefined : values[mapping[field]!];
  const title = cellText(get('title'));
  if (!title) {
    return {
      error: mapping.title
        ? `no title in column "${mapping.title}"`
        : 'no title column: name it with --map title=COLUMN',
    };
  }
  const city = cellText(get('city'));
  const district = cellText(get('district'));
  const location = cellText(get('location')) ?? ([city, district].filter(Boolean).join('·') || undefined);
  const min = cellNumber(get('salary_min'));
  const max = cellNumber(get('salary_max'));
  const periodText = cellText(get('salary_period'))?.toLowerCase();
  const period = PERIODS.find(
    (p) => p === periodText || `${p}ly` === periodText || (p === 'day' && periodText === 'daily'),
  );
  const posted = get('posted_at');
  const valid = get('valid_through');
  const posting: RawPosting = {
    sourcePostingId: cellText(get('id')) ?? contentId(values, mapping),
    title,
    raw: values,
  };
  const url = cellText(get('url'));
  if (url) posting.url = url;
  const company = cellText(get('company'));
  if (company) posting.company = company;
  if (location) posting.location = location;
  const salary = cellText(get('salary'));
  if (salary) posting.salary = salary;
  if (min !== undefined || max !== undefined) {
    posting.salaryRange = {
      ...(min !== undefined ? { min } : {}),
      ...(max !== undefined ? { max } : {}),
      ...(cellText(get('salary_currency'))
        ? { currency: cellText(get('salary_currency'))!.toUpperCase() }
        : {}),
      ...(period ? { period } : {}),
    };
  }
  if (typeof posted === 'number') posting.postedAt = posted;
  else if (cellText(posted)) posting.postedAt = cellText(posted)!;
  if (typeof valid === 'number') posting.validThrough = valid;
  else if (cellText(valid)) posting.validThrough = cellText(valid)!;
  const description = cellText(get('description'));
  if (description) posting.description = description;
  const employmentType = cellText(get('employment_type'));
  if (employmentType) posting.employmentType = employmentType;
  const remote = cellBoolean(get('remote'));
  if (remote !== undefined) posting.remote = remote;
  const tags = cellTags(get('tags'));
  if (tags) posting.tags = tags;
  return { posting };
}
