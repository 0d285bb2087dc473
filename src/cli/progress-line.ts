// One line of progress on a terminal's stderr, redrawn in place and cleared at the end: a bar with its ETA
// when the total is known (reindex: postings to read; import: bytes of the file read), the count with its
// rate when it is not (import from a source whose size is unknown: rows read). Where no person watches (not a
// TTY) it writes nothing: the structured logs and the summary speak. The bar and the durations are
// src/text/progress-bar.ts's, shared with scrape's lines (src/engine/progress.ts).
import type { Output } from '../output.js';
import { bar, duration, etaSeconds } from '../text/progress-bar.js';

export interface ProgressLine {
  /** `done` so far (of `total` when known); redrawn at most every `everyMs`. */
  update(done: number, total?: number): void;
  /** Clears the line, so what follows starts on a clean one. */
  stop(): void;
}

export interface ProgressLineOptions {
  /** What is counted, plural: "rows read", "postings". */
  unit: string;
  /** How a count is written (default: with thousands separators; sizes: in MB). */
  format?: (n: number) => string;
  /** Milliseconds now (tests pass a clock). */
  now?: () => number;
  everyMs?: number;
  width?: number;
}

export function createProgressLine(err: Output, options: ProgressLineOptions): ProgressLine {
  if (!err.isTTY) return { update() {}, stop() {} };
  const now = options.now ?? Date.now;
  const started = now();
  const everyMs = options.everyMs ?? 100;
  const count = options.format ?? thousands;
  let shownAt = Number.NEGATIVE_INFINITY;
  let shown = false;
  return {
    update(done, total) {
      const at = now();
      if (at - shownAt < everyMs && !(total !== undefined && done >= total)) return;
      shownAt = at;
      shown = true;
      const seconds = Math.max((at - started) / 1000, 0.001);
      const text =
        total !== undefined && total > 0
          ? `${bar(done / total)} ${count(done)}/${count(total)} ${options.unit} | ETA ${duration(etaSeconds(done, total, seconds))}`
          : `${count(done)} ${options.unit} | ${count(Math.round(done / seconds))}/s`;
      err.write(`\r${text}\x1b[K`);
    },
    stop() {
      if (shown) err.write('\r\x1b[K');
      shown = false;
    },
  };
}

const thousands = (n: number) => n.toLocaleString('en');

/** 12_582_912 → "12.6" (megabytes, for a unit like "MB read"). */
export const megabytes = (bytes: number) => (bytes / 1e6).toFixed(1);
