// A source's section of the config, split in two: the keys the engine reads (baseUrl, enabled,
// respectRobots, requestsPerMinute, lifetimeDays) and the rest, which belong to the scraper and are validated by its
// optionsSchema so a typo names its field.
import type { Scraper } from '../../scrapers/types.js';
import { type Config, describeZodError } from '../config/load-config.js';
import { lifetimeDaysOf } from '../config/source-lifetimes.js';
import { UserError } from '../errors.js';

export const ENGINE_SOURCE_KEYS = [
  'baseUrl',
  'enabled',
  'respectRobots',
  'requestsPerMinute',
  'lifetimeDays',
] as const;

export interface EngineSourceSettings {
  baseUrl?: string;
  enabled?: boolean;
  respectRobots?: boolean;
  requestsPerMinute?: number;
  /** Days a posting of this source stays listed: decides which days count as watched (default 30). */
  lifetimeDays?: number;
}

export interface SourceSettings {
  engine: EngineSourceSettings;
  /** The scraper's own options, validated. */
  options: unknown;
}

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
  for (const key of ['enabled', 'respectRobots'] as const) {
    if (section[key] === undefined) continue;
    if (typeof section[key] !== 'boolean') throw new UserError(`${where}.${key}: expected true or false`);
    engine[key] = section[key] as boolean;
  }
  if (section.requestsPerMinute !== undefined) {
    const rate = section.requestsPerMinute;
    if (typeof rate !== 'number' || !(rate > 0))
      throw new UserError(`${where}.requestsPerMinute: expected a positive number`);
    engine.requestsPerMinute = rate;
  }
  const lifetime = lifetimeDaysOf(scraper.id, section);
  if (lifetime !== undefined) engine.lifetimeDays = lifetime;
  for (const key of ENGINE_SOURCE_KEYS) delete section[key];
  let options: unknown = section;
  if (scraper.optionsSchema) {
    const parsed = scraper.optionsSchema.safeParse(section);
    if (!parsed.success) throw new UserError(`${where}.${describeZodError(parsed.error)}`);
    options = parsed.data;
  }
  return { engine, options };
}

/** The base URL a source is scraped at: the caller's, else the config's, else the scraper's default. */
export function resolveBaseUrl(
  scraper: Scraper<unknown>,
  config: Config | undefined,
  override?: string,
): string {
  return override ?? sourceSettings(scraper, config).engine.baseUrl ?? scraper.defaultBaseUrl;
}
