import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leverScraper } from '../../scrapers/lever.js';
import { NotRetryableError } from '../../src/fetch/errors.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { fixture, haveRealCaptures, json, jsonText, realCapture, scrapeAll } from './helpers.js';

describe('lever', () => {
  let server: TestServer;
  const all = JSON.parse(fixture('lever/postings.json')) as unknown[];
  beforeAll(async () => {
    server = await startTestServer();
    // Honours skip/limit the way Lever does.
    server.route('/v0/postings/examplelabs', (_req, url) => {
      const skip = Number(url.searchParams.get('skip') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 100);
      return json(all.slice(skip, skip + limit));
    });
    server.route('/v0/postings/ghostco', jsonText('[]'));
    server.route('/v0/postings/brokenco', jsonText('{"ok":false,"error":"Document not found"}'));
  });
  afterAll(() => server.close());

  it('maps a posting: id, url, company from the hosted URL, locations, remote, commitment, pay and date', () => {
    const [annotator, evaluator, prompt] = leverScraper.parse(fixture('lever/postings.json'));
    expect(annotator).toMatchObject({
      sourcePostingId: 'a1b2c3d4-0001-4000-8000-000000000001',
      url: 'https://jobs.lever.co/examplelabs/a1b2c3d4-0001-4000-8000-000000000001',
      title: 'Data Annotation Specialist',
      company: 'examplelabs',
      location: 'Remote - US',
      remote: true,
      employmentType: 'Part-time',
      postedAt: 1790000000000,
      salaryRange: { min: 20, max: 28, currency: 'USD', period: 'hour' },
      salary: '$20 - $28 an hour',
      tags: ['Operations', 'Data'],
    });
    expect(evaluator).toMatchObject({ location: 'London; Stockholm', remote: false });
    expect(prompt?.remote).toBe(false);
    expect(prompt?.salaryRange).toBeUndefined();
  });

  it('builds the description from the opening, each list under its heading, and the closing', () => {
    const [annotator] = leverScraper.parse(fixture('lever/postings.json'));
    expect(annotator?.description).toBe(
      "Label images and text for our models.\n\nWhat you'll do\n- Annotate data\n\n- Review others' labels\n\nWho you are\n- Careful and consistent\n\nWe are an equal opportunity employer.",
    );
  });

  it('pages through a company with skip and limit until a page comes back short', async () => {
    const { pages, urls, error } = await scrapeAll(leverScraper, server.url, {
      companies: ['examplelabs'],
      pageSize: 2,
    });
    expect(error).toBeUndefined();
    expect(urls).toEqual([
      `${server.url}/v0/postings/examplelabs?mode=json&skip=0&limit=2`,
      `${server.url}/v0/postings/examplelabs?mode=json&skip=2&limit=2`,
    ]);
    expect(pages.map((p) => p.postings.map((x) => x.title))).toEqual([
      ['Data Annotation Specialist', 'ML Evaluation Engineer'],
      ['Prompt Engineer'],
    ]);
  });

  it('stops at the request maxPages', async () => {
    const { pages } = await scrapeAll(
      leverScraper,
      server.url,
      { companies: ['examplelabs'], pageSize: 1 },
      { maxPages: 2 },
    );
    expect(pages).toHaveLength(2);
  });

  it('stops when a server ignores skip and sends the same postings again', async () => {
    server.route('/v0/postings/stubborn', json(all.slice(0, 2)));
    const { pages, urls } = await scrapeAll(leverScraper, server.url, {
      companies: ['stubborn'],
      pageSize: 2,
    });
    expect(urls).toHaveLength(2);
    expect(pages[1]?.postings).toEqual([]);
  });

  it('a company with no postings yields one empty page', async () => {
    const { pages, error } = await scrapeAll(leverScraper, server.url, { companies: ['ghostco'] });
    expect(error).toBeUndefined();
    expect(pages.map((p) => p.postings)).toEqual([[]]);
  });

  it("a malformed response is a NotRetryableError that quotes Lever's error", async () => {
    expect(() => leverScraper.parse('{"ok":false,"error":"Document not found"}')).toThrow(NotRetryableError);
    expect(() => leverScraper.parse('[{"id": 5}]')).toThrow(/posting 0 has no id or text/);
    const { pages, error } = await scrapeAll(leverScraper, server.url, { companies: ['brokenco'] });
    expect(pages).toEqual([]);
    expect(error).toBeInstanceOf(NotRetryableError);
    expect(error?.message).toMatch(/lever company "brokenco": .*got error "Document not found"/);
  });

  describe.skipIf(!haveRealCaptures())('on the real capture', () => {
    it('parses the Spotify postings capture', () => {
      const postings = leverScraper.parse(realCapture('hunt_lever_postings_api_spotify_trimmed.json'));
      expect(postings).toHaveLength(2);
      expect(postings[0]).toMatchObject({
        sourcePostingId: '2193db3f-77c5-43b8-b030-8f92c9882bf1',
        title: 'Android Engineer - Experience',
        company: 'spotify',
        location: 'London; Stockholm',
        remote: false,
        employmentType: 'Permanent',
        postedAt: 1782214185805,
      });
      expect(postings[0]?.description).toContain(
        "What You'll Do\n- Develop and maintain mobile client components",
      );
    });
  });
});
