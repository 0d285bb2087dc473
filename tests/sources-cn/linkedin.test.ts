import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkedinScraper, linkedinSearchUrl } from '../../scrapers/linkedin.js';
import { BlockedError, NotRetryableError } from '../../src/fetch/errors.js';
import { plainFetcher } from '../support/plain-fetcher.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { collect, context, fixture, haveRealCaptures, shared } from './support/context.js';

const options = linkedinScraper.optionsSchema!.parse({});

describe('linkedin parse', () => {
  it('reads guest search cards: id from the URN, clean URL, trimmed title, date from <time>', () => {
    const postings = linkedinScraper.parse(fixture('linkedin/search-start-0.html'));
    expect(postings).toHaveLength(2);
    expect(postings[0]).toMatchObject({
      sourcePostingId: '4000000001',
      url: 'https://www.linkedin.com/jobs/view/ai-trainer-chinese-at-scale-4000000001',
      title: 'AI Trainer (Mandarin)',
      company: 'Scale AI',
      location: 'Shanghai, Shanghai, China',
      salary: '$40.00 - $60.00',
      postedAt: '2026-11-20',
    });
    expect(postings[1]).toMatchObject({ title: 'RLHF Rater – 中文', postedAt: '2026-11-24' });
  });

  it('reads a job view for description, employment type and seniority, ignoring its similar-job cards', () => {
    const postings = linkedinScraper.parse(fixture('linkedin/job-4000000001.html'), {
      url: 'http://x/jobs-guest/jobs/api/jobPosting/4000000001',
    });
    expect(postings).toHaveLength(1);
    const posting = postings[0];
    expect(posting).toMatchObject({
      sourcePostingId: '4000000001',
      title: 'AI Trainer (Mandarin)',
      company: 'Scale AI',
      employmentType: 'Contract',
    });
    expect(posting!.description).toContain('Rate model answers');
    expect(posting!.extra).toMatchObject({ seniority: 'Entry level' });
    // Saved without its URL, the id comes from the page's own decoratedJobPostingId.
    expect(linkedinScraper.parse(fixture('linkedin/job-4000000001.html'))[0]!.sourcePostingId).toBe(
      '4000000001',
    );
  });

  it('the authwall is a BlockedError; an empty fragment is the end; other HTML is malformed', () => {
    expect(() => linkedinScraper.parse(fixture('linkedin/authwall.html'))).toThrow(BlockedError);
    expect(() => linkedinScraper.parse('', { url: 'https://www.linkedin.com/authwall?trk=x' })).toThrow(
      BlockedError,
    );
    expect(linkedinScraper.parse('  \n')).toEqual([]);
    expect(() => linkedinScraper.parse('<div class="error">Something went wrong</div>')).toThrow(
      NotRetryableError,
    );
  });

  it('the search URL carries keywords, location, the time filter and start=25·page', () => {
    const url = new URL(
      linkedinSearchUrl(
        'https://www.linkedin.com',
        { keywords: 'AI trainer', location: 'Shanghai, China', timeFilter: 'day' },
        2,
      ),
    );
    expect(url.pathname).toBe('/jobs-guest/jobs/api/seeMoreJobPostings/search');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      keywords: 'AI trainer',
      location: 'Shanghai, China',
      f_TPR: 'r86400',
      start: '50',
    });
    expect(
      new URL(linkedinSearchUrl('https://x', { keywords: 'a', timeFilter: 'any' }, 0)).searchParams.has(
        'f_TPR',
      ),
    ).toBe(false);
  });
});

describe.skipIf(!haveRealCaptures())('linkedin parse on the real guest fragment', () => {
  it('reads both Kraken cards', () => {
    const postings = linkedinScraper.parse(shared('hunt_linkedin_guest_search_fragment_kraken.html'));
    expect(postings.map((p) => p.sourcePostingId)).toEqual(['4465923787', '4459771918']);
    expect(postings[0]).toMatchObject({
      title: 'Senior Software Engineer - Rust - Core Services',
      company: 'Kraken',
      location: 'Brazil',
      postedAt: '2026-09-15',
    });
  });
});

describe('linkedin scrape against the local server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    server.route('/jobs-guest/jobs/api/seeMoreJobPostings/search', (_req, url) => {
      const start = url.searchParams.get('start');
      if (start === '0') return { body: fixture('linkedin/search-start-0.html') };
      if (start === '25') return { body: fixture('linkedin/search-start-25.html') };
      return { body: '' };
    });
    server.route('/jobs-guest/jobs/api/jobPosting/4000000001', {
      body: fixture('linkedin/job-4000000001.html'),
    });
  });
  afterAll(() => server.close());

  it('pages by start=0,25,50 until an empty fragment, fetching each job view', async () => {
    const fetcher = plainFetcher();
    const { pages, postings, error } = await collect(
      linkedinScraper,
      context(
        fetcher,
        server.url,
        { ...options, timeFilter: 'month' as const },
        { query: 'AI trainer', city: 'Shanghai, China' },
      ),
    );
    expect(error).toBeUndefined();
    // Two fragments of cards, and the empty one that ended the listing.
    expect(pages.map((p) => p.postings.length)).toEqual([2, 1, 0]);
    expect(postings.map((p) => p.sourcePostingId)).toEqual(['4000000001', '4000000002', '4000000003']);
    expect(postings[0]!.description).toContain('Help train large language models');
    expect(postings[0]!.employmentType).toBe('Contract');
    const searches = server.requests
      .filter((r) => r.path.includes('seeMoreJobPostings'))
      .map((r) => new URL(r.path, server.url).searchParams);
    expect(searches.map((s) => s.get('start'))).toEqual(['0', '25', '50']);
    expect(searches[0]!.get('f_TPR')).toBe('r2592000');
    expect(searches[0]!.get('location')).toBe('Shanghai, China');
    expect(searches[0]!.get('sortBy')).toBe('DD');
  });

  it('an authwall redirect stops the scrape as blocked', async () => {
    const walled = await startTestServer();
    walled.route('/jobs-guest/jobs/api/seeMoreJobPostings/search', {
      status: 302,
      headers: { location: '/authwall?trk=guest' },
    });
    walled.route('/authwall', { body: fixture('linkedin/authwall.html') });
    const { pages, error } = await collect(linkedinScraper, context(plainFetcher(), walled.url, options));
    await walled.close();
    expect(pages).toHaveLength(0);
    expect(error).toBeInstanceOf(BlockedError);
  });
});
