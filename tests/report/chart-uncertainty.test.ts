// Charts that show their uncertainty, checked on the SVG they give (parsed): interval bands around the rate
// of new postings, the share and the fitted trend; whiskers wherever a legend names them; shares printed with
// the counts behind them; a value label in its own bar's row, just past its own bar; labels cut where a word
// ends (CJK measured wide), never inside one.
import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import type { GrowthBucket } from '../../src/analysis/types.js';
import {
  perDayBand,
  poissonCountInterval,
  proportionInterval,
  shareBand,
  trendBand,
} from '../../src/report/chart-intervals.js';
import { renderBarChart } from '../../src/report/charts/bar-chart.js';
import { renderBoxChart } from '../../src/report/charts/box-chart.js';
import { renderLineChart } from '../../src/report/charts/line-chart.js';
import { fitText, textWidth } from '../../src/report/charts/svg-frame.js';
import { gatherReport } from '../../src/report/gather-report.js';
import { zh } from '../../src/report/messages/zh.js';
import { renderReport } from '../../src/report/render-report.js';
import { openDatabase } from '../../src/store/database.js';
import { tempDir } from '../support/temp-db.js';
import { buildFixtureDb, FIXTURE_NOW } from './fixture-db.js';

const svg$ = (svg: string) => load(svg, { xml: true });
const nums = (s: string | undefined) => Number(s);

/** The polygon's points as [x, y] pairs. */
function points(polygon: string | undefined): [number, number][] {
  return (polygon ?? '')
    .trim()
    .split(/\s+/)
    .map((p) => p.split(',').map(Number) as [number, number]);
}

/** The band's vertical extent at x: [top y, bottom y] (SVG y grows downwards). */
function bandAt(pts: [number, number][], x: number): [number, number] {
  // A lone bucket's band is a bar 6 px wide around its x.
  const ys = pts.filter(([px]) => Math.abs(px - x) <= 3.01).map(([, y]) => y);
  return [Math.min(...ys), Math.max(...ys)];
}

describe('the intervals the charts draw', () => {
  it('are the exact Poisson and Clopper–Pearson 95% intervals', () => {
    expect(poissonCountInterval(0).lower).toBe(0);
    expect(poissonCountInterval(0).upper).toBeCloseTo(3.6889, 3);
    expect(poissonCountInterval(10).lower).toBeCloseTo(4.7954, 3);
    expect(poissonCountInterval(10).upper).toBeCloseTo(18.3904, 3);
    expect(proportionInterval(3, 10).lower).toBeCloseTo(0.06674, 4);
    expect(proportionInterval(3, 10).upper).toBeCloseTo(0.65245, 4);
    expect(proportionInterval(0, 10)).toEqual({ lower: 0, upper: expect.closeTo(0.30849, 4) });
    expect(proportionInterval(10, 10).upper).toBe(1);
  });

  const bucket = (over: Partial<GrowthBucket>): GrowthBucket => ({
    label: '2026-01',
    start: '2026-01-01',
    end: '2026-01-31',
    days: 31,
    incomplete: false,
    watchedDays: 31,
    sourcesWatched: ['a'],
    count: 62,
    total: 310,
    share: 0.2,
    perDay: 2,
    vsPrevious: null,
    vsYearBefore: null,
    ...over,
  });

  it('put a rate between its bounds, over the exposure behind it, and leave unwatched buckets out', () => {
    const band = perDayBand([bucket({}), bucket({ count: null, perDay: null, total: null, share: null })]);
    expect(band.lower[0]).toBeLessThan(2);
    expect(band.upper[0]).toBeGreaterThan(2);
    expect(band.upper[0]).toBeCloseTo(poissonCountInterval(62).upper / 31, 9);
    expect(band.lower[1]).toBeNull();
    const shares = shareBand([bucket({})]);
    expect(shares.lower[0]).toBeCloseTo(proportionInterval(62, 310).lower, 12);
  });
});

describe('line charts', () => {
  const labels = ['2026-01', '2026-02', '2026-03', '2026-04'];
  const values = [2, 2.5, null, 3.2];
  const chart = () =>
    renderLineChart({
      title: 'new postings',
      labels,
      values,
      band: { lower: [1.5, 2, null, 2.6], upper: [2.6, 3.1, null, 3.9] },
      trend: [2, 2.4, 2.8, 3.2],
      trendBand: { lower: [1.8, 2.2, 2.5, 2.8], upper: [2.2, 2.6, 3.1, 3.6] },
      seriesName: 'new postings per watched day',
      trendName: 'trend',
      xLabel: 'month',
      yLabel: 'per day',
    });

  it('shade each point’s 95% interval around it, broken where a bucket has none, and name it in the legend', () => {
    const $ = svg$(chart());
    const bands = $('polygon.band');
    expect(bands.length).toBe(2);
    const all = bands.toArray().flatMap((b) => points($(b).attr('points')));
    const circles = $('circle').toArray();
    expect(circles.length).toBe(3);
    for (const c of circles) {
      const [top, bottom] = bandAt(all, nums($(c).attr('cx')));
      const cy = nums($(c).attr('cy'));
      expect(top).toBeLessThan(cy);
      expect(bottom).toBeGreaterThan(cy);
    }
    expect($('text').filter((_, t) => $(t).text() === '95% interval').length).toBe(1);
  });

  it('shade the fitted trend’s interval around the dashed line, named in the legend', () => {
    const $ = svg$(chart());
    const band = points($('polygon.trend-band').attr('points'));
    const dashed = $('polyline[stroke-dasharray]').attr('points')!.split(' ');
    for (const p of dashed) {
      const [x, y] = p.split(',').map(Number) as [number, number];
      const [top, bottom] = bandAt(band, x);
      expect(top).toBeLessThanOrEqual(y);
      expect(bottom).toBeGreaterThanOrEqual(y);
    }
    expect($('text').filter((_, t) => $(t).text() === 'trend, 95% interval').length).toBe(1);
  });

  it('make room on the axis for the whole band', () => {
    const $ = svg$(chart());
    const ys = $('polygon')
      .toArray()
      .flatMap((p) => points($(p).attr('points')).map(([, y]) => y));
    // Above the plot's top grid line would be outside the axis.
    const grid = $('line[stroke="#d1d9e0"]')
      .toArray()
      .map((l) => nums($(l).attr('y1')));
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(Math.min(...grid) - 0.01);
  });

  it('on the report’s trend chart: a band for the rate and one for the trend, from the same fit analysis made', () => {
    const { dir, cleanup } = tempDir('jobtrend-chart-bands-');
    try {
      const path = `${dir}/fixture.sqlite`;
      buildFixtureDb(path);
      const db = openDatabase(path, { readonly: true });
      const data = gatherReport(db, { now: FIXTURE_NOW, role: 'ai-trainer' });
      db.close();
      const trend = data.series.trend!;
      expect(trend).not.toBeNull();
      const band = trendBand(data.series.buckets, trend)!;
      expect(band).not.toBeNull();
      // Its middle is the trend itself: the geometric mean of the bounds is the fitted value.
      data.series.buckets.forEach((_, i) => {
        expect(Math.sqrt(band.lower[i]! * band.upper[i]!)).toBeCloseTo(
          Math.exp(trend.intercept + trend.slope * i),
          9,
        );
      });
      // A trend from another fit gets no band rather than a wrong one.
      expect(trendBand(data.series.buckets, { ...trend, slope: trend.slope * 1.1 })).toBeNull();
      for (const lang of ['en', 'zh'] as const) {
        const files = renderReport(data, { now: FIXTURE_NOW, lang }).files;
        const $ = svg$(files.find((f) => f.name.endsWith('/new-postings.svg'))!.content);
        expect($('polygon.band').length).toBeGreaterThan(0);
        expect($('polygon.trend-band').length).toBe(1);
        const share = svg$(files.find((f) => f.name.endsWith('/share.svg'))!.content);
        expect(share('polygon.band').length).toBeGreaterThan(0);
      }
    } finally {
      cleanup();
    }
  });
});

describe('bar charts', () => {
  const items = [
    {
      label: 'Data labeling (数据标注)',
      value: 0.75,
      count: 80,
      interval: { lower: 0.66, upper: 0.83 },
      previous: 0.7,
    },
    // The previous period's bar is longer: the value must still sit on its own bar.
    { label: 'RLHF', value: 0.2, count: 21, interval: { lower: 0.13, upper: 0.29 }, previous: 0.6 },
    { label: 'Python', value: 0.3, count: 32, interval: { lower: 0.21, upper: 0.39 }, previous: null },
  ];
  const chart = (words = undefined as typeof zh.chart | undefined) =>
    renderBarChart({
      title: 'Top skills',
      items,
      xLabel: 'share of 106 postings',
      percent: true,
      seriesName: '2026-10',
      previousName: '2026-09',
      words,
    });

  /** Each item's bar (the primary colour), whisker and value label, found by their row. */
  function rows(svg: string) {
    const $ = svg$(svg);
    const bars = $('rect[fill="#0969da"]')
      .toArray()
      .filter((r) => nums($(r).attr('width')) > 14 || nums($(r).attr('y')) > 60);
    return bars.map((bar) => {
      const x = nums($(bar).attr('x'));
      const y = nums($(bar).attr('y'));
      const h = nums($(bar).attr('height'));
      const end = x + nums($(bar).attr('width'));
      const inRow = (yy: number) => yy >= y - 6 && yy <= y + h + 6;
      const whisker = $('line.whisker')
        .toArray()
        .find((l) => inRow(nums($(l).attr('y1'))));
      const labels = $('text')
        .toArray()
        .filter((t) => inRow(nums($(t).attr('y')) - 4) && nums($(t).attr('x')) > x);
      return { end, whisker: whisker ? $(whisker) : null, labels: labels.map((t) => $(t)) };
    });
  }

  it('draw each share’s 95% interval as a whisker, which the legend names', () => {
    const found = rows(chart());
    expect(found).toHaveLength(3);
    for (const row of found) expect(row.whisker).not.toBeNull();
    const $ = svg$(chart());
    expect($('text').filter((_, t) => $(t).text() === 'whiskers: 95% interval').length).toBe(1);
    // No whiskers, no such legend.
    const plain = svg$(
      renderBarChart({ title: 't', items: [{ label: 'a', value: 0.5 }], xLabel: 'x', percent: true }),
    );
    expect(plain('text').filter((_, t) => plain(t).text().includes('whiskers')).length).toBe(0);
  });

  it('print a share with the count behind it, in its own bar’s row, just past its own bar and whisker', () => {
    for (const words of [undefined, zh.chart]) {
      const found = rows(chart(words));
      found.forEach((row, i) => {
        const item = items[i]!;
        expect(row.labels).toHaveLength(1);
        const label = row.labels[0]!;
        expect(label.text()).toBe(
          words
            ? `${Math.round(item.value * 100)}%（${item.count}条）`
            : `${Math.round(item.value * 100)}% (${item.count})`,
        );
        const x = nums(label.attr('x'));
        const whiskerEnd = nums(row.whisker!.attr('x2'));
        expect(x).toBeGreaterThan(Math.max(row.end, whiskerEnd));
        expect(x).toBeLessThanOrEqual(Math.max(row.end, whiskerEnd) + 8);
      });
      // RLHF: its previous bar reaches 60%, its own value 20%: the label is not pushed out past the lighter bar.
      const $ = svg$(chart(words));
      const lighter = $('rect[fill="#b6e3ff"]')
        .toArray()
        .map((r) => nums($(r).attr('x')) + nums($(r).attr('width')));
      expect(nums(found[1]!.labels[0]!.attr('x'))).toBeLessThan(Math.max(...lighter.slice(0, 2)));
    }
  });

  it('keep every value label inside the chart', () => {
    const $ = svg$(chart());
    const width = nums($('svg').attr('width'));
    for (const row of rows(chart())) {
      const label = row.labels[0]!;
      expect(nums(label.attr('x')) + textWidth(label.text(), 11)).toBeLessThanOrEqual(width);
    }
  });

  it('cut a label too long for its column where a word ends, with an ellipsis', () => {
    const long = 'Attention to detail and thoroughness in reviewing (细心负责)';
    const svg = renderBarChart({
      title: 't',
      items: [{ label: long, value: 0.5, count: 5 }],
      xLabel: 'x',
      percent: true,
    });
    const $ = svg$(svg);
    const shown = $('text[text-anchor="end"]').first().text();
    expect(shown).not.toBe(long);
    expect(shown.endsWith('…')).toBe(true);
    const head = shown.slice(0, -1);
    expect(long.startsWith(head)).toBe(true);
    // The next character of the label after the cut is a space: the cut is where a word ends.
    expect(long[head.length]).toBe(' ');
    expect(textWidth(shown)).toBeLessThanOrEqual(720 * 0.4 - 16);
  });
});

describe('labels cut where a word ends', () => {
  it('cut English at a space, dropping what hangs there, CJK between characters, one long word inside it', () => {
    expect(fitText('Attention to detail (细心)', textWidth('Attention to detail (细'))).toBe(
      'Attention to detail…',
    );
    expect(fitText('Attention to detail (细心)', textWidth('Attention to de'))).toBe('Attention to…');
    const zhLabel = '人类反馈强化学习（RLHF）标注';
    const cut = fitText(zhLabel, textWidth('人类反馈强化学习（R'));
    expect(cut).toBe('人类反馈强化学习…');
    expect(textWidth(cut)).toBeLessThanOrEqual(textWidth('人类反馈强化学习（R'));
    // CJK is measured wide: the same number of characters takes twice the Latin room.
    expect(fitText('数据标注数据标注', 60)).toBe('数据标注…');
    expect(fitText('Supercalifragilistic', 60)).toMatch(/^Super\S*…$/);
    expect(fitText('Python', 60)).toBe('Python');
  });
});

describe('box charts', () => {
  it('draw the whiskers their legend promises, to the 10th and 90th percentiles', () => {
    const svg = renderBoxChart({
      title: 'pay',
      groups: [{ label: 'AI trainer', n: 40, p10: 6000, p25: 8000, p50: 10000, p75: 12000, p90: 15000 }],
      xLabel: 'CNY per month',
    });
    const $ = svg$(svg);
    expect($('text').text()).toContain('whiskers: 10th–90th');
    const horizontal = $('line')
      .toArray()
      .filter((l) => $(l).attr('y1') === $(l).attr('y2') && $(l).attr('stroke') === '#59636e');
    // From p10 to p25 and from p75 to p90.
    expect(horizontal.length).toBeGreaterThanOrEqual(2);
  });
});
