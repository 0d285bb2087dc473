// Hacker News "Ask HN: Who is hiring?" threads through the Algolia HN Search API (hn.algolia.com, no key).
// The monthly threads are found by searching the stories of the `whoishiring` account; each thread is then
// read whole (/api/v1/items/{id}) and every top-level comment becomes a posting. By convention a comment's
// first line is "Company | Role | Location | REMOTE | $pay | link"; the whole comment is the description.
// Data courtesy of Hacker News (news.ycombinator.com) via Algolia; each posting links back to its comment.
import { z } from 'zod';
import type { RawPosting } from '../src/domain/posting.js';
import { NotRetryableError } from '../src/fetch/errors.js';
import { htmlToText } from '../src/text/html-to-text.js';
import { descriptionText } from './shared/description.js';
import type { PageRequest, ParseHint, Scraper } from './types.js';

export const hnOptionsSchema = z.object({
  /** How many of the latest monthly threads to read (1 = this month's). */
  months: z.number().int().min(1).max(60).default(1),
  /** Read these threads (HN item ids) instead of searching for the latest. */
  threadIds: z
    .array(z.union([z.string().regex(/^\d+$/, 'an HN item id (digits)'), z.number().int()]))
    .optional(),
});
export type HnOptions = z.infer<typeof hnOptionsSchema>;

interface HnItem {
  id: number | string;
  type?: string;
  author?: string | null;
  title?: string | null;
  text?: string | null;
  created_at?: string;
  created_at_i?: number;
  children?: HnItem[];
}

interface HnSearchResult {
  hits: { objectID: string; title?: string; created_at?: string; author?: string }[];
  page?: number;
  nbPages?: number;
}

const HIRING_THREAD = /^Ask HN: Who is hiring\?/i;
const SEARCH_PAGE_SIZE = 20;
const MAX_SEARCH_PAGES = 10;

export function hnSearchUrl(baseUrl: string, page: number): string {
  return `${baseUrl.replace(/\/$/, '')}/api/v1/search_by_date?tags=story,author_whoishiring&query=who%20is%20hiring&hitsPerPage=${SEARCH_PAGE_SIZE}&page=${page}`;
}

export function hnItemUrl(baseUrl: string, id: string): string {
  return `${baseUrl.replace(/\/$/, '')}/api/v1/items/${encodeURIComponent(id)}`;
}

function parseJson(body: string, what: string, url?: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new NotRetryableError(`hn: ${what}${url ? ` ${url}` : ''} is not JSON`, url);
  }
}

/** The ids of "Who is hiring?" threads in a search response, newest first, plus whether more pages exist. */
export function parseHnSearch(body: string, url?: string): { threadIds: string[]; morePages: boolean } {
  const data = parseJson(body, 'search response', url) as Partial<HnSearchResult> | null;
  if (!data || !Array.isArray(data.hits)) {
    throw new NotRetryableError(
      'hn: search response has no "hits" list: is this an Algolia HN search response?',
      url,
    );
  }
  const threads = data.hits
    .filter((h) => typeof h?.objectID === 'string' && HIRING_THREAD.test(h.title ?? ''))
    .sort((a, b) => (b.created_at ?? '').localeCompare(a.created_at ?? ''));
  const page = data.page ?? 0;
  return {
    threadIds: threads.map((t) => t.objectID),
    morePages: data.nbPages !== undefined && page + 1 < data.nbPages,
  };
}

/**
 * Postings from a saved thread (`items/{id}` response): one per top-level comment that still has text.
 * A search response holds no postings and gives an empty list.
 */
export function parseHnThread(body: string, hint: ParseHint = {}): RawPosting[] {
  const data = parseJson(body, 'response', hint.url) as Partial<HnItem> & { hits?: unknown };
  if (data && Array.isArray(data.hits)) return [];
  if (!data || typeof data !== 'object' || !Array.isArray(data.children)) {
    throw new NotRetryableError(
      'hn: response has no "children" list: is this an Algolia HN items/{id} response?',
      hint.url,
    );
  }
  const thread = { id: String(data.id ?? ''), title: data.title ?? undefined };
  return data.children
    .filter((c): c is HnItem =>
      Boolean(c && typeof c === 'object' && c.text && c.author !== null && c.id !== undefined),
    )
    .filter((c) => c.type === undefined || c.type === 'comment')
    .map((c) => hnCommentToRaw(c, thread))
    .filter((p): p is RawPosting => p !== undefined);
}

const URL_PART = /^(https?:\/\/|www\.)\S+$|^[\w-]+(\.[\w-]+)+(\/\S*)?$/i;
const PAY_PART = /[$€£¥₹]|\b\d+(\.\d+)?\s?[kK]\b|\b(USD|EUR|GBP|CAD|AUD|salary|equity|per hour|\/hr)\b/i;
const EMPLOYMENT_PART =
  /\b(full[- ]?time|part[- ]?time|contract(or)?|intern(ship)?s?|freelance|permanent|FTE)\b/i;
const WORKPLACE_ONLY =
  /^(remote|on-?site|hybrid|in[- ]office|office|visa( sponsorship)?)(\s*(only|ok|friendly|possible|available))?\W*$/i;

/** One top-level comment as a posting; undefined when it has no readable first line. */
export function hnCommentToRaw(
  comment: HnItem,
  thread: { id?: string; title?: string } = {},
): RawPosting | undefined {
  const html = comment.text ?? '';
  const firstLine = htmlToText(html.split(/<p>|\n/i)[0] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!firstLine) return undefined;
  const parts = firstLine
    .split(/\s*[|｜]\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  const id = String(comment.id);
  const posting: RawPosting = {
    sourcePostingId: id,
    url: `https://news.ycombinator.com/item?id=${id}`,
    title: parts.length >= 2 ? parts[1]! : shorten(firstLine, 120),
    description: descriptionText(html),
    raw: { ...comment, children: undefined },
  };
  if (parts.length >= 2) posting.company = parts[0]!;
  let location: string | undefined;
  let link: string | undefined;
  for (const part of parts.slice(2)) {
    if (URL_PART.test(part)) {
      link ??= part;
      continue;
    }
    if (/\bremote\b/i.test(part)) posting.remote = true;
    else if (/^(on-?site|in[- ]office)\b/i.test(part) && posting.remote === undefined) posting.remote = false;
    if (PAY_PART.test(part) && !/\bremote\b/i.test(part)) {
      if (typeof posting.salary !== 'string') posting.salary = part;
      continue;
    }
    if (EMPLOYMENT_PART.test(part) && part.length <= 40) {
      posting.employmentType ??= part;
      continue;
    }
    if (WORKPLACE_ONLY.test(part)) continue;
    location ??= part;
  }
  if (location) posting.location = location;
  else if (posting.remote) posting.location = 'Remote';
  if (comment.created_at) posting.postedAt = comment.created_at;
  else if (comment.created_at_i) posting.postedAt = comment.created_at_i;
  posting.extra = {
    ...(thread.id ? { threadId: thread.id } : {}),
    ...(thread.title ? { threadTitle: thread.title } : {}),
    ...(comment.author ? { author: comment.author } : {}),
    ...(link ? { link } : {}),
  };
  return posting;
}

function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2))}…`;
}

function threadRequest(baseUrl: string, id: string): PageRequest {
  return {
    url: hnItemUrl(baseUrl, id),
    handler: 'thread',
    kind: 'list',
    target: `hn thread ${id}`,
    // The item holds the whole thread: nothing follows (the progress bar's total is known once found).
    leadsTo: 0,
  };
}

/** A search page for the latest hiring threads; `found` are the thread ids the pages before gave. */
function searchRequest(baseUrl: string, page: number, found: string[]): PageRequest {
  return {
    url: hnSearchUrl(baseUrl, page),
    handler: 'search',
    kind: 'index',
    data: { page, found },
    // All the threads are found before any is read, newest first.
    priority: 3,
  };
}

export const hnScraper: Scraper<HnOptions> = {
  id: 'hn',
  name: 'Hacker News: Who is hiring?',
  kind: 'api',
  defaultBaseUrl: 'https://hn.algolia.com',
  verifiedAgainst:
    'Algolia HN Search API (search_by_date, items/{id}); data courtesy of Hacker News, postings link to their comments. Checked against a real September 2026 thread capture; tests on project fixtures (2026-11)',
  optionsSchema: hnOptionsSchema,
  start(ctx) {
    if (ctx.options.threadIds)
      return ctx.options.threadIds.map((id) => threadRequest(ctx.baseUrl, String(id)));
    return [searchRequest(ctx.baseUrl, 0, [])];
  },
  handlers: {
    search(page, ctx) {
      const { page: n, found } = ctx.request.data as { page: number; found: string[] };
      const months = ctx.options.months ?? 1;
      const { threadIds, morePages } = parseHnSearch(page.text, ctx.request.url);
      const fresh = threadIds.filter((id) => !found.includes(id)).slice(0, months - found.length);
      const all = [...found, ...fresh];
      const requests = fresh.map((id) => threadRequest(ctx.baseUrl, id));
      if (all.length < months && morePages && n + 1 < MAX_SEARCH_PAGES)
        requests.push(searchRequest(ctx.baseUrl, n + 1, all));
      return { requests };
    },
    thread: (page, ctx) => ({ postings: parseHnThread(page.text, { url: ctx.request.url }) }),
  },
  parse: parseHnThread,
};
