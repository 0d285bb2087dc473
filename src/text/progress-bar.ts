// How progress reads as text, for every progress display (src/cli/progress-line.ts, src/engine/progress.ts):
// a bar of a fraction with its percentage, the time left at the pace so far, and a duration the short way
// ("1m15s").

const BAR = 24;

/** 0.4 → "[██████████░░░░░░░░░░░░░░] 40%". */
export function bar(fraction: number): string {
  const filled = Math.round(Math.min(Math.max(fraction, 0), 1) * BAR);
  return `[${'█'.repeat(filled)}${'░'.repeat(BAR - filled)}] ${Math.floor(fraction * 100)}%`;
}

/** Seconds left at the pace so far: `done` of `total` in `seconds`; NaN (shown "…") before anything is done. */
export function etaSeconds(done: number, total: number, seconds: number): number {
  return done > 0 ? (total - done) / (done / seconds) : Number.NaN;
}

/** 75 → "1m15s", 3 → "3s", unknown → "…". */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '…';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
