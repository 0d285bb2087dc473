import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hnCommentToRaw, hnScraper } from '../../scrapers/hn.js';
import { NotRetryableError } from '../../src/fetch/errors.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { fixture, haveRealCaptures, jsonText, realCapture, scrapeAll } from './helpers.js';

describe('hn', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    server.route('/api/v1/search_by_date', (_req, url) =>
      jsonText(fixture(url.searchParams.get('page') === '1' ? 'hn/search-page2.json' : 'hn/search.json')),
    );
    server.route('/api/v1/items/50100001', jsonText(fixture('hn/thread-nov.json')));
    server.route('/api/v1/items/49900001', jsonText(fixture('hn/thread-oct.json')));
    server.route(
      '/api/v1/items/1',
      jsonText('{"id":1,"title":"Ask HN: Who is hiring? (January 2027)","children":[]}'),
    );
    server.route('/api/v1/items/2', jsonText('{"message":"ObjectID does not exist"}'));
  });
  afterAll(() => server.close());

  it('turns each top-level comment into a posting, skipping deleted ones and replies', () => {
    const postings = hnScraper.parse(fixture('hn/thread-nov.json'));
    expect(postings.map((p) => p.sourcePostingId)).toEqual(['50100011', '50100013', '50100014']);
  });

  it('reads company | role | location | REMOTE | pay from the first line and keeps the whole text', () => {
    const [labs, datawise, unpiped] = hnScraper.parse(fixture('hn/thread-nov.json'));
    expect(labs).toMatchObject({
      url: 'https://news.ycombinator.com/item?id=50100011',
      company: 'Example Labs',
      title: 'AI Trainer (RLHF)',
      location: 'San Francisco, CA',
      remote: true,
      salary: '$50–$80/hr',
      postedAt: '2026-11-02T16:05:00.000Z',
      extra: {
        threadId: '50100001',
        threadTitle: 'Ask HN: Who is hiring? (November 2026)',
        link: 'https://examplelabs.test',
      },
    });
    expect(labs?.description).toBe(
      'Example Labs | AI Trainer (RLHF) | San Francisco, CA | REMOTE | $50–$80/hr | https://examplelabs.test\n\nWe build evaluation data for frontier models & need careful raters.\n\nApply: jobs@examplelabs.test',
    );
    expect(datawise).toMatchObject({
      company: 'Datawise GmbH',
      location: 'Berlin, Germany',
      remote: false,
      employmentType: 'Full-time',
    });
    expect(unpiped?.company).toBeUndefined();
    expect(unpiped?.title).toBe('We are hiring prompt engineers, ping me for details. No pipes here.');
  });

  it('a location that says remote is kept as the location', () => {
    const posting = hnCommentToRaw({ id: 7, text: 'Tutorly | AI Tutor | Remote (EU) | Contract | €40k–60k' });
    expect(posting).toMatchObject({
      location: 'Remote (EU)',
      remote: true,
      employmentType: 'Contract',
      salary: '€40k–60k',
    });
  });

  it('finds the latest hiring threads across search pages, ignoring "who wants to be hired" and freelancer threads', async () => {
    const { pages, urls, error } = await scrapeAll(hnScraper, server.url, { months: 2 });
    expect(error).toBeUndefined();
    expect(urls).toEqual([
      `${server.url}/api/v1/search_by_date?tags=story,author_whoishiring&query=who%20is%20hiring&hitsPerPage=20&page=0`,
      `${server.url}/api/v1/search_by_date?tags=story,author_whoishiring&query=who%20is%20hiring&hitsPerPage=20&page=1`,
      `${server.url}/api/v1/items/50100001`,
      `${server.url}/api/v1/items/49900001`,
    ]);
    expect(pages.map((p) => p.postings.length)).toEqual([3, 1]);
  });

  it('one month needs only the first search page', async () => {
    const { urls } = await scrapeAll(hnScraper, server.url, {});
    expect(urls.filter((u) => u.includes('search_by_date'))).toHaveLength(1);
    expect(urls.at(-1)).toBe(`${server.url}/api/v1/items/50100001`);
  });

  it('a thread with no comments yields an empty page', async () => {
    const { pages, error } = await scrapeAll(hnScraper, server.url, { threadIds: ['1'] });
    expect(error).toBeUndefined();
    expect(pages.map((p) => p.postings)).toEqual([[]]);
  });

  it('a malformed response is a NotRetryableError and nothing is yielded', async () => {
    expect(() => hnScraper.parse('{"message":"ObjectID does not exist"}')).toThrow(NotRetryableError);
    expect(() => hnScraper.parse('not json')).toThrow(/not JSON/);
    const { pages, error } = await scrapeAll(hnScraper, server.url, { threadIds: ['2'] });
    expect(pages).toEqual([]);
    expect(error).toBeInstanceOf(NotRetryableError);
    expect(error?.message).toMatch(/no "children" list/);
  });

  describe.skipIf(!haveRealCaptures())('on the real capture', () => {
    it('parses the September 2026 thread capture', () => {
      const postings = hnScraper.parse(realCapture('hunt_hn_algolia_items_whoishiring_sep2026_trimmed.json'));
      expect(postings).toHaveLength(3);
      expect(postings[0]).toMatchObject({
        sourcePostingId: '49522903',
        company: 'Modash.io',
        title: 'Senior Product Engineer',
        location: 'Remote (Europe)',
        remote: true,
        employmentType: 'Full-time',
        salary: '€75k–110k',
      });
      expect(postings[1]).toMatchObject({
        company: 'Quill',
        title: 'Fullstack SWE',
        salary: '$150 - 210K USD + equity',
      });
      expect(postings[2]).toMatchObject({
        company: 'Open Education Applications / Neon',
        location: 'Utrecht, The Netherlands',
      });
      expect(postings[2]?.description).toContain('Please note: working proficiency in Dutch');
    });
  });
});
