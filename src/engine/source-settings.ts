// A source's section of the config, split in two: the keys the engine reads (baseUrl, enabled,
// respectRobots, requestsPerMinute, lifetimeDays, details) and the rest, which belong to the scraper and are
// validated by its optionsSchema so a typo names its field.
import { z } from 'zod';
import { type Config, describeZodError } from '../config/load-config.js';
import { lifetimeDaysOf } from '../config/source-lifetimes.js';
import { UserError } from '../errors.js';
import type { DetailPages, Scraper } from './scraper-contract.js';

export const ENGINE_SOURCE_KEYS = [
  'baseUrl',
  'enabled',
  'respectRobots',
  'requestsPerMinute',
  'lifetimeDays',
  'details',
  'fetchDetails',
] as const;

export interface EngineSourceSettings {
  baseUrl?: string;
  enabled?: boolean;
  respectRobots?: boolean;
  requestsPerMinute?: number;
  /** Days a posting of this source stays listed: decides which days count as watched (default 30). */
  lifetimeDays?: number;
  /** The source's detail pages: read or not, and at most how many per run (sources that have them). */
  details?: DetailPages;
}

export interface SourceSettings {
  engine: EngineSourceSettings;
  /** The scraper's own options, validated. */
  options: unknown;
}

const detailsSchema = z
  .object({
    /** Read each listed posting's own page for what the list leaves out (the description, mostly). */
    enabled: z.boolean().optional(),
    /** At most this many detail pages per run; postings beyond keep what the list said. */
    maxPerRun: z.number().int().min(0).optional(),
  })
  .strict();

export function sourceSettings(scraper: Scraper<unknown>, config: Config | undefined): SourceSettings {
  const section: Record<string, unknown> = { ...(config?.sources?.[scraper.id] ?? {}) };
  const engine: EngineSourceSettings = {};
  const where = `config sources.${scraper.id}`;
  if (section.baseUrl !== undefined) {
    if (typeof section.baseUrl !== 'string' || !/^https?:\/\//.test(section.baseUrl)) {
      throw new UserError(
        `${where}.baseUrl: expected an http(s) URL, got ${JSON.stringify(section.baseUrl)}`,
      );
    }
    engine.baseUrl = section.baseUrl;
  }
  for (const key of ['enabled', 'respectRobots', 'fetchDetails'] as const) {
    if (section[key] === undefined) continue;
    if (typeof section[key] !== 'boolean') throw new UserError(`${where}.${key}: expected true or false`);
  }
  if (section.enabled !== undefined) engine.enabled = section.enabled as boolean;
  if (section.respectRobots !== undefined) engine.respectRobots = section.respectRobots as boolean;
  if (section.requestsPerMinute !== undefined) {
    const rate = section.requestsPerMinute;
    if (typeof rate !== 'number' || !(rate > 0))
      throw new UserError(`${where}.requestsPerMinute: expected a positive number`);
    engine.requestsPerMinute = rate;
  }
  const lifetime = lifetimeDaysOf(scraper.id, section);
  if (lifetime !== undefined) engine.lifetimeDays = lifetime;
  if (scraper.details) {
    const parsed = detailsSchema.safeParse(section.details ?? {});
    if (!parsed.success) {
      const problem = describeZodError(parsed.error).replace(/^\(top level\)/, '');
      throw new UserError(`${where}.details${problem.startsWith(':') ? '' : '.'}${problem}`);
    }
    // `fetchDetails: true|false` is the older spelling of `details: { enabled }`.
    const enabled = parsed.data.enabled ?? (section.fetchDetails as boolean | undefined);
    engine.details = {
      enabled: enabled ?? scraper.details.enabled,
      maxPerRun: parsed.data.maxPerRun ?? scraper.details.maxPerRun,
    };
  } else if (section.details !== undefined || section.fetchDetails !== undefined) {
    const key = section.details !== undefined ? 'details' : 'fetchDetails';
    throw new UserError(`${where}.${key}: ${scraper.id} has no detail pages to read (remove the key)`);
  }
  for (const key of ENGINE_SOURCE_KEYS) delete section[key];
  let options: unknown = section;
  if (scraper.optionsSchema) {
    const parsed = scraper.optionsSchema.safeParse(section);
    if (!parsed.success) throw new UserError(`${where}.${describeZodError(parsed.error)}`);
    options = parsed.data;
  }
  return { engine, options };
}
