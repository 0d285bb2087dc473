// The report's SVG charts: well-formed, titled, labelled with units, CJK-capable, escaped and deterministic.
import { describe, expect, it } from 'vitest';
import { renderBarChart } from '../../src/report/charts/bar-chart.js';
import { renderBoxChart } from '../../src/report/charts/box-chart.js';
import { renderLineChart } from '../../src/report/charts/line-chart.js';
import { fitText, formatTick, niceTicks } from '../../src/report/charts/svg-frame.js';
import { zh } from '../../src/report/messages/zh.js';
import { zhAxisLabel } from '../../src/report/messages/zh-format.js';

/** A minimal well-formedness check: every opened element is closed, in order. */
function assertWellFormed(svg: string): void {
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = m;
    if (selfClosing) continue;
    if (closing) expect(stack.pop()).toBe(name);
    else stack.push(name!);
  }
  expect(stack).toEqual([]);
  expect(svg).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
}

const line = () =>
  renderLineChart({
    title: '新发布职位 per month: AI训练师',
    labels: ['2026-01', '2026-02', '2026-03', '2026-04'],
    values: [10, 12, null, 20],
    trend: [9.5, 12, 14.9, 18.5],
    seriesName: 'new postings',
    trendName: 'trend',
    xLabel: 'month',
    yLabel: 'new postings per month',
  });

describe('line chart', () => {
  it('is a well-formed SVG with a title, axis labels and a CJK font stack', () => {
    const svg = line();
    assertWellFormed(svg);
    expect(svg).toContain('<title id="title">新发布职位 per month: AI训练师</title>');
    expect(svg).toContain('new postings per month');
    expect(svg).toContain('Noto Sans CJK SC');
    expect(svg).toContain('PingFang SC');
  });

  it('breaks the line where a bucket has no data, and draws the trend dashed', () => {
    const svg = line();
    expect(svg.match(/<polyline[^>]*stroke="#0969da"/g)).toHaveLength(2);
    expect(svg).toMatch(/<polyline[^>]*stroke-dasharray/);
  });

  it('gives the same bytes for the same input', () => {
    expect(line()).toBe(line());
  });

  it('shows percentages on a share axis', () => {
    const svg = renderLineChart({
      title: 't',
      labels: ['a', 'b'],
      values: [0.05, 0.1],
      seriesName: 's',
      xLabel: 'x',
      yLabel: 'y',
      percent: true,
    });
    expect(svg).toContain('>10%<');
  });

  it('says "no data" instead of failing on an empty series', () => {
    const svg = renderLineChart({
      title: 't',
      labels: [],
      values: [],
      seriesName: 's',
      xLabel: 'x',
      yLabel: 'y',
    });
    assertWellFormed(svg);
    expect(svg).toContain('no data');
  });
});

describe('line chart axis labels', () => {
  it('name the year where it changes since the label shown before, even across labels left out', () => {
    const labels = Array.from({ length: 13 }, (_, i) => {
      const month = 6 + i;
      return `${month > 12 ? 2026 : 2025}-${String(((month - 1) % 12) + 1).padStart(2, '0')}`;
    });
    const svg = renderLineChart({
      title: 't',
      labels,
      axisLabel: (i, previous) => zhAxisLabel(labels[i]!, previous === null ? null : labels[previous]!),
      values: labels.map((_, i) => i),
      seriesName: 's',
      xLabel: '月',
      yLabel: 'y',
      words: zh.chart,
    });
    const shown = [...svg.matchAll(/<text [^>]*font-size="11" fill="#59636e">([^<]*月)<\/text>/g)].map(
      (m) => m[1],
    );
    // Every other month is shown: June, August, …, and the year again at February, the first shown in 2026
    // (the bucket before it, January, is not shown).
    expect(shown).toEqual(['2025年6月', '8月', '10月', '12月', '2026年2月', '4月', '6月']);
  });
});

describe('bar chart', () => {
  it('escapes labels taken from postings', () => {
    const svg = renderBarChart({
      title: 'skills',
      items: [{ label: '<script>alert(1)</script>', value: 0.4 }],
      xLabel: 'share (%)',
      percent: true,
    });
    assertWellFormed(svg);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
  });

  it('draws a lighter bar for the previous period with a legend', () => {
    const svg = renderBarChart({
      title: 'skills',
      items: [{ label: 'Python', value: 0.4, previous: 0.3 }],
      xLabel: 'share (%)',
      percent: true,
      seriesName: '2026-10',
      previousName: '2026-09',
    });
    expect(svg).toContain('2026-09');
    expect(svg.match(/<rect /g)!.length).toBeGreaterThanOrEqual(4);
  });
});

describe('box chart', () => {
  it('marks quartiles, median and the number of postings per group', () => {
    const svg = renderBoxChart({
      title: 'pay',
      groups: [{ label: 'AI训练师', n: 42, p10: 6000, p25: 8000, p50: 10000, p75: 12000, p90: 15000 }],
      xLabel: 'pay, CNY per month',
    });
    assertWellFormed(svg);
    expect(svg).toContain('n=42');
    expect(svg).toContain('CNY per month');
    expect(svg).toContain('>10k<');
  });
});

describe('chart helpers', () => {
  it('picks round tick steps that cover the range', () => {
    expect(niceTicks(0, 47, 5)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(niceTicks(0, 0.23, 5)).toEqual([0, 0.05, 0.1, 0.15, 0.2, 0.25]);
    const ticks = niceTicks(6000, 15000, 5);
    expect(ticks[0]).toBeLessThanOrEqual(6000);
    expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(15000);
  });

  it('formats ticks compactly', () => {
    expect(formatTick(1500)).toBe('1.5k');
    expect(formatTick(1234)).toBe('1,234');
    expect(formatTick(25000)).toBe('25k');
    expect(formatTick(0.125, true)).toBe('12.5%');
  });

  it('shortens long labels, counting CJK characters as wide', () => {
    expect(fitText('人工智能训练师高级专家岗位', 60)).toMatch(/…$/);
    expect(fitText('Python', 60)).toBe('Python');
  });
});
