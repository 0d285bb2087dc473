import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { job51Scraper } from '../../scrapers/job51.js';
import { BlockedError, NotRetryableError } from '../../src/fetch/errors.js';
import { plainFetcher } from '../support/plain-fetcher.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import {
  collect,
  context,
  fixture,
  fixtureBytes,
  gbkFixture,
  haveRealCaptures,
  shared,
} from './support/context.js';

const options = job51Scraper.optionsSchema!.parse({});
const GBK = { 'content-type': 'text/html; charset=gbk' };

describe('51job parse', () => {
  it('reads the older GBK list page (window.__SEARCH_RESULT__) once decoded, Chinese intact', () => {
    const postings = job51Scraper.parse(gbkFixture('51job/search-list-p1.html'));
    expect(postings).toHaveLength(2);
    expect(postings[0]).toMatchObject({
      sourcePostingId: '150000001',
      url: 'https://jobs.51job.com/shanghai/150000001.html',
      title: 'AI训练师（对话标注）',
      company: '上海智语数据科技有限公司',
      location: '上海·浦东新区',
      salary: '1-1.5万/月',
      postedAt: '2026-11-20 10:11:12',
    });
    expect(postings[0]!.extra).toMatchObject({
      experience: '1-3年经验',
      degree: '本科',
      welfare: ['五险一金', '周末双休'],
    });
    expect(postings[1]!.salary).toBe('8千-1.2万·13薪');
  });

  it('the fixture really is GBK: read as UTF-8 it would be garbled', () => {
    expect(fixtureBytes('51job/search-list-p1.html').toString('utf8')).not.toContain('人工智能训练师');
    expect(gbkFixture('51job/search-list-p1.html')).toContain('人工智能训练师');
  });

  it('reads the current search API body (resultbody.job.items)', () => {
    const postings = job51Scraper.parse(fixture('51job/api-p1.json'));
    expect(postings.map((p) => p.sourcePostingId)).toEqual(['160000001', '160000002']);
    expect(postings[0]).toMatchObject({
      title: 'AI训练师',
      company: '上海蓝鲸智能科技有限公司',
      location: '上海·浦东新区·张江',
      salary: '1-1.5万',
      url: 'https://jobs.51job.com/shanghai-pdxq/160000001.html',
    });
    expect(postings[0]!.description).toContain('熟悉RLHF流程者优先');
    expect(postings[1]!.salary).toBe('8千-1.2万·13薪');
  });

  it('reads engine_jds served as bare JSON', () => {
    const body = JSON.stringify({
      engine_jds: [{ jobid: '1', job_name: '数据标注', company_name: '某司', workarea_text: '上海-静安区' }],
      total_page: '1',
    });
    expect(job51Scraper.parse(body)[0]).toMatchObject({ sourcePostingId: '1', location: '上海·静安区' });
  });

  it('reads a GBK job page for its description', () => {
    const [posting] = job51Scraper.parse(gbkFixture('51job/job-150000001.html'));
    expect(posting).toMatchObject({
      sourcePostingId: '150000001',
      title: 'AI训练师（对话标注）',
      company: '上海智语数据科技有限公司',
      location: '上海·浦东新区',
      salary: '1-1.5万/月',
    });
    expect(posting!.description).toContain('参与RLHF偏好数据构建');
    expect(posting!.description).not.toContain('职能类别');
  });

  it('a WAF slider page is blocked', () => {
    expect(() => job51Scraper.parse(fixture('51job/waf-slider.html'))).toThrow(BlockedError);
  });

  it('malformed bodies are NotRetryableError, with the site message when it gave one', () => {
    expect(() => job51Scraper.parse('{"resultbody": {"job": ')).toThrow(NotRetryableError);
    expect(() => job51Scraper.parse('{"status":"0","message":"参数错误"}')).toThrow(/参数错误/);
    expect(() => job51Scraper.parse('<html><body>维护中</body></html>')).toThrow(NotRetryableError);
  });
});

describe.skipIf(!haveRealCaptures())('51job parse on the real GBK capture', () => {
  it('decoded from GBK, yields all 50 results with Chinese intact', () => {
    const postings = job51Scraper.parse(shared('51job_search_gbk_2021-02-26.html', 'gbk'));
    expect(postings).toHaveLength(50);
    expect(postings[0]).toMatchObject({
      title: 'Java开发工程师',
      company: '源资信息科技（上海）有限公司',
      salary: '1-2万/月',
      location: '上海',
    });
    expect(postings.find((p) => p.sourcePostingId === '127363890')?.location).toBe('上海·浦东新区');
  });
});

describe('51job scrape against the local server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    server.route('/api/job/search-pc', (_req, url) => {
      if (url.searchParams.get('jobArea') !== '020000') return { status: 404 };
      const page = url.searchParams.get('pageNum');
      const body =
        page === '1' ? fixture('51job/api-p1.json') : page === '2' ? fixture('51job/api-p2.json') : undefined;
      return body ? { body, headers: { 'content-type': 'application/json' } } : { status: 404 };
    });
    server.route(/^\/list\/020000,000000,0000,00,9,99,.+,2,1\.html$/, {
      body: fixtureBytes('51job/search-list-p1.html'),
      headers: GBK,
    });
    server.route(/^\/list\/020000,000000,0000,00,9,99,.+,2,2\.html$/, {
      body: fixtureBytes('51job/search-list-p2.html'),
      headers: GBK,
    });
    server.route('/shanghai/150000001.html', {
      body: fixtureBytes('51job/job-150000001.html'),
      headers: GBK,
    });
  });
  afterAll(() => server.close());

  it('pages through the API until the total count is reached', async () => {
    const fetcher = plainFetcher();
    const { pages, postings, error } = await collect(
      job51Scraper,
      context(fetcher, server.url, { ...options, pageSize: 2 }, { city: 'Shanghai' }),
    );
    expect(error).toBeUndefined();
    expect(pages).toHaveLength(2);
    expect(postings.map((p) => p.title)).toEqual(['AI训练师', '数据标注组长', '提示词工程师']);
    expect(fetcher.urls).toHaveLength(2);
  });

  it('pages through the older GBK list pages, decoded by the fetcher, with details', async () => {
    const { pages, postings, error } = await collect(
      job51Scraper,
      context(plainFetcher(), server.url, { ...options, mode: 'list', fetchDetails: true }, { city: '上海' }),
    );
    expect(error).toBeUndefined();
    expect(pages).toHaveLength(2);
    expect(postings.map((p) => p.company)).toEqual([
      '上海智语数据科技有限公司',
      '上海闵智信息技术有限公司',
      '上海镕数科技有限公司',
    ]);
    expect(postings[0]!.description).toContain('对多轮对话进行标注与质检');
  });

  it('a WAF slider instead of results stops the scrape as blocked', async () => {
    const blocked = await startTestServer();
    blocked.route('/api/job/search-pc', { body: fixture('51job/waf-slider.html') });
    const { pages, error } = await collect(
      job51Scraper,
      context(plainFetcher(), blocked.url, options, { city: 'Shanghai' }),
    );
    await blocked.close();
    expect(pages).toHaveLength(0);
    expect(error).toBeInstanceOf(BlockedError);
    expect((error as Error).message).toMatch(/^blocked: 51job/);
  });
});
