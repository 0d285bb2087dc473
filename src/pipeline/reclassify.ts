// A stored posting read again by today's pipeline (for `jobtrend reindex`): its roles and skills from its
// title and description, its places from its location text, its pay's currency and plausibility, the content
// hash that gives, and (when asked) its dedup key. Pure: the store walks the postings and writes what changed.
import type { PostingPlace, PostingRecord, SalaryPeriod } from '../domain/posting.js';
import { classifyPosting } from './classify-posting.js';
import { contentHash, type HashedFields } from './content-hash.js';
import { dedupKey } from './dedup.js';
import { parseLocation } from './location.js';
import { currencyForCountry, isImplausiblePay } from './pay.js';

/** A stored posting: what it says (as the pipeline holds it: booleans as booleans), and who it is. */
export type StoredPosting = HashedFields &
  Pick<PostingRecord, 'source_id' | 'source_posting_id'> & {
    /** The stored currency was inferred from the country, not stated by the source. */
    salary_currency_inferred: boolean;
  };

/** The place and pay fields read again, as the postings table stores them (flags as 0/1). */
export interface ReadPlace {
  city: string | null;
  district: string | null;
  region: string | null;
  country: string | null;
  salary_currency: string | null;
  salary_currency_inferred: number;
  salary_implausible: number;
}

export interface Reclassification {
  roles: string[];
  skills: string[];
  /** The place from the location text (every place it names, the first as its fields), and the hash with it. */
  place: { fields: ReadPlace; places: PostingPlace[]; contentHash: string };
  /** Given only when dedup keys are recomputed. */
  dedupKey?: string;
}

export function reclassify(posting: StoredPosting, options: { dedup: boolean }): Reclassification {
  const classification = classifyPosting(posting.title, posting.description);
  const parsed = parseLocation(posting.location_raw);
  // The pay's currency: as the source stated it, else (again) the currency of the posting's country.
  const min = posting.salary_min;
  const max = posting.salary_max;
  const stated = posting.salary_currency_inferred ? null : posting.salary_currency;
  const inferred =
    stated === null && (min !== null || max !== null) ? currencyForCountry(parsed.country) : null;
  const currency = stated ?? inferred;
  const period: SalaryPeriod | null = posting.salary_period;
  const fields: ReadPlace = {
    city: parsed.city,
    district: parsed.district,
    region: parsed.region,
    country: parsed.country,
    salary_currency: currency,
    salary_currency_inferred: inferred !== null ? 1 : 0,
    salary_implausible: isImplausiblePay({ min, max, currency, period }) ? 1 : 0,
  };
  // The hash the pipeline would give the posting now: its stored content with the place read again.
  const reread: Reclassification = {
    ...classification,
    place: {
      fields,
      places: parsed.places,
      contentHash: contentHash({
        ...posting,
        city: fields.city,
        district: fields.district,
        region: fields.region,
        country: fields.country,
        salary_currency: currency,
      }),
    },
  };
  if (!options.dedup) return reread;
  return {
    ...reread,
    dedupKey: dedupKey({
      title: posting.title,
      company: posting.company,
      city: fields.city,
      country: fields.country,
      remote: posting.remote,
      sourceId: posting.source_id,
      sourcePostingId: posting.source_posting_id,
    }),
  };
}
