// Declarative site definitions: a user adds a job site to the config (list URL with {query} and {page}
// placeholders, an item selector, field selectors or attributes, a next-page selector or page-number
// pattern, an optional detail page to follow, http or browser) and jobtrend scrapes it without new code.
// Each list page read asks for the next list page and for its postings' detail pages at once.
// Definitions are validated with zod, so a mistake is reported by field ("sites[0].fields.title: Required").
import type { Cheerio } from 'cheerio';
import * as cheerio from 'cheerio';
import type { AnyNode } from 'domhandler';
import { z } from 'zod';
import type { RawPosting } from '../src/domain/posting.js';
import { NotRetryableError } from '../src/fetch/errors.js';
import { normaliseWhitespace } from '../src/text/whitespace.js';
import { descriptionNodesText } from './shared/description.js';
import { absoluteUrl, extractJobPostings } from './shared/json-ld.js';
import type {
  HandlerContext,
  PageRequest,
  ParseHint,
  ScrapeRequest,
  Scraper,
  StartContext,
} from './types.js';

const requiredMessage = (what: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? 'Required' : `expected ${what}`;

const validRegex = z.string().refine((p) => {
  try {
    new RegExp(p);
    return true;
  } catch {
    return false;
  }
}, 'a valid regular expression');

/** Where a field's value is: a CSS selector (inside the item), its attribute, and an optional regex capture. */
export const fieldSchema = z.union(
  [
    z.string().min(1),
    z
      .object({
        /** CSS selector inside the item (or the detail page); omitted: the item element itself. */
        selector: z.string().min(1).optional(),
        /** Read this attribute (href, datetime, data-id …) instead of the text. */
        attr: z.string().min(1).optional(),
        /** Keep the first capture group (or the whole match) of this regular expression. */
        regex: validRegex.optional(),
      })
      .strict(),
  ],
  { error: requiredMessage('a CSS selector, or { selector, attr, regex }') },
);
export type FieldSpec = z.infer<typeof fieldSchema>;

const fieldsSchema = z
  .object({
    title: fieldSchema,
    url: fieldSchema.optional(),
    id: fieldSchema.optional(),
    company: fieldSchema.optional(),
    location: fieldSchema.optional(),
    salary: fieldSchema.optional(),
    postedAt: fieldSchema.optional(),
    employmentType: fieldSchema.optional(),
    description: fieldSchema.optional(),
    tags: fieldSchema.optional(),
  })
  .strict();

const detailFieldsSchema = fieldsSchema.partial();
type FieldName = keyof z.infer<typeof fieldsSchema>;

const nextPageSchema = z.union(
  [
    z
      .object({
        /** The "next page" link. */
        selector: z.string().min(1),
        attr: z.string().min(1).default('href'),
      })
      .strict(),
    z
      .object({
        /** URL of pages after the first, with {page} (default: listUrl). */
        pagePattern: z.string().min(1).optional(),
        start: z.number().int().default(1),
        step: z.number().int().min(1).default(1),
        maxPages: z.number().int().min(1).optional(),
      })
      .strict(),
  ],
  { error: requiredMessage('{ selector } or { pagePattern, start, step, maxPages }') },
);

export const siteDefinitionSchema = z
  .object({
    /** Short name, part of every posting id from this site: keep it stable. */
    name: z
      .string({ error: requiredMessage('a name') })
      .regex(/^[\w.-]+$/, 'letters, digits, ".", "_" or "-"'),
    /** The list page, with {query} and {page} placeholders; absolute or relative to the source's baseUrl. */
    listUrl: z.string({ error: requiredMessage('a URL') }).min(1),
    mode: z.enum(['http', 'browser']).default('http'),
    /** The search words when the scrape request gives none. */
    query: z.string().optional(),
    /** CSS selector of one posting in the list. */
    item: z.string({ error: requiredMessage('a CSS selector') }).min(1),
    fields: fieldsSchema,
    /** The company name, for a single company's careers site. */
    company: z.string().optional(),
    nextPage: nextPageSchema.optional(),
    maxPages: z.number().int().min(1).default(5),
    /** Follow each posting's link and read more fields there (JSON-LD on that page fills the rest). */
    detail: z
      .object({
        urlField: z.enum(['url']).default('url'),
        fields: detailFieldsSchema.default({}),
      })
      .strict()
      .optional(),
    /** Browser mode: wait for this selector before reading the page. */
    waitForSelector: z.string().min(1).optional(),
  })
  .strict();
export type SiteDefinition = z.infer<typeof siteDefinitionSchema>;

export const siteOptionsSchema = z.object({
  sites: z.array(siteDefinitionSchema, { error: requiredMessage('a list of site definitions') }).min(1),
});
export type SiteOptions = z.infer<typeof siteOptionsSchema>;

export interface ParsedSitePage {
  postings: RawPosting[];
  /** Elements that matched `item` (postings without a title are dropped). */
  itemCount: number;
  /** The next page's URL from a nextPage selector. */
  nextUrl?: string;
}

function readField(
  $: cheerio.CheerioAPI,
  scope: Cheerio<AnyNode> | undefined,
  spec: FieldSpec,
  name: FieldName,
): string | undefined {
  const { selector, attr, regex } =
    typeof spec === 'string' ? { selector: spec, attr: undefined, regex: undefined } : spec;
  const base = scope ?? $.root();
  const matches = selector ? base.find(selector) : base;
  if (matches.length === 0) return undefined;
  let value: string | undefined;
  if (name === 'tags') {
    value = matches
      .toArray()
      .map((t) => normaliseWhitespace((attr ? $(t).attr(attr) : $(t).text()) ?? ''))
      .filter(Boolean)
      .join('\n');
  } else if (attr) value = matches.first().attr(attr);
  else if (name === 'description') value = descriptionNodesText(matches.first().contents().toArray());
  else value = matches.first().text();
  if (value === undefined) return undefined;
  if (regex) {
    const match = new RegExp(regex).exec(value);
    value = match ? (match[1] ?? match[0]) : undefined;
  }
  const cleaned =
    name === 'description' || name === 'tags' ? value?.trim() : normaliseWhitespace(value ?? '');
  return cleaned || undefined;
}

function applyFields(
  posting: RawPosting,
  values: Partial<Record<FieldName, string>>,
  pageUrl: string,
  overwrite: boolean,
): void {
  const set = <K extends keyof RawPosting>(key: K, value: RawPosting[K] | undefined) => {
    if (value === undefined || value === '') return;
    if (overwrite || posting[key] === undefined || posting[key] === '') posting[key] = value;
  };
  set('title', values.title);
  set('url', absoluteUrl(values.url, pageUrl));
  set('company', values.company);
  set('location', values.location);
  set('salary', values.salary);
  set('postedAt', values.postedAt);
  set('employmentType', values.employmentType);
  set('description', values.description);
  if (values.tags) set('tags', values.tags.split('\n'));
  if (values.location && /\bremote\b|远程/i.test(values.location)) set('remote', true);
}

/** Pure: the postings of one list page under a site definition, and the next page's URL if it has a link. */
export function parseSitePage(html: string, site: SiteDefinition, pageUrl: string): ParsedSitePage {
  const $ = cheerio.load(html);
  const items = $(site.item).toArray();
  const postings: RawPosting[] = [];
  for (const element of items) {
    const scope: Cheerio<AnyNode> = $(element);
    const values: Partial<Record<FieldName, string>> = {};
    for (const [name, spec] of Object.entries(site.fields) as [FieldName, FieldSpec | undefined][]) {
      if (spec !== undefined) values[name] = readField($, scope, spec, name);
    }
    if (!values.title) continue;
    const posting: RawPosting = {
      sourcePostingId: '',
      title: values.title,
      raw: { ...values, page: pageUrl },
    };
    applyFields(posting, values, pageUrl, true);
    if (!posting.company && site.company) posting.company = site.company;
    const ownId =
      values.id ?? posting.url ?? `${posting.title}|${posting.company ?? ''}|${posting.location ?? ''}`;
    posting.sourcePostingId = `${site.name}:${ownId}`;
    postings.push(posting);
  }
  if (items.length > 0 && postings.length === 0) {
    throw new NotRetryableError(
      `site "${site.name}": ${items.length} items matched "${site.item}" but none had a title: check fields.title`,
      pageUrl,
    );
  }
  const result: ParsedSitePage = { postings, itemCount: items.length };
  if (site.nextPage && 'selector' in site.nextPage) {
    const href = $(site.nextPage.selector)
      .first()
      .attr(site.nextPage.attr ?? 'href');
    const next = href && !href.startsWith('javascript:') ? absoluteUrl(href, pageUrl) : undefined;
    if (next && next !== pageUrl) result.nextUrl = next;
  }
  return result;
}

/** Pure: a detail page's fields under the definition's `detail.fields`, JSON-LD filling what they miss. */
export function applyDetailPage(
  posting: RawPosting,
  html: string,
  site: SiteDefinition,
  pageUrl: string,
): RawPosting {
  const merged: RawPosting = { ...posting };
  const $ = cheerio.load(html);
  const values: Partial<Record<FieldName, string>> = {};
  for (const [name, spec] of Object.entries(site.detail?.fields ?? {}) as [
    FieldName,
    FieldSpec | undefined,
  ][]) {
    if (spec !== undefined) values[name] = readField($, undefined, spec, name);
  }
  applyFields(merged, values, pageUrl, true);
  const [schemaOrg] = extractJobPostings(html, pageUrl);
  if (schemaOrg) {
    for (const key of [
      'company',
      'location',
      'salary',
      'employmentType',
      'description',
      'postedAt',
      'validThrough',
      'remote',
    ] as const) {
      if (merged[key] === undefined && schemaOrg[key] !== undefined)
        (merged as unknown as Record<string, unknown>)[key] = schemaOrg[key];
    }
  }
  merged.raw = { list: posting.raw, detail: values };
  return merged;
}

function fillPlaceholders(template: string, query: string, page: number): string {
  return template.replaceAll('{query}', encodeURIComponent(query)).replaceAll('{page}', String(page));
}

/** How a definition pages: a page-number pattern (explicit, or {page} in listUrl), or a next-page link. */
function pagePattern(
  site: SiteDefinition,
): { pagePattern?: string; start: number; step: number; maxPages?: number } | undefined {
  const next = site.nextPage;
  if (next && !('selector' in next)) return next;
  return !next && site.listUrl.includes('{page}') ? { start: 1, step: 1 } : undefined;
}

interface ListData {
  /** Which of the configured sites. */
  site: number;
  /** Pages of the listing read before this one. */
  n: number;
  /** Posting ids of the page before (a site that ignores the page number serves it again). */
  previous: string[];
}

/** A list page of a site, loaded the site's way (http or browser). */
function listRequest(
  site: SiteDefinition,
  index: number,
  url: string,
  n: number,
  previous: string[],
  search: ScrapeRequest,
): PageRequest {
  return {
    url,
    handler: 'list',
    kind: 'list',
    data: { site: index, n, previous },
    target: `site "${site.name}"`,
    // The pages after this one, at most (the progress bar's total; a page without new postings ends sooner).
    leadsTo: Math.max(0, maxPagesOf(site, search) - n - 1),
    ...browseOf(site),
  };
}

/** How many list pages of a site a scrape reads at most. */
function maxPagesOf(site: SiteDefinition, search: ScrapeRequest): number {
  return Math.min(
    pagePattern(site)?.maxPages ?? site.maxPages ?? 5,
    search.maxPages ?? Number.POSITIVE_INFINITY,
  );
}

function browseOf(site: SiteDefinition): Pick<PageRequest, 'browse'> {
  if (site.mode !== 'browser') return {};
  return { browse: site.waitForSelector ? { waitForSelector: site.waitForSelector } : {} };
}

function siteBase(baseUrl: string): string {
  return baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
}

function firstPage(ctx: StartContext<SiteOptions>, site: SiteDefinition, index: number): PageRequest {
  const query = ctx.search.query ?? site.query ?? '';
  const url = new URL(
    fillPlaceholders(site.listUrl, query, pagePattern(site)?.start ?? 1),
    siteBase(ctx.baseUrl),
  ).href;
  return listRequest(site, index, url, 0, [], ctx.search);
}

/** Reads a list page: its postings (or their detail pages), and the next list page while there is one. */
function readList(page: { text: string; url: string }, ctx: HandlerContext<SiteOptions>) {
  const data = ctx.request.data as unknown as ListData;
  const site = ctx.options.sites[data.site]!;
  const parsed = parseSitePage(page.text, site, page.url);
  const fresh = parsed.postings.filter((p) => !data.previous.includes(p.sourcePostingId));
  const postings: RawPosting[] = [];
  const requests: PageRequest[] = [];
  for (const posting of fresh) {
    if (site.detail && posting.url) {
      requests.push({
        url: posting.url,
        handler: 'detail',
        kind: 'detail',
        posting,
        data: { site: data.site },
        target: `site "${site.name}" job page`,
        ...browseOf(site),
      });
    } else postings.push(posting);
  }
  const pattern = pagePattern(site);
  const maxPages = maxPagesOf(site, ctx.search);
  const n = data.n + 1;
  if (fresh.length > 0 && n < maxPages) {
    const ids = parsed.postings.map((p) => p.sourcePostingId);
    let next: string | undefined;
    if (pattern) {
      const template = pattern.pagePattern ?? site.listUrl;
      const query = ctx.search.query ?? site.query ?? '';
      if (template.includes('{page}'))
        next = new URL(
          fillPlaceholders(template, query, pattern.start + n * pattern.step),
          siteBase(ctx.baseUrl),
        ).href;
    } else next = parsed.nextUrl;
    // Listed before the detail pages: the listing goes on while they are read.
    if (next) requests.unshift(listRequest(site, data.site, next, n, ids, ctx.search));
  }
  return { postings, requests };
}

/** Without a site definition `jobtrend parse --source site` can only read schema.org JobPosting markup. */
function parseWithoutDefinition(body: string, hint: ParseHint = {}): RawPosting[] {
  return extractJobPostings(body, hint.url);
}

export const siteScraper: Scraper<SiteOptions> = {
  id: 'site',
  name: 'Declared sites (CSS selectors)',
  kind: 'html',
  // Pages come from the config; the base URL only resolves relative ones (set sources.site.baseUrl).
  defaultBaseUrl: 'https://example.com',
  verifiedAgainst:
    'declarative definitions (item/field selectors, attributes, next-page link or page pattern, detail pages, http or browser); tests on project fixtures (2026-11)',
  optionsSchema: siteOptionsSchema,
  details: { enabled: true, maxPerRun: 5000 },
  start: (ctx) => ctx.options.sites.map((site, index) => firstPage(ctx, site, index)),
  handlers: {
    list: (page, ctx) => readList(page, ctx),
    detail(page, ctx) {
      const site = ctx.options.sites[(ctx.request.data as { site: number }).site]!;
      return { postings: [applyDetailPage(ctx.request.posting!, page.text, site, page.url)] };
    },
  },
  parse: parseWithoutDefinition,
};
