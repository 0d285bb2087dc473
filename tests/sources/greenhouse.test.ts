import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { greenhouseScraper } from '../../scrapers/greenhouse.js';
import { NotRetryableError } from '../../src/fetch/errors.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { fixture, haveRealCaptures, jsonText, realCapture, scrapeAll } from './helpers.js';

describe('greenhouse', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    server.route('/v1/boards/exampleai/jobs', jsonText(fixture('greenhouse/jobs.json')));
    server.route('/v1/boards/quietco/jobs', jsonText('{"jobs":[],"meta":{"total":0}}'));
    server.route('/v1/boards/brokenco/jobs', jsonText('{"error":"maintenance"}'));
  });
  afterAll(() => server.close());

  it('maps a board: ids, urls, company, location, remote flag, departments and dates', () => {
    const [trainer, engineer] = greenhouseScraper.parse(fixture('greenhouse/jobs.json'), {
      url: 'https://boards-api.greenhouse.io/v1/boards/exampleai/jobs?content=true',
    });
    expect(trainer).toMatchObject({
      sourcePostingId: '4001001',
      url: 'https://job-boards.greenhouse.io/exampleai/jobs/4001001',
      title: 'AI Trainer, Mathematics (Contract)',
      company: 'Example AI',
      location: 'Remote - United States',
      remote: true,
      postedAt: '2026-09-28T10:00:00-04:00',
      tags: ['Human Data'],
    });
    expect(engineer?.remote).toBeUndefined();
    expect(engineer?.validThrough).toBe('2026-12-31');
    expect(engineer?.extra).toMatchObject({ board: 'exampleai', departments: ['Research'] });
  });

  it('decodes the HTML-escaped content into text with paragraphs and list items kept', () => {
    const [trainer] = greenhouseScraper.parse(fixture('greenhouse/jobs.json'));
    expect(trainer?.description).toBe(
      'About the role\n\nWrite and grade problems that teach our models to reason & explain.\n\n- Evaluate model answers\n\n- Write rubrics\n\nPay: $40–$60/hour.',
    );
    expect(trainer?.description).not.toMatch(/&lt;|<p>|&amp;/);
  });

  it('scrapes each configured board from the job board API with content=true', async () => {
    const { pages, urls, error } = await scrapeAll(greenhouseScraper, server.url, {
      boards: ['exampleai', 'quietco'],
    });
    expect(error).toBeUndefined();
    expect(urls).toEqual([
      `${server.url}/v1/boards/exampleai/jobs?content=true`,
      `${server.url}/v1/boards/quietco/jobs?content=true`,
    ]);
    expect(pages.map((p) => p.postings.length)).toEqual([2, 0]);
  });

  it('an empty board yields one empty page, not an error', async () => {
    const { pages, error } = await scrapeAll(greenhouseScraper, server.url, { boards: ['quietco'] });
    expect(error).toBeUndefined();
    expect(pages).toEqual([{ url: `${server.url}/v1/boards/quietco/jobs?content=true`, postings: [] }]);
  });

  it('a malformed response is a NotRetryableError naming the board, and the other boards are still scraped', async () => {
    expect(() => greenhouseScraper.parse('{"error":"maintenance"}')).toThrow(NotRetryableError);
    expect(() => greenhouseScraper.parse('<html>')).toThrow(/not JSON/);
    const { pages, error } = await scrapeAll(greenhouseScraper, server.url, {
      boards: ['brokenco', 'exampleai', 'nosuchboard'],
    });
    expect(pages.map((p) => p.url)).toEqual([`${server.url}/v1/boards/exampleai/jobs?content=true`]);
    expect(error).toBeInstanceOf(NotRetryableError);
    expect(error?.message).toMatch(
      /2 of 3 failed: greenhouse board "brokenco": .*no "jobs" list.*; greenhouse board "nosuchboard": HTTP 404/,
    );
  });

  it('its options need at least one board, named by field', () => {
    const result = greenhouseScraper.optionsSchema!.safeParse({ boards: [] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['boards']);
  });

  describe.skipIf(!haveRealCaptures())('on the real capture', () => {
    it('parses the Vercel board capture', () => {
      const postings = greenhouseScraper.parse(realCapture('hunt_greenhouse_boards_api_vercel_trimmed.json'));
      expect(postings).toHaveLength(2);
      expect(postings[0]).toMatchObject({
        sourcePostingId: '6136160004',
        title: 'Account Executive, Commercial',
        company: 'Vercel',
        location: 'Hybrid - London',
        postedAt: '2026-08-06T12:50:10-04:00',
        url: 'https://job-boards.greenhouse.io/vercel/jobs/6136160004',
      });
      expect(postings[0]?.description).toMatch(
        /^About Vercel:\n\nVercel is the agentic infrastructure company/,
      );
      expect(postings[0]?.description).not.toContain('&lt;');
    });
  });
});
