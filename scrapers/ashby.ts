// Ashby job boards through the public posting API (no key):
// GET /posting-api/job-board/{board}?includeCompensation=true returns every listed job of a board at once,
// with isRemote, location plus secondaryLocations, and pay as compensation.summaryComponents.
import { z } from 'zod';
import type { RawPosting, SalaryPeriod } from '../src/domain/posting.js';
import { NotRetryableError } from '../src/fetch/errors.js';
import { normaliseWhitespace } from '../src/text/whitespace.js';
import { descriptionText } from './shared/description.js';
import { absoluteUrl } from './shared/json-ld.js';
import type { ParseHint, Scraper } from './types.js';

export const ashbyOptionsSchema = z.object({
  /** Job board names, as in jobs.ashbyhq.com/{board}. */
  boards: z
    .array(z.string().regex(/^[\w.%-]+$/, 'a job board name such as "openai"'), {
      error: (issue) =>
        issue.input === undefined
          ? 'Required: list the job board names, e.g. boards: [openai, cohere]'
          : undefined,
    })
    .min(1, 'list at least one: job board names, e.g. boards: [openai, cohere]'),
});
export type AshbyOptions = z.infer<typeof ashbyOptionsSchema>;

interface AshbyCompensationComponent {
  compensationType?: string;
  interval?: string;
  currencyCode?: string | null;
  minValue?: number | null;
  maxValue?: number | null;
  summary?: string;
}

interface AshbyJob {
  id: string;
  title?: string;
  department?: string;
  team?: string;
  employmentType?: string;
  location?: string;
  secondaryLocations?: { location?: string }[];
  publishedAt?: string;
  isListed?: boolean;
  isRemote?: boolean;
  workplaceType?: string;
  jobUrl?: string;
  descriptionHtml?: string;
  descriptionPlain?: string;
  compensation?: {
    compensationTierSummary?: string | null;
    scrapeableCompensationSalarySummary?: string | null;
    summaryComponents?: AshbyCompensationComponent[];
  };
}

const INTERVALS: Record<string, SalaryPeriod> = {
  '1 YEAR': 'year',
  '1 MONTH': 'month',
  '1 WEEK': 'week',
  '1 DAY': 'day',
  '1 HOUR': 'hour',
};

export function ashbyJobBoardUrl(baseUrl: string, board: string): string {
  return `${baseUrl.replace(/\/$/, '')}/posting-api/job-board/${encodeURIComponent(board)}?includeCompensation=true`;
}

/** Postings from a saved job-board response; unlisted jobs are left out. */
export function parseAshbyJobBoard(body: string, hint: ParseHint = {}): RawPosting[] {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    throw new NotRetryableError(`ashby: response${hint.url ? ` of ${hint.url}` : ''} is not JSON`, hint.url);
  }
  const jobs = (data as { jobs?: unknown } | null)?.jobs;
  if (!Array.isArray(jobs)) {
    throw new NotRetryableError(
      'ashby: response has no "jobs" list: is this an Ashby posting-api job-board response?',
      hint.url,
    );
  }
  const board = hint.url ? /\/job-board\/([^/?#]+)/.exec(hint.url)?.[1] : undefined;
  return jobs
    .map((job, i) => {
      if (
        !job ||
        typeof job !== 'object' ||
        typeof (job as AshbyJob).id !== 'string' ||
        !(job as AshbyJob).title
      ) {
        throw new NotRetryableError(`ashby: jobs[${i}] has no id or title`, hint.url);
      }
      return job as AshbyJob;
    })
    .filter((job) => job.isListed !== false)
    .map((job) => ashbyJobToRaw(job, board ? decodeURIComponent(board) : undefined));
}

function ashbyJobToRaw(job: AshbyJob, board: string | undefined): RawPosting {
  const posting: RawPosting = { sourcePostingId: job.id, title: job.title!.trim(), raw: job };
  const url = absoluteUrl(job.jobUrl, 'https://jobs.ashbyhq.com/');
  if (url) posting.url = url;
  const company = (url ? /jobs\.ashbyhq\.com\/([^/?#]+)/.exec(url)?.[1] : undefined) ?? board;
  if (company) posting.company = decodeURIComponent(company);
  const locations = [job.location, ...(job.secondaryLocations ?? []).map((l) => l.location)]
    .map((l) => l?.trim())
    .filter((l): l is string => Boolean(l));
  if (locations.length > 0) posting.location = [...new Set(locations)].join('; ');
  if (typeof job.isRemote === 'boolean') posting.remote = job.isRemote;
  else if (job.workplaceType) posting.remote = /remote/i.test(job.workplaceType);
  if (job.employmentType) posting.employmentType = job.employmentType;
  if (job.publishedAt) posting.postedAt = job.publishedAt;
  const salary = job.compensation?.summaryComponents?.find(
    (c) => c.compensationType === 'Salary' || c.compensationType === 'Hourly',
  );
  if (salary && (typeof salary.minValue === 'number' || typeof salary.maxValue === 'number')) {
    const period = salary.interval ? INTERVALS[salary.interval.toUpperCase()] : undefined;
    posting.salaryRange = {
      ...(typeof salary.minValue === 'number' ? { min: salary.minValue } : {}),
      ...(typeof salary.maxValue === 'number' ? { max: salary.maxValue } : {}),
      ...(salary.currencyCode ? { currency: salary.currencyCode } : {}),
      ...(period ? { period } : {}),
    };
  }
  const summary =
    job.compensation?.scrapeableCompensationSalarySummary ?? job.compensation?.compensationTierSummary;
  if (summary?.trim()) posting.salary = summary.trim();
  const description = job.descriptionHtml
    ? descriptionText(job.descriptionHtml)
    : normaliseWhitespace(job.descriptionPlain ?? '');
  if (description) posting.description = description;
  const tags = [job.department, job.team].filter((t): t is string => Boolean(t));
  if (tags.length > 0) posting.tags = tags;
  posting.extra = {
    ...(job.department ? { department: job.department } : {}),
    ...(job.team ? { team: job.team } : {}),
    ...(job.workplaceType ? { workplaceType: job.workplaceType } : {}),
  };
  return posting;
}

export const ashbyScraper: Scraper<AshbyOptions> = {
  id: 'ashby',
  name: 'Ashby job boards',
  kind: 'api',
  defaultBaseUrl: 'https://api.ashbyhq.com',
  verifiedAgainst:
    'posting-api job-board ?includeCompensation=true: fields checked against a real capture of the Linear board (2026-09); tests on project fixtures (2026-11)',
  optionsSchema: ashbyOptionsSchema,
  start: (ctx) =>
    ctx.options.boards.map((board) => ({
      url: ashbyJobBoardUrl(ctx.baseUrl, board),
      handler: 'board',
      kind: 'list',
      target: `ashby board "${board}"`,
      // The answer holds the whole list: nothing follows (the progress bar's total is known at once).
      leadsTo: 0,
    })),
  handlers: {
    board: (page, ctx) => ({ postings: parseAshbyJobBoard(page.text, { url: ctx.request.url }) }),
  },
  parse: parseAshbyJobBoard,
};
