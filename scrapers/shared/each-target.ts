// Scraping a list of targets (boards, companies, sites, URLs) where one bad target must not cost the others:
// a board that 404s or answers garbage is remembered, the rest are scraped, and the failures are thrown at
// the end as one NotRetryableError naming each target, so the engine records them on the run.
// A blocked or critical error, or an abort, still stops everything at once.
import { NotRetryableError, RetryableError } from '../../src/fetch/errors.js';
import type { ScrapedPage } from '../types.js';

export async function* scrapeEachTarget<T>(
  targets: readonly T[],
  describe: (target: T) => string,
  signal: AbortSignal,
  scrapeOne: (target: T) => AsyncIterable<ScrapedPage>,
): AsyncIterable<ScrapedPage> {
  const failures: string[] = [];
  let lastUrl: string | undefined;
  for (const target of targets) {
    if (signal.aborted) return;
    try {
      yield* scrapeOne(target);
    } catch (error) {
      if (!(error instanceof NotRetryableError || error instanceof RetryableError)) throw error;
      failures.push(`${describe(target)}: ${error.message}`);
      lastUrl = error.url ?? lastUrl;
    }
  }
  if (failures.length > 0) {
    const summary =
      targets.length === 1
        ? failures[0]!
        : `${failures.length} of ${targets.length} failed: ${failures.join('; ')}`;
    throw new NotRetryableError(summary, lastUrl);
  }
}
