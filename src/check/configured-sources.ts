// The sources a config puts to work, for `jobtrend check`: every source with a section that is not
// `enabled: false`, and every source an enabled job names. For each, its settings validated (errors name
// the field), whether it needs Chromium, and the origins it fetches from (its base URL, or the pages and
// sitemaps its options list).
import type { Scraper } from '../../scrapers/types.js';
import { jobSourceIds } from '../config/job-config.js';
import type { Config } from '../config/load-config.js';
import { sourceSettings } from '../engine/source-settings.js';
import { UserError } from '../errors.js';

export interface ConfiguredSource {
  id: string;
  scraper: Scraper<unknown>;
  /** http(s) origins ("https://boards-api.greenhouse.io") the source fetches from. */
  origins: string[];
  needsBrowser: boolean;
}

/** Ids of the sources the config uses, in config order, each once. */
export function configuredSourceIds(config: Config): string[] {
  const ids = Object.entries(config.sources)
    .filter(([, section]) => section?.enabled !== false)
    .map(([id]) => id);
  for (const job of config.jobs.filter((j) => j.enabled)) {
    for (const { id } of jobSourceIds(job)) ids.push(id);
  }
  return [...new Set(ids)];
}

/** A configured source with its origins. Throws a UserError ("config sources.<id>.<field>: …") for invalid settings. */
export function describeSource(scraper: Scraper<unknown>, config: Config): ConfiguredSource {
  const id = scraper.id;
  const settings = sourceSettings(scraper, config);
  const listed = absoluteUrls(settings.options).map((u) => u.origin);
  const base = settings.engine.baseUrl ?? scraper.defaultBaseUrl;
  // A source that lists its own pages (jsonld, site) fetches from those; its default base URL is a placeholder.
  const origins = listed.length > 0 && !settings.engine.baseUrl ? listed : [originOf(base, id), ...listed];
  const sites = (settings.options as { sites?: { mode?: string }[] } | undefined)?.sites;
  return {
    id,
    scraper,
    origins: [...new Set(origins)],
    needsBrowser: scraper.kind === 'browser' || Boolean(sites?.some((s) => s.mode === 'browser')),
  };
}

function originOf(url: string, id: string): string {
  try {
    return new URL(url).origin;
  } catch {
    throw new UserError(
      `config sources.${id}.baseUrl: ${JSON.stringify(url)} is not a URL: give one like "https://example.com"`,
    );
  }
}

function absoluteUrls(value: unknown): URL[] {
  if (typeof value === 'string') {
    if (!/^https?:\/\//i.test(value)) return [];
    try {
      return [new URL(value)];
    } catch {
      return [];
    }
  }
  if (Array.isArray(value)) return value.flatMap(absoluteUrls);
  if (value && typeof value === 'object') return Object.values(value).flatMap(absoluteUrls);
  return [];
}
