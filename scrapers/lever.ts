// Lever postings through the public Postings API (no key): GET /v0/postings/{company}?mode=json, paged with
// skip/limit. Each posting carries createdAt (epoch ms), categories (location, team, commitment),
// workplaceType and, where the company publishes it, salaryRange.
import { z } from 'zod';
import type { RawPosting, SalaryPeriod } from '../src/domain/posting.js';
import { NotRetryableError } from '../src/fetch/errors.js';
import { normaliseWhitespace } from '../src/text/whitespace.js';
import { descriptionText } from './shared/description.js';
import { absoluteUrl } from './shared/json-ld.js';
import type { PageRequest, ParseHint, Scraper } from './types.js';

export const leverOptionsSchema = z.object({
  /** Company sites, as in jobs.lever.co/{company}. */
  companies: z
    .array(z.string().regex(/^[\w.-]+$/, 'a company site name such as "mistral"'), {
      error: (issue) =>
        issue.input === undefined
          ? 'Required: list the company site names, e.g. companies: [mistral]'
          : undefined,
    })
    .min(1, 'list at least one: company site names, e.g. companies: [mistral]'),
  /** Postings per request (Lever's `limit`); the next page is asked for while a page comes back full. */
  pageSize: z.number().int().min(1).max(500).default(100),
});
export type LeverOptions = z.infer<typeof leverOptionsSchema>;

interface LeverPosting {
  id: string;
  text?: string;
  hostedUrl?: string;
  applyUrl?: string;
  createdAt?: number;
  country?: string;
  workplaceType?: string;
  categories?: {
    location?: string;
    team?: string;
    department?: string;
    commitment?: string;
    allLocations?: string[];
  };
  description?: string;
  descriptionPlain?: string;
  descriptionBody?: string;
  descriptionBodyPlain?: string;
  lists?: { text?: string; content?: string }[];
  additional?: string;
  additionalPlain?: string;
  salaryRange?: { min?: number; max?: number; currency?: string; interval?: string };
  salaryDescriptionPlain?: string;
}

const INTERVALS: Record<string, SalaryPeriod> = {
  'per-year-salary': 'year',
  'per-month-salary': 'month',
  'per-week-salary': 'week',
  'per-day-wage': 'day',
  'per-hour-wage': 'hour',
};

export function leverPostingsUrl(baseUrl: string, company: string, skip: number, limit: number): string {
  return `${baseUrl.replace(/\/$/, '')}/v0/postings/${encodeURIComponent(company)}?mode=json&skip=${skip}&limit=${limit}`;
}

/** Postings from a saved `?mode=json` response (a JSON array). */
export function parseLeverPostings(body: string, hint: ParseHint = {}): RawPosting[] {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    throw new NotRetryableError(`lever: response${hint.url ? ` of ${hint.url}` : ''} is not JSON`, hint.url);
  }
  if (!Array.isArray(data)) {
    const reason = (data as { error?: unknown } | null)?.error;
    throw new NotRetryableError(
      `lever: expected a list of postings${typeof reason === 'string' ? `, got error "${reason}"` : ''}: is this a Lever ?mode=json response?`,
      hint.url,
    );
  }
  return data.map((item, i) => {
    if (
      !item ||
      typeof item !== 'object' ||
      typeof (item as LeverPosting).id !== 'string' ||
      !(item as LeverPosting).text
    ) {
      throw new NotRetryableError(`lever: posting ${i} has no id or text (title)`, hint.url);
    }
    return leverPostingToRaw(item as LeverPosting);
  });
}

function leverPostingToRaw(p: LeverPosting): RawPosting {
  const posting: RawPosting = { sourcePostingId: p.id, title: p.text!.trim(), raw: p };
  const url = absoluteUrl(p.hostedUrl, 'https://jobs.lever.co/');
  if (url) posting.url = url;
  const company = url ? /jobs\.lever\.co\/([^/?#]+)/.exec(url)?.[1] : undefined;
  if (company) posting.company = decodeURIComponent(company);
  const c = p.categories ?? {};
  const locations = c.allLocations?.length ? c.allLocations : c.location ? [c.location] : [];
  if (locations.length > 0) posting.location = locations.join('; ');
  const workplace = p.workplaceType?.toLowerCase();
  if (workplace === 'remote') posting.remote = true;
  else if (workplace === 'on-site' || workplace === 'onsite' || workplace === 'hybrid')
    posting.remote = false;
  if (c.commitment) posting.employmentType = c.commitment;
  if (typeof p.createdAt === 'number') posting.postedAt = p.createdAt;
  const range = p.salaryRange;
  if (range && (typeof range.min === 'number' || typeof range.max === 'number')) {
    posting.salaryRange = {
      ...(typeof range.min === 'number' ? { min: range.min } : {}),
      ...(typeof range.max === 'number' ? { max: range.max } : {}),
      ...(range.currency ? { currency: range.currency } : {}),
      ...(range.interval && INTERVALS[range.interval] ? { period: INTERVALS[range.interval] } : {}),
    };
  }
  if (p.salaryDescriptionPlain?.trim()) posting.salary = normaliseWhitespace(p.salaryDescriptionPlain);
  posting.description = leverDescription(p);
  const tags = [c.department, c.team].filter((t): t is string => Boolean(t));
  if (tags.length > 0) posting.tags = tags;
  posting.extra = {
    ...(c.department ? { department: c.department } : {}),
    ...(c.team ? { team: c.team } : {}),
    ...(p.workplaceType ? { workplaceType: p.workplaceType } : {}),
    ...(p.country ? { country: p.country } : {}),
  };
  return posting;
}

/** The opening, each list under its heading ("What You'll Do" …), and the closing text, as paragraphs. */
function leverDescription(p: LeverPosting): string {
  const parts: string[] = [];
  const intro = p.descriptionBody ?? p.description;
  parts.push(
    intro ? descriptionText(intro) : normaliseWhitespace(p.descriptionBodyPlain ?? p.descriptionPlain ?? ''),
  );
  for (const list of p.lists ?? []) {
    const heading = list.text?.trim();
    const content = list.content ? descriptionText(list.content) : '';
    if (heading || content) parts.push([heading, content].filter(Boolean).join('\n'));
  }
  parts.push(p.additional ? descriptionText(p.additional) : normaliseWhitespace(p.additionalPlain ?? ''));
  return parts.filter(Boolean).join('\n\n');
}

/** Page `page` of a company's postings, with the ids of the page before (to notice a server ignoring skip). */
function companyPage(
  baseUrl: string,
  options: LeverOptions,
  company: string,
  page: number,
  previous: string[],
  maxPages: number | undefined,
): PageRequest {
  const limit = options.pageSize ?? 100;
  return {
    url: leverPostingsUrl(baseUrl, company, page * limit, limit),
    handler: 'postings',
    kind: 'list',
    data: { company, page, previous },
    target: `lever company "${company}"`,
    // Bounded by --max-pages, the pages after this one at most (the progress bar's total); else unknown.
    ...(maxPages !== undefined ? { leadsTo: Math.max(0, maxPages - page - 1) } : {}),
  };
}

export const leverScraper: Scraper<LeverOptions> = {
  id: 'lever',
  name: 'Lever postings',
  kind: 'api',
  defaultBaseUrl: 'https://api.lever.co',
  verifiedAgainst:
    'Postings API v0 ?mode=json with skip/limit: fields checked against a real capture of the Spotify site (2026-09); tests on project fixtures (2026-11)',
  optionsSchema: leverOptionsSchema,
  start: (ctx) =>
    ctx.options.companies.map((company) =>
      companyPage(ctx.baseUrl, ctx.options, company, 0, [], ctx.search.maxPages),
    ),
  handlers: {
    postings(page, ctx) {
      const {
        company,
        page: n,
        previous,
      } = ctx.request.data as { company: string; page: number; previous: string[] };
      const limit = ctx.options.pageSize ?? 100;
      const postings = parseLeverPostings(page.text, { url: ctx.request.url });
      // A server that ignores skip sends the page before again: stop rather than loop.
      const fresh = postings.filter((p) => !previous.includes(p.sourcePostingId));
      const more =
        postings.length >= limit &&
        fresh.length > 0 &&
        n + 1 < (ctx.search.maxPages ?? Number.POSITIVE_INFINITY);
      return {
        postings: fresh,
        requests: more
          ? [
              companyPage(
                ctx.baseUrl,
                ctx.options,
                company,
                n + 1,
                postings.map((p) => p.sourcePostingId),
                ctx.search.maxPages,
              ),
            ]
          : [],
      };
    },
  },
  parse: parseLeverPostings,
};
