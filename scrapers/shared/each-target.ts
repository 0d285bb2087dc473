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
  // Failed targets grouped by their reason, so one unreachable host is said once, not once per board.
  const failures = new Map<string, string[]>();
  let failed = 0;
  let lastUrl: string | undefined;
  for (const target of targets) {
    if (signal.aborted) return;
    try {
      yield* scrapeOne(target);
    } catch (error) {
      if (!(error instanceof NotRetryableError || error instanceof RetryableError)) throw error;
      failures.set(error.message, [...(failures.get(error.message) ?? []), describe(target)]);
      failed++;
      lastUrl = error.url ?? lastUrl;
    }
  }
  if (failed > 0) {
    const reasons = [...failures].map(([reason, names]) => `${names.join(', ')}: ${reason}`);
    const summary =
      targets.length === 1 ? reasons[0]! : `${failed} of ${targets.length} failed: ${reasons.join('; ')}`;
    throw new NotRetryableError(summary, lastUrl);
  }
}
