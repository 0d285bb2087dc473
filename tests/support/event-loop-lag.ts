// The test servers run in the crawler's own process, so a server stamps a request's arrival only when the
// event loop gets to it. On a loaded machine that stamp can come late for one request and on time for the
// next, and two requests the crawler started a full spacing apart look closer than they were. Spacing tests
// measure the loop's worst delay over the same stretch and allow exactly that much, no more.
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface LagWatch {
  /** Stops watching; the worst delay seen, in milliseconds. */
  stop(): number;
}

export function watchEventLoopLag(): LagWatch {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  return {
    stop() {
      histogram.disable();
      // The histogram counts the timer's own resolution in its delay.
      return Math.max(0, histogram.max / 1e6 - 5);
    },
  };
}

/** The gaps between successive arrival times. */
export const gaps = (times: readonly number[]): number[] => times.slice(1).map((t, i) => t - times[i]!);
