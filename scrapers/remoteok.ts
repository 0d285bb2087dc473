// RemoteOK through its public JSON API (GET /api, optionally ?tag=…). The first element is a legal notice,
// not a job. Texts often arrive as mojibake (UTF-8 bytes that were decoded as Windows-1252: "MecÃ¡nico")
// and with soft hyphens: both are repaired here. The API's terms ask for a link back and a mention of
// Remote OK as the source: every posting keeps its remoteok.com URL, and `jobtrend sources` names it.
import { z } from 'zod';
import type { RawPosting } from '../src/domain/posting.js';
import { NotRetryableError } from '../src/fetch/errors.js';
import { htmlToText } from '../src/text/html-to-text.js';
import { descriptionText } from './shared/description.js';
import { absoluteUrl } from './shared/json-ld.js';
import type { ParseHint, Scraper } from './types.js';

export const remoteokOptionsSchema = z.object({
  /** Ask for these tags (e.g. "ai", "data"); one request each. Without tags: the whole feed. */
  tags: z.array(z.string().regex(/^[\w +.-]+$/, 'a tag such as "ai"')).optional(),
});
export type RemoteokOptions = z.infer<typeof remoteokOptionsSchema>;

interface RemoteokJob {
  id?: string | number;
  slug?: string;
  epoch?: number;
  date?: string;
  company?: string;
  position?: string;
  tags?: string[];
  description?: string;
  location?: string;
  salary_min?: number;
  salary_max?: number;
  url?: string;
  apply_url?: string;
  legal?: string;
}

// Windows-1252 bytes 0x80–0x9F that decode to characters outside Latin-1.
const CP1252: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  ƒ: 0x83,
  '„': 0x84,
  '…': 0x85,
  '†': 0x86,
  '‡': 0x87,
  ˆ: 0x88,
  '‰': 0x89,
  Š: 0x8a,
  '‹': 0x8b,
  Œ: 0x8c,
  Ž: 0x8e,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '•': 0x95,
  '–': 0x96,
  '—': 0x97,
  '˜': 0x98,
  '™': 0x99,
  š: 0x9a,
  '›': 0x9b,
  œ: 0x9c,
  ž: 0x9e,
  Ÿ: 0x9f,
};
const CONT = `[\\u0080-\\u00BF${Object.keys(CP1252).join('')}]`;
const MOJIBAKE = new RegExp(
  `[\\u00C2-\\u00DF]${CONT}|[\\u00E0-\\u00EF]${CONT}{2}|[\\u00F0-\\u00F4]${CONT}{3}`,
  'g',
);

/**
 * Undoes UTF-8 read as Windows-1252/Latin-1 ("DiagnÃ³stico" → "Diagnóstico", "weâ€™re" → "we’re"), sequence
 * by sequence, so correctly encoded text around it is left alone; then drops soft hyphens.
 */
export function repairMojibake(text: string): string {
  let current = text;
  for (let round = 0; round < 2; round++) {
    const next = current.replace(MOJIBAKE, (sequence) => {
      const bytes = [...sequence].map((ch) => CP1252[ch] ?? ch.charCodeAt(0));
      const decoded = Buffer.from(bytes).toString('utf8');
      return decoded.includes('\uFFFD') ? sequence : decoded;
    });
    if (next === current) break;
    current = next;
  }
  return current.replace(/\u00AD/g, '');
}

export function remoteokApiUrl(baseUrl: string, tag?: string): string {
  const base = `${baseUrl.replace(/\/$/, '')}/api`;
  return tag ? `${base}?tag=${encodeURIComponent(tag)}` : base;
}

/** Postings from a saved /api response: the legal notice and anything without an id or position skipped. */
export function parseRemoteokApi(body: string, hint: ParseHint = {}): RawPosting[] {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    throw new NotRetryableError(
      `remoteok: response${hint.url ? ` of ${hint.url}` : ''} is not JSON`,
      hint.url,
    );
  }
  if (!Array.isArray(data)) {
    throw new NotRetryableError(
      'remoteok: expected a JSON list of jobs: is this a RemoteOK /api response?',
      hint.url,
    );
  }
  return data
    .filter((item): item is RemoteokJob => Boolean(item && typeof item === 'object'))
    .filter((job) => job.legal === undefined && job.id !== undefined && Boolean(job.position))
    .map(remoteokJobToRaw);
}

function clean(value: string | undefined): string | undefined {
  const repaired = value ? repairMojibake(value).trim() : '';
  return repaired || undefined;
}

function remoteokJobToRaw(job: RemoteokJob): RawPosting {
  const posting: RawPosting = {
    sourcePostingId: String(job.id),
    title: htmlToText(clean(job.position) ?? ''),
    remote: true,
    raw: job,
  };
  const url = absoluteUrl(
    job.url ?? (job.slug ? `/remote-jobs/${job.slug}` : undefined),
    'https://remoteok.com/',
  );
  if (url) posting.url = url;
  const company = clean(job.company);
  if (company) posting.company = htmlToText(company);
  posting.location = clean(job.location) ?? 'Remote';
  const description = clean(job.description);
  if (description) posting.description = descriptionText(description);
  if (job.date) posting.postedAt = job.date;
  else if (typeof job.epoch === 'number') posting.postedAt = job.epoch * 1000;
  const min = job.salary_min && job.salary_min > 0 ? job.salary_min : undefined;
  const max = job.salary_max && job.salary_max > 0 ? job.salary_max : undefined;
  // RemoteOK's salary fields are yearly US dollars (its search filters say "$/year").
  if (min !== undefined || max !== undefined) {
    posting.salaryRange = {
      ...(min !== undefined ? { min } : {}),
      ...(max !== undefined ? { max } : {}),
      currency: 'USD',
      period: 'year',
    };
  }
  const tags = (job.tags ?? []).map((t) => clean(String(t))).filter((t): t is string => Boolean(t));
  if (tags.length > 0) posting.tags = tags;
  posting.extra = { source: 'Remote OK', ...(job.apply_url ? { applyUrl: job.apply_url } : {}) };
  return posting;
}

export const remoteokScraper: Scraper<RemoteokOptions> = {
  id: 'remoteok',
  name: 'Remote OK',
  kind: 'api',
  defaultBaseUrl: 'https://remoteok.com',
  verifiedAgainst:
    'Remote OK public API (/api; credit: Remote OK, postings link back to remoteok.com as its terms ask): checked against a real capture with mojibake and soft hyphens (2026-09); tests on project fixtures (2026-11)',
  optionsSchema: remoteokOptionsSchema,
  // A job listed under two tags is stored once: the engine keeps a posting once per run.
  start(ctx) {
    const tags: (string | undefined)[] = ctx.options.tags?.length ? ctx.options.tags : [undefined];
    return tags.map((tag) => ({
      url: remoteokApiUrl(ctx.baseUrl, tag),
      handler: 'feed',
      kind: 'list',
      target: tag ? `remoteok tag "${tag}"` : 'remoteok feed',
      // The answer holds the whole list: nothing follows (the progress bar's total is known at once).
      leadsTo: 0,
    }));
  },
  handlers: {
    feed: (page, ctx) => ({ postings: parseRemoteokApi(page.text, { url: ctx.request.url }) }),
  },
  parse: parseRemoteokApi,
};
