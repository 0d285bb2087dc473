import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonldScraper } from '../../scrapers/jsonld.js';
import { extractJobPostings, findJsonLdBlocks, repairJson } from '../../scrapers/shared/json-ld.js';
import { parseSitemap } from '../../scrapers/shared/sitemap.js';
import { NotRetryableError } from '../../src/fetch/errors.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { fixture, haveRealCaptures, realCapture, scrapeAll } from './helpers.js';

const xml = (body: string) => ({ headers: { 'content-type': 'application/xml; charset=utf-8' }, body });

describe('schema.org JobPosting extraction', () => {
  it('reads an entity-encoded script type and a @graph, and maps TELECOMMUTE, hourly salary, dates and identifier', () => {
    const [posting, ...rest] = extractJobPostings(
      fixture('jsonld/graph-telecommute.html'),
      'https://careers.example.test/jobs?id=7001',
    );
    expect(rest).toEqual([]);
    expect(posting).toMatchObject({
      sourcePostingId: '7001',
      url: 'https://careers.example.test/jobs/ai-trainer-chinese/7001',
      title: 'AI Trainer, Chinese Language',
      company: 'Example AI',
      remote: true,
      location: 'Remote (China, Singapore)',
      employmentType: 'CONTRACTOR, PART_TIME',
      postedAt: '2026-10-12',
      validThrough: '2026-12-12T00:00:00+00:00',
      salary: {
        '@type': 'MonetaryAmount',
        currency: 'USD',
        value: { '@type': 'QuantitativeValue', minValue: 25, maxValue: 40, unitText: 'HOUR' },
      },
      description:
        'Teach our models to write natural Chinese.\n\n- Rank model answers\n\n- Write reference answers',
    });
  });

  it('survives trailing commas, raw newlines in strings, arrays, nesting and several blocks per page', () => {
    const html = fixture('jsonld/messy-blocks.html');
    expect(findJsonLdBlocks(html)).toHaveLength(3);
    const [annotator, rater] = extractJobPostings(html, 'https://jobs.example.cn/list');
    expect(annotator).toMatchObject({
      sourcePostingId: 'https://jobs.example.cn/zh/jobs/annotator-88',
      url: 'https://jobs.example.cn/zh/jobs/annotator-88',
      title: '数据标注员 & 质检',
      company: '上海示例智能科技有限公司',
      location: '上海, 上海市, CN',
      employmentType: 'FULL_TIME',
      salary: { currency: 'CNY', value: { minValue: 8000, maxValue: 12000, unitText: 'MONTH' } },
      description: '负责大模型训练数据的标注。\n\n要求：细心、耐心。',
    });
    expect(annotator?.remote).toBeUndefined();
    expect(rater).toMatchObject({
      sourcePostingId: 'R-9',
      title: 'AI Rater',
      location: 'Austin, TX; Denver, CO, US',
      salary: { currency: 'USD', value: 52000, unitText: 'YEAR' },
    });
  });

  it('reads microdata into the same shape', () => {
    const [posting] = extractJobPostings(
      fixture('jsonld/microdata.html'),
      'https://robots.example.test/careers',
    );
    expect(posting).toMatchObject({
      sourcePostingId: 'PE-42',
      url: 'https://robots.example.test/jobs/pe-42',
      title: 'Prompt Engineer',
      company: 'Example Robotics',
      location: 'London, GB',
      postedAt: '2026-10-01',
      employmentType: 'FULL_TIME',
      salary: { currency: 'GBP', value: { minValue: '60000', maxValue: '80000', unitText: 'YEAR' } },
      description: 'Design prompts.\n\nMeasure them.',
    });
  });

  it('repairs trailing commas without touching commas inside strings', () => {
    expect(JSON.parse(repairJson('{"a": "x, }", "b": [1, 2,],}'))).toEqual({ a: 'x, }', b: [1, 2] });
  });

  it('reads sitemaps and sitemap indexes, resolving locations', () => {
    const index = parseSitemap(fixture('jsonld/sitemap-index.xml'), 'https://example.test/sitemap.xml');
    expect(index).toEqual({
      kind: 'sitemapindex',
      entries: [
        { url: 'https://example.test/sitemap-jobs.xml', lastModified: '2026-11-01' },
        { url: 'https://example.test/sitemap-blog.xml' },
      ],
    });
    expect(() => parseSitemap('<html><body>404</body></html>', 'https://example.test/sitemap.xml')).toThrow(
      NotRetryableError,
    );
  });
});

describe('jsonld source', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    server.route('/sitemap.xml', xml(fixture('jsonld/sitemap-index.xml')));
    server.route('/sitemap-jobs.xml', xml(fixture('jsonld/sitemap-jobs.xml')));
    server.route('/sitemap-blog.xml', xml(fixture('jsonld/sitemap-blog.xml')));
    server.route('/jobs/trainer', { body: fixture('jsonld/graph-telecommute.html') });
    server.route('/jobs/annotator', { body: fixture('jsonld/messy-blocks.html') });
    server.route('/about', { body: fixture('jsonld/no-postings.html') });
    server.route('/broken', { body: fixture('jsonld/broken.html') });
  });
  afterAll(() => server.close());

  it('scopes ids by host, since identifiers are only unique within a site', () => {
    const [posting] = jsonldScraper.parse(fixture('jsonld/graph-telecommute.html'), {
      url: 'https://careers.example.test/x',
    });
    expect(posting?.sourcePostingId).toBe('careers.example.test:7001');
  });

  it('follows a sitemap index to the job pages matching the pattern, one page each', async () => {
    const { pages, urls, error } = await scrapeAll(jsonldScraper, server.url, {
      sitemaps: ['/sitemap.xml'],
      urlPattern: '/jobs/',
    });
    expect(error).toBeUndefined();
    expect(urls).toEqual([
      `${server.url}/sitemap.xml`,
      `${server.url}/sitemap-jobs.xml`,
      `${server.url}/sitemap-blog.xml`,
      `${server.url}/jobs/trainer`,
      `${server.url}/jobs/annotator`,
    ]);
    expect(pages.map((p) => p.postings.length)).toEqual([1, 2]);
    expect(pages[0]?.postings[0]?.sourcePostingId).toBe(`127.0.0.1:${new URL(server.url).port}:7001`);
  });

  it('reads a URL list and stops at maxUrls', async () => {
    const { pages, urls } = await scrapeAll(jsonldScraper, server.url, {
      urls: ['/jobs/trainer', `${server.url}/jobs/annotator`],
      maxUrls: 1,
    });
    expect(urls).toEqual([`${server.url}/jobs/trainer`]);
    expect(pages).toHaveLength(1);
  });

  it('a page without postings yields an empty page', async () => {
    const { pages, error } = await scrapeAll(jsonldScraper, server.url, { urls: ['/about'] });
    expect(error).toBeUndefined();
    expect(pages.map((p) => p.postings)).toEqual([[]]);
  });

  it('a page whose JSON-LD cannot be parsed is a NotRetryableError; the other pages are still read', async () => {
    expect(() => jsonldScraper.parse(fixture('jsonld/broken.html'))).toThrow(NotRetryableError);
    const { pages, error } = await scrapeAll(jsonldScraper, server.url, {
      urls: ['/broken', '/jobs/trainer'],
    });
    expect(pages.map((p) => p.url)).toEqual([`${server.url}/jobs/trainer`]);
    expect(error).toBeInstanceOf(NotRetryableError);
    expect(error?.message).toMatch(/1 of 2 failed: page .*\/broken: .*none of them parses as JSON/);
  });

  it('its options need urls or sitemaps', () => {
    const result = jsonldScraper.optionsSchema!.safeParse({});
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/urls or sitemaps/);
  });

  describe.skipIf(!haveRealCaptures())('on the real captures', () => {
    it('reads the yearly, remote posting behind an entity-encoded script type', () => {
      const [posting] = jsonldScraper.parse(realCapture('builtin_jobpage_AI_Engineer_Backend_8591405.html'));
      expect(posting).toMatchObject({
        sourcePostingId: 'www.builtinla.com:8591405',
        url: 'https://www.builtinla.com/job/1027-ai-engineer-backend-focus/8591405',
        title: '1027- AI Engineer (Backend focus)',
        company: 'GoFasti',
        remote: true,
        location: 'USA',
        postedAt: '2026-02-26',
        validThrough: '2026-03-28T02:08:24+00:00',
        employmentType: 'FULL_TIME',
        salary: { currency: 'USD', value: { minValue: 12000, maxValue: 26400, unitText: 'YEAR' } },
      });
      expect(posting?.description).toMatch(/^We Make Remote Work Remarkable/);
    });

    it('reads the hourly posting with a full address', () => {
      const [posting] = jsonldScraper.parse(realCapture('builtin_jobpage_AI_Prompt_Engineer_8543870.html'));
      expect(posting).toMatchObject({
        title: 'AI Prompt Engineer',
        company: 'Brainscape',
        location: 'New York, USA',
        salary: { value: { minValue: 40, maxValue: 100, unitText: 'HOUR' } },
      });
      expect(posting?.remote).toBeUndefined();
    });
  });
});
