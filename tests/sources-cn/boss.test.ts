import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bossScraper, postingsFromResponses } from '../../scrapers/boss.js';
import { type BrowserPool, createBrowserPool } from '../../src/browser/browser-pool.js';
import { BlockedError, NotRetryableError } from '../../src/fetch/errors.js';
import type { Fetcher } from '../../src/fetch/fetch-types.js';
import { plainFetcher } from '../support/plain-fetcher.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { collect, context, fixture, haveRealCaptures, shared } from './support/context.js';

const options = bossScraper.optionsSchema!.parse({});
const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

describe('boss parse', () => {
  it('reads zpData.jobList with Chinese text, skills and labels intact', () => {
    const postings = bossScraper.parse(fixture('boss/joblist-p1.json'));
    expect(postings).toHaveLength(2);
    expect(postings[0]).toMatchObject({
      sourcePostingId: 'a1b2c3d4e5f6g7h81nZ-AI',
      url: 'https://www.zhipin.com/job_detail/a1b2c3d4e5f6g7h81nZ-AI.html',
      title: 'AI训练师',
      company: '星图智能',
      location: '上海·浦东新区·张江',
      salary: '8-12K·13薪',
      tags: ['数据标注', '大模型', 'Prompt', '1-3年', '本科'],
    });
    expect(postings[0]!.extra).toMatchObject({
      experience: '1-3年',
      degree: '本科',
      welfare: ['五险一金', '餐补'],
      companySize: '100-499人',
      industry: '人工智能',
    });
    expect(postings[1]!.salary).toBe('40-60K·16薪');
  });

  it('reads a job card response for its description', () => {
    const [posting] = bossScraper.parse(fixture('boss/card-ai-trainer.json'));
    expect(posting).toMatchObject({
      sourcePostingId: 'a1b2c3d4e5f6g7h81nZ-AI',
      title: 'AI训练师',
      company: '星图智能',
    });
    expect(posting!.description).toContain('对大模型输出进行标注与评估');
  });

  it('merges card descriptions into the listed postings of one page', () => {
    const responses = [
      {
        url: 'https://www.zhipin.com/wapi/zpgeek/search/joblist.json?page=1',
        status: 200,
        contentType: 'application/json',
        body: fixture('boss/joblist-p1.json'),
      },
      {
        url: 'https://www.zhipin.com/wapi/zpgeek/job/card.json?securityId=sec-1',
        status: 200,
        contentType: 'application/json',
        body: fixture('boss/card-ai-trainer.json'),
      },
    ];
    const page = postingsFromResponses(responses);
    expect(page.hasMore).toBe(true);
    expect(page.postings[0]!.description).toContain('编写和优化提示词');
    expect(page.postings[1]!.description).toBeUndefined();
  });

  it('code 37 is a BlockedError with the site message', () => {
    expect(() => bossScraper.parse(fixture('boss/code-37.json'))).toThrow(BlockedError);
    expect(() => bossScraper.parse(fixture('boss/code-37.json'))).toThrow(
      /blocked: BOSS code 37 \(您的访问行为异常/,
    );
    expect(() => bossScraper.parse(fixture('boss/verify.html'))).toThrow(/blocked: BOSS IP flagged/);
  });

  it('malformed bodies and other codes are NotRetryableError', () => {
    expect(() => bossScraper.parse('{"code":0,"zpData":{"jobList":[')).toThrow(NotRetryableError);
    expect(() => bossScraper.parse('{"code":0,"message":"Success","zpData":{}}')).toThrow(NotRetryableError);
    expect(() => bossScraper.parse('{"code":5,"message":"参数错误"}')).toThrow(/code 5: 参数错误/);
  });
});

describe('boss paging with a fake browser', () => {
  it('stops when the site ignores page= and serves the same jobs again', async () => {
    const browsed: string[] = [];
    const fetcher = plainFetcher({
      browse: async (url) => {
        browsed.push(url);
        return {
          url,
          html: '<html></html>',
          responses: [
            {
              url: 'https://www.zhipin.com/wapi/zpgeek/search/joblist.json?page=1',
              status: 200,
              contentType: 'application/json',
              body: fixture('boss/joblist-p1.json'),
            },
          ],
        };
      },
    });
    const { pages, error } = await collect(
      bossScraper,
      context(fetcher, 'https://www.zhipin.com', options, { city: 'Shanghai', maxPages: 10 }),
    );
    expect(error).toBeUndefined();
    // Page 2 repeats page 1: nothing from it, and no page 3.
    expect(pages.map((p) => p.postings.length)).toEqual([2, 0]);
    expect(browsed).toHaveLength(2);
    expect(browsed[1]).toContain('page=2');
  });

  it('with fetchDetails, opens each job page for its description and date; a verification page stops it', async () => {
    const jobPage = (id: string, text: string) =>
      `<html><head><link rel="canonical" href="https://www.zhipin.com/job_detail/${id}.html"></head><body>` +
      `<div class="job-primary"><div class="info-primary"><div class="name"><h1 title="AI训练师">AI训练师</h1><span class="salary">8-12K·13薪</span></div>` +
      `<p>上海<em class="dolt"></em>1-3年<em class="dolt"></em>本科</p></div></div>` +
      `<div class="detail-content"><div class="job-sec"><h3>职位描述</h3><div class="text">${text}</div></div></div>` +
      `<script type="application/ld+json">{"@context":"https://zhanzhang.baidu.com/contexts/cambrian.jsonld","@id":"https://www.zhipin.com/job_detail/${id}.html","pubDate":"2026-11-18T09:00:00"}</script></body></html>`;
    const browsed: string[] = [];
    const fetcher = plainFetcher({
      browse: async (url) => {
        browsed.push(url);
        if (url.includes('/web/geek/job')) {
          const body = fixture('boss/joblist-p1.json').replace('"hasMore":true', '"hasMore":false');
          return {
            url,
            html: '',
            responses: [
              {
                url: `${url.replace('/web/geek/job', '/wapi/zpgeek/search/joblist.json')}`,
                status: 200,
                contentType: 'application/json',
                body,
              },
            ],
          };
        }
        if (url.includes('a1b2c3d4e5f6g7h81nZ-AI'))
          return { url, html: jobPage('a1b2c3d4e5f6g7h81nZ-AI', '负责<br>大模型数据标注'), responses: [] };
        return { url, html: fixture('boss/verify.html'), responses: [] };
      },
    });
    const { pages, error } = await collect(
      bossScraper,
      context(fetcher, 'http://127.0.0.1:9', { ...options, fetchDetails: true }, { city: 'Shanghai' }),
    );
    expect(pages).toHaveLength(1);
    expect(pages[0]!.postings[0]!.description).toBe('负责\n大模型数据标注');
    expect(pages[0]!.postings[0]!.postedAt).toBe('2026-11-18T09:00:00');
    expect(pages[0]!.postings[1]!.description).toBeUndefined();
    expect(error).toBeInstanceOf(BlockedError);
    expect(browsed).toHaveLength(3);
  });

  it('a page whose scripts made no job-list request is not taken for an empty result', async () => {
    const fetcher = plainFetcher({
      browse: async (url) => ({ url, html: '<html><body>改版了</body></html>', responses: [] }),
    });
    const { error } = await collect(
      bossScraper,
      context(fetcher, 'https://www.zhipin.com', options, { city: 'Shanghai' }),
    );
    expect(error).toBeInstanceOf(NotRetryableError);
  });
});

describe.skipIf(!haveRealCaptures())('boss parse on real captures', () => {
  it('reads the 30 jobs of the Shenzhen joblist.json capture', () => {
    const postings = bossScraper.parse(shared('bosszhipin_joblist_shenzhen.json'));
    expect(postings).toHaveLength(30);
    expect(postings[0]).toMatchObject({
      title: '新媒体运营',
      salary: '6-11K',
      company: '华康科养',
      location: '深圳·罗湖区·国贸',
    });
    expect(postings.some((p) => /·\d+薪$/.test(String(p.salary)))).toBe(true);
  });

  it('reads the server-rendered job page with its description and pubDate', () => {
    const [posting] = bossScraper.parse(shared('bosszhipin_job_detail_h3c_test_dev.html'));
    expect(posting).toMatchObject({
      sourcePostingId: '80ad4bc27a5982f71nR909q-ElVR',
      title: '测试开发工程师',
      salary: '15-25K·16薪',
      company: '新华三技术有限公司',
      location: '杭州',
      postedAt: '2020-11-02T13:40:43',
    });
    expect(posting!.description).toContain('输出产品自动化测试方案');
  });
});

describe('boss scrape in real Chromium against the local server', () => {
  let server: TestServer;
  let pool: BrowserPool;
  let fetcher: Fetcher & { urls: string[] };

  beforeAll(async () => {
    server = await startTestServer();
    server.route('/web/geek/job', { body: fixture('boss/search.html') });
    server.route('/wapi/zpgeek/search/joblist.json', (req, url) => {
      // The page's script must have run: it sends the token it computed.
      if (!req.headers['x-zp-token'])
        return { status: 403, body: '{"code":37,"message":"您的访问行为异常."}', headers: JSON_TYPE };
      if (url.searchParams.get('city') !== '101020100')
        return { body: '{"code":5,"message":"城市错误"}', headers: JSON_TYPE };
      const page = url.searchParams.get('page');
      return {
        body: fixture(page === '1' ? 'boss/joblist-p1.json' : 'boss/joblist-p2.json'),
        headers: JSON_TYPE,
      };
    });
    server.route('/wapi/zpgeek/job/card.json', (_req, url) =>
      url.searchParams.get('securityId') === 'sec-1'
        ? { body: fixture('boss/card-ai-trainer.json'), headers: JSON_TYPE }
        : { body: '{"code":1,"message":"无"}', headers: JSON_TYPE },
    );
    pool = createBrowserPool({ timeoutMs: 20_000 });
    const plain = plainFetcher();
    fetcher = { ...plain, browse: (url, browseOptions) => pool.browse(url, browseOptions) };
  });
  afterAll(async () => {
    await pool.close();
    await server.close();
  });

  it('reads the job list JSON the page fetched by script, page by page until hasMore is false', async () => {
    const { pages, postings, error } = await collect(
      bossScraper,
      context(fetcher, server.url, options, { query: 'AI训练师', city: 'Shanghai' }),
    );
    expect(error).toBeUndefined();
    expect(pages).toHaveLength(2);
    expect(postings.map((p) => p.title)).toEqual(['AI训练师', '大模型评测专员（RLHF）', '数据标注员']);
    expect(postings[0]).toMatchObject({
      location: '上海·浦东新区·张江',
      salary: '8-12K·13薪',
      company: '星图智能',
    });
    expect(postings[0]!.description).toContain('对大模型输出进行标注与评估');
    const lists = server.requests.filter((r) => r.path.startsWith('/wapi/zpgeek/search/joblist.json'));
    expect(lists).toHaveLength(2);
    expect(decodeURIComponent(lists[0]!.path)).toContain('query=AI训练师');
  });

  it('code 37 from the job-list API stops the scrape as blocked', async () => {
    const blocked = await startTestServer();
    blocked.route('/web/geek/job', { body: fixture('boss/search.html') });
    blocked.route('/wapi/zpgeek/search/joblist.json', {
      body: fixture('boss/code-37.json'),
      headers: JSON_TYPE,
    });
    const { pages, error } = await collect(
      bossScraper,
      context(fetcher, blocked.url, options, { city: 'Shanghai' }),
    );
    await blocked.close();
    expect(pages).toHaveLength(0);
    expect(error).toBeInstanceOf(BlockedError);
    expect((error as Error).message).toMatch(/code 37/);
  });

  it('a verification page instead of the search page is blocked at once, not waited on', async () => {
    const blocked = await startTestServer();
    blocked.route('/web/geek/job', { body: fixture('boss/verify.html') });
    const { error } = await collect(
      bossScraper,
      context(fetcher, blocked.url, options, { city: 'Shanghai' }),
    );
    await blocked.close();
    expect(error).toBeInstanceOf(BlockedError);
    expect(blocked.requests).toHaveLength(1);
  });
});
