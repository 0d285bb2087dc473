// How a scrape shows its progress: a line per source on a terminal (cli-progress) — a bar with its ETA when
// the listing's length is known (--max-pages), the counts with pages per minute when it is not — redrawn in
// place and cleared at the end, when the table of runs takes its place; structured log lines (src/log.ts)
// otherwise. The engine only reports events; this decides how they look.
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import type { Output } from '../output.js';
import type { ScrapeProgress } from './scrape-source.js';

export interface ProgressDisplay {
  onProgress(progress: ScrapeProgress): void;
  stop(): void;
}

/** A bar per source on a terminal; nothing (the logger speaks instead) elsewhere. */
export function createProgressDisplay(
  out: Output,
  stream: NodeJS.WriteStream = process.stderr,
  now: () => number = Date.now,
): ProgressDisplay {
  if (!out.isTTY) return { onProgress() {}, stop() {} };
  const counts =
    '{source} {value}{of} pages{speed} | {seen} seen, {new} new, {updated} updated | {retries} retries';
  const multi = new MultiBar(
    // `{total}` is cli-progress's own token, so the "/N" of a bounded listing is `{of}`.
    { format: counts, stream, hideCursor: true, clearOnComplete: true, etaBuffer: 5 },
    Presets.shades_classic,
  );
  const bars = new Map<string, SingleBar>();
  const started = new Map<string, number>();
  return {
    onProgress(p) {
      if (!started.has(p.sourceId)) started.set(p.sourceId, now());
      const minutes = Math.max((now() - started.get(p.sourceId)!) / 60_000, 1 / 600);
      const payload = {
        source: p.sourceId.padEnd(10),
        of: p.maxPages ? `/${p.maxPages}` : '',
        // A bounded listing shows its ETA; an open one how fast it goes.
        speed: p.maxPages ? '' : ` (${Math.round(p.counters.pages_fetched / minutes)}/min)`,
        seen: p.counters.postings_seen,
        new: p.counters.postings_new,
        updated: p.counters.postings_updated,
        retries: p.counters.retries,
      };
      let bar = bars.get(p.sourceId);
      if (!bar) {
        // A bar only when the listing's length is known; otherwise the counts alone.
        const format = p.maxPages
          ? counts
              .replace('{source} ', '{source} [{bar}] ')
              .replace(' | {retries}', ' | ETA {eta_formatted} | {retries}')
          : counts;
        bar = multi.create(p.maxPages ?? 1, 0, payload, { format });
        bars.set(p.sourceId, bar);
      }
      bar.update(p.counters.pages_fetched, payload);
    },
    stop() {
      multi.stop();
    },
  };
}
