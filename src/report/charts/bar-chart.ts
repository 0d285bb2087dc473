// A horizontal bar chart of labelled values (top skills by share, top companies …): one bar per item,
// largest first as given, with its 95% interval as a whisker where one is given, and its value — with the
// count behind a share — printed at the end of its own bar (past its whisker), in its own bar's row. The label
// column is as wide as its longest label (measured, CJK counted wide) up to 40% of the chart; a longer label is
// cut where a word ends. Pure: data in, SVG text out.
import { en } from '../messages/en.js';
import type { ChartWords } from '../messages/report-messages.js';
import {
  COLORS,
  fitText,
  line,
  niceTicks,
  noDataText,
  rect,
  svgDocument,
  text,
  textWidth,
} from './svg-frame.js';

export interface BarChartOptions {
  title: string;
  items: {
    label: string;
    value: number;
    /** Optional lighter bar behind, e.g. the previous period. */
    previous?: number | null;
    /** Postings behind the value (a share's numerator), printed with it. */
    count?: number;
    /** The value's 95% interval, drawn as a whisker. */
    interval?: { lower: number; upper: number } | null;
  }[];
  /** Axis label with its unit, e.g. "share of matching postings". */
  xLabel: string;
  percent?: boolean;
  seriesName?: string;
  previousName?: string;
  width?: number;
  /** Words inside the chart (default English). */
  words?: ChartWords;
}

/** The label column: at least `min`, as wide as the longest label needs, at most 40% of the chart. */
export function labelColumn(labels: string[], width: number, min = 200): number {
  const widest = Math.max(0, ...labels.map((label) => textWidth(label)));
  return Math.max(min, Math.min(Math.ceil(widest + 16), Math.floor(width * 0.4)));
}

export function renderBarChart(options: BarChartOptions): string {
  const words = options.words ?? en.chart;
  const width = options.width ?? 720;
  const barHeight = 18;
  const gap = 8;
  const hasPrevious = options.items.some((item) => item.previous !== undefined && item.previous !== null);
  const hasWhiskers = options.items.some((item) => item.interval);
  const current = options.seriesName ?? words.thisPeriod;
  const previousName = options.previousName ?? words.previousPeriod;
  // The legend: the two periods from the left, the whiskers' meaning at the right — on a row of its own when
  // the three do not fit on one.
  const second = (left: number) => left + Math.max(180, Math.ceil(20 + textWidth(current, 11) + 24));
  const whiskerLegendWidth = hasWhiskers ? textWidth(words.barWhiskers, 11) : 0;
  const legendRows = (left: number) =>
    hasPrevious && hasWhiskers
      ? second(left) + 20 + textWidth(previousName, 11) + 16 > width - 12 - whiskerLegendWidth
        ? 2
        : 1
      : hasPrevious || hasWhiskers
        ? 1
        : 0;
  const left = labelColumn(
    options.items.map((item) => item.label),
    width,
  );
  const rows = legendRows(left);
  const top = 48 + rows * 16;
  const height = top + Math.max(1, options.items.length) * (barHeight + gap) + 56;
  const tick = (v: number) => words.tick(v, options.percent ?? false);
  const valueText = (item: BarChartOptions['items'][number]) =>
    item.count === undefined ? tick(item.value) : words.shareCount(tick(item.value), item.count);
  // Room at the right for the longest value label, so none runs off the chart.
  const right = Math.max(
    72,
    Math.ceil(Math.max(0, ...options.items.map((i) => textWidth(valueText(i), 11))) + 12),
  );
  const plot = { left, right: width - right, top, bottom: height - 56 };
  const values = options.items.flatMap((item) => [item.value, item.previous ?? 0, item.interval?.upper ?? 0]);
  const ticks = niceTicks(0, values.length > 0 ? Math.max(...values) : 1, 5);
  const xMax = ticks[ticks.length - 1]! || 1;
  const x = (v: number) => plot.left + ((plot.right - plot.left) * v) / xMax;
  const body: string[] = [];

  for (const t of ticks) {
    body.push(line(x(t), plot.top - 4, x(t), plot.bottom, COLORS.grid));
    body.push(text(x(t), plot.bottom + 16, tick(t), { anchor: 'middle', size: 11, fill: COLORS.muted }));
  }
  options.items.forEach((item, i) => {
    const y = plot.top + i * (barHeight + gap);
    body.push(
      text(plot.left - 8, y + barHeight / 2 + 4, fitText(item.label, plot.left - 16), { anchor: 'end' }),
    );
    if (item.previous !== undefined && item.previous !== null) {
      body.push(rect(plot.left, y, x(item.previous) - plot.left, barHeight, COLORS.fillMuted));
      body.push(rect(plot.left, y + 5, x(item.value) - plot.left, barHeight - 10, COLORS.primary));
    } else {
      body.push(rect(plot.left, y, x(item.value) - plot.left, barHeight, COLORS.primary));
    }
    const cy = y + barHeight / 2;
    if (item.interval) {
      const lo = x(Math.max(0, item.interval.lower));
      const hi = x(item.interval.upper);
      body.push(line(lo, cy, hi, cy, COLORS.text, 'class="whisker"'));
      body.push(line(lo, cy - 4, lo, cy + 4, COLORS.text));
      body.push(line(hi, cy - 4, hi, cy + 4, COLORS.text));
    }
    // The value belongs to this item's own bar: just past its end (and its whisker), not past the lighter bar.
    const end = Math.max(x(item.value), item.interval ? x(item.interval.upper) : 0);
    body.push(text(end + 6, cy + 4, valueText(item), { size: 11, fill: COLORS.text }));
  });
  body.push(line(plot.left, plot.top - 4, plot.left, plot.bottom, COLORS.axis));
  body.push(
    text((plot.left + plot.right) / 2, height - 14, options.xLabel, { anchor: 'middle', fill: COLORS.muted }),
  );
  if (hasPrevious) {
    // The second entry starts after the first one's measured width (at least 180 px in).
    const at = second(plot.left);
    body.push(rect(plot.left, 38, 14, 10, COLORS.primary));
    body.push(text(plot.left + 20, 47, current, { size: 11 }));
    body.push(rect(at, 38, 14, 10, COLORS.fillMuted));
    body.push(text(at + 20, 47, previousName, { size: 11 }));
  }
  if (hasWhiskers) {
    body.push(
      text(width - 12, rows === 2 ? 63 : 47, words.barWhiskers, {
        anchor: 'end',
        size: 11,
        fill: COLORS.muted,
      }),
    );
  }
  if (options.items.length === 0) {
    body.push(noDataText((plot.left + plot.right) / 2, plot.top + 14, words));
  }
  return svgDocument({
    width,
    height,
    title: options.title,
    description: words.barDescription(
      options.xLabel,
      options.items.map((item) => ({
        label: item.label,
        value: valueText(item),
      })),
    ),
    body,
    words,
  });
}
