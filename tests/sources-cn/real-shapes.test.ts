// Every real shape each board was checked against (scrapers/china/real-shapes.ts, described in
// tests/fixtures/sources-cn/README.md): the fixture standing for it is read with the board's parse and its
// fields are checked; content pages are never taken for blocks by the fetch layer, block pages always are.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scrapers } from '../../scrapers/registry.js';
import type { RealShape, Scraper } from '../../scrapers/types.js';
import type { RawPosting } from '../../src/domain/posting.js';
import { decodeBody } from '../../src/fetch/decode-body.js';
import { detectBlock } from '../../src/fetch/detect-block.js';
import { BlockedError } from '../../src/fetch/errors.js';
import { FIXTURES } from './support/context.js';

/** What each content fixture must give: the number of postings and fields of the first ones. */
const EXPECTED: Record<string, { count: number; postings: Partial<RawPosting>[] }> = {
  'zhaopin/search-state-hangzhou-2022-07.json': {
    count: 2,
    postings: [
      {
        sourcePostingId: 'CC120145010J40315402601',
        url: 'https://jobs.zhaopin.com/CC120145010J40315402601.htm',
        title: 'AI数据标注员（大模型）',
        company: '杭州星图数据科技有限公司',
        location: '杭州·余杭区·仓前街道',
        salary: '7千-1万',
        postedAt: '2022-07-04 09:56:48',
        tags: ['数据标注', 'Python'],
      },
      { title: '人工智能训练师', location: '杭州·长河街道', salary: '1.1万-1.5万' },
    ],
  },
  'zhaopin/search-ruishu-shanghai-2026-02.html': {
    count: 1,
    postings: [
      {
        sourcePostingId: 'CCL1364345040J40834207309',
        url: 'https://www.zhaopin.com/jobdetail/CCL1364345040J40834207309.htm',
        title: 'AI训练师（Java方向）',
        company: '上海气质非凡网络科技有限公司',
        location: '上海·虹口·四川北路',
        salary: '2.3-4万·14薪',
        // The first publication, not the refresh a day later.
        postedAt: '2026-02-26 10:10:34',
        description: '工作职责1. 为大模型编写与评估Java代码题；2. 对模型回答进行排序与标注（RLHF）。',
      },
    ],
  },
  'zhaopin/search-with-slider-widget-code-2026.html': {
    count: 1,
    postings: [
      {
        sourcePostingId: 'CC000111222J40000000001',
        title: '人工智能训练师（大模型方向）',
        company: '上海星图智能科技有限公司',
        location: '上海·浦东新区·张江',
        salary: '1.1万-1.5万',
        postedAt: '2026-11-20 09:30:00',
      },
    ],
  },
  'zhaopin/search-empty-2026.html': { count: 0, postings: [] },
  'zhaopin/campus-search-2019-09.html': {
    count: 2,
    postings: [
      {
        sourcePostingId: 'CC000117819J90003204000',
        url: 'https://xiaoyuan.zhaopin.com/job/CC000117819J90003204000',
        title: 'AI训练师（Python）',
        company: '中公教育',
        location: '长沙',
        salary: undefined,
        employmentType: '全职',
        postedAt: '2019-09-03 09:54:13',
      },
      { title: '数据标注实习生', location: '南昌', salary: '3000-4000元/月', employmentType: '实习' },
    ],
  },
  'zhaopin/api-search-results-2018-08.json': {
    count: 2,
    postings: [
      {
        sourcePostingId: 'CC457408237J90250030000',
        title: '数据标注工程师（AI）',
        company: '江苏泰赋星通信技术有限公司',
        location: '南京',
        salary: '9K-16K',
        employmentType: '全职',
        postedAt: '2018-08-02 10:38:30',
      },
      { company: '南京语料科技有限公司', location: '南京-鼓楼区', salary: '面议' },
    ],
  },
  'zhaopin/job-detail-state-2026-05.html': {
    count: 1,
    postings: [
      {
        sourcePostingId: 'CCL1393716650J40938718704',
        url: 'https://www.zhaopin.com/jobdetail/CCL1393716650J40938718704.htm',
        title: '人工智能训练师（对话方向）',
        company: '黑龙江语智科技有限公司',
        location: '哈尔滨·道里区',
        salary: '8000-12000元',
        employmentType: '全职',
        postedAt: '2026-05-06 01:10:39',
        tags: ['数据标注', '提示词'],
      },
    ],
  },
  'zhaopin/api-job-detail-2026-05.json': {
    count: 1,
    postings: [
      {
        sourcePostingId: 'CCL1393716650J40938718704',
        title: '人工智能训练师（对话方向）',
        company: '黑龙江语智科技有限公司',
        location: '哈尔滨·道里区',
        postedAt: '2026-05-06 01:10:39',
      },
    ],
  },
  'boss/joblist-shenzhen-2022.json': {
    count: 2,
    postings: [
      {
        sourcePostingId: 'ec43784c4bd69a221HJ53tm0FVBW',
        url: 'https://www.zhipin.com/job_detail/ec43784c4bd69a221HJ53tm0FVBW.html',
        title: 'AI训练师（语音标注）',
        company: '深声科技',
        location: '深圳·南山区·科技园',
        salary: '8-12K·13薪',
      },
      { title: '大模型数据标注专员', salary: '150-200元/天', location: '深圳·福田区·车公庙' },
    ],
  },
  'boss/job-detail-2022.html': {
    count: 1,
    postings: [
      {
        sourcePostingId: '80ad4bc27a5982f71nR909q-ElVR',
        title: 'AI训练师（对话）',
        company: '杭州语图科技有限公司',
        location: '杭州',
        salary: '12-18K·14薪',
        postedAt: '2022-06-28T14:01:08',
      },
    ],
  },
  'boss/job-detail-2025-05.html': {
    count: 1,
    postings: [
      {
        sourcePostingId: '4d1d046f6b9374291nV52dS0GVBY',
        title: 'AI训练师（北京）',
        company: '基准方中',
        location: '北京',
        salary: '25-50K·14薪',
        // The page says when it was updated, not when it was posted.
        postedAt: undefined,
      },
    ],
  },
  'boss/job-detail-api-2024-11.json': {
    count: 1,
    postings: [
      {
        sourcePostingId: '40e30d5b49f355531H1y29-7FFtS',
        title: 'AI训练师（Android方向）',
        company: '广州飞傲电子',
        location: '广州',
        salary: '12-15K·13薪',
        tags: ['Java', 'Android客户端产品研发'],
      },
    ],
  },
  'boss/rendered-list-beijing-2026-07.html': {
    count: 2,
    postings: [
      {
        sourcePostingId: '6f7383f1c30b1a3803J42ty5EFFS',
        url: 'https://www.zhipin.com/job_detail/6f7383f1c30b1a3803J42ty5EFFS.html',
        title: 'AI训练师（中文写作）',
        company: '北京智写科技',
        location: '北京·朝阳区·望京',
        // BOSS draws salaries: the rendered card has none.
        salary: undefined,
      },
      { title: '数据标注员（图像）', company: '盒子数据', location: '北京·海淀区·西二旗' },
    ],
  },
  '51job/search-gbk-2021-02.html': {
    count: 2,
    postings: [
      {
        sourcePostingId: '120082369',
        url: 'https://jobs.51job.com/shanghai-pdxq/120082369.html',
        title: 'AI数据标注工程师',
        company: '源资信息科技（上海）有限公司',
        location: '上海·浦东新区',
        salary: '1-1.5万/月',
        postedAt: '2021-02-26 09:41:33',
      },
      { title: '语音标注员', location: '上海', salary: '6-8千/月' },
    ],
  },
  '51job/search-gbk-2021-04.html': {
    count: 1,
    postings: [
      {
        sourcePostingId: '131076048',
        title: '数据分析专员(J23427)',
        company: '南京新东方学校',
        location: '南京·玄武区',
        salary: undefined,
        postedAt: '2021-04-16 11:20:00',
      },
    ],
  },
  '51job/search-result-state-2020-07.json': {
    count: 1,
    postings: [
      {
        sourcePostingId: '124140929',
        title: 'AI训练师（代码方向）',
        company: '中软国际科技服务有限公司',
        location: '深圳·南山区',
        salary: '1.2-2万/月',
        postedAt: '2020-07-31 10:10:52',
      },
    ],
  },
  '51job/job-150000001.html': {
    count: 1,
    postings: [
      {
        sourcePostingId: '150000001',
        url: 'https://jobs.51job.com/shanghai/150000001.html',
        title: 'AI训练师（对话标注）',
        company: '上海智语数据科技有限公司',
        location: '上海·浦东新区',
        salary: '1-1.5万/月',
        postedAt: '11-20',
      },
    ],
  },
  '51job/rendered-search-shenzhen-2026.html': {
    count: 2,
    postings: [
      {
        sourcePostingId: '157023111',
        url: 'https://jobs.51job.com/all/157023111.html',
        title: '人工智能训练师',
        company: '深圳图灵语料科技有限公司',
        location: '深圳·南山区',
        salary: '1-1.5万',
        postedAt: '2026-09-18 14:03:21',
      },
      { title: '数据标注员（自动驾驶）', salary: '6-8千·13薪' },
    ],
  },
  'liepin/job-detail-headhunter-2022-07.html': {
    count: 1,
    postings: [
      {
        sourcePostingId: 'a/38806387',
        url: 'https://www.liepin.com/a/38806387.shtml',
        title: 'AI训练师（游戏文本）',
        company: '某厦门游戏产业上市公司',
        location: '厦门·思明区',
        salary: '15-30k·13薪',
        postedAt: '2022-07-18T14:51:16',
      },
    ],
  },
  'liepin/search-api-campus-2022-08.json': {
    count: 1,
    postings: [
      {
        sourcePostingId: 'lptjob/50396915',
        title: '2023校招-AI数据工程师 (MJ000703)',
        company: '上海壁仞智能科技有限公司',
        location: '上海·闵行区',
        salary: '20-30k',
        postedAt: '2022-08-16 10:47:45',
      },
    ],
  },
  'liepin/search-api-2026-09.json': {
    count: 2,
    postings: [
      {
        // The same id the job's card and page give: the link's, not the API's shorter jobId.
        sourcePostingId: 'job/1984775119',
        url: 'https://www.liepin.com/job/1984775119.shtml',
        title: 'AI训练师（机器人方向）',
        company: '库卡机器人',
        location: '佛山·顺德区',
        salary: '15-30k·14薪',
        postedAt: '2026-09-17 21:22:31',
      },
      { sourcePostingId: 'a/79162695', company: '某知名公司', location: '上海' },
    ],
  },
  'liepin/search-rendered-2026-09.html': {
    count: 2,
    postings: [
      {
        sourcePostingId: 'job/1984864585',
        url: 'https://www.liepin.com/job/1984864585.shtml',
        title: 'AI-Agent训练师(J17570)',
        company: '华住企业管理有限公司',
        location: '上海·嘉定区',
        salary: '30-35k·14薪',
      },
      {
        sourcePostingId: 'a/79775171',
        title: '大模型数据标注',
        location: '深圳·龙岗区',
        salary: '17-27k·16薪',
      },
    ],
  },
  'liepin/job-detail-2026-09.html': {
    count: 1,
    postings: [
      {
        sourcePostingId: 'job/1984775119',
        title: 'AI训练师（机器人方向）',
        company: '库卡机器人',
        location: '佛山·顺德区',
        salary: '15-30k·14薪',
        postedAt: '2026-09-12T10:04:11',
      },
    ],
  },
  'linkedin/result-card-page-2020-08.html': {
    count: 2,
    postings: [
      {
        sourcePostingId: '2010789837',
        title: 'Técnico de anotación de datos',
        company: 'EDF Solar',
        location: 'Galicia / Galiza, España',
        postedAt: '2020-08-27',
      },
      { sourcePostingId: '2009925400', company: 'Lingua Data', postedAt: '2020-08-20' },
    ],
  },
  'linkedin/guest-fragment-kh-2026-03.html': {
    count: 1,
    postings: [
      {
        sourcePostingId: '4338002768',
        title: 'AI Trainer (Khmer)',
        company: 'CAMMA Corporate Learning and Development Center',
        location: 'Phnom Penh, Phnom Penh, Cambodia',
        postedAt: '2025-11-07',
      },
    ],
  },
  'linkedin/guest-fragment-2026-09.html': {
    count: 2,
    postings: [
      {
        sourcePostingId: '4465923787',
        url: 'https://br.linkedin.com/jobs/view/senior-ai-trainer-rust-at-kraken-4465923787',
        title: 'Senior AI Trainer - Rust',
        company: 'Kraken',
        location: 'Brazil',
        salary: '$40.00/hr - $60.00/hr',
        postedAt: '2026-09-15',
      },
      { title: 'AI Data Annotator (Portuguese)', salary: undefined },
    ],
  },
  'linkedin/job-view-zh-2026.html': {
    count: 1,
    postings: [
      {
        sourcePostingId: '4430405159',
        title: 'Senior AI Trainer',
        company: 'Traveloka',
        location: '中国 上海市',
        employmentType: '全职',
        postedAt: '2 周前',
      },
    ],
  },
};

/** Descriptions that job pages and job APIs must yield (the reason to read them). */
const DESCRIPTIONS: Record<string, string> = {
  'zhaopin/job-detail-state-2026-05.html': '编写提示词并评估模型回答（RLHF）',
  'zhaopin/api-job-detail-2026-05.json': '对大模型的多轮对话进行标注',
  'boss/job-detail-2022.html': '评估大模型的多轮对话并给出偏好排序',
  '51job/job-150000001.html': '参与RLHF偏好数据构建',
  'boss/job-detail-2025-05.html': '负责建筑图纸类数据的标注与模型评测',
  'boss/job-detail-api-2024-11.json': '参与代码类RLHF数据构建',
  'liepin/job-detail-headhunter-2022-07.html': '为游戏剧情对话撰写训练样本',
  'liepin/job-detail-2026-09.html': '评估模型动作规划的结果并给出偏好排序（RLHF）',
  'linkedin/job-view-zh-2026.html': 'Experience with RLHF or data annotation',
};

/** Where each board's list requests go (the URL a redirect starts from). */
const SEARCH_URL: Record<string, string> = {
  zhaopin: 'https://sou.zhaopin.com/?jl=538&kw=AI',
  boss: 'https://www.zhipin.com/wapi/zpgeek/search/joblist.json?query=AI',
  '51job': 'https://we.51job.com/api/job/search-pc?keyword=AI',
  liepin: 'https://www.liepin.com/zhaopin/?key=AI',
  linkedin: 'https://www.linkedin.com/jobs-guest/jobs/api/seeMoreJobPostings/search?keywords=AI',
};

function read(shape: RealShape): string {
  const bytes = readFileSync(join(FIXTURES, shape.fixture));
  return decodeBody(bytes, shape.fixture.endsWith('.json') ? 'application/json' : 'text/html');
}

const boards = scrapers.filter((s) => (s.checkedAgainst?.length ?? 0) > 0) as Scraper<unknown>[];

describe('every board is checked against several real shapes', () => {
  it('the five boards each list at least four real shapes of several years, with a content and a block shape', () => {
    expect(boards.map((b) => b.id).sort()).toEqual(['51job', 'boss', 'liepin', 'linkedin', 'zhaopin']);
    for (const board of boards) {
      const shapes = board.checkedAgainst!;
      expect(shapes.length, board.id).toBeGreaterThanOrEqual(4);
      expect(new Set(shapes.map((s) => s.captured.slice(0, 4))).size, board.id).toBeGreaterThanOrEqual(2);
      expect(shapes.some((s) => s.reads === 'postings')).toBe(true);
      expect(
        shapes.some((s) => s.reads === 'blocked'),
        board.id,
      ).toBe(true);
    }
  });

  it('the fixture README names every shape, and every real shape it names is checked', () => {
    const readme = readFileSync(join(FIXTURES, 'README.md'), 'utf8');
    const listed = [...readme.matchAll(/^\| ([\w-]+\/[\w.-]+) \|/gm)].map((m) => m[1]);
    const checked = boards.flatMap((b) => b.checkedAgainst!.map((s) => s.fixture));
    expect(listed.sort()).toEqual([...checked].sort());
    for (const shape of boards.flatMap((b) => b.checkedAgainst!)) {
      const row = readme.split('\n').find((line) => line.startsWith(`| ${shape.fixture} |`))!;
      expect(row, shape.fixture).toContain(shape.captured.slice(0, 4));
    }
  });
});

for (const board of boards) {
  describe(`${board.id} on its real shapes`, () => {
    for (const shape of board.checkedAgainst!) {
      const served = shape.servedFrom ?? SEARCH_URL[board.id]!;
      if (shape.reads === 'blocked') {
        it(`${shape.kind} (${shape.captured}) is recorded as blocked`, () => {
          const text = read(shape);
          expect(() => board.parse(text, { url: served })).toThrow(BlockedError);
          expect(
            detectBlock({ requestedUrl: SEARCH_URL[board.id]!, finalUrl: served, status: 200, text }),
          ).not.toBeNull();
        });
        continue;
      }
      it(`${shape.kind} (${shape.captured}) is read as ${shape.reads}, never as a block`, () => {
        const text = read(shape);
        const expected = EXPECTED[shape.fixture];
        expect(expected, `expectations for ${shape.fixture}`).toBeDefined();
        expect(detectBlock({ requestedUrl: served, finalUrl: served, status: 200, text })).toBeNull();
        const postings = board.parse(text, {});
        expect(postings).toHaveLength(expected!.count);
        expected!.postings.forEach((fields, i) => {
          for (const [key, value] of Object.entries(fields)) {
            expect(postings[i]![key as keyof RawPosting], `${shape.fixture} #${i} ${key}`).toEqual(value);
          }
        });
        const description = DESCRIPTIONS[shape.fixture];
        if (description) expect(postings[0]!.description).toContain(description);
      });
    }
  });
}

/** A slider widget as results pages ship it: its code, its styles and its dialog, hidden until needed. */
const WIDGET = `<script>/* 二次验证：滑动验证 */ window.nc = { tip: '为保证您的正常访问，请进行如下验证：', start: '请按住滑块，拖动到最右边' };</script>
<style>#nocaptcha .nc_scale{height:34px} .geetest_holder{min-width:auto}</style>
<div id="nc-dialog" style="display: none"><p>为保证您的正常访问，请进行如下验证：</p><div id="nocaptcha"></div></div>`;

/** The widget alone, as a board serves it instead of results. */
const WIDGET_ONLY = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>访问验证</title>${WIDGET.split('<div')[0]}</head>
<body><div class="content"><p>为保证您的正常访问，请进行如下验证：</p><div id="nocaptcha"></div></div></body></html>`;

describe('a slider widget on every board: its code on a results page is content, the widget alone is a block', () => {
  for (const board of boards) {
    const page = board.checkedAgainst!.find((s) => s.reads === 'postings' && s.fixture.endsWith('.html'))!;
    it(`${board.id}: ${page.fixture} with the widget's code and hidden dialog added is still read as results`, () => {
      const html = read(page);
      const withWidget = html.includes('</body>')
        ? html.replace('</body>', `${WIDGET}</body>`)
        : html + WIDGET;
      const url = SEARCH_URL[board.id]!;
      expect(detectBlock({ requestedUrl: url, finalUrl: url, status: 200, text: withWidget })).toBeNull();
      expect(board.parse(withWidget, {})).toHaveLength(EXPECTED[page.fixture]!.count);
    });
    it(`${board.id}: the widget alone is a block`, () => {
      const url = SEARCH_URL[board.id]!;
      expect(detectBlock({ requestedUrl: url, finalUrl: url, status: 200, text: WIDGET_ONLY })).toMatch(
        /验证/,
      );
      expect(() => board.parse(WIDGET_ONLY, { url })).toThrow(BlockedError);
    });
  }
});
