// Which fields the postings of one scrape run had: title, company, city, salary, posted date, description,
// and the source's own fields (what the scraper put in `extra`). The engine adds each stored posting; the
// store writes the tally with every page (run_field_counts); `jobtrend health` compares runs with it.

import type { NormalisedPosting, RawPosting } from '../domain/posting.js';
import { snakeCase } from '../text/snake-case-keys.js';

/** The fields every source is measured on, as named in run_field_counts. */
export const COMMON_FIELDS = ['title', 'company', 'city', 'salary', 'posted_at', 'description'] as const;

/** The counts of a run so far: postings counted, and per field how many had it. */
export interface FieldCounts {
  postings: number;
  present: Map<string, number>;
}

function filled(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.some(filled);
  return true;
}

/** The fields one posting has (its row for the common fields, the raw posting for the source's own). */
export function fieldsOf(raw: Pick<RawPosting, 'extra'>, row: NormalisedPosting): string[] {
  const fields: string[] = [];
  if (filled(row.title)) fields.push('title');
  if (filled(row.company)) fields.push('company');
  if (filled(row.city)) fields.push('city');
  if (filled(row.salary_raw) || row.salary_min !== null || row.salary_max !== null) fields.push('salary');
  if (filled(row.posted_at)) fields.push('posted_at');
  if (filled(row.description)) fields.push('description');
  for (const [key, value] of Object.entries(raw.extra ?? {})) {
    if (filled(value)) fields.push(extraField(key));
  }
  return fields;
}

/**
 * The name of a source's own field, as tallied and shown: `extra.` and the key in snake_case (bossTitle →
 * extra.boss_title), like every other name jobtrend prints. Names stored before are read through it too.
 */
export function extraField(key: string): string {
  return `extra.${snakeCase(key)}`;
}

/** A run's tally, added to posting by posting. */
export class FieldTally {
  private postings = 0;
  private readonly present = new Map<string, number>();
  /** Fields seen in the source's output at all (a field none of the postings had still gets a 0). */
  private readonly known = new Set<string>(COMMON_FIELDS);

  add(raw: Pick<RawPosting, 'extra'>, row: NormalisedPosting): void {
    this.postings++;
    for (const key of Object.keys(raw.extra ?? {})) this.known.add(extraField(key));
    for (const field of fieldsOf(raw, row)) this.present.set(field, (this.present.get(field) ?? 0) + 1);
  }

  /** The counts so far, every known field included. */
  counts(): FieldCounts {
    const present = new Map<string, number>();
    for (const field of this.known) present.set(field, this.present.get(field) ?? 0);
    return { postings: this.postings, present };
  }
}
