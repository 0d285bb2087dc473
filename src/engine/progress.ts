// How a scrape shows its progress on a terminal: a line per source (per run) from the moment its run starts
// ("starting…"), then a bar with its ETA when the pages ahead are known (a sitemap read, an ATS board's list,
// a listing that says its length or is bounded by --max-pages: PlannedPages), the counts with pages per
// minute when they are not — redrawn in place by cli-progress and cleared at the end, when the table of runs
// takes its place. Elsewhere it writes nothing: the structured log lines speak (with pages_planned when
// known). The engine only reports events; this decides how they look.
import { MultiBar } from 'cli-progress';
import type { Output } from '../output.js';
import { bar, duration, etaSeconds } from '../text/progress-bar.js';
import type { ScrapeProgress } from './scrape-source.js';

export interface ProgressDisplay {
  /** A scrape's run has started: its line shows at once. */
  onStart(start: { sourceId: string; runId: number }): void;
  onProgress(progress: ScrapeProgress): void;
  stop(): void;
}

interface SourceLine {
  sourceId: string;
  startedAt: number;
  last?: ScrapeProgress;
}

/** A line per source on a terminal; nothing (the logger speaks instead) elsewhere. */
export function createProgressDisplay(
  out: Output,
  stream: NodeJS.WriteStream = process.stderr,
  now: () => number = Date.now,
): ProgressDisplay {
  if (!out.isTTY) return { onStart() {}, onProgress() {}, stop() {} };
  // cli-progress keeps the lines in place and redraws them; each is written here, at each redraw (so the
  // rate and the ETA move on between pages).
  const multi = new MultiBar({
    format: (_options, _params, payload: { line: SourceLine }) => progressText(payload.line, now()),
    stream,
    hideCursor: true,
    clearOnComplete: true,
  });
  // A line per run: a job may scrape one source twice (two searches).
  const lines = new Map<number, { line: SourceLine; bar: ReturnType<MultiBar['create']> }>();
  const lineOf = (sourceId: string, runId: number) => {
    let shown = lines.get(runId);
    if (!shown) {
      const line: SourceLine = { sourceId, startedAt: now() };
      shown = { line, bar: multi.create(1, 0, { line }) };
      lines.set(runId, shown);
    }
    return shown;
  };
  return {
    onStart({ sourceId, runId }) {
      lineOf(sourceId, runId).bar.update(0);
    },
    onProgress(p) {
      const shown = lineOf(p.sourceId, p.runId);
      shown.line.last = p;
      shown.bar.update(p.planned?.done ?? p.counters.pages_fetched);
    },
    stop() {
      multi.stop();
    },
  };
}

/** A source's line as it reads at `at` (milliseconds). */
export function progressText(line: SourceLine, at: number): string {
  const source = line.sourceId.padEnd(10);
  const p = line.last;
  if (!p) return `${source} starting…`;
  const c = p.counters;
  const postings = `${c.postings_seen} seen, ${c.postings_new} new, ${c.postings_updated} updated`;
  const seconds = Math.max((at - line.startedAt) / 1000, 0.1);
  if (p.planned && p.planned.total > 0) {
    const { done, total } = p.planned;
    return `${source} ${bar(done / total)} ${done}/${total} pages | ${postings} | ETA ${duration(etaSeconds(done, total, seconds))} | ${c.retries} retries`;
  }
  // The pages ahead are not known: how many so far, and how fast.
  const perMinute = Math.round((c.pages_fetched / seconds) * 60);
  return `${source} ${c.pages_fetched} pages (${perMinute}/min) | ${postings} | ${c.retries} retries`;
}
