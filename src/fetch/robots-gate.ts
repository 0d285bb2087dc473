// The robots.txt gate: each host's robots.txt is read once per fetcher, through the same polite, retried
// requests as any page, and asked before every request. A crawl-delay becomes a minimum spacing for the host.
// A host that could not be reached at all is said to be unreachable, not to refuse us.
import { HostUnreachableError, isRetryable, NotRetryableError } from './errors.js';
import { allowAll, disallowAll, parseRobots, type RobotsRules, robotsUrlFor } from './robots.js';
import type { FetcherStats } from './with-retries.js';

export interface RobotsGateOptions {
  userAgent: string;
  /** Fetches a robots.txt (any status comes back; network failures throw after their retries). */
  load(robotsUrl: string, counts?: FetcherStats): Promise<{ status: number; text: string }>;
  /** Called with a host's crawl-delay in milliseconds. */
  onCrawlDelay(host: string, ms: number): void;
  /** Whether the gate is closed while the run is being stopped (a load failing then is not a refusal). */
  aborted(): boolean;
}

export class RobotsGate {
  private readonly rules = new Map<string, Promise<RobotsRules>>();
  private readonly known = new Map<string, RobotsRules>();

  constructor(private readonly options: RobotsGateOptions) {}

  /** The rules for `url`'s host, read once (that one request counted in `counts`). */
  rulesFor(url: string, counts?: FetcherStats): Promise<RobotsRules> {
    const robotsUrl = robotsUrlFor(url);
    let rules = this.rules.get(robotsUrl);
    if (!rules) {
      rules = this.read(robotsUrl, counts).then((read) => {
        this.known.set(robotsUrl, read);
        return read;
      });
      this.rules.set(robotsUrl, rules);
    }
    return rules;
  }

  /** The rules for `url`'s host if they have been read already (a scheduler asks before choosing a request). */
  knownRulesFor(url: string): RobotsRules | undefined {
    return this.known.get(robotsUrlFor(url));
  }

  /** Resolves when `url` may be fetched; rejects with the reason it may not. */
  async check(url: string, counts?: FetcherStats): Promise<void> {
    const rules = await this.rulesFor(url, counts);
    const refusal = refusalOf(rules, url);
    if (refusal) throw refusal;
  }

  private async read(robotsUrl: string, counts: FetcherStats | undefined): Promise<RobotsRules> {
    try {
      const { status, text } = await this.options.load(robotsUrl, counts);
      let rules: RobotsRules;
      if (status >= 200 && status < 300) rules = parseRobots(robotsUrl, text, this.options.userAgent);
      else if (status >= 400 && status < 500) rules = allowAll();
      else rules = disallowAll(`HTTP ${status}`);
      if (rules.crawlDelaySeconds)
        this.options.onCrawlDelay(new URL(robotsUrl).host, rules.crawlDelaySeconds * 1000);
      return rules;
    } catch (error) {
      if (this.options.aborted()) throw error;
      // After its retries a network failure means the host cannot be reached at all: say that, not "robots".
      const unreachable = error instanceof HostUnreachableError || isRetryable(error);
      return disallowAll((error as Error).message, unreachable);
    }
  }
}

/** The error a request to `url` fails with under `rules`, or undefined when it is allowed. */
export function refusalOf(rules: RobotsRules, url: string): Error | undefined {
  if (rules.isAllowed(url)) return undefined;
  if (rules.hostUnreachable) {
    const reason = rules.unreachable ?? 'unreachable';
    // An unreachable host's own message already says how to fix it.
    return new HostUnreachableError(
      reason.startsWith('cannot reach ')
        ? reason
        : `cannot reach ${new URL(url).host} (${reason}): check the network connection and proxy settings (HTTPS_PROXY)`,
      url,
    );
  }
  const why = rules.unreachable
    ? `robots.txt could not be read (${rules.unreachable})`
    : 'robots.txt disallows';
  return new NotRetryableError(
    `${why} ${url} (set respectRobots: false for this source only if the site allows it)`,
    url,
  );
}
