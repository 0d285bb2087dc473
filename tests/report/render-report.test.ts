// Rendering a report from ReportData: golden markdown and charts, deterministic for the same clock,
// every image link resolving to a rendered file, and no hostile text surviving as markup.
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { renderReport, reportBaseName } from '../../src/report/render-report.js';
import { decodeEntities, injectedMarkup, needlessEscapes } from './html-checks.js';
import { HOSTILE, SAMPLE_CLAIM_URL, sampleReportData } from './sample-report-data.js';

const now = new Date('2026-11-25T08:00:00Z');

describe('renderReport', () => {
  it('matches the golden markdown and charts', async () => {
    const report = renderReport(sampleReportData(), { now });
    expect(report.name).toBe('2026-11-25-ai-trainer-shanghai-2026-10.md');
    await expect(report.markdown).toMatchFileSnapshot('__golden__/sample-report.md');
    for (const file of report.files) {
      await expect(file.content).toMatchFileSnapshot(
        `__golden__/sample-report/${file.name.split('/').pop()}`,
      );
    }
  });

  it('gives each sample claim the verdict its interval gives (supported only when the whole interval clears +30%)', () => {
    const readings = sampleReportData().claims.flatMap((claim) => claim.readings);
    expect(readings.length).toBeGreaterThanOrEqual(5);
    for (const { result } of readings) {
      const e = result.estimate;
      const target = 1 + result.change.threshold;
      const expected = !e
        ? 'insufficient data'
        : e.interval.lower >= target
          ? 'supported'
          : e.interval.upper < target
            ? 'contradicted'
            : 'inconclusive';
      expect(result.verdict, `${result.current.period.label} vs ${result.baseline.period.label}`).toBe(
        expected,
      );
    }
    expect(new Set(readings.map((r) => r.result.verdict))).toEqual(
      new Set(['supported', 'contradicted', 'insufficient data']),
    );
  });

  it('names reports of the same subject and day apart by their period', () => {
    const data = sampleReportData();
    const quarter = { ...data, period: { ...data.period, label: '2026-Q3' } };
    expect(reportBaseName(data, now)).toBe('2026-11-25-ai-trainer-shanghai-2026-10');
    expect(reportBaseName(quarter, now)).toBe('2026-11-25-ai-trainer-shanghai-2026-q3');
  });

  it('gives the same bytes for the same data and clock', () => {
    const a = renderReport(sampleReportData(), { now });
    const b = renderReport(sampleReportData(), { now });
    expect(b.markdown).toBe(a.markdown);
    expect(b.files).toEqual(a.files);
  });

  it('links every chart by a relative path that is one of its files', () => {
    const report = renderReport(sampleReportData(), { now });
    const html = new MarkdownIt().render(report.markdown);
    const sources = [...html.matchAll(/<img src="([^"]+)"/g)].map((m) => decodeURI(m[1]!));
    expect(sources.length).toBeGreaterThanOrEqual(4);
    const names = new Set(report.files.map((f) => f.name));
    for (const src of sources) {
      expect(names.has(src), src).toBe(true);
      expect(src.startsWith('2026-11-25-ai-trainer-shanghai-2026-10/')).toBe(true);
    }
    expect(report.files.map((f) => f.name.split('/').pop())).toEqual(
      expect.arrayContaining(['new-postings.svg', 'share.svg', 'top-skills.svg', 'pay-cny-month.svg']),
    );
  });

  it('lets no hostile text from postings become markup, links or images', () => {
    const report = renderReport(sampleReportData(), { now });
    for (const options of [{ html: true, linkify: true }, { html: false }]) {
      const html = new MarkdownIt(options).render(report.markdown);
      expect(injectedMarkup(html, '2026-11-25-ai-trainer-shanghai-2026-10', [SAMPLE_CLAIM_URL])).toEqual([]);
      expect(html).not.toContain('<strong>bold</strong>');
      expect(html).not.toMatch(/<code>rm -rf/);
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });

  it('reads cleanly as text: no escape a markdown reader would not need (ln(postings per day), q < 0.05)', () => {
    for (const lang of ['en', 'zh'] as const) {
      const report = renderReport(sampleReportData(), { now, lang });
      expect(needlessEscapes(report.markdown), lang).toEqual([]);
      expect(report.markdown).not.toMatch(/\\\(|\\<(?![A-Za-z/!?])/);
    }
  });

  it('keeps each hostile company in one table row with the right number of cells', () => {
    const report = renderReport(sampleReportData(), { now });
    const html = new MarkdownIt().render(report.markdown);
    const section = html.slice(html.indexOf('Top companies'), html.indexOf('Cities and districts'));
    const rows = [...section.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].slice(1);
    expect(rows).toHaveLength(HOSTILE.length);
    rows.forEach(([, row], i) => {
      const cells = [...row!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => decodeEntities(m[1]!));
      expect(cells).toHaveLength(4);
      expect(cells[1]).toBe(HOSTILE[i]!.replace(/\s+/g, ' '));
    });
  });

  it('never mixes pay periods: each currency and period has its own table', () => {
    const report = renderReport(sampleReportData(), { now });
    expect(report.markdown).toContain('### CNY per month');
    expect(report.markdown).toContain('### USD per hour');
    expect(report.markdown).toMatch(/### CNY per piece/);
  });

  it('writes a short report that says so when the database is empty', () => {
    const data = {
      ...sampleReportData(),
      databasePostings: 0,
      postings: 0,
      allPostings: 0,
      claims: [],
      claimErrors: [],
    };
    data.coverage = {
      sources: [],
      problemRuns: [],
      problemRunsTotal: 0,
      firstPostingDate: null,
      lastPostingDate: null,
    };
    const report = renderReport(data, { now });
    expect(report.markdown).toContain('## No data yet');
    expect(report.markdown).not.toContain('## Headline');
    expect(report.files).toEqual([]);
    expect(report.markdown.split('\n').length).toBeLessThan(40);
  });

  it('says when nothing matches in the period but the database has postings', () => {
    const data = { ...sampleReportData(), postings: 0 };
    const report = renderReport(data, { now });
    expect(report.markdown).toContain('## No matching postings in this period');
    expect(report.markdown).toContain('5,210 deduplicated postings dated 2025-09-01 to 2026-11-24');
  });
});
