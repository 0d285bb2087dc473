// The checks `jobtrend schedule` and `jobtrend run` make before anything runs, beyond the config schema:
// every source a job names exists, and each such source's own config section is valid for its scraper —
// so a typo is refused at start with the field named, not discovered at the first tick.
import { findScraper, scrapers } from '../../scrapers/registry.js';
import { findUnknownJobSource, type Job, jobSourceIds } from '../config/job-config.js';
import type { Config } from '../config/load-config.js';
import { sourceSettings } from '../engine/source-settings.js';
import { UserError } from '../errors.js';

/** Throws a UserError naming the field when a job of `selected` cannot run with this config. */
export function checkJobSources(config: Config, selected: Job[]): void {
  const known = scrapers.map((s) => s.id);
  for (const job of selected) {
    const index = config.jobs.findIndex((j) => j.name === job.name);
    const unknown = findUnknownJobSource([job], known);
    if (unknown) throw new UserError(`config ${unknown.replace(/^jobs\[0\]/, `jobs[${index}]`)}`);
  }
  const ids = new Set(selected.flatMap((job) => jobSourceIds(job).map((s) => s.id)));
  for (const id of ids) {
    const scraper = findScraper(id);
    // Validates config.sources[id] (baseUrl, the scraper's options); throws "config sources.<id>.<field>: …".
    if (scraper) sourceSettings(scraper, config);
  }
}
