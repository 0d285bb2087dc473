// content_hash: a sha256 over what a posting says (its normalised fields), so the store can tell an
// unchanged re-scrape from an edit. Not over raw_json (sites add tracking noise) nor the time it was seen.
import { hash } from 'node:crypto';
import { POSTING_CONTENT_FIELDS, type PostingRecord } from '../domain/posting.js';

/** The fields whose change means the posting changed, in a fixed order. */
export const HASHED_FIELDS = POSTING_CONTENT_FIELDS;

export type HashedFields = Pick<PostingRecord, (typeof HASHED_FIELDS)[number]>;

/** sha256 hex of the hashed fields (JSON array of their values, nulls included). */
export function contentHash(posting: HashedFields): string {
  const values = HASHED_FIELDS.map((field) => posting[field] ?? null);
  return hash('sha256', JSON.stringify(values), 'hex');
}
