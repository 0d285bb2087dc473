import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  parseSitePage,
  type SiteDefinition,
  siteDefinitionSchema,
  siteScraper,
} from '../../scrapers/site.js';
import { describeZodError } from '../../src/config/load-config.js';
import { NotRetryableError } from '../../src/fetch/errors.js';
import { scrapeInMemory } from '../support/scrape-in-memory.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { fixture, scrapeAll } from './helpers.js';

const fields = {
  title: '.title',
  url: { selector: '.title', attr: 'href' },
  id: { attr: 'data-id' },
  company: '.company',
  location: '.city',
  salary: '.pay',
  postedAt: { selector: 'time', attr: 'datetime' },
  tags: '.tag',
};

const boardDefinition = {
  name: 'exampleboard',
  listUrl: '/search?q={query}&page=1',
  query: 'AI训练师',
  item: 'li.job',
  fields,
  nextPage: { selector: 'a.next' },
};

describe('site', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    server.route('/search', (_req, url) => ({
      body: fixture(url.searchParams.get('page') === '2' ? 'site/list-page2.html' : 'site/list-page1.html'),
    }));
    server.route(/^\/numbered\/\d+/, (_req, url) => {
      const page = url.pathname.split('/')[2];
      return {
        body: fixture(
          page === '10'
            ? 'site/list-page1.html'
            : page === '20'
              ? 'site/list-page2.html'
              : 'site/list-empty.html',
        ),
      };
    });
    server.route('/job/101', { body: fixture('site/detail-101.html') });
    server.route('/job/102', { body: fixture('site/detail-102.html') });
    server.route('/changed', { body: fixture('site/list-changed.html') });
    server.route('/empty', { body: fixture('site/list-empty.html') });
  });
  afterAll(() => server.close());

  const site = (overrides: Record<string, unknown> = {}): SiteDefinition =>
    siteDefinitionSchema.parse({ ...boardDefinition, ...overrides });

  it('reads fields by selector and attribute, makes URLs absolute, and ids stable per site', () => {
    const page = parseSitePage(
      fixture('site/list-page1.html'),
      site(),
      'https://board.example.cn/search?q=x&page=1',
    );
    expect(page.itemCount).toBe(3);
    expect(page.nextUrl).toBe('https://board.example.cn/search?q=AI%E8%AE%AD%E7%BB%83%E5%B8%88&page=2');
    expect(page.postings).toHaveLength(2);
    expect(page.postings[0]).toMatchObject({
      sourcePostingId: 'exampleboard:101',
      url: 'https://board.example.cn/job/101',
      title: 'AI训练师（大模型方向）',
      company: '示例智能',
      location: '上海·浦东新区',
      salary: '15-25K·13薪',
      postedAt: '2026-11-01',
      tags: ['RLHF', '数据标注'],
    });
    expect(page.postings[1]).toMatchObject({ location: '远程', remote: true });
  });

  it('follows the next-page link until there is none, filling {query}', async () => {
    const { pages, urls, error } = await scrapeAll(siteScraper, server.url, { sites: [boardDefinition] });
    expect(error).toBeUndefined();
    expect(urls).toEqual([
      `${server.url}/search?q=AI%E8%AE%AD%E7%BB%83%E5%B8%88&page=1`,
      `${server.url}/search?q=AI%E8%AE%AD%E7%BB%83%E5%B8%88&page=2`,
    ]);
    expect(pages.flatMap((p) => p.postings.map((x) => x.sourcePostingId))).toEqual([
      'exampleboard:101',
      'exampleboard:102',
      'exampleboard:103',
    ]);
  });

  it('the request query wins over the definition, and maxPages stops paging', async () => {
    const { urls } = await scrapeAll(
      siteScraper,
      server.url,
      { sites: [boardDefinition] },
      { query: 'data annotator', maxPages: 1 },
    );
    expect(urls).toEqual([`${server.url}/search?q=data%20annotator&page=1`]);
  });

  it('pages by number with a page pattern until a page is empty', async () => {
    const numbered = {
      ...boardDefinition,
      listUrl: '/numbered/{page}',
      nextPage: { start: 10, step: 10, maxPages: 5 },
    };
    const { pages, urls } = await scrapeAll(siteScraper, server.url, { sites: [numbered] });
    expect(urls).toEqual([
      `${server.url}/numbered/10`,
      `${server.url}/numbered/20`,
      `${server.url}/numbered/30`,
    ]);
    expect(pages.map((p) => p.postings.length)).toEqual([2, 1, 0]);
  });

  it('follows detail pages: their selectors, then their JSON-LD, fill the posting', async () => {
    const withDetail = {
      ...boardDefinition,
      detail: { fields: { description: '.desc', employmentType: '.type' } },
    };
    // The list page asks for both detail pages; each detail page gives its posting, completed.
    const { postings, urls } = await scrapeAll(
      siteScraper,
      server.url,
      { sites: [withDetail] },
      { maxPages: 1 },
    );
    expect(urls.slice(1)).toEqual([`${server.url}/job/101`, `${server.url}/job/102`]);
    const [first, second] = postings;
    expect(first).toMatchObject({
      description: '负责大模型对话数据的撰写与评估。\n\n要求：本科及以上。',
      employmentType: '全职',
      salary: '15-25K·13薪',
    });
    expect(second).toMatchObject({
      description: '图像与文本标注。',
      employmentType: 'PART_TIME',
      validThrough: '2026-12-31',
    });
  });

  it('a list with no items yields an empty page', async () => {
    const { pages, error } = await scrapeAll(siteScraper, server.url, {
      sites: [{ ...boardDefinition, listUrl: '/empty' }],
    });
    expect(error).toBeUndefined();
    expect(pages.map((p) => p.postings)).toEqual([[]]);
  });

  it('items without a title (the site changed) are a NotRetryableError that points at fields.title', async () => {
    const { pages, error } = await scrapeAll(siteScraper, server.url, {
      sites: [{ ...boardDefinition, listUrl: '/changed' }],
    });
    expect(pages).toEqual([]);
    expect(error).toBeInstanceOf(NotRetryableError);
    expect(error?.message).toMatch(
      /site "exampleboard": 2 items matched "li.job" but none had a title: check fields.title/,
    );
  });

  it('an invalid definition gives an error naming the field', () => {
    const missingTitle = siteScraper.optionsSchema!.safeParse({
      sites: [{ ...boardDefinition, fields: { url: '.title' } }],
    });
    expect(missingTitle.success).toBe(false);
    expect(describeZodError(missingTitle.error!)).toBe('sites[0].fields.title: Required');
    const badMode = siteScraper.optionsSchema!.safeParse({ sites: [{ ...boardDefinition, mode: 'curl' }] });
    expect(describeZodError(badMode.error!)).toMatch(/^sites\[0\]\.mode: /);
    const typo = siteScraper.optionsSchema!.safeParse({ sites: [{ ...boardDefinition, itme: 'li' }] });
    expect(describeZodError(typo.error!)).toMatch(/^sites\[0\]: .*\(itme\)/);
  });

  it('browser mode loads list pages through the browser pool', async () => {
    const browsed: string[] = [];
    const { plainFetcher } = await import('../support/plain-fetcher.js');
    const fetcher = plainFetcher({
      browse: async (url) => {
        browsed.push(url);
        return { url, html: fixture('site/list-page2.html'), responses: [] };
      },
    });
    const options = siteScraper.optionsSchema!.parse({
      sites: [{ ...boardDefinition, mode: 'browser', waitForSelector: 'li.job' }],
    });
    const { pages } = await scrapeInMemory(siteScraper, {
      fetcher,
      baseUrl: 'https://board.example.cn',
      options,
    });
    expect(browsed).toEqual(['https://board.example.cn/search?q=AI%E8%AE%AD%E7%BB%83%E5%B8%88&page=1']);
    expect(fetcher.urls).toEqual([]);
    expect(pages[0]?.postings[0]?.title).toBe('模型评测工程师');
  });

  it('parse without a definition reads schema.org markup', () => {
    expect(siteScraper.parse(fixture('jsonld/microdata.html'), { url: 'https://x.test/' })[0]?.title).toBe(
      'Prompt Engineer',
    );
  });
});
