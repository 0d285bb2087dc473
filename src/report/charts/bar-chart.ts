// A horizontal bar chart of labelled values (top skills by share, top companies …): one bar per item,
// largest first as given, value printed at the end of each bar. The label column is as wide as its longest
// label (measured, CJK counted wide) up to 40% of the chart, so labels are not cut. Pure: data in, SVG text out.
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
    value: number /** Optional lighter bar behind, e.g. the previous period. */;
    previous?: number | null;
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
  const top = hasPrevious ? 64 : 48;
  const height = top + Math.max(1, options.items.length) * (barHeight + gap) + 56;
  const left = labelColumn(
    options.items.map((item) => item.label),
    width,
  );
  const plot = { left, right: width - 72, top, bottom: height - 56 };
  const values = options.items.flatMap((item) => [item.value, item.previous ?? 0]);
  const ticks = niceTicks(0, values.length > 0 ? Math.max(...values) : 1, 5);
  const xMax = ticks[ticks.length - 1]! || 1;
  const x = (v: number) => plot.left + ((plot.right - plot.left) * v) / xMax;
  const tick = (v: number) => words.tick(v, options.percent ?? false);
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
    body.push(
      text(x(Math.max(item.value, item.previous ?? 0)) + 6, y + barHeight / 2 + 4, tick(item.value), {
        size: 11,
        fill: COLORS.muted,
      }),
    );
  });
  body.push(line(plot.left, plot.top - 4, plot.left, plot.bottom, COLORS.axis));
  body.push(
    text((plot.left + plot.right) / 2, height - 14, options.xLabel, { anchor: 'middle', fill: COLORS.muted }),
  );
  if (hasPrevious) {
    const current = options.seriesName ?? words.thisPeriod;
    // The second entry starts after the first one's measured width (at least 180 px in).
    const second = plot.left + Math.max(180, Math.ceil(20 + textWidth(current, 11) + 24));
    body.push(rect(plot.left, 38, 14, 10, COLORS.primary));
    body.push(text(plot.left + 20, 47, current, { size: 11 }));
    body.push(rect(second, 38, 14, 10, COLORS.fillMuted));
    body.push(text(second + 20, 47, options.previousName ?? words.previousPeriod, { size: 11 }));
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
      options.items.map((item) => ({ label: item.label, value: tick(item.value) })),
    ),
    body,
    words,
  });
}
