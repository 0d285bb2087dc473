import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zhaopinScraper } from '../../scrapers/zhaopin.js';
import { BlockedError, NotRetryableError } from '../../src/fetch/errors.js';
import { plainFetcher } from '../support/plain-fetcher.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { collect, context, fixture, haveRealCaptures, shared } from './support/context.js';

const options = zhaopinScraper.optionsSchema!.parse({});

describe('zhaopin parse', () => {
  it('reads postings from the embedded __INITIAL_STATE__ with Chinese text intact', () => {
    const postings = zhaopinScraper.parse(fixture('zhaopin/search-shanghai-p1.html'));
    expect(postings.map((p) => p.title)).toEqual(['人工智能训练师（大模型方向）', '数据标注员']);
    const [first, second] = postings;
    expect(first).toMatchObject({
      sourcePostingId: 'CC000111222J40000000001',
      url: 'https://jobs.zhaopin.com/CC000111222J40000000001.htm',
      company: '上海星图智能科技有限公司',
      location: '上海·浦东新区·张江',
      salary: '1.1万-1.5万',
      postedAt: '2026-11-20 09:30:00',
      tags: ['数据标注', 'Python'],
    });
    expect(first!.extra).toMatchObject({
      experience: '1-3年',
      degree: '本科',
      welfare: ['五险一金', '带薪年假'],
    });
    expect(second!.salary).toBe('8千-1.2万·13薪');
    expect(second!.location).toBe('上海·徐汇区·漕河泾街道');
  });

  it('reads the state object saved as JSON and the positions API body', () => {
    const state = {
      positionList: [{ number: 'CC1J2', name: 'AI训练师', salary60: '1万-2万', workCity: '上海' }],
      pages: 1,
    };
    expect(zhaopinScraper.parse(JSON.stringify(state))[0]).toMatchObject({
      sourcePostingId: 'CC1J2',
      title: 'AI训练师',
      salary: '1万-2万',
    });
    const api = {
      code: 200,
      data: { count: 1, list: [{ number: 'CC3J4', name: '数据标注', companyName: '某公司' }] },
    };
    expect(zhaopinScraper.parse(JSON.stringify(api))[0]).toMatchObject({
      sourcePostingId: 'CC3J4',
      company: '某公司',
    });
  });

  it('reads a job page for its description', () => {
    const [posting] = zhaopinScraper.parse(fixture('zhaopin/job-detail.html'));
    expect(posting).toMatchObject({
      sourcePostingId: 'CC000111222J40000000001',
      title: '人工智能训练师（大模型方向）',
      salary: '1.1万-1.5万',
      location: '上海·浦东新区',
    });
    expect(posting!.description).toContain('对大模型回答进行评估与排序（RLHF）');
  });

  it('a slider-captcha page is a BlockedError naming what was seen', () => {
    expect(() => zhaopinScraper.parse(fixture('zhaopin/slider-captcha.html'))).toThrow(BlockedError);
    expect(() => zhaopinScraper.parse(fixture('zhaopin/slider-captcha.html'))).toThrow(/blocked: .*滑动验证/);
  });

  it('a state that asks for verification is blocked too', () => {
    expect(() => zhaopinScraper.parse(JSON.stringify({ positionList: [], isVerification: true }))).toThrow(
      BlockedError,
    );
  });

  it('a truncated state or unrelated page is a NotRetryableError', () => {
    expect(() => zhaopinScraper.parse(fixture('zhaopin/broken-state.html'))).toThrow(NotRetryableError);
    expect(() => zhaopinScraper.parse('{"positionList": [')).toThrow(NotRetryableError);
    expect(() => zhaopinScraper.parse('<html><body>hello</body></html>')).toThrow(NotRetryableError);
  });
});

describe.skipIf(!haveRealCaptures())('zhaopin parse on real captures', () => {
  it('reads all 30 positions of the Hangzhou state capture', () => {
    const postings = zhaopinScraper.parse(shared('zhaopin_search_initial_state_hangzhou_p1.json'));
    expect(postings).toHaveLength(30);
    expect(postings[0]).toMatchObject({
      title: 'Python自动化测试',
      salary: '1.1万-1.5万',
      company: '软通动力信息技术(集团)股份有限公司',
    });
    expect(postings.every((p) => p.location?.startsWith('杭州'))).toBe(true);
  });

  it('recognises the real slider-captcha page as blocked', () => {
    expect(() => zhaopinScraper.parse(shared('zhaopin_slider_captcha_block_page.html'))).toThrow(
      BlockedError,
    );
  });
});

describe('zhaopin scrape against the local server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    server.route('/', (_req, url) => {
      const page = url.searchParams.get('p');
      if (url.searchParams.get('jl') !== '538') return { status: 404 };
      if (page === '1') return { body: fixture('zhaopin/search-shanghai-p1.html') };
      if (page === '2') return { body: fixture('zhaopin/search-shanghai-p2.html') };
      return { status: 404 };
    });
    server.route('/CC000111222J40000000001.htm', { body: fixture('zhaopin/job-detail.html') });
  });
  afterAll(() => server.close());

  it('follows pages until the state says there are no more, with the city code of Shanghai', async () => {
    const fetcher = plainFetcher();
    const { pages, postings, error } = await collect(
      zhaopinScraper,
      context(
        fetcher,
        server.url,
        { ...options, maxPages: 5 },
        { query: '人工智能训练师', city: 'Shanghai' },
      ),
    );
    expect(error).toBeUndefined();
    expect(pages).toHaveLength(2);
    expect(postings.map((p) => p.sourcePostingId)).toEqual([
      'CC000111222J40000000001',
      'CC000333444J40000000002',
      'CC000555666J40000000003',
    ]);
    expect(fetcher.urls[0]).toContain('jl=538');
    expect(decodeURIComponent(fetcher.urls[0]!)).toContain('kw=人工智能训练师');
  });

  it('maxPages stops early', async () => {
    const fetcher = plainFetcher();
    const { pages } = await collect(
      zhaopinScraper,
      context(fetcher, server.url, options, { city: '上海', maxPages: 1 }),
    );
    expect(pages).toHaveLength(1);
    expect(fetcher.urls).toHaveLength(1);
  });

  it('fills descriptions from job pages when asked, keeping postings whose page is missing', async () => {
    const { postings, error } = await collect(
      zhaopinScraper,
      context(plainFetcher(), server.url, { ...options, fetchDetails: true }, { city: 'Shanghai' }),
    );
    expect(error).toBeUndefined();
    expect(postings[0]!.description).toContain('编写高质量提示词');
    expect(postings[1]!.description).toBeUndefined();
  });

  it('stops with BlockedError when the site answers with its slider page', async () => {
    const blocked = await startTestServer();
    blocked.route('/', { body: fixture('zhaopin/slider-captcha.html') });
    const { pages, error } = await collect(
      zhaopinScraper,
      context(plainFetcher(), blocked.url, options, { city: 'Shanghai' }),
    );
    await blocked.close();
    expect(pages).toHaveLength(0);
    expect(error).toBeInstanceOf(BlockedError);
    expect(blocked.requests).toHaveLength(1);
  });

  it('an unknown city is a clear NotRetryableError before any request', async () => {
    const fetcher = plainFetcher();
    const { error } = await collect(
      zhaopinScraper,
      context(fetcher, server.url, options, { city: 'Atlantis' }),
    );
    expect(error).toBeInstanceOf(NotRetryableError);
    expect(String((error as Error).message)).toMatch(/unknown Chinese city "Atlantis"/);
    expect(fetcher.urls).toHaveLength(0);
  });
});
