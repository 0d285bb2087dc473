// The robots.txt gate: each host's file read once, refusals said as refusals, a host that could not be
// reached said as unreachable, a crawl-delay handed on.
import { describe, expect, it } from 'vitest';
import { HostUnreachableError, NotRetryableError } from '../../src/fetch/errors.js';
import { RobotsGate } from '../../src/fetch/robots-gate.js';

function gate(answer: (robotsUrl: string) => Promise<{ status: number; text: string }>) {
  const loads: string[] = [];
  const delays: [string, number][] = [];
  const robots = new RobotsGate({
    userAgent: 'jobtrend/0.1 (test)',
    load: (robotsUrl) => {
      loads.push(robotsUrl);
      return answer(robotsUrl);
    },
    onCrawlDelay: (host, ms) => delays.push([host, ms]),
    aborted: () => false,
  });
  return { robots, loads, delays };
}

describe('the robots.txt gate', () => {
  it('reads a host once, lets allowed paths through and refuses the others, and hands on a crawl-delay', async () => {
    const { robots, loads, delays } = gate(async () => ({
      status: 200,
      text: 'User-agent: *\nDisallow: /private\nCrawl-delay: 2\n',
    }));
    expect(robots.knownRulesFor('https://a.test/jobs')).toBeUndefined();
    await robots.check('https://a.test/jobs');
    await expect(robots.check('https://a.test/private/x')).rejects.toThrow(
      /robots\.txt disallows https:\/\/a\.test\/private\/x/,
    );
    expect(robots.knownRulesFor('https://a.test/jobs')).toBeDefined();
    expect(loads).toEqual(['https://a.test/robots.txt']);
    expect(delays).toEqual([['a.test', 2000]]);
  });

  it('a missing robots.txt allows everything; one that cannot be read refuses everything', async () => {
    await gate(async () => ({ status: 404, text: '' })).robots.check('https://a.test/x');
    const broken = gate(async () => ({ status: 503, text: '' })).robots.check('https://a.test/x');
    await expect(broken).rejects.toBeInstanceOf(NotRetryableError);
    await expect(broken).rejects.toThrow(/robots\.txt could not be read \(HTTP 503\)/);
  });

  it('a host that cannot be reached is unreachable, not a refusal', async () => {
    const { robots } = gate(async () => {
      throw new HostUnreachableError('cannot reach a.test (ENOTFOUND): check the network connection');
    });
    const failure = robots.check('https://a.test/x');
    await expect(failure).rejects.toBeInstanceOf(HostUnreachableError);
    await expect(failure).rejects.toThrow('cannot reach a.test (ENOTFOUND): check the network connection');
  });
});
