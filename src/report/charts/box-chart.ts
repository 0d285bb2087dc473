// A horizontal box chart of pay ranges: for each group (a role) a box from the lower to the upper
// quartile with the median marked and whiskers to the 10th and 90th percentiles. One chart holds one
// currency and one pay period only, named in the axis label. The label column is measured like the bar
// chart's, so role names are not cut. Pure: data in, SVG text out.
import { en } from '../messages/en.js';
import type { ChartWords } from '../messages/report-messages.js';
import { labelColumn } from './bar-chart.js';
import { COLORS, fitText, line, niceTicks, noDataText, rect, svgDocument, text } from './svg-frame.js';

export interface BoxGroup {
  label: string;
  /** Number of postings behind the box, printed beside it. */
  n: number;
  p10: number;
  p25: number;
  p50: number;
  p75: number;
  p90: number;
}

export interface BoxChartOptions {
  title: string;
  groups: BoxGroup[];
  /** Axis label with its unit, e.g. "pay, CNY per month (midpoint of the posted range)". */
  xLabel: string;
  width?: number;
  /** Words inside the chart (default English). */
  words?: ChartWords;
}

export function renderBoxChart(options: BoxChartOptions): string {
  const words = options.words ?? en.chart;
  const width = options.width ?? 720;
  const rowHeight = 34;
  const top = 52;
  const height = top + Math.max(1, options.groups.length) * rowHeight + 56;
  const left = labelColumn(
    options.groups.map((g) => g.label),
    width,
  );
  const plot = { left, right: width - 80, top, bottom: height - 56 };
  const lo = options.groups.length > 0 ? Math.min(...options.groups.map((g) => g.p10)) : 0;
  const hi = options.groups.length > 0 ? Math.max(...options.groups.map((g) => g.p90)) : 1;
  const ticks = niceTicks(Math.max(0, lo - (hi - lo) * 0.05), hi, 5);
  const xMin = ticks[0]!;
  const xMax = ticks[ticks.length - 1]!;
  const x = (v: number) => plot.left + ((plot.right - plot.left) * (v - xMin)) / (xMax - xMin || 1);
  const tick = (v: number) => words.tick(v, false);
  const body: string[] = [];

  for (const t of ticks) {
    body.push(line(x(t), plot.top - 4, x(t), plot.bottom, COLORS.grid));
    body.push(text(x(t), plot.bottom + 16, tick(t), { anchor: 'middle', size: 11, fill: COLORS.muted }));
  }
  options.groups.forEach((g, i) => {
    const cy = plot.top + i * rowHeight + rowHeight / 2;
    body.push(text(plot.left - 8, cy + 4, fitText(g.label, plot.left - 16), { anchor: 'end' }));
    body.push(line(x(g.p10), cy, x(g.p25), cy, COLORS.axis));
    body.push(line(x(g.p75), cy, x(g.p90), cy, COLORS.axis));
    body.push(line(x(g.p10), cy - 6, x(g.p10), cy + 6, COLORS.axis));
    body.push(line(x(g.p90), cy - 6, x(g.p90), cy + 6, COLORS.axis));
    body.push(
      rect(x(g.p25), cy - 10, x(g.p75) - x(g.p25), 20, COLORS.fillMuted, `stroke="${COLORS.primary}"`),
    );
    body.push(line(x(g.p50), cy - 10, x(g.p50), cy + 10, COLORS.primary, 'stroke-width="3"'));
    body.push(text(x(g.p90) + 8, cy + 4, words.boxCount(g.n), { size: 11, fill: COLORS.muted }));
  });
  body.push(line(plot.left, plot.top - 4, plot.left, plot.bottom, COLORS.axis));
  body.push(
    text((plot.left + plot.right) / 2, height - 14, options.xLabel, { anchor: 'middle', fill: COLORS.muted }),
  );
  body.push(text(width - 12, 44, words.boxLegend, { anchor: 'end', size: 11, fill: COLORS.muted }));
  if (options.groups.length === 0) {
    body.push(noDataText((plot.left + plot.right) / 2, plot.top + 14, words));
  }
  return svgDocument({
    width,
    height,
    title: options.title,
    description: words.boxDescription(
      options.xLabel,
      options.groups.map((g) => ({ label: g.label, median: tick(g.p50), n: g.n })),
    ),
    body,
    words,
  });
}
