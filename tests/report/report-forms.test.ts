// The report's other forms and notices on the fixture database: the "Sample data" banner on any report over
// data that include the demo's postings (English and Chinese), the one line that says a report was replaced,
// `--format html` (one self-contained file: parsed for inline SVG, no file or address it loads, its lang), and
// `--json` (the figures, snake_case, on stdout, no file written).
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { gatherReport } from '../../src/report/gather-report.js';
import { renderReport } from '../../src/report/render-report.js';
import { openDatabase } from '../../src/store/database.js';
import { DEMO_JOB_NAME } from '../../src/store/demo-store.js';
import { tempDir } from '../support/temp-db.js';
import { buildFixtureDb, FIXTURE_NOW } from './fixture-db.js';
import { collector, injectedMarkup } from './html-checks.js';

const NOW = '2026-11-25T00:00:00Z';
let dir: string;
let cleanup: () => void;
let dbPath: string;

async function cli(db: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = collector();
  const err = collector();
  const code = await run(['--db', db, ...argv], { out, err, env: {} });
  return { code, out: out.text(), err: err.text() };
}

/** A copy of the fixture database whose first `runs` runs (or all) are marked as the demo's. */
function withDemoRuns(name: string, runs: number | 'all'): string {
  const path = join(dir, name);
  copyFileSync(dbPath, path);
  const db = openDatabase(path);
  try {
    const limit = runs === 'all' ? -1 : runs;
    db.prepare(
      'UPDATE scrape_runs SET job_name = ? WHERE id IN (SELECT id FROM scrape_runs ORDER BY id LIMIT ?)',
    ).run(DEMO_JOB_NAME, limit);
  } finally {
    db.close();
  }
  return path;
}

function markdownOf(path: string, lang: 'en' | 'zh' = 'en', role = 'ai-trainer'): string {
  const db = openDatabase(path, { readonly: true });
  try {
    const data = gatherReport(db, { now: FIXTURE_NOW, role });
    return renderReport(data, { now: FIXTURE_NOW, lang }).markdown;
  } finally {
    db.close();
  }
}

beforeAll(() => {
  ({ dir, cleanup } = tempDir('jobtrend-report-forms-'));
  dbPath = join(dir, 'fixture.sqlite');
  buildFixtureDb(dbPath);
});
afterAll(() => cleanup());

describe('the "Sample data" banner', () => {
  it('is under the title of any report over data that include the demo’s postings, in English and Chinese', () => {
    const mixed = withDemoRuns('mixed.sqlite', 3);
    const en = markdownOf(mixed).split('\n');
    expect(en[0]).toMatch(/^# /);
    expect(en[2]).toMatch(/^> \*\*Sample data\.\*\* [\d,]+ of the postings in this database were made up by/);
    const zh = markdownOf(mixed, 'zh').split('\n');
    expect(zh[2]).toMatch(/^> \*\*样例数据\*\*。本数据库中有/);
    // A report on another role over the same data carries it too: the banner is about the database.
    expect(markdownOf(mixed, 'en', 'data-annotator')).toMatch(/\n> \*\*Sample data\.\*\*/);
  });

  it('says every posting is invented when the whole database is the demo’s, and is absent without demo data', () => {
    const all = withDemoRuns('all-demo.sqlite', 'all');
    expect(markdownOf(all).split('\n')[2]).toMatch(
      /^> \*\*Sample data\.\*\* Every posting in this report was made up by `jobtrend demo`/,
    );
    expect(markdownOf(all, 'zh').split('\n')[2]).toMatch(/^> \*\*样例数据\*\*。本报告中的岗位全部由/);
    expect(markdownOf(dbPath)).not.toMatch(/Sample data/);
    expect(markdownOf(dbPath, 'zh')).not.toMatch(/样例数据/);
  });

  it('is written by `jobtrend report` itself, not only by the demo', async () => {
    const mixed = withDemoRuns('mixed-cli.sqlite', 2);
    const out = join(dir, 'banner-cli');
    expect((await cli(mixed, 'report', '--out', out, '--now', NOW)).code).toBe(0);
    const file = readdirSync(out).find((f) => f.endsWith('.md'))!;
    expect(readFileSync(join(out, file), 'utf8')).toMatch(/^# .*\n\n> \*\*Sample data\.\*\*/);
  });
});

describe('writing over an existing report', () => {
  it('says so in one line; the first write does not', async () => {
    const out = join(dir, 'twice');
    const first = await cli(dbPath, 'report', '--out', out, '--now', NOW);
    expect(first.code).toBe(0);
    expect(first.out).not.toMatch(/replaced/);
    const second = await cli(dbPath, 'report', '--out', out, '--now', NOW);
    expect(second.code).toBe(0);
    const lines = second.out.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(
      /^replaced the earlier report of the same name: .*2026-11-25-all-roles-2026-10\.md$/,
    );
  });
});

describe('report --format html', () => {
  async function htmlReport(lang: 'en' | 'zh'): Promise<{ html: string; out: string; name: string }> {
    const out = join(dir, `html-${lang}`);
    const result = await cli(
      dbPath,
      'report',
      '--role',
      'ai-trainer',
      '--format',
      'html',
      '--lang',
      lang,
      '--out',
      out,
      '--now',
      NOW,
    );
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const name = `2026-11-25-ai-trainer-2026-10${lang === 'zh' ? '-zh' : ''}.html`;
    expect(result.out).toContain(name);
    return { html: readFileSync(join(out, name), 'utf8'), out, name };
  }

  it('is one file with its charts inline as SVG and its style inline: nothing beside it, nothing to load', async () => {
    const { html, out, name } = await htmlReport('en');
    expect(readdirSync(out)).toEqual([name]);
    const $ = load(html);
    expect($('html').attr('lang')).toBe('en');
    const svgs = $('main svg');
    // The same charts as the markdown form, each inline.
    const markdownForm = renderReport(
      (() => {
        const db = openDatabase(dbPath, { readonly: true });
        try {
          return gatherReport(db, { now: FIXTURE_NOW, role: 'ai-trainer' });
        } finally {
          db.close();
        }
      })(),
      { now: FIXTURE_NOW },
    );
    expect(svgs.length).toBe(markdownForm.files.length);
    expect(svgs.length).toBeGreaterThanOrEqual(3);
    svgs.each((_, svg) => {
      expect($(svg).find('title').text().length).toBeGreaterThan(0);
      expect($(svg).find('rect, polyline, line').length).toBeGreaterThan(0);
    });
    // Each chart's title and description keep their own ids, so screen readers name the right chart.
    const ids = $('[id]')
      .map((_, el) => $(el).attr('id'))
      .get();
    expect(new Set(ids).size).toBe(ids.length);
    for (const svg of svgs.toArray()) {
      for (const id of ($(svg).attr('aria-labelledby') ?? '').split(' ')) {
        expect($(svg).find(`#${id}`).length).toBe(1);
      }
    }
    expect($('img').length).toBe(0);
    expect($('link, script, iframe, object, embed').length).toBe(0);
    expect($('[src]').length).toBe(0);
    expect($('style').text()).toContain('font-family');
    // No attribute points anywhere (the SVG namespace is a name, not a request), no CSS that loads.
    const addresses = $('*')
      .toArray()
      .flatMap((el) => Object.entries((el as unknown as { attribs: Record<string, string> }).attribs))
      .filter(([name, value]) => name !== 'xmlns' && /^(?:https?:|\/\/|file:|data:)|url\(/i.test(value));
    expect(addresses).toEqual([]);
    expect($('style').text()).not.toMatch(/url\(|@import/);
    expect($('head > title').text()).toBe($('h1').text());
    expect($('head > title').text()).toBe('Job postings: AI trainer (AI训练师) in all cities, 2026-10');
  });

  it('is rendered from the same markdown, posting text kept as text', async () => {
    const { html } = await htmlReport('en');
    const $ = load(html);
    expect($('h2').length).toBeGreaterThanOrEqual(6);
    expect($('table').length).toBeGreaterThanOrEqual(4);
    $('main svg').remove();
    expect(injectedMarkup($('main').html()!, 'none')).toEqual([]);
    expect($('main').text()).toContain('<script>alert(1)</script>');
  });

  it('says lang="zh-CN" for the Chinese report', async () => {
    const { html } = await htmlReport('zh');
    const $ = load(html);
    expect($('html').attr('lang')).toBe('zh-CN');
    expect(html).toMatch(/<svg class="chart" [^>]*xml:lang="zh-CN"/);
    expect($('h1').text()).toMatch(/^招聘趋势报告/);
  });

  it('refuses an unknown format in one line', async () => {
    const result = await cli(dbPath, 'report', '--format', 'pdf', '--out', join(dir, 'pdf'));
    expect(result.code).toBe(2);
    expect(result.err.trim().split('\n')).toHaveLength(1);
    expect(result.err).toMatch(/--format "pdf" is not a report format: use md or html/);
    expect(existsSync(join(dir, 'pdf'))).toBe(false);
  });
});

describe('report --json', () => {
  function keys(value: unknown, out: string[] = []): string[] {
    if (Array.isArray(value)) for (const v of value) keys(v, out);
    else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        out.push(k);
        keys(v, out);
      }
    }
    return out;
  }

  it('prints the figures behind the report on stdout, snake_case, and writes no file', async () => {
    // Without --out a report would go to the config's reports.outDir (reports/ under the working folder).
    const wouldBe = join(process.cwd(), 'reports', '2026-11-25-ai-trainer-2026-10.md');
    const before = existsSync(wouldBe);
    const result = await cli(dbPath, 'report', '--role', 'ai-trainer', '--json', '--now', NOW);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(existsSync(wouldBe)).toBe(before);
    const figures = JSON.parse(result.out);
    const all = keys(figures);
    expect(all.filter((k) => !/^[a-z0-9]+(_[a-z0-9]+)*$/.test(k))).toEqual([]);
    expect(all).toEqual(expect.arrayContaining(['per_day', 'watched_days', 'skill_id', 'r_squared']));
    expect(figures.generated_at).toBe('2026-11-25T00:00:00.000Z');
    expect(figures.period.label).toBe('2026-10');
    expect(figures.series.buckets).toHaveLength(13);
    // The same figures the markdown report shows.
    const markdown = markdownOf(dbPath);
    expect(markdown).toContain(`counted **${figures.postings}** new postings`);
    const change = figures.headline[0].result.estimate.change as number;
    const sign = change >= 0 ? '+' : '−';
    expect(markdown).toContain(`**${sign}${Math.abs(change * 100).toFixed(1)}%**`);
    expect(markdown).toContain(`| ${figures.skills.skills[0].count} |`);
  });

  it('refuses --json with --format or --out, which would write nothing', async () => {
    const result = await cli(dbPath, 'report', '--json', '--format', 'html');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/--json prints the figures on stdout and writes no file/);
  });
});
