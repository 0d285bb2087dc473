// `jobtrend parse --source X` on saved pages of each board: the project's own fixtures and the real
// captures in ../shared/fixtures (GBK 51job included), printed as JSON Lines with Chinese text intact.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, haveRealCaptures, SHARED } from './support/context.js';

async function parse(
  source: string,
  file: string,
): Promise<{ code: number; lines: Record<string, unknown>[]; err: string }> {
  const { run } = await import('../../src/cli/main.js');
  let out = '';
  let err = '';
  const code = await run(['parse', '--source', source, file], {
    out: {
      write: (t: string) => {
        out += t;
      },
      isTTY: false,
    },
    err: {
      write: (t: string) => {
        err += t;
      },
      isTTY: false,
    },
    env: {},
  });
  const lines = out
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code, lines, err };
}

describe('jobtrend parse on the project fixtures', () => {
  it('reads a GBK 51job list page from its bytes', async () => {
    const { code, lines } = await parse('51job', join(FIXTURES, '51job/search-list-p1.html'));
    expect(code).toBe(0);
    expect(lines.map((l) => l.company)).toEqual(['上海智语数据科技有限公司', '上海闵智信息技术有限公司']);
    expect(lines[1]!.salary_raw).toBe('8千-1.2万·13薪');
  });

  it('reads a BOSS job-list response and a 智联 page', async () => {
    expect((await parse('boss', join(FIXTURES, 'boss/joblist-p1.json'))).lines[0]).toMatchObject({
      title: 'AI训练师',
      salary_raw: '8-12K·13薪',
    });
    expect((await parse('zhaopin', join(FIXTURES, 'zhaopin/search-shanghai-p1.html'))).lines).toHaveLength(2);
  });

  it('reads a 智联 job page from its embedded job state: title, company, city, salary, description and date', async () => {
    const { code, lines, err } = await parse(
      'zhaopin',
      join(FIXTURES, 'zhaopin/job-detail-state-2026-05.html'),
    );
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      source_posting_id: 'CCL1393716650J40938718704',
      title: '人工智能训练师（对话方向）',
      company: '黑龙江语智科技有限公司',
      city: 'Harbin',
      district: '道里区',
      salary_raw: '8000-12000元',
      salary_min: 8000,
      salary_max: 12000,
      // 智联 writes Beijing time: 01:10 in Harbin is 17:10 UTC the day before.
      posted_at: '2026-05-05T17:10:39.000Z',
    });
    expect(lines[0]!.description).toContain('编写提示词并评估模型回答（RLHF）');
  });

  it('a 智联 results page that ships its slider widget code is read as results, not as a block', async () => {
    const { code, lines } = await parse(
      'zhaopin',
      join(FIXTURES, 'zhaopin/search-with-slider-widget-code-2026.html'),
    );
    expect(code).toBe(0);
    expect(lines.map((l) => l.title)).toEqual(['人工智能训练师（大模型方向）']);
  });

  it('a saved verification page is one clear line and exit 1', async () => {
    const { code, lines, err } = await parse('zhaopin', join(FIXTURES, 'zhaopin/slider-captcha.html'));
    expect(code).toBe(1);
    expect(lines).toHaveLength(0);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(/block page/);
  });
});

describe.skipIf(!haveRealCaptures())('jobtrend parse on the real captures', () => {
  const cases: [string, string, number, Record<string, unknown>][] = [
    [
      'zhaopin',
      'zhaopin_search_initial_state_hangzhou_p1.json',
      30,
      { title: 'Python自动化测试', salary_raw: '1.1万-1.5万' },
    ],
    ['boss', 'bosszhipin_joblist_shenzhen.json', 30, { title: '新媒体运营', company: '华康科养' }],
    [
      'boss',
      'bosszhipin_job_detail_h3c_test_dev.html',
      1,
      { title: '测试开发工程师', salary_raw: '15-25K·16薪' },
    ],
    [
      '51job',
      '51job_search_gbk_2021-02-26.html',
      50,
      { title: 'Java开发工程师', company: '源资信息科技（上海）有限公司' },
    ],
    [
      'liepin',
      'liepin_job_detail_game_ui_designer.html',
      1,
      { title: '游戏UI设计师', salary_raw: '15-30k·13薪' },
    ],
    ['linkedin', 'hunt_linkedin_guest_search_fragment_kraken.html', 2, { company: 'Kraken' }],
  ];
  for (const [source, file, count, first] of cases) {
    it(`--source ${source} ${file} prints ${count} postings`, async () => {
      const { code, lines, err } = await parse(source, join(SHARED, file));
      expect(err).toBe('');
      expect(code).toBe(0);
      expect(lines).toHaveLength(count);
      expect(lines[0]).toMatchObject(first);
    });
  }
});
