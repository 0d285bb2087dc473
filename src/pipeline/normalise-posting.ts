// The pipeline's entry: one RawPosting (what a scraper saw) → one NormalisedPosting (a postings row plus
// its role and skill ids). Pure: no I/O, no clock (the time the page was seen comes in the context).
import type { NormalisedPosting, PostingPlace, RawPosting, SalaryPeriod } from '../domain/posting.js';
import { normaliseWhitespace } from '../text/whitespace.js';
import { classifyPosting } from './classify-posting.js';
import { normaliseCompany } from './company.js';
import { contentHash } from './content-hash.js';
import { parseDate } from './dates.js';
import { dedupKey } from './dedup.js';
import { parseLocation } from './location.js';
import { currencyForCountry, isImplausiblePay } from './pay.js';
import { type ParsedSalary, parseSalary } from './salary.js';

export interface NormaliseContext {
  sourceId: string;
  /** When the page was fetched: relative dates ("3天前") count back from here. */
  seenAt: Date;
  /** IANA time zone of the source; default Asia/Shanghai for Chinese boards, else UTC. */
  timeZone?: string;
  /** ISO 4217 currency of pay figures the source states without one (`import --currency USD`). */
  currency?: string;
}

/** The pipeline's shape, for callers that take a replacement (benchmarks, tests). */
export type Normalise = (raw: RawPosting, context: NormaliseContext) => NormalisedPosting;

/** Chinese job boards: dates in Asia/Shanghai, bare salary numbers ("15-25K") in CNY. */
export const CHINESE_SOURCES: ReadonlySet<string> = new Set(['zhaopin', 'boss', '51job', 'liepin']);

const PERIODS: ReadonlySet<string> = new Set(['hour', 'day', 'week', 'month', 'year', 'piece']);

function text(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const t = normaliseWhitespace(String(value));
  return t.length > 0 ? t : null;
}

const EMPLOYMENT_TYPES: [RegExp, string][] = [
  [/intern|实习/i, 'internship'],
  [/part[\s_-]?time|兼职/i, 'part-time'],
  [/full[\s_-]?time|全职|permanent/i, 'full-time'],
  [/contract|freelance|外包|合同|劳务/i, 'contract'],
  [/temporary|temp\b|临时/i, 'temporary'],
];

/** "FULL_TIME", "Full-time", "全职" → "full-time"; unknown values kept as given (lower case). */
export function normaliseEmploymentType(value: unknown): string | null {
  const t = text(value);
  if (!t) return null;
  for (const [re, type] of EMPLOYMENT_TYPES) if (re.test(t)) return type;
  return t.toLowerCase();
}

function salaryFromRange(range: RawPosting['salaryRange'], stated?: string): ParsedSalary | null {
  if (!range || typeof range !== 'object') return null;
  const amount = (v: unknown): number | null =>
    typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : null;
  let min = amount(range.min);
  let max = amount(range.max);
  if (min === null && max === null) return null;
  if (min !== null && max !== null && min > max) [min, max] = [max, min];
  const period: SalaryPeriod | null = range.period && PERIODS.has(range.period) ? range.period : null;
  const currency =
    typeof range.currency === 'string' && /^[A-Za-z]{3}$/.test(range.currency)
      ? range.currency.toUpperCase()
      : (stated ?? null);
  return { min, max, currency, period, months: null, negotiable: false, raw: safeJson(range) };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return JSON.stringify(String(value));
  }
}

/** Turns what a scraper saw into a postings row with roles, skills, dedup key and content hash. */
export function normalisePosting(raw: RawPosting, context: NormaliseContext): NormalisedPosting {
  const chinese = CHINESE_SOURCES.has(context.sourceId);
  const timeZone = context.timeZone ?? (chinese ? 'Asia/Shanghai' : undefined);
  const dateContext = { seenAt: context.seenAt, timeZone };

  const title = text(raw.title) ?? '';
  const company = text(raw.company);
  const locationRaw = text(raw.location);
  const description =
    typeof raw.description === 'string' ? normaliseWhitespace(raw.description) || null : null;
  const place = parseLocation(locationRaw);
  const remote = raw.remote === true || place.remote ? true : raw.remote === false ? false : null;

  const salaryInput =
    typeof raw.salary === 'string' || (raw.salary && typeof raw.salary === 'object') ? raw.salary : undefined;
  const statedCurrency = context.currency?.toUpperCase() ?? (chinese ? 'CNY' : undefined);
  const parsedSalary =
    parseSalary(salaryInput, statedCurrency ? { currency: statedCurrency } : {}) ??
    salaryFromRange(raw.salaryRange, statedCurrency);
  // A figure without a currency: the currency of the posting's country, marked as inferred.
  const hasPay = parsedSalary !== null && (parsedSalary.min !== null || parsedSalary.max !== null);
  const inferredCurrency =
    hasPay && parsedSalary.currency === null ? currencyForCountry(place.country) : null;
  const salary =
    parsedSalary && inferredCurrency ? { ...parsedSalary, currency: inferredCurrency } : parsedSalary;
  const salaryRaw =
    typeof raw.salary === 'string'
      ? text(raw.salary)
      : salaryInput
        ? safeJson(salaryInput)
        : (salary?.raw ?? null);

  const posted = parseDate(raw.postedAt, dateContext);
  const validThrough = parseDate(raw.validThrough, dateContext);

  const sourcePostingId = String(raw.sourcePostingId);
  const companyNorm = company ? normaliseCompany(company) || null : null;
  const { roles, skills } = classifyPosting(title, description);
  // One object literal with every field, in the order of the row: built by spreading a record into a second
  // object it took a tenth of the pipeline's time, and left objects that were slower to post to the store.
  const posting: NormalisedPosting = {
    source_id: context.sourceId,
    source_posting_id: sourcePostingId,
    url: text(raw.url),
    title,
    company,
    company_norm: companyNorm,
    location_raw: locationRaw,
    city: place.city,
    district: place.district,
    region: place.region,
    country: place.country,
    remote,
    employment_type: normaliseEmploymentType(raw.employmentType),
    salary_min: salary?.min ?? null,
    salary_max: salary?.max ?? null,
    salary_currency: salary?.currency ?? null,
    salary_period: salary?.period ?? null,
    salary_months: salary?.months ?? null,
    salary_negotiable: salary?.negotiable ?? false,
    salary_raw: salaryRaw,
    salary_currency_inferred: inferredCurrency !== null,
    salary_implausible: salary !== null && isImplausiblePay(salary),
    description,
    posted_at: posted?.value ?? null,
    posted_at_precision: posted?.precision ?? null,
    valid_through: validThrough?.value ?? null,
    dedup_key: dedupKey({
      title,
      company,
      companyNorm: companyNorm ?? '',
      city: place.city,
      country: place.country,
      remote,
      sourceId: context.sourceId,
      sourcePostingId,
    }),
    // Set below, from the fields above.
    content_hash: '',
    raw_json: safeJson(raw.raw ?? null),
    roles,
    skills,
    // Copies: the parsed location is shared through the memo (and frozen).
    places: place.places.map(copyPlace),
  };
  posting.content_hash = contentHash(posting);
  return posting;
}

function copyPlace(p: PostingPlace): PostingPlace {
  return { city: p.city, district: p.district, region: p.region, country: p.country };
}
