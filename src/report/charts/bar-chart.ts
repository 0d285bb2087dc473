// A horizontal bar chart of labelled values (top skills by share, top companies …): one bar per item,
// largest first as given, value printed at the end of each bar. Pure: data in, SVG text out.
import {
  COLORS,
  fitText,
  formatTick,
  line,
  niceTicks,
  noDataText,
  rect,
  svgDocument,
  text,
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
}

export function renderBarChart(options: BarChartOptions): string {
  const width = options.width ?? 720;
  const barHeight = 18;
  const gap = 8;
  const hasPrevious = options.items.some((item) => item.previous !== undefined && item.previous !== null);
  const top = hasPrevious ? 64 : 48;
  const height = top + Math.max(1, options.items.length) * (barHeight + gap) + 56;
  const plot = { left: 200, right: width - 72, top, bottom: height - 56 };
  const values = options.items.flatMap((item) => [item.value, item.previous ?? 0]);
  const ticks = niceTicks(0, values.length > 0 ? Math.max(...values) : 1, 5);
  const xMax = ticks[ticks.length - 1]! || 1;
  const x = (v: number) => plot.left + ((plot.right - plot.left) * v) / xMax;
  const body: string[] = [];

  for (const tick of ticks) {
    body.push(line(x(tick), plot.top - 4, x(tick), plot.bottom, COLORS.grid));
    body.push(
      text(x(tick), plot.bottom + 16, formatTick(tick, options.percent), {
        anchor: 'middle',
        size: 11,
        fill: COLORS.muted,
      }),
    );
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
      text(
        x(Math.max(item.value, item.previous ?? 0)) + 6,
        y + barHeight / 2 + 4,
        formatTick(item.value, options.percent),
        { size: 11, fill: COLORS.muted },
      ),
    );
  });
  body.push(line(plot.left, plot.top - 4, plot.left, plot.bottom, COLORS.axis));
  body.push(
    text((plot.left + plot.right) / 2, height - 14, options.xLabel, { anchor: 'middle', fill: COLORS.muted }),
  );
  if (hasPrevious) {
    body.push(rect(plot.left, 38, 14, 10, COLORS.primary));
    body.push(text(plot.left + 20, 47, options.seriesName ?? 'this period', { size: 11 }));
    body.push(rect(plot.left + 180, 38, 14, 10, COLORS.fillMuted));
    body.push(text(plot.left + 200, 47, options.previousName ?? 'previous period', { size: 11 }));
  }
  if (options.items.length === 0) {
    body.push(noDataText((plot.left + plot.right) / 2, plot.top + 14));
  }
  return svgDocument({
    width,
    height,
    title: options.title,
    description: `${options.xLabel}: ${options.items.map((item) => `${item.label} ${formatTick(item.value, options.percent)}`).join(', ')}`,
    body,
  });
}
