import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liepinScraper } from '../../scrapers/liepin.js';
import { BlockedError, NotRetryableError } from '../../src/fetch/errors.js';
import { plainFetcher } from '../support/plain-fetcher.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { collect, context, fixture, haveRealCaptures, shared } from './support/context.js';

const options = liepinScraper.optionsSchema!.parse({});

describe('liepin parse', () => {
  it('reads job cards of a search page with Chinese text intact', () => {
    const postings = liepinScraper.parse(fixture('liepin/search-p0.html'));
    expect(postings).toHaveLength(2);
    expect(postings[0]).toMatchObject({
      sourcePostingId: 'job/1970000001',
      url: 'https://www.liepin.com/job/1970000001.shtml',
      title: '人工智能训练师',
      company: '上海灵犀智能科技有限公司',
      location: '上海·浦东新区',
      salary: '15-30k·13薪',
      tags: ['1-3年', '本科'],
    });
    expect(postings[0]!.extra).toMatchObject({
      experience: '1-3年',
      degree: '本科',
      industry: '人工智能',
      companySize: '100-499人',
      recruiter: '王女士',
    });
    expect(postings[1]).toMatchObject({
      sourcePostingId: 'a/70000002',
      company: '某知名互联网公司',
      salary: '20-40k',
    });
  });

  it('reads a job page: description, company from $CONFIG, pubDate from the cambrian block', () => {
    const [posting] = liepinScraper.parse(fixture('liepin/job-1970000001.html'));
    expect(posting).toMatchObject({
      sourcePostingId: 'job/1970000001',
      title: '人工智能训练师',
      company: '上海灵犀智能科技有限公司',
      location: '上海·浦东新区',
      salary: '15-30k·13薪',
      postedAt: '2026-11-19T10:20:30',
      tags: ['数据标注', 'RLHF'],
    });
    expect(posting!.description).toContain('为大模型编写与评审训练数据');
  });

  it('a login page is a BlockedError', () => {
    expect(() => liepinScraper.parse(fixture('liepin/login-wall.html'))).toThrow(/blocked: 猎聘 login wall/);
  });

  it('an empty result list yields nothing; an unrelated page is NotRetryableError', () => {
    expect(liepinScraper.parse(fixture('liepin/search-empty.html'))).toEqual([]);
    expect(() => liepinScraper.parse('<html><body><p>502 Bad Gateway</p></body></html>')).toThrow(
      NotRetryableError,
    );
  });
});

describe.skipIf(!haveRealCaptures())('liepin parse on the real job page capture', () => {
  it('reads the headhunter job page with 13薪 salary and its publication date', () => {
    const [posting] = liepinScraper.parse(shared('liepin_job_detail_game_ui_designer.html'));
    expect(posting).toMatchObject({
      sourcePostingId: 'a/38806387',
      title: '游戏UI设计师',
      salary: '15-30k·13薪',
      location: '厦门·思明区',
      company: '某厦门游戏产业上市公司',
      postedAt: '2022-07-18T14:51:16',
    });
    expect(posting!.description).toContain('完成项目UI界面及图标的设计和制作');
  });
});

describe('liepin scrape against the local server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    server.route('/zhaopin/', (_req, url) => {
      if (url.searchParams.get('dq') !== '020') return { status: 404 };
      const page = url.searchParams.get('currentPage');
      return {
        body: fixture(
          page === '0'
            ? 'liepin/search-p0.html'
            : page === '1'
              ? 'liepin/search-p1.html'
              : 'liepin/search-empty.html',
        ),
      };
    });
    server.route('/job/1970000001.shtml', { body: fixture('liepin/job-1970000001.html') });
  });
  afterAll(() => server.close());

  it('pages with currentPage=0,1,… until a page has no cards, completing cards from job pages', async () => {
    const fetcher = plainFetcher();
    const { pages, postings, error } = await collect(
      liepinScraper,
      context(fetcher, server.url, options, { city: 'Shanghai', query: 'AI训练师' }),
    );
    expect(error).toBeUndefined();
    // Two pages of cards, and the empty one that ended the listing.
    expect(pages.map((p) => p.postings.length)).toEqual([2, 1, 0]);
    expect(postings.map((p) => p.title)).toEqual([
      '人工智能训练师',
      '大模型数据标注专家',
      'AI训练师（多模态）',
    ]);
    expect(postings[0]!.description).toContain('制定标注规范');
    expect(postings[0]!.postedAt).toBe('2026-11-19T10:20:30');
    // The two job pages the server lacks (404) leave their cards as listed.
    expect(postings[1]!.description).toBeUndefined();
    expect(fetcher.urls.filter((u) => u.includes('/zhaopin/'))).toHaveLength(3);
  });

  it('a login wall met on a job page still stores the list page, then stops as blocked', async () => {
    const walled = await startTestServer();
    walled.route('/zhaopin/', { body: fixture('liepin/search-p0.html') });
    walled.route(/\/(job|a)\//, { body: fixture('liepin/login-wall.html') });
    const { pages, error } = await collect(
      liepinScraper,
      context(plainFetcher(), walled.url, options, { city: 'Shanghai' }),
    );
    await walled.close();
    // The listing's next page (here the same page again) is read before the job pages.
    expect(pages.map((p) => p.postings.length)).toEqual([2, 0]);
    expect(error).toBeInstanceOf(BlockedError);
    expect(walled.requests.filter((r) => /\/(job|a)\//.test(r.path))).toHaveLength(1);
  });
});
