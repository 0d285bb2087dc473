import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ashbyScraper } from '../../scrapers/ashby.js';
import { NotRetryableError } from '../../src/fetch/errors.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { fixture, haveRealCaptures, jsonText, realCapture, scrapeAll } from './helpers.js';

describe('ashby', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    server.route('/posting-api/job-board/exampleai', jsonText(fixture('ashby/job-board.json')));
    server.route('/posting-api/job-board/quietco', jsonText('{"apiVersion":"1","jobs":[]}'));
    server.route(
      '/posting-api/job-board/brokenco',
      jsonText('{"apiVersion":"1","jobs":[{"title":"No id"}]}'),
    );
  });
  afterAll(() => server.close());

  it('maps a job: locations with secondary ones, remote flag, hourly and yearly pay, department and date', () => {
    const [tutor, prompt] = ashbyScraper.parse(fixture('ashby/job-board.json'));
    expect(tutor).toMatchObject({
      sourcePostingId: '7c1f2a10-0000-4000-8000-000000000001',
      url: 'https://jobs.ashbyhq.com/exampleai/7c1f2a10-0000-4000-8000-000000000001',
      title: 'AI Tutor - Chemistry',
      company: 'exampleai',
      location: 'Remote; London',
      remote: true,
      employmentType: 'Contract',
      postedAt: '2026-10-03T16:20:00.000+00:00',
      salaryRange: { min: 45, max: 70, currency: 'USD', period: 'hour' },
      salary: '$45 - $70 per hour',
      tags: ['Human Data', 'Post-training'],
      description: 'Teach models chemistry.\n\nYou will:\n\n- write problems\n\n- grade answers',
    });
    expect(prompt).toMatchObject({
      remote: false,
      salaryRange: { min: 180000, max: 240000, currency: 'USD', period: 'year' },
    });
    expect(prompt?.description).toBe('Design prompts and evaluations.');
  });

  it('leaves out jobs the board does not list', () => {
    const titles = ashbyScraper.parse(fixture('ashby/job-board.json')).map((p) => p.title);
    expect(titles).not.toContain('Internal Transfer Only');
    expect(titles).toHaveLength(2);
  });

  it('asks the posting API for each board with compensation included', async () => {
    const { pages, urls, error } = await scrapeAll(ashbyScraper, server.url, { boards: ['exampleai'] });
    expect(error).toBeUndefined();
    expect(urls).toEqual([`${server.url}/posting-api/job-board/exampleai?includeCompensation=true`]);
    expect(pages[0]?.postings).toHaveLength(2);
  });

  it('an empty board yields one empty page', async () => {
    const { pages, error } = await scrapeAll(ashbyScraper, server.url, { boards: ['quietco'] });
    expect(error).toBeUndefined();
    expect(pages.map((p) => p.postings)).toEqual([[]]);
  });

  it('a malformed response is a NotRetryableError and yields nothing for that board', async () => {
    expect(() => ashbyScraper.parse('{"apiVersion":"1"}')).toThrow(NotRetryableError);
    const { pages, error } = await scrapeAll(ashbyScraper, server.url, { boards: ['brokenco', 'quietco'] });
    expect(pages.map((p) => p.url)).toEqual([
      `${server.url}/posting-api/job-board/quietco?includeCompensation=true`,
    ]);
    expect(error).toBeInstanceOf(NotRetryableError);
    expect(error?.message).toMatch(/ashby board "brokenco": ashby: jobs\[0\] has no id or title/);
  });

  describe.skipIf(!haveRealCaptures())('on the real capture', () => {
    it('parses the Linear board capture', () => {
      const postings = ashbyScraper.parse(realCapture('hunt_ashby_posting_api_linear_trimmed.json'));
      expect(postings).toHaveLength(2);
      expect(postings[0]).toMatchObject({
        sourcePostingId: 'd3bc1ced-3ce4-4086-a050-555055dbb1ff',
        title: 'Senior / Staff Fullstack Engineer',
        company: 'linear',
        location: 'Europe',
        remote: true,
        employmentType: 'FullTime',
        postedAt: '2021-04-27T20:13:45.158+00:00',
      });
      expect(postings[0]?.salaryRange).toBeUndefined();
      expect(postings[0]?.description).toMatch(/^At Linear, we're building/);
    });
  });
});
