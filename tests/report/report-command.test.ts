// `jobtrend report` on a fixture database: golden report and charts, images that resolve on disk, no
// injected markup from hostile postings, the same bytes for the same --now, short reports for empty
// databases, and one clear line for bad input.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { gatherReport } from '../../src/report/gather-report.js';
import { renderReport } from '../../src/report/render-report.js';
import { openDatabase } from '../../src/store/database.js';
import { upsertPostings } from '../../src/store/posting-store.js';
import { countReportPostings } from '../../src/store/report-queries.js';
import { tempDir } from '../support/temp-db.js';
import { buildFixtureDb, FIXTURE_NOW, trainerCount } from './fixture-db.js';
import { collector, injectedMarkup } from './html-checks.js';

const NOW = '2026-11-25T00:00:00Z';
let dir: string;
let cleanup: () => void;
let dbPath: string;

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = collector();
  const err = collector();
  const code = await run(['--db', dbPath, ...argv], { out, err, env: {} });
  return { code, out: out.text(), err: err.text() };
}

beforeAll(() => {
  ({ dir, cleanup } = tempDir('jobtrend-report-'));
  dbPath = join(dir, 'fixture.sqlite');
  buildFixtureDb(dbPath);
});
afterAll(() => cleanup());

describe('gatherReport on the fixture database', () => {
  it('matches the golden report and charts for all roles', async () => {
    const db = openDatabase(dbPath, { readonly: true });
    try {
      const report = renderReport(gatherReport(db, { now: FIXTURE_NOW }), { now: FIXTURE_NOW });
      expect(report.name).toBe('2026-11-25-all-roles-2026-10.md');
      await expect(report.markdown).toMatchFileSnapshot('__golden__/fixture-all-roles.md');
      for (const file of report.files) {
        await expect(file.content).toMatchFileSnapshot(
          `__golden__/fixture-all-roles/${file.name.split('/').pop()}`,
        );
      }
    } finally {
      db.close();
    }
  });

  it('counts deduplicated AI-trainer postings in Shanghai, with the city given in Chinese', () => {
    const db = openDatabase(dbPath, { readonly: true });
    try {
      const data = gatherReport(db, { now: FIXTURE_NOW, role: 'ai-trainer', city: '上海' });
      expect(data.subject.city).toBe('Shanghai');
      expect(data.period.label).toBe('2026-10');
      // zhaopin's postings of 2026-10 (month 13) plus BOSS's ten, three of which are cross-posts.
      expect(data.postings).toBe(trainerCount(13) + 10 - 3);
      // All postings in Shanghai in 2026-10, any role: here every one of them is an AI-trainer posting.
      expect(data.allPostings).toBe(
        countReportPostings(db, { start: '2026-10-01', end: '2026-10-31', city: 'Shanghai' }),
      );
      expect(data.allPostings).toBe(data.postings);
      expect(data.headline.map((h) => h.baseline.label)).toEqual(['2026-09', '2025-10']);
      expect(data.series.buckets.at(-1)?.label).toBe('2026-10');
      expect(data.skills?.emerging).toContain('rlhf');
    } finally {
      db.close();
    }
  });

  it('divides a role by all postings of the period for its share', () => {
    const db = openDatabase(dbPath, { readonly: true });
    try {
      const data = gatherReport(db, { now: FIXTURE_NOW, role: 'ai-rater' });
      expect(data.postings).toBe(8);
      expect(data.allPostings).toBe(countReportPostings(db, { start: '2026-10-01', end: '2026-10-31' }));
      expect(data.allPostings).toBe(66 + 15 + 8);
    } finally {
      db.close();
    }
  });

  it('charts a period that runs past --now only up to the month of --now, marked incomplete', () => {
    const db = openDatabase(dbPath, { readonly: true });
    try {
      const data = gatherReport(db, { now: FIXTURE_NOW, role: 'data-annotator', period: '2026' });
      expect(data.period).toMatchObject({ start: '2026-01-01', end: '2026-12-31' });
      expect(data.series.buckets.at(-1)).toMatchObject({ label: '2026-11', incomplete: true });
      expect(data.series.buckets.at(-2)).toMatchObject({ label: '2026-10', incomplete: false });
      expect(data.headline[0]?.result?.current.incomplete).toBe(true);
      const markdown = renderReport(data, { now: FIXTURE_NOW }).markdown;
      expect(markdown).toMatch(
        /\*\*2026 is not over yet \(incomplete\):\*\* the figures below cover only the days watched so far/,
      );
      expect(data.postings).toBe(15 * 11);
      // For a year, the previous period and the year before are the same: compared once.
      expect(data.headline.map((h) => h.baseline.label)).toEqual(['2025']);
    } finally {
      db.close();
    }
  });

  it('keeps pay in its own currency and period: hourly USD, monthly CNY and piece rates apart', () => {
    const db = openDatabase(dbPath, { readonly: true });
    try {
      const data = gatherReport(db, { now: FIXTURE_NOW });
      const groups = new Set(data.pay.map((p) => `${p.role} ${p.currency} ${p.period}`));
      expect(groups).toEqual(
        new Set([
          'ai-trainer CNY month',
          'data-annotator CNY month',
          'data-annotator CNY piece',
          'ai-rater USD hour',
        ]),
      );
      const rater = data.pay.find((p) => p.role === 'ai-rater')!;
      // Midpoints 25, 27, … 39: nearest-rank median of eight is the 4th, 31.
      expect(rater).toMatchObject({ n: 8, median: 31, p25: 27, p75: 35, city: 'San Francisco' });
    } finally {
      db.close();
    }
  });
});

describe('jobtrend report', () => {
  it('writes the report and its charts; every image resolves and no injected markup survives', async () => {
    const out = join(dir, 'reports');
    const claims = join(dir, 'claims.yaml');
    writeFileSync(
      claims,
      [
        '- id: "<script>alert(1)</script>"',
        '  text: "AI训练师需求暴涨 [x](javascript:alert(1)) **30%**"',
        '  role: ai-trainer',
        '  city: 上海',
        '  period: 2026-10',
        '  baseline: 2025-10',
        "  change: '>30%'",
        '',
      ].join('\n'),
    );
    const result = await cli(
      'report',
      '--role',
      'ai-trainer',
      '--city',
      'Shanghai',
      '--claims',
      claims,
      '--out',
      out,
      '--now',
      NOW,
    );
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain('2026-11-25-ai-trainer-shanghai-2026-10.md');
    const markdown = readFileSync(join(out, '2026-11-25-ai-trainer-shanghai-2026-10.md'), 'utf8');
    expect(markdown).toContain('## Claims');

    for (const options of [{ html: true, linkify: true }, { html: false }]) {
      const html = new MarkdownIt(options).render(markdown);
      const sources = [...html.matchAll(/<img src="([^"]+)"/g)].map((m) => decodeURI(m[1]!));
      expect(sources.length).toBeGreaterThanOrEqual(4);
      for (const src of sources) expect(existsSync(join(out, src)), src).toBe(true);
      expect(injectedMarkup(html, '2026-11-25-ai-trainer-shanghai-2026-10')).toEqual([]);
      expect(html).not.toContain('<strong>bold</strong>');
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
    for (const svg of readdirSync(join(out, '2026-11-25-ai-trainer-shanghai-2026-10'))) {
      expect(readFileSync(join(out, '2026-11-25-ai-trainer-shanghai-2026-10', svg), 'utf8')).not.toMatch(
        /<script|<b>/,
      );
    }
  });

  it('gives the same bytes for the same database and --now', async () => {
    const a = join(dir, 'run-a');
    const b = join(dir, 'run-b');
    expect((await cli('report', '--out', a, '--now', NOW)).code).toBe(0);
    expect((await cli('report', '--out', b, '--now', NOW)).code).toBe(0);
    const read = (root: string) =>
      readdirSync(root, { recursive: true })
        .map(String)
        .sort()
        .map(
          (f) =>
            [
              f,
              existsSync(join(root, f)) && f.includes('.') ? readFileSync(join(root, f), 'utf8') : '',
            ] as const,
        );
    expect(read(b)).toEqual(read(a));
  });

  it('writes a short report that says so for an empty database', async () => {
    const empty = join(dir, 'empty.sqlite');
    openDatabase(empty).close();
    const out = join(dir, 'empty-reports');
    const stdout = collector();
    const code = await run(['--db', empty, 'report', '--out', out, '--now', NOW], {
      out: stdout,
      err: { write: () => {}, isTTY: false },
      env: {},
    });
    expect(code).toBe(0);
    const markdown = readFileSync(join(out, '2026-11-25-all-roles-2026-10.md'), 'utf8');
    expect(markdown).toContain('The database holds no postings');
    expect(markdown.split('\n').length).toBeLessThan(40);
    expect(stdout.text()).toContain('0 charts');
  });

  it('reports a nearly empty database without failing', async () => {
    const nearly = join(dir, 'nearly.sqlite');
    const db = openDatabase(nearly);
    db.prepare(
      `INSERT INTO sources (id, name, kind, created_at) VALUES ('site', 'site', 'html', '2026-10-01T00:00:00Z')`,
    ).run();
    const one = {
      source_id: 'site',
      source_posting_id: '1',
      url: null,
      title: 'AI训练师',
      company: 'Solo',
      company_norm: 'solo',
      location_raw: null,
      city: 'Shanghai',
      district: null,
      region: null,
      country: null,
      remote: null,
      employment_type: null,
      salary_min: null,
      salary_max: null,
      salary_currency: null,
      salary_period: null,
      salary_months: null,
      salary_negotiable: false,
      salary_raw: null,
      description: null,
      posted_at: '2026-10-05',
      posted_at_precision: 'day' as const,
      valid_through: null,
      dedup_key: 'solo-1',
      content_hash: 'h1',
      raw_json: '{}',
      roles: ['ai-trainer'],
      skills: [],
    };
    upsertPostings(db, [one, { ...one, source_posting_id: '2', dedup_key: 'solo-2', content_hash: 'h2' }], {
      seenAt: '2026-10-05T00:00:00Z',
    });
    db.close();
    const out = join(dir, 'nearly-reports');
    mkdirSync(out);
    const stderr = collector();
    const code = await run(['--db', nearly, 'report', '--out', out, '--now', NOW], {
      out: { write: () => {}, isTTY: false },
      err: stderr,
      env: {},
    });
    expect(stderr.text()).toBe('');
    expect(code).toBe(0);
    const markdown = readFileSync(join(out, '2026-11-25-all-roles-2026-10.md'), 'utf8');
    expect(markdown).toContain('**2** new postings');
    expect(markdown).toMatch(/insufficient|not enough|too few/i);
  });

  it('says where it cannot write, in one line, when --out is a file', async () => {
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, 'x');
    const result = await cli('report', '--out', file, '--now', NOW);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      /cannot write the report into .*not-a-folder.*pass --out with a writable folder/,
    );
    expect(result.err.trim().split('\n')).toHaveLength(1);
  });

  it.each([
    [['--role', 'astronaut'], 2, /unknown role "astronaut"/],
    [['--period', 'someday'], 2, /"someday" is not a period/],
    [['--now', 'yesterday'], 2, /--now "yesterday" is not an ISO date/],
    [
      ['--claims', '/nonexistent/claims.yaml'],
      1,
      /no claims file at \/nonexistent\/claims.yaml: check the path given to --claims/,
    ],
  ])('refuses %j with one clear line', async (args, expected, message) => {
    const result = await cli('report', '--out', join(dir, 'bad'), '--now', NOW, ...args);
    expect(result.code).toBe(expected);
    expect(result.err).toMatch(message);
    expect(result.err.trim().split('\n')).toHaveLength(1);
  });
});
