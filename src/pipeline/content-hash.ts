// content_hash: a sha256 over what a posting says (its normalised fields), so the store can tell an
// unchanged re-scrape from an edit. Not over raw_json (sites add tracking noise) nor the time it was seen.
import { createHash } from 'node:crypto';
import type { PostingRecord } from '../domain/posting.js';

/** The fields whose change means the posting changed, in a fixed order. */
export const HASHED_FIELDS = [
  'url',
  'title',
  'company',
  'location_raw',
  'city',
  'district',
  'region',
  'country',
  'remote',
  'employment_type',
  'salary_min',
  'salary_max',
  'salary_currency',
  'salary_period',
  'salary_months',
  'salary_negotiable',
  'salary_raw',
  'description',
  'posted_at',
  'posted_at_precision',
  'valid_through',
] as const satisfies readonly (keyof PostingRecord)[];

export type HashedFields = Pick<PostingRecord, (typeof HASHED_FIELDS)[number]>;

/** sha256 hex of the hashed fields (JSON array of their values, nulls included). */
export function contentHash(posting: HashedFields): string {
  const values = HASHED_FIELDS.map((field) => posting[field] ?? null);
  return createHash('sha256').update(JSON.stringify(values)).digest('hex');
}
