// The `jobs` section of the config file: what a scheduled job is (a name, a cron expression with its time
// zone, the sources to scrape with their queries and cities, an optional report to write afterwards), and
// the checks that refuse a bad cron expression or time zone when the config is loaded, not at the first tick.
import { validate as validateCron, validateDetailed as validateCronDetailed } from 'node-cron';
import { z } from 'zod';
import { langSchema } from '../report/report-lang.js';
import { didYouMean } from '../text/did-you-mean.js';

/** One source of a job, written out in full: `{ id: zhaopin, query: AI训练师, city: Shanghai }`. */
export const jobSourceSchema = z
  .object({
    id: z.string().min(1, 'a source id is required (see jobtrend sources)'),
    query: z.string().min(1).optional(),
    city: z.string().min(1).optional(),
    maxPages: z.number().int().positive().optional(),
  })
  .strict();

/** The report a job writes after its scrape (a weekly report is a normal job with only this). */
export const jobReportSchema = z
  .object({
    role: z.string().min(1).optional(),
    city: z.string().min(1).optional(),
    /** A period the analysis understands, e.g. "last-4-weeks" or "2026-Q1". */
    period: z.string().min(1).optional(),
    /** Folder to write the report into; default the config's reports.outDir. */
    out: z.string().min(1).optional(),
    /** The report's language (en or zh); default the config's reports.lang. */
    lang: langSchema.optional(),
  })
  .strict();

export const cronExpressionSchema = z.string().superRefine((expression, ctx) => {
  if (!validateCron(expression)) {
    const detail = validateCronDetailed(expression).errors[0]?.message;
    ctx.addIssue({
      code: 'custom',
      message: `invalid cron expression ${JSON.stringify(expression)}${detail ? ` (${detail})` : ''}: use 5 fields "m h dom mon dow" or 6 with seconds first, e.g. "0 6 * * *"`,
    });
  }
});

export const timeZoneSchema = z.string().superRefine((zone, ctx) => {
  if (!isTimeZone(zone)) {
    ctx.addIssue({
      code: 'custom',
      message: `unknown time zone ${JSON.stringify(zone)}: use an IANA name such as "Asia/Shanghai" or "UTC"`,
    });
  }
});

export const jobSchema = z
  .object({
    name: z
      .string()
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
        'a job name is letters, digits, ".", "_" or "-" (e.g. "daily-ats")',
      ),
    cron: cronExpressionSchema,
    /** IANA time zone of the cron expression; default the system's. */
    timezone: timeZoneSchema.optional(),
    /** Sources as ids (combined with `queries` and `cities`) or as objects with their own query and city;
     *  none for a report-only job (a weekly report). */
    sources: z.array(z.union([z.string().min(1), jobSourceSchema])).default([]),
    queries: z.array(z.string().min(1)).min(1).optional(),
    cities: z.array(z.string().min(1)).min(1).optional(),
    maxPages: z.number().int().positive().optional(),
    report: jobReportSchema.optional(),
    enabled: z.boolean().default(true),
  })
  .strict()
  .superRefine((job, ctx) => {
    if (job.sources.length === 0 && !job.report) {
      ctx.addIssue({
        code: 'custom',
        path: ['sources'],
        message: 'a job needs at least one source, or a report to write',
      });
    }
  });

export const jobsSchema = z
  .array(jobSchema)
  .default([])
  .superRefine((jobs, ctx) => {
    const seen = new Set<string>();
    jobs.forEach((job, index) => {
      if (seen.has(job.name)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'name'],
          message: `duplicate job name "${job.name}": give each job its own name`,
        });
      }
      seen.add(job.name);
    });
  });

export type Job = z.infer<typeof jobSchema>;
export type JobInput = z.input<typeof jobSchema>;
export type JobReport = z.infer<typeof jobReportSchema>;

/** One scrape a job makes: a source with at most one query and one city. */
export interface JobScrape {
  sourceId: string;
  query?: string;
  city?: string;
  maxPages?: number;
}

/**
 * The scrapes of a job, in order. A source given as an id is scraped for every query × city of the job;
 * a source given as an object uses its own query and city, else the job's.
 */
export function expandJobScrapes(job: Job): JobScrape[] {
  const scrapes: JobScrape[] = [];
  for (const source of job.sources) {
    const entry = typeof source === 'string' ? { id: source } : source;
    const queries = entry.query ? [entry.query] : (job.queries ?? [undefined]);
    const cities = entry.city ? [entry.city] : (job.cities ?? [undefined]);
    const maxPages = entry.maxPages ?? job.maxPages;
    for (const query of queries) {
      for (const city of cities) {
        scrapes.push({
          sourceId: entry.id,
          ...(query !== undefined && { query }),
          ...(city !== undefined && { city }),
          ...(maxPages !== undefined && { maxPages }),
        });
      }
    }
  }
  return scrapes;
}

/** The source ids a job names, each once, with their place in the config (for "unknown source" errors). */
export function jobSourceIds(job: Job): { id: string; index: number }[] {
  return job.sources.map((source, index) => ({ id: typeof source === 'string' ? source : source.id, index }));
}

/** The system's time zone, the default of a job without `timezone`. */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function isTimeZone(zone: string): boolean {
  if (zone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The first source a job names that no scraper provides, as "jobs[1].sources[0]: unknown source …", so
 * the daemon refuses it at start rather than failing at the first tick. Null when all are known.
 */
export function findUnknownJobSource(jobs: Job[], knownIds: readonly string[]): string | null {
  for (const [jobIndex, job] of jobs.entries()) {
    for (const { id, index } of jobSourceIds(job)) {
      if (!knownIds.includes(id)) {
        const path = `jobs[${jobIndex}].sources[${index}]${typeof job.sources[index] === 'string' ? '' : '.id'}`;
        return `${path}: unknown source "${id}"${didYouMean(id, knownIds)}: choose one of ${knownIds.join(', ') || '(no sources registered)'} (see jobtrend sources)`;
      }
    }
  }
  return null;
}
