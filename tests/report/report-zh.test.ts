// The report in Chinese (jobtrend report --lang zh): golden markdown and charts on the hand-written sample data
// and on a constructed claim database (the fixture database with a claim for every verdict and every reason a
// claim cannot be checked); no English word left outside proper names, code and units; every figure equal to
// the English report's; tables and charts intact after markdown-it; chart labels that fit uncut; a font that
// has every character; and the language chosen by --lang, reports.lang or a job's report.lang.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { silentLogger } from '../../src/log.js';
import { textWidth } from '../../src/report/charts/svg-frame.js';
import { gatherReport } from '../../src/report/gather-report.js';
import { type RenderedReport, renderReport } from '../../src/report/render-report.js';
import type { ReportData } from '../../src/report/report-data.js';
import { writeJobReport } from '../../src/schedule/job-report.js';
import { openDatabase } from '../../src/store/database.js';
import { tempDir } from '../support/temp-db.js';
import { FIXTURE_CLAIMS } from './fixture-claims.js';
import { buildFixtureDb, FIXTURE_NOW } from './fixture-db.js';
import { collector, decodeEntities, injectedMarkup } from './html-checks.js';
import { HOSTILE, SAMPLE_CLAIM_URL, sampleReportData } from './sample-report-data.js';
import {
  englishLeft,
  familiesCovering,
  figureDifferences,
  hasFontconfig,
  markdownText,
  quotedText,
  svgText,
  tables,
} from './zh-checks.js';

const SAMPLE_NOW = new Date('2026-11-25T08:00:00Z');

let dir: string;
let cleanup: () => void;
let dbPath: string;
let claimsData: ReportData;
let en: RenderedReport;
let zh: RenderedReport;

beforeAll(() => {
  ({ dir, cleanup } = tempDir('jobtrend-report-zh-'));
  dbPath = join(dir, 'claims.sqlite');
  buildFixtureDb(dbPath);
  const db = openDatabase(dbPath, { readonly: true });
  try {
    claimsData = gatherReport(db, {
      now: FIXTURE_NOW,
      role: 'ai-trainer',
      city: '上海',
      claims: FIXTURE_CLAIMS,
    });
  } finally {
    db.close();
  }
  en = renderReport(claimsData, { now: FIXTURE_NOW, lang: 'en' });
  zh = renderReport(claimsData, { now: FIXTURE_NOW, lang: 'zh' });
});
afterAll(() => cleanup());

async function expectGolden(report: RenderedReport, name: string): Promise<void> {
  await expect(report.markdown).toMatchFileSnapshot(`__golden__/${name}.md`);
  for (const file of report.files) {
    await expect(file.content).toMatchFileSnapshot(`__golden__/${name}/${file.name.split('/').pop()}`);
  }
}

/** Every text of a report a reader reads: the markdown and the charts' titles, descriptions and labels. */
function readable(report: RenderedReport): string[] {
  return [markdownText(report.markdown), ...report.files.flatMap((f) => svgText(f.content))];
}

describe('the Chinese report on the sample data', () => {
  const report = () => renderReport(sampleReportData(), { now: SAMPLE_NOW, lang: 'zh' });

  it('matches the golden markdown and charts', async () => {
    const r = report();
    expect(r.name).toBe('2026-11-25-ai-trainer-shanghai-2026-10-zh.md');
    await expectGolden(r, 'sample-report-zh');
  });

  it('leaves no English word outside proper names, code and units', () => {
    const data = sampleReportData();
    expect(englishLeft(readable(report()), [...quotedText(data), ...HOSTILE])).toEqual([]);
  });

  it('lets no hostile text from postings become markup, links or images', () => {
    for (const options of [{ html: true, linkify: true }, { html: false }]) {
      const html = new MarkdownIt(options).render(report().markdown);
      expect(injectedMarkup(html, '2026-11-25-ai-trainer-shanghai-2026-10-zh', [SAMPLE_CLAIM_URL])).toEqual(
        [],
      );
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });

  it('words refused input in Chinese too: a comparison, a series', () => {
    const data = sampleReportData();
    const refused = {
      message: '"2026-13" is not a period: use one of 2025 (year), …',
      detail: { code: 'bad-period', values: { text: '2026-13' } },
    };
    data.headline[1] = { ...data.headline[1]!, unavailable: null, error: refused };
    data.series = { ...data.series, buckets: [], error: refused };
    const markdown = renderReport(data, { now: SAMPLE_NOW, lang: 'zh' }).markdown;
    expect(markdown).toContain('无法比较：“2026-13”不是一个时期');
    expect(markdown).toContain('无法生成时间序列：“2026-13”不是一个时期');
    expect(englishLeft([markdownText(markdown)], [...quotedText(data), ...HOSTILE])).toEqual([]);
    expect(renderReport(data, { now: SAMPLE_NOW }).markdown).toContain(
      'No series: "2026-13" is not a period',
    );
  });

  it('sits beside the English report instead of replacing it', () => {
    const english = renderReport(sampleReportData(), { now: SAMPLE_NOW });
    expect(english.name).toBe('2026-11-25-ai-trainer-shanghai-2026-10.md');
    expect(new Set(report().files.map((f) => f.name.split('/')[0]))).toEqual(
      new Set(['2026-11-25-ai-trainer-shanghai-2026-10-zh']),
    );
  });
});

describe('the Chinese report on a constructed claim database', () => {
  it('matches the golden markdown and charts', async () => {
    expect(zh.name).toBe('2026-11-25-ai-trainer-shanghai-2026-10-zh.md');
    await expectGolden(zh, 'claims-zh');
  });

  it('gives each verdict in Chinese with its reason in a full sentence', () => {
    const word = {
      supported: '支持',
      contradicted: '不支持（被否定）',
      inconclusive: '无法判断',
      'insufficient data': '数据不足',
    };
    const lines = zh.markdown.split('\n').filter((l) => /^\*\*[^*]+\*\*。.*jobtrend 的岗位数据/.test(l));
    expect(lines).toHaveLength(claimsData.claims.length);
    const single = claimsData.claims
      .map((c, i) => ({ c, line: lines[i]! }))
      .filter(({ c }) => c.readings.length === 1);
    expect(new Set(single.map(({ c }) => c.readings[0]!.result.verdict))).toEqual(
      new Set(['supported', 'contradicted', 'inconclusive', 'insufficient data']),
    );
    for (const { c, line } of single) {
      expect(line.startsWith(`**${word[c.readings[0]!.result.verdict]}**。jobtrend 的岗位数据`), line).toBe(
        true,
      );
      expect(line.endsWith('。'), line).toBe(true);
    }
    expect(zh.markdown).toContain(
      'jobtrend 的岗位数据支持“每个观察日的新增岗位数（岗位类别为人工智能训练师，城市为上海）增长超过30%”这一说法',
    );
    expect(zh.markdown).toMatch(/整个区间都高于\+30%。/);
    expect(zh.markdown).toMatch(
      /jobtrend 的岗位数据否定了“[^”]*下降超过20%”这一说法：.*整个区间都高于−20%。/,
    );
    // The claim without a period: its four readings, named in Chinese, and the overall verdict.
    expect(zh.markdown).toMatch(/^\| 自然年 \| 2025年 \| 2024年 \|/m);
    expect(zh.markdown).toMatch(/^\| 12个月 \| 2025年11月至2026年10月 \| 2024年11月至2025年10月 \|/m);
    expect(zh.markdown).toMatch(/^\| 季度 \| 2026年第三季度 \| 2025年第三季度 \|/m);
    expect(zh.markdown).toMatch(/^\| 月份 \| 2026年10月 \| 2025年10月 \|/m);
    expect(zh.markdown).toMatch(/^——示例日报，2026年11月2日$/m);
    expect(zh.markdown).toMatch(/2025年第一季度没有被观察/);
    // Claims that could not be checked say why in Chinese, from the error's code.
    expect(zh.markdown).toMatch(/- bad-role：无法检验。没有“ai-wizard”这个岗位类别/);
    expect(zh.markdown).toMatch(/- bad-period：无法检验。“2026-13”不是一个时期/);
    expect(zh.markdown).not.toMatch(/英文原文/);
  });

  it('writes numbers, dates and names as Chinese readers expect them', () => {
    const text = zh.markdown;
    expect(text).toMatch(/^# 招聘趋势报告：上海的人工智能训练师岗位，2026年10月$/m);
    expect(text).toContain('2026年11月25日（星期三）');
    expect(text).toMatch(/新增\*\*66条\*\*/);
    expect(text).toContain('2026年第一季度'.replace('2026', '2025'));
    expect(text).toMatch(/\+\d+\.\d个百分点/);
    expect(text).toContain('| 智联招聘（zhaopin） | 网页 |');
    expect(text).toContain('| BOSS直聘（boss） | 浏览器 |');
    expect(text).toContain('### 元/月');
    for (const heading of ['## 结论', '## 趋势', '## 说法核查', '## 覆盖情况', '## 方法说明']) {
      expect(text).toContain(heading);
    }
    expect(text).toContain('95% 置信区间');
  });

  it('leaves no English word outside proper names, code and units, in the markdown or the charts', () => {
    expect(englishLeft(readable(zh), quotedText(claimsData))).toEqual([]);
    // The check can fail: the English report is full of such words.
    expect(englishLeft(readable(en), quotedText(claimsData)).length).toBeGreaterThan(100);
  });

  it('shows every figure of the English report, section by section, and no other', () => {
    expect(figureDifferences(en.markdown, zh.markdown)).toEqual([]);
    // The check can fail: a changed figure is found.
    const altered = zh.markdown.replace('新增**66条**', '新增**67条**');
    expect(figureDifferences(en.markdown, altered)).not.toEqual([]);
  });

  it('renders with markdown-it into tables of the same shape as the English ones, and charts that resolve', () => {
    const md = new MarkdownIt();
    const zhTables = tables(md.render(zh.markdown));
    const enTables = tables(md.render(en.markdown));
    expect(zhTables.length).toBeGreaterThanOrEqual(8);
    expect(zhTables.map((t) => [t.header.length, t.rows])).toEqual(
      enTables.map((t) => [t.header.length, t.rows]),
    );
    for (const table of zhTables) {
      for (const cells of table.rows) expect(cells).toBe(table.header.length);
      expect(table.header.every((h) => /[\u4e00-\u9fff#]/.test(h))).toBe(true);
    }
    const html = md.render(zh.markdown);
    const sources = [...html.matchAll(/<img src="([^"]+)" alt="([^"]*)"/g)].map((m) => ({
      src: decodeURI(m[1]!),
      alt: decodeEntities(m[2]!),
    }));
    expect(sources.map((s) => s.src.split('/').pop())).toEqual(en.files.map((f) => f.name.split('/').pop()));
    const names = new Set(zh.files.map((f) => f.name));
    for (const { src, alt } of sources) {
      expect(names.has(src), src).toBe(true);
      expect(alt).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('draws charts in Chinese with the CJK font stack, every label inside the chart and none cut', () => {
    for (const file of zh.files) {
      const svg = file.content;
      expect(svg).toContain(
        `font-family="&apos;Noto Sans CJK SC&apos;, &apos;Source Han Sans SC&apos;, &apos;PingFang SC&apos;, &apos;Microsoft YaHei&apos;, sans-serif"`,
      );
      expect(svg).toContain('xml:lang="zh-CN"');
      const width = Number(/<svg[^>]* width="(\d+)"/.exec(svg)![1]);
      for (const m of svg.matchAll(/<text ([^>]*)>([^<]*)<\/text>/g)) {
        const attrs = m[1]!;
        const content = decodeEntities(m[2]!);
        expect(content.endsWith('…'), `${file.name}: ${content}`).toBe(false);
        if (attrs.includes('rotate(')) continue;
        const x = Number(/\bx="([\d.]+)"/.exec(attrs)![1]);
        const size = Number(/font-size="(\d+)"/.exec(attrs)?.[1] ?? 12);
        const w = textWidth(content, size);
        const anchor = /text-anchor="(\w+)"/.exec(attrs)?.[1] ?? 'start';
        const left = anchor === 'end' ? x - w : anchor === 'middle' ? x - w / 2 : x;
        expect(left, `${file.name}: ${content}`).toBeGreaterThanOrEqual(0);
        expect(left + w, `${file.name}: ${content}`).toBeLessThanOrEqual(width);
      }
    }
  });

  it('keeps all of its emphasis after markdown-it, where CJK punctuation next to ** could break it', () => {
    const db = openDatabase(dbPath, { readonly: true });
    let incomplete: ReportData;
    try {
      // A period not over yet: its headline opens with a bold warning.
      incomplete = gatherReport(db, { now: FIXTURE_NOW, role: 'data-annotator', period: '2026' });
    } finally {
      db.close();
    }
    const md = new MarkdownIt();
    for (const data of [claimsData, incomplete, sampleReportData()]) {
      const strong = (lang: 'en' | 'zh') =>
        md.render(renderReport(data, { now: FIXTURE_NOW, lang }).markdown).match(/<strong>/g)?.length ?? 0;
      expect(strong('zh')).toBe(strong('en'));
      expect(strong('zh')).toBeGreaterThan(5);
    }
    expect(renderReport(incomplete, { now: FIXTURE_NOW, lang: 'zh' }).markdown).toContain(
      '**2026年尚未结束（不完整）**：以下数字',
    );
  });

  it.skipIf(!hasFontconfig())(
    'has a font for every character of the report and its charts (fonts-noto-cjk)',
    () => {
      const text = [zh.markdown, ...zh.files.flatMap((f) => svgText(f.content))].join('');
      expect(familiesCovering(text)).toContain('Noto Sans CJK SC');
    },
  );
});

describe('choosing the language', () => {
  async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const out = collector();
    const err = collector();
    const code = await run(['--db', dbPath, ...argv], { out, err, env: {} });
    return { code, out: out.text(), err: err.text() };
  }

  it('jobtrend report --lang zh writes the Chinese report next to the English one', async () => {
    const out = join(dir, 'cli');
    const args = ['report', '--role', 'ai-trainer', '--city', '上海', '--out', out, '--now', '2026-11-25'];
    expect((await cli([...args, '--lang', 'zh'])).code).toBe(0);
    expect((await cli(args)).code).toBe(0);
    const chinese = readFileSync(join(out, '2026-11-25-ai-trainer-shanghai-2026-10-zh.md'), 'utf8');
    expect(chinese).toMatch(/^# 招聘趋势报告/);
    expect(existsSync(join(out, '2026-11-25-ai-trainer-shanghai-2026-10-zh', 'new-postings.svg'))).toBe(true);
    expect(readFileSync(join(out, '2026-11-25-ai-trainer-shanghai-2026-10.md'), 'utf8')).toMatch(
      /^# Job postings/,
    );
  });

  it('takes reports.lang from the config, and --lang wins over it', async () => {
    const out = join(dir, 'config-lang');
    const config = join(dir, 'jobtrend.config.yaml');
    writeFileSync(config, `reports:\n  outDir: ${out}\n  lang: zh\n`);
    expect((await cli(['--config', config, 'report', '--now', '2026-11-25'])).code).toBe(0);
    expect(existsSync(join(out, '2026-11-25-all-roles-2026-10-zh.md'))).toBe(true);
    expect((await cli(['--config', config, 'report', '--now', '2026-11-25', '--lang', 'en'])).code).toBe(0);
    expect(existsSync(join(out, '2026-11-25-all-roles-2026-10.md'))).toBe(true);
  });

  it('refuses an unknown language in one line, naming the field or flag', async () => {
    const bad = await cli(['report', '--lang', 'fr', '--out', join(dir, 'x')]);
    expect(bad.code).toBe(2);
    expect(bad.err.trim().split('\n')).toEqual([
      expect.stringMatching(/--lang "fr" is not a report language: use en or zh/),
    ]);
    const config = join(dir, 'bad.config.yaml');
    writeFileSync(config, 'reports:\n  lang: klingon\n');
    const broken = await cli(['--config', config, 'report']);
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/reports\.lang: "klingon" is not a report language: use en or zh/);
  });

  it("writes a scheduled job's report in its report.lang", async () => {
    const out = join(dir, 'job');
    const db = openDatabase(dbPath, { readonly: true });
    try {
      const written = await writeJobReport({
        db,
        jobName: 'weekly-report',
        report: { role: 'ai-trainer', out, lang: 'zh' },
        now: FIXTURE_NOW,
        signal: new AbortController().signal,
        logger: silentLogger(),
      });
      expect(written.path).toMatch(/-zh\.md$/);
      expect(readFileSync(written.path, 'utf8')).toMatch(/^# 招聘趋势报告：全部城市的人工智能训练师岗位/);
    } finally {
      db.close();
    }
  });
});
