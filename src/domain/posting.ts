// The shapes a job posting takes on its way through jobtrend: raw (what a scraper saw), normalised
// (what the pipeline makes of it: one row of the `postings` table plus its roles and skills).
// Keys of PostingRecord are the database's column names, so JSON Lines output round-trips.

/** A schema.org MonetaryAmount, as found in JobPosting.baseSalary (value may be a QuantitativeValue). */
export interface SchemaOrgSalary {
  '@type'?: string;
  currency?: string;
  value?:
    | number
    | string
    | {
        '@type'?: string;
        value?: number | string;
        minValue?: number | string;
        maxValue?: number | string;
        unitText?: string;
      };
  minValue?: number | string;
  maxValue?: number | string;
  unitText?: string;
}

/**
 * What a scraper extracts from one posting, untouched by interpretation: strings as the site shows them.
 * Scrapers fill what the site gives; the pipeline turns it into a PostingRecord.
 */
export interface RawPosting {
  /** Stable id of the posting within its source (the site's own id where it has one). */
  sourcePostingId: string;
  /** Absolute URL of the posting. */
  url?: string;
  title: string;
  company?: string;
  /** Location as shown, e.g. "上海·浦东新区·张江", "Remote (US)", "San Francisco, CA". */
  location?: string;
  /** Salary as shown ("15-25K·13薪", "$50–$70/hr") or a schema.org baseSalary object. */
  salary?: string | SchemaOrgSalary;
  /** Explicit pay fields where an API gives numbers (Ashby compensation, Lever salaryRange). */
  salaryRange?: { min?: number; max?: number; currency?: string; period?: SalaryPeriod };
  employmentType?: string;
  /** True where the source says the job is remote (TELECOMMUTE, isRemote, workplaceType remote). */
  remote?: boolean;
  /** Plain text with paragraphs kept (use htmlToText for HTML bodies). */
  description?: string;
  /** Date as shown: ISO, RFC 2822, epoch ms/s, "3天前", "2 days ago", "03-05" … */
  postedAt?: string | number;
  validThrough?: string | number;
  /** Tags the source itself attaches (BOSS skills, Lever categories …). */
  tags?: string[];
  /** Department, team, experience, degree … kept for the record. */
  extra?: Record<string, unknown>;
  /** What the source returned for this posting, kept so a better parser can re-derive fields later. */
  raw: unknown;
}

export type SalaryPeriod = 'hour' | 'day' | 'week' | 'month' | 'year' | 'piece';

/** Precision of posted_at: exact time, day, or censored ("30+ days ago": at least that old). */
export type DatePrecision = 'exact' | 'day' | 'censored';

/** One row of the `postings` table as the pipeline produces it (store-managed columns excluded). */
export interface PostingRecord {
  source_id: string;
  source_posting_id: string;
  url: string | null;
  title: string;
  company: string | null;
  company_norm: string | null;
  location_raw: string | null;
  city: string | null;
  district: string | null;
  region: string | null;
  country: string | null;
  remote: boolean | null;
  employment_type: string | null;
  salary_min: number | null;
  salary_max: number | null;
  salary_currency: string | null;
  salary_period: SalaryPeriod | null;
  salary_months: number | null;
  salary_negotiable: boolean;
  salary_raw: string | null;
  /** The currency was not stated by the source but inferred from the posting's country (absent: false). */
  salary_currency_inferred?: boolean;
  /** The pay figures are not pay anyone is paid ("1-1 Annually"): kept, left out of pay statistics (absent: false). */
  salary_implausible?: boolean;
  description: string | null;
  posted_at: string | null;
  posted_at_precision: DatePrecision | null;
  valid_through: string | null;
  dedup_key: string;
  content_hash: string;
  raw_json: string;
}

/**
 * What a posting says, in a fixed order: the fields whose change means the posting was edited. The content
 * hash is taken over them in this order (so never reorder it: every stored hash would change).
 */
export const POSTING_CONTENT_FIELDS = [
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

/** One place a posting names (a row of `posting_places`, without its posting and position). */
export interface PostingPlace {
  city: string;
  district: string | null;
  region: string | null;
  country: string | null;
}

/**
 * What the pipeline returns: the row plus its classification (role and skill ids from the taxonomy) and every
 * place it names, in order (the first is the row's city; absent: the row's city alone).
 */
export interface NormalisedPosting extends PostingRecord {
  roles: string[];
  skills: string[];
  places?: PostingPlace[];
}
