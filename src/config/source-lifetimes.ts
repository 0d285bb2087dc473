// Posting lifetimes from the config: `sources.<id>.lifetimeDays`, how many days a posting of that source stays
// listed (default 30). A day counts as watched when the source was looked at within that many days after it,
// so the lifetime decides coverage. Imported datasets are configured by their source id ("import:<name>").
import { UserError } from '../errors.js';
import type { Config } from './load-config.js';

/** The most a lifetime may be: beyond a few years it is a typo, not a board. */
const MAX_LIFETIME_DAYS = 3650;

/** Checks one source's lifetimeDays (undefined when absent); errors name the field. */
export function lifetimeDaysOf(
  sourceId: string,
  section: Record<string, unknown> | undefined,
): number | undefined {
  const value = section?.lifetimeDays;
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_LIFETIME_DAYS) {
    throw new UserError(
      `config sources.${sourceId}.lifetimeDays: expected a whole number of days from 1 to ${MAX_LIFETIME_DAYS}, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** Every lifetime the config sets, by source id. */
export function configuredLifetimes(config: Config | undefined): Record<string, number> {
  const lifetimes: Record<string, number> = {};
  for (const [id, section] of Object.entries(config?.sources ?? {})) {
    const days = lifetimeDaysOf(id, section);
    if (days !== undefined) lifetimes[id] = days;
  }
  return lifetimes;
}
