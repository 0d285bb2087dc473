// schema.org JobPosting on any careers or job page (JSON-LD and microdata), from a list of page URLs
// and/or XML sitemaps (sitemap indexes followed). Each sitemap read asks for the job pages it lists (up to
// maxUrls in all) while the others are still being read; one page of postings per job page fetched.
import { z } from 'zod';
import type { RawPosting } from '../src/domain/posting.js';
import { NotRetryableError } from '../src/fetch/errors.js';
import { countJsonLdBlocks, extractJobPostings, findJsonLdBlocks } from './shared/json-ld.js';
import { parseSitemap } from './shared/sitemap.js';
import type { PageRequest, ParseHint, Scraper } from './types.js';

const httpUrl = z.string().refine((u) => /^https?:\/\//i.test(u) || u.startsWith('/'), 'an http(s) URL');

export const jsonldOptionsSchema = z
  .object({
    /** Job pages to read (absolute, or relative to the source's baseUrl). */
    urls: z.array(httpUrl).default([]),
    /** Sitemaps (or sitemap indexes) listing job pages. */
    sitemaps: z.array(httpUrl).default([]),
    /** Only sitemap pages whose URL matches this regular expression (e.g. "/jobs?/"). */
    urlPattern: z
      .string()
      .refine((p) => {
        try {
          new RegExp(p);
          return true;
        } catch {
          return false;
        }
      }, 'a valid regular expression')
      .optional(),
    /** At most this many job pages per run (sitemaps can list thousands). */
    maxUrls: z.number().int().min(1).default(200),
  })
  .refine((o) => o.urls.length + o.sitemaps.length > 0, {
    message: 'give at least one of urls or sitemaps',
    path: ['urls'],
  });
export type JsonldOptions = z.infer<typeof jsonldOptionsSchema>;

const MAX_SITEMAPS = 50;

/**
 * Postings from one saved page. Ids are "host:identifier" (identifiers are only unique within a site),
 * else the posting's URL. A page whose JSON-LD is there but cannot be parsed at all is an error.
 */
export function parseJsonLdPage(body: string, hint: ParseHint = {}): RawPosting[] {
  const postings = extractJobPostings(body, hint.url);
  if (postings.length === 0) {
    const blocks = countJsonLdBlocks(body);
    if (blocks > 0 && findJsonLdBlocks(body).length === 0) {
      throw new NotRetryableError(
        `jsonld: ${hint.url ?? 'page'} has ${blocks} JSON-LD block(s) and none of them parses as JSON`,
        hint.url,
      );
    }
  }
  return postings.map((p) => scopeId(p));
}

function scopeId(posting: RawPosting): RawPosting {
  if (/^https?:\/\//i.test(posting.sourcePostingId) || !posting.url) return posting;
  let host: string;
  try {
    host = new URL(posting.url).host;
  } catch {
    return posting;
  }
  return { ...posting, sourcePostingId: `${host}:${posting.sourcePostingId}` };
}

function resolve(url: string, base: string): string {
  return new URL(url, base.endsWith('/') ? base : `${base}/`).href;
}

function jobPage(url: string): PageRequest {
  return { url, handler: 'page', kind: 'detail', target: `page ${url}` };
}

function sitemap(url: string): PageRequest {
  return { url, handler: 'sitemap', kind: 'index', target: `sitemap ${url}` };
}

export const jsonldScraper: Scraper<JsonldOptions> = {
  id: 'jsonld',
  name: 'schema.org JobPosting on any page',
  kind: 'html',
  // Pages come from the config; the base URL only resolves relative ones (set sources.jsonld.baseUrl).
  defaultBaseUrl: 'https://example.com',
  verifiedAgainst:
    'JSON-LD (object, array, @graph, nested, entity-encoded script type, trailing commas) and microdata; checked against real Built In job pages (2026-02); tests on project fixtures (2026-11)',
  optionsSchema: jsonldOptionsSchema,
  start(ctx) {
    const maxUrls = ctx.options.maxUrls ?? 200;
    const listed = [...new Set((ctx.options.urls ?? []).map((u) => resolve(u, ctx.baseUrl)))].slice(
      0,
      maxUrls,
    );
    const sitemaps =
      listed.length < maxUrls ? (ctx.options.sitemaps ?? []).map((s) => resolve(s, ctx.baseUrl)) : [];
    return [...listed.map(jobPage), ...sitemaps.slice(0, MAX_SITEMAPS).map(sitemap)];
  },
  handlers: {
    sitemap(page, ctx) {
      const pattern = ctx.options.urlPattern ? new RegExp(ctx.options.urlPattern) : undefined;
      const read = parseSitemap(page.text, ctx.request.url);
      if (read.kind === 'sitemapindex') {
        const room = MAX_SITEMAPS - ctx.queued('sitemap');
        return { requests: read.entries.slice(0, Math.max(0, room)).map((e) => sitemap(e.url)) };
      }
      const room = (ctx.options.maxUrls ?? 200) - ctx.queued('page');
      const pages = read.entries.map((e) => e.url).filter((url) => !pattern || pattern.test(url));
      return { requests: [...new Set(pages)].slice(0, Math.max(0, room)).map(jobPage) };
    },
    page: (page) => ({ postings: parseJsonLdPage(page.text, { url: page.url }) }),
  },
  parse: parseJsonLdPage,
};
