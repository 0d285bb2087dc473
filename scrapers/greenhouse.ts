// Greenhouse job boards through the public Job Board API (no key): GET /v1/boards/{board}/jobs?content=true
// returns every open job of a board at once, with `content` as HTML-escaped HTML. One request per board, all
// boards side by side.
import { z } from 'zod';
import type { RawPosting } from '../src/domain/posting.js';
import { NotRetryableError } from '../src/fetch/errors.js';
import { descriptionText } from './shared/description.js';
import { absoluteUrl, decodeEntities } from './shared/json-ld.js';
import type { ParseHint, Scraper } from './types.js';

export const greenhouseOptionsSchema = z.object({
  /** Board tokens, as in job-boards.greenhouse.io/{board}. */
  boards: z
    .array(z.string().regex(/^[\w.-]+$/, 'a board token such as "anthropic"'), {
      error: (issue) =>
        issue.input === undefined
          ? 'Required: list the board tokens, e.g. boards: [anthropic, scaleai]'
          : undefined,
    })
    .min(1, 'list at least one: board tokens, e.g. boards: [anthropic, scaleai]'),
});
export type GreenhouseOptions = z.infer<typeof greenhouseOptionsSchema>;

interface GreenhouseJob {
  id: number | string;
  title?: string;
  absolute_url?: string;
  company_name?: string;
  location?: { name?: string } | null;
  content?: string;
  updated_at?: string;
  first_published?: string;
  application_deadline?: string | null;
  requisition_id?: string | null;
  departments?: { name?: string }[];
  offices?: { name?: string; location?: string | null }[];
  metadata?: { name?: string; value?: unknown }[] | null;
}

export function greenhouseJobsUrl(baseUrl: string, board: string): string {
  return `${baseUrl.replace(/\/$/, '')}/v1/boards/${encodeURIComponent(board)}/jobs?content=true`;
}

/** Postings from a saved `jobs?content=true` response. `hint.url` (the request URL) names the board. */
export function parseGreenhouseJobs(body: string, hint: ParseHint = {}): RawPosting[] {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    throw new NotRetryableError(
      `greenhouse: response${hint.url ? ` of ${hint.url}` : ''} is not JSON`,
      hint.url,
    );
  }
  const jobs = (data as { jobs?: unknown } | null)?.jobs;
  if (!Array.isArray(jobs)) {
    throw new NotRetryableError(
      `greenhouse: response has no "jobs" list: is this a Greenhouse job board API response?`,
      hint.url,
    );
  }
  const board = hint.url ? /\/boards\/([^/?#]+)/.exec(hint.url)?.[1] : undefined;
  return jobs.map((job, i) => {
    if (
      !job ||
      typeof job !== 'object' ||
      (job as GreenhouseJob).id === undefined ||
      !(job as GreenhouseJob).title
    ) {
      throw new NotRetryableError(`greenhouse: jobs[${i}] has no id or title`, hint.url);
    }
    return greenhouseJobToRaw(job as GreenhouseJob, board ? decodeURIComponent(board) : undefined);
  });
}

function greenhouseJobToRaw(job: GreenhouseJob, board: string | undefined): RawPosting {
  const posting: RawPosting = { sourcePostingId: String(job.id), title: job.title!.trim(), raw: job };
  const url = absoluteUrl(job.absolute_url, 'https://job-boards.greenhouse.io/');
  if (url) posting.url = url;
  const company = job.company_name?.trim() || board;
  if (company) posting.company = company;
  const offices = (job.offices ?? [])
    .map((o) => o.location?.trim() || o.name?.trim())
    .filter(Boolean) as string[];
  const location = job.location?.name?.trim() || offices.join('; ');
  if (location) posting.location = location;
  if (/\bremote\b/i.test(location)) posting.remote = true;
  if (job.content) {
    // The API escapes the HTML once (&lt;p&gt;); decode that, then keep the paragraphs as text.
    const html = /<[a-z!/]/i.test(job.content) ? job.content : decodeEntities(job.content);
    posting.description = descriptionText(html);
  }
  const postedAt = job.first_published ?? job.updated_at;
  if (postedAt) posting.postedAt = postedAt;
  if (job.application_deadline) posting.validThrough = job.application_deadline;
  const departments = (job.departments ?? []).map((d) => d.name?.trim()).filter(Boolean) as string[];
  if (departments.length > 0) posting.tags = departments;
  posting.extra = {
    departments,
    offices: (job.offices ?? []).map((o) => o.name),
    updatedAt: job.updated_at,
    ...(job.requisition_id ? { requisitionId: job.requisition_id } : {}),
    ...(board ? { board } : {}),
  };
  return posting;
}

export const greenhouseScraper: Scraper<GreenhouseOptions> = {
  id: 'greenhouse',
  name: 'Greenhouse job boards',
  kind: 'api',
  defaultBaseUrl: 'https://boards-api.greenhouse.io',
  verifiedAgainst:
    'Job Board API v1 jobs?content=true: fields checked against a real capture of the Vercel board (2026-09); tests on project fixtures (2026-11)',
  optionsSchema: greenhouseOptionsSchema,
  start: (ctx) =>
    ctx.options.boards.map((board) => ({
      url: greenhouseJobsUrl(ctx.baseUrl, board),
      handler: 'board',
      kind: 'list',
      target: `greenhouse board "${board}"`,
      // The answer holds the whole list: nothing follows (the progress bar's total is known at once).
      leadsTo: 0,
    })),
  handlers: {
    // The request URL names the board (a redirect would not).
    board: (page, ctx) => ({ postings: parseGreenhouseJobs(page.text, { url: ctx.request.url }) }),
  },
  parse: parseGreenhouseJobs,
};
