// How a run's failed requests read in scrape_runs.error_summary and on the terminal: one reason said once,
// with the requests it befell ("2 of 3 failed: greenhouse board "a", greenhouse board "b": HTTP 404 …"),
// and a block first of all ("blocked: …"), since it is what the user must act on.
import { BlockedError, NotRetryableError, ScrapeError } from '../fetch/errors.js';
import type { PageRequest } from './scraper-contract.js';

export interface RequestFailure {
  /** What the request was for (`greenhouse board "acme"`), or its URL. */
  target: string;
  error: Error;
}

const NAMED = 3;

/**
 * Whether a failed request counts against its run. A posting's own page that is gone (a 404, a body that does
 * not read) leaves the posting as listed, stored: the run still did its work. A block always counts.
 */
export function isRunFailure(request: Pick<PageRequest, 'posting'>, error: Error): boolean {
  return !(request.posting && error instanceof NotRetryableError);
}

/** One line for a run's failures out of `handled` requests. */
export function summariseFailures(failures: RequestFailure[], handled: number): string {
  const block = failures.find((f) => f.error instanceof BlockedError);
  if (block) {
    const message = block.error.message.replace(/^blocked:\s*/, '');
    const others = failures.length - 1;
    return `blocked: ${message}${others > 0 ? ` (${others} more request${others === 1 ? '' : 's'} not fetched or failed)` : ''}`;
  }
  const byReason = new Map<string, string[]>();
  for (const failure of failures) {
    const targets = byReason.get(failure.error.message) ?? [];
    targets.push(failure.target);
    byReason.set(failure.error.message, targets);
  }
  // Every request failed the same way (an unreachable host): the reason is all there is to say.
  const [only] = byReason.keys();
  if (byReason.size === 1 && failures.length >= handled && failures.length > 1)
    return `${only} (all ${failures.length} requests)`;
  const parts = [...byReason].map(([reason, targets]) => {
    if (targets.length === 1 && reason.startsWith(targets[0]!)) return reason;
    const named = targets.slice(0, NAMED).join(', ');
    const more = targets.length > NAMED ? ` and ${targets.length - NAMED} more` : '';
    return `${named}${more}: ${reason}`;
  });
  return handled <= 1 && failures.length === 1
    ? parts[0]!
    : `${failures.length} of ${Math.max(handled, failures.length)} failed: ${parts.join('; ')}`;
}

/** A failure outside any request (the scrape could not start): its kind and message. */
export function describeFailure(error: unknown): string {
  if (error instanceof BlockedError) return `blocked: ${error.message.replace(/^blocked:\s*/, '')}`;
  if (error instanceof ScrapeError) return `${error.kind}: ${error.message}`;
  if (error instanceof Error) return error.message;
  return String(error);
}
