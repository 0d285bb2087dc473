// robots.txt per host: fetched once per fetcher, parsed with robots-parser, asked before every request.
// A crawl-delay becomes a minimum spacing for the host. A missing robots.txt (4xx) allows everything; one
// that cannot be read (5xx, network) disallows everything for now, as RFC 9309 asks.
import robotsParserModule from 'robots-parser';

interface Robot {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}
// robots-parser is CommonJS (module.exports = function); its typings describe an ES default export.
const robotsParser = robotsParserModule as unknown as (url: string, body: string) => Robot;

export interface RobotsRules {
  isAllowed(url: string): boolean;
  /** Seconds between requests the site asks for, if it does. */
  crawlDelaySeconds: number | undefined;
  /** Why everything is disallowed, when the file could not be read. */
  unreachable?: string;
  /** True when the host itself could not be reached (DNS, refused, reset): a network problem, not robots. */
  hostUnreachable?: boolean;
}

/** Parses a robots.txt body for one user agent. */
export function parseRobots(robotsUrl: string, body: string, userAgent: string): RobotsRules {
  const robot = robotsParser(robotsUrl, body);
  const agent = userAgentToken(userAgent);
  return {
    isAllowed: (url) => robot.isAllowed(url, agent) !== false,
    crawlDelaySeconds: robot.getCrawlDelay(agent),
  };
}

export const allowAll = (): RobotsRules => ({ isAllowed: () => true, crawlDelaySeconds: undefined });

export const disallowAll = (reason: string, hostUnreachable = false): RobotsRules => ({
  isAllowed: () => false,
  crawlDelaySeconds: undefined,
  unreachable: reason,
  hostUnreachable,
});

/** The product token robots.txt groups are matched against ("jobtrend/0.1 (…)" → "jobtrend"). */
export function userAgentToken(userAgent: string): string {
  return /^[^\s/]+/.exec(userAgent.trim())?.[0] ?? userAgent;
}

export function robotsUrlFor(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}/robots.txt`;
}
