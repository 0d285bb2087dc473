// Settings of the fetch layer (the `fetch` section of the config) and of the browser pool (the `browser`
// section): politeness, retries, timeouts, caps. Defaults are those of a careful, slow visitor.
import { z } from 'zod';

const hostSettingsSchema = z
  .object({
    /** Requests per minute to this host, evenly spaced. */
    requestsPerMinute: z.number().positive().optional(),
    /** Requests in flight at once to this host. */
    concurrency: z.number().int().positive().optional(),
  })
  .strict();

export const fetchSettingsSchema = z
  .object({
    /** User-Agent header sent with every request (and the name robots.txt rules are matched against). The
     *  default names the project; operators add a contact so site owners can reach them. */
    userAgent: z
      .string()
      .min(1)
      .default(
        'jobtrend/0.1 (+https://github.com/jobtrend/jobtrend; job-market research; operator: add your contact in fetch.userAgent)',
      ),
    /** Requests per minute per host, evenly spaced (never exceeded in any minute). */
    requestsPerMinute: z.number().positive().default(20),
    /** Requests in flight at once per host. */
    perHostConcurrency: z.number().int().positive().default(2),
    /** Requests in flight at once over all hosts. */
    concurrency: z.number().int().positive().default(8),
    /** Per-request timeout (headers and body), in milliseconds. */
    timeoutMs: z.number().int().positive().default(30_000),
    /** Retries after the first attempt, for network errors, timeouts, 5xx and 429. */
    maxRetries: z.number().int().min(0).default(4),
    /** First backoff step in milliseconds; doubles with each retry, with jitter. */
    backoffBaseMs: z.number().int().min(0).default(1_000),
    /** Longest backoff between two attempts, in milliseconds (a server's Retry-After may ask for longer). */
    backoffMaxMs: z.number().int().positive().default(120_000),
    /** Longest Retry-After honoured, in milliseconds: a server asking for a longer pause ends the request,
     *  recorded as "rate-limited until …", and the host is not asked again in this run. */
    maxRetryAfterMs: z
      .number()
      .int()
      .min(0)
      .default(10 * 60_000),
    /** Bodies larger than this many bytes are refused. */
    maxBodyBytes: z
      .number()
      .int()
      .positive()
      .default(10 * 1024 * 1024),
    /** Obey robots.txt (sources can override with `respectRobots: false`). */
    respectRobots: z.boolean().default(true),
    /** Send If-None-Match / If-Modified-Since from the http_cache table, and keep bodies that carry validators. */
    conditionalRequests: z.boolean().default(true),
    /** How long a host is left alone after it showed a verification page, in milliseconds; doubled for each
     *  further block in a row (up to a day), and remembered in the database across runs. */
    blockedBackoffMs: z
      .number()
      .int()
      .min(0)
      .default(30 * 60_000),
    /** Per-host overrides, keyed by host as in the URL ("www.zhipin.com", or "127.0.0.1:8080" with a port). */
    hosts: z.record(z.string(), hostSettingsSchema).default({}),
  })
  .strict();

export type FetchSettings = z.infer<typeof fetchSettingsSchema>;

export const browserSettingsSchema = z
  .object({
    /** Pages open at once in the Chromium pool. */
    maxPages: z.number().int().positive().default(2),
    /** Navigation and capture timeout, in milliseconds. */
    timeoutMs: z.number().int().positive().default(45_000),
    /** Path of a Chromium binary (else JOBTREND_CHROMIUM, Playwright's own, or the system's). */
    executablePath: z.string().optional(),
    /** Run without a window (default); false is for watching a scraper at work. */
    headless: z.boolean().default(true),
  })
  .strict();

export type BrowserSettings = z.infer<typeof browserSettingsSchema>;

/** Settings with every default filled: `fetchSettings({ requestsPerMinute: 60 })`. */
export function fetchSettings(partial: Partial<z.input<typeof fetchSettingsSchema>> = {}): FetchSettings {
  return fetchSettingsSchema.parse(partial);
}

export function browserSettings(
  partial: Partial<z.input<typeof browserSettingsSchema>> = {},
): BrowserSettings {
  return browserSettingsSchema.parse(partial);
}
