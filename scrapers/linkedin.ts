// LinkedIn's public guest job search over plain HTTP, no login: the search endpoint answers with HTML
// fragments of job cards (jobs-guest/jobs/api/seeMoreJobPostings/search?keywords=&location=&f_TPR=&start=),
// 25 per page, paginated by start=25·n; each job's guest view (jobs-guest/jobs/api/jobPosting/<id>, the
// same markup as /jobs/view/<id>) gives the description and criteria. An authwall redirect is a block.
import * as cheerio from 'cheerio';
import { z } from 'zod';
import type { RawPosting } from '../src/domain/posting.js';
import { BlockedError } from '../src/fetch/errors.js';
import { htmlToText } from '../src/text/html-to-text.js';
import { normaliseWhitespace } from '../src/text/whitespace.js';
import { unreadableBody } from './china/block-detection.js';
import { linkedinShapes } from './china/real-shapes.js';
import { compact, isRecord, text } from './china/search-targets.js';
import type { PageRequest, ParseHint, Scraper, StartContext } from './types.js';

const DEFAULT_BASE_URL = 'https://www.linkedin.com';
export const LINKEDIN_PAGE_SIZE = 25;

const TIME_FILTERS = { any: undefined, day: 'r86400', week: 'r604800', month: 'r2592000' } as const;

export const linkedinOptionsSchema = z
  .object({
    /** Search keywords (the request's query wins). */
    keywords: z.string().min(1).default('AI trainer'),
    /** A place as LinkedIn reads it ("Shanghai, China", "United States"); the request's city wins. */
    location: z.string().min(1).optional(),
    /** LinkedIn's numeric geo id, more exact than a location name. */
    geoId: z.string().regex(/^\d+$/).optional(),
    /** Only postings from the last day, week or month (f_TPR). */
    timeFilter: z.enum(['any', 'day', 'week', 'month']).default('week'),
    /** Newest first (sortBy=DD), so repeated runs see new postings on the first pages; or LinkedIn's relevance. */
    sort: z.enum(['recent', 'relevant']).default('recent'),
    maxPages: z.number().int().min(1).max(40).default(5),
  })
  .strict();
export type LinkedinOptions = z.infer<typeof linkedinOptionsSchema>;

/** "https://br.linkedin.com/jobs/view/senior-…-4465923787?position=1" → "4465923787". */
export function linkedinJobId(urnOrUrl: string): string | undefined {
  return /jobPosting:(\d+)/.exec(urnOrUrl)?.[1] ?? /\/jobs\/view\/(?:[^/?]*-)?(\d+)/.exec(urnOrUrl)?.[1];
}

function isLoginRedirect(url?: string): boolean {
  return /\/authwall|\/uas\/login|\/checkpoint\//.test(url ?? '');
}

// Cards of the guest search: today's base-search-card (and job-search-card), and the result-card markup
// LinkedIn served before 2021 (li.result-card.job-result-card with h3.result-card__title).
const CARDS = '.base-search-card, .job-search-card, .job-result-card, [data-entity-urn*="jobPosting"]';

/**
 * Reads a LinkedIn body: a fragment or page of guest search cards (current base-search-card markup or the
 * pre-2021 result-card markup), or a job's guest view / public job page. A body with neither is a login
 * wall when it was redirected there or shows a sign-in page, else a NotRetryableError.
 */
export function parseLinkedin(body: string, hint: ParseHint = {}): RawPosting[] {
  if (isLoginRedirect(hint.url)) throw new BlockedError('blocked: LinkedIn login wall (authwall)', hint.url);
  const $ = cheerio.load(body);
  const cards = $(CARDS);
  // A job view has a top card (its "similar jobs" below are cards too); search fragments never do.
  if ($('.top-card-layout__title, .topcard__title').length > 0) {
    const posting = parseDetail($, hint);
    if (posting) return [posting];
  }
  if (cards.length === 0) {
    if (body.trim() === '' || /^\s*(<!DOCTYPE html>)?\s*$/i.test(body)) return [];
    throw unreadableBody(
      body,
      'LinkedIn',
      'not a LinkedIn search fragment or job page: no job cards',
      hint.url,
    );
  }
  const seen = new Set<string>();
  const postings: RawPosting[] = [];
  cards.each((_, el) => {
    const card = $(el);
    const link =
      card
        .find('a.base-card__full-link, a.result-card__full-card-link, a[href*="/jobs/view/"]')
        .first()
        .attr('href') ?? card.attr('href');
    const id =
      linkedinJobId(card.attr('data-entity-urn') ?? '') ??
      linkedinJobId(link ?? '') ??
      (card.attr('data-id') && /^\d+$/.test(card.attr('data-id')!) ? card.attr('data-id') : undefined);
    const title = normaliseWhitespace(
      card.find('.base-search-card__title, .result-card__title').first().text(),
    );
    if (!id || !title || seen.has(id)) return;
    seen.add(id);
    const time = card.find('time').first();
    const salary = normaliseWhitespace(card.find('.job-search-card__salary-info').first().text());
    postings.push({
      sourcePostingId: id,
      url: link ? link.replace(/\?.*$/, '') : `${DEFAULT_BASE_URL}/jobs/view/${id}`,
      title,
      company:
        normaliseWhitespace(
          card.find('.base-search-card__subtitle, .result-card__subtitle').first().text(),
        ) || undefined,
      location:
        normaliseWhitespace(
          card.find('.job-search-card__location, .job-result-card__location').first().text(),
        ) || undefined,
      salary: salary || undefined,
      postedAt: time.attr('datetime') ?? (normaliseWhitespace(time.text()) || undefined),
      extra: compact({
        benefits: normaliseWhitespace(card.find('.job-posting-benefits__text').first().text()) || undefined,
        listedAgo: normaliseWhitespace(time.text()) || undefined,
      }),
      raw: { id, link, title, datetime: time.attr('datetime') },
    });
  });
  return postings;
}

/**
 * A job's guest view (jobs-guest/jobs/api/jobPosting/<id>) or public job page (/jobs/view/<id>) as one
 * posting, or undefined when the body is not one. Pure: text in, posting out.
 */
export function parseLinkedinJobPage(html: string, hint: ParseHint = {}): RawPosting | undefined {
  const $ = cheerio.load(html);
  return $('.top-card-layout__title, .topcard__title').length > 0 ? parseDetail($, hint) : undefined;
}

/** Where a posting's guest view is: <base>/jobs-guest/jobs/api/jobPosting/<id>. */
export function linkedinDetailUrl(
  posting: Pick<RawPosting, 'sourcePostingId'>,
  baseUrl = DEFAULT_BASE_URL,
): string {
  return `${baseUrl.replace(/\/$/, '')}/jobs-guest/jobs/api/jobPosting/${posting.sourcePostingId}`;
}

/** Criteria headings as the guest page writes them in other languages, by their English heading. */
const CRITERIA: Record<string, string> = {
  职位级别: 'Seniority level',
  雇佣类型: 'Employment type',
  雇用类型: 'Employment type',
  职能: 'Job function',
  行业: 'Industries',
};

function parseDetail($: cheerio.CheerioAPI, hint: ParseHint): RawPosting | undefined {
  const jsonLd = readJobPostingLd($);
  const canonical = $('link[rel="canonical"]').attr('href') ?? hint.url ?? '';
  // The page's own id, never the first card's: similar-job cards below carry other ids.
  const id =
    linkedinJobId(canonical) ??
    /jobPosting\/(\d+)/.exec(hint.url ?? '')?.[1] ??
    linkedinJobId($('#decoratedJobPostingId').html() ?? '') ??
    linkedinJobId($('.top-card-layout [data-entity-urn*="jobPosting"]').attr('data-entity-urn') ?? '');
  const title =
    normaliseWhitespace($('.top-card-layout__title, .topcard__title').first().text()) || text(jsonLd?.title);
  if (!id || !title) return undefined;
  const criteria: Record<string, string> = {};
  $('.description__job-criteria-item').each((_, el) => {
    const name = normaliseWhitespace($(el).find('.description__job-criteria-subheader').text());
    const value = normaliseWhitespace($(el).find('.description__job-criteria-text').text());
    if (name && value) criteria[CRITERIA[name] ?? name] = value;
  });
  const markup = $('.show-more-less-html__markup').first().html() ?? $('.description__text').first().html();
  const organisation = isRecord(jsonLd?.hiringOrganization) ? jsonLd.hiringOrganization : {};
  return {
    sourcePostingId: id,
    url: `${DEFAULT_BASE_URL}/jobs/view/${id}`,
    title,
    company:
      normaliseWhitespace($('.topcard__org-name-link, .top-card-layout__second-subline a').first().text()) ||
      text(organisation.name),
    location: normaliseWhitespace($('.topcard__flavor--bullet').first().text()) || undefined,
    salary:
      normaliseWhitespace($('.salary.compensation__salary, .compensation__salary').first().text()) ||
      undefined,
    employmentType: criteria['Employment type'] ?? text(jsonLd?.employmentType),
    description: markup
      ? htmlToText(markup)
      : text(jsonLd?.description)
        ? htmlToText(text(jsonLd?.description)!)
        : undefined,
    postedAt:
      text(jsonLd?.datePosted) ??
      (normaliseWhitespace($('.posted-time-ago__text').first().text()) || undefined),
    validThrough: text(jsonLd?.validThrough),
    extra: compact({
      seniority: criteria['Seniority level'],
      function: criteria['Job function'],
      industries: criteria.Industries,
    }),
    raw: { id, title, criteria, jsonLd },
  };
}

function readJobPostingLd($: cheerio.CheerioAPI): Record<string, unknown> | undefined {
  for (const el of $('script[type="application/ld+json"]').toArray()) {
    try {
      const value: unknown = JSON.parse($(el).text());
      if (isRecord(value) && value['@type'] === 'JobPosting') return value;
    } catch {
      // not JSON: ignore this block
    }
  }
  return undefined;
}

/** The guest search URL of one page (start = 25·page). */
export function linkedinSearchUrl(
  baseUrl: string,
  options: {
    keywords: string;
    location?: string;
    geoId?: string;
    timeFilter?: keyof typeof TIME_FILTERS;
    sort?: 'recent' | 'relevant';
  },
  page: number,
): string {
  const params = new URLSearchParams({ keywords: options.keywords });
  if (options.location) params.set('location', options.location);
  if (options.geoId) params.set('geoId', options.geoId);
  const tpr = TIME_FILTERS[options.timeFilter ?? 'any'];
  if (tpr) params.set('f_TPR', tpr);
  if (options.sort === 'recent') params.set('sortBy', 'DD');
  params.set('start', String(page * LINKEDIN_PAGE_SIZE));
  return `${baseUrl.replace(/\/$/, '')}/jobs-guest/jobs/api/seeMoreJobPostings/search?${params}`;
}

function maxPagesOf(context: StartContext<LinkedinOptions>): number {
  return context.search.maxPages ?? context.options.maxPages ?? 5;
}

/** The search page `page` of the scrape, with the ids of the page before (to notice a repeat). */
function searchRequest(
  context: StartContext<LinkedinOptions>,
  page: number,
  previous: string[],
): PageRequest {
  const options = context.options;
  const keywords = context.search.query?.trim() || options.keywords || 'AI trainer';
  const location = context.search.city ?? options.location;
  return {
    url: linkedinSearchUrl(
      context.baseUrl.replace(/\/$/, ''),
      { keywords, location, geoId: options.geoId, timeFilter: options.timeFilter, sort: options.sort },
      page,
    ),
    handler: 'search',
    kind: 'list',
    // Past the last page LinkedIn answers 400/404 rather than an empty fragment: that ends the listing.
    ...(page > 0 ? { acceptClientErrors: true } : {}),
    data: { page, previous },
    target: `linkedin search page ${page}`,
    // The pages after this one, at most (the progress bar's total; an empty page ends the listing sooner).
    leadsTo: Math.max(0, maxPagesOf(context) - page - 1),
  };
}

const handlers: Scraper<LinkedinOptions>['handlers'] = {
  search(page, context) {
    if (page.status >= 400) return {};
    const { page: n, previous } = context.request.data as { page: number; previous: string[] };
    const postings = parseLinkedin(page.text, { url: page.url });
    const ids = postings.map((p) => p.sourcePostingId);
    if (postings.length === 0 || ids.every((id) => previous.includes(id))) return {};
    const maxPages = maxPagesOf(context);
    const base = context.baseUrl.replace(/\/$/, '');
    const requests: PageRequest[] = n + 1 < maxPages ? [searchRequest(context, n + 1, ids)] : [];
    for (const posting of postings) {
      requests.push({
        url: linkedinDetailUrl(posting, base),
        handler: 'job',
        kind: 'detail',
        posting,
        target: `linkedin job ${posting.sourcePostingId}`,
      });
    }
    return { requests };
  },
  job(page, context) {
    const posting = context.request.posting!;
    const detail = parseLinkedinJobPage(page.text, { url: page.url });
    if (!detail) {
      // Not a job page: a login wall is a block, an empty answer leaves the posting as listed.
      parseLinkedin(page.text, { url: page.url });
      return { postings: [posting] };
    }
    return {
      postings: [
        {
          ...posting,
          description: detail.description ?? posting.description,
          employmentType: detail.employmentType ?? posting.employmentType,
          salary: posting.salary ?? detail.salary,
          extra: { ...detail.extra, ...posting.extra },
        },
      ],
    };
  },
};

export const linkedinScraper: Scraper<LinkedinOptions> = {
  id: 'linkedin',
  name: 'LinkedIn public job search',
  kind: 'html',
  defaultBaseUrl: DEFAULT_BASE_URL,
  verifiedAgainst:
    '5 real shapes, 2020-08 to 2026-09: result-card page, base-search-card fragments, a Chinese job page, the authwall; tests on project fixtures (2026-12)',
  checkedAgainst: linkedinShapes,
  optionsSchema: linkedinOptionsSchema,
  details: { enabled: true, maxPerRun: 500 },
  start: (context) => [searchRequest(context, 0, [])],
  handlers,
  parse: (body, hint) => parseLinkedin(body, hint),
};
