// A horizontal box chart of pay ranges: for each group (a role) a box from the lower to the upper
// quartile with the median marked and whiskers to the 10th and 90th percentiles. One chart holds one
// currency and one pay period only, named in the axis label. Pure: data in, SVG text out.
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
}

export function renderBoxChart(options: BoxChartOptions): string {
  const width = options.width ?? 720;
  const rowHeight = 34;
  const top = 52;
  const height = top + Math.max(1, options.groups.length) * rowHeight + 56;
  const plot = { left: 200, right: width - 80, top, bottom: height - 56 };
  const lo = options.groups.length > 0 ? Math.min(...options.groups.map((g) => g.p10)) : 0;
  const hi = options.groups.length > 0 ? Math.max(...options.groups.map((g) => g.p90)) : 1;
  const ticks = niceTicks(Math.max(0, lo - (hi - lo) * 0.05), hi, 5);
  const xMin = ticks[0]!;
  const xMax = ticks[ticks.length - 1]!;
  const x = (v: number) => plot.left + ((plot.right - plot.left) * (v - xMin)) / (xMax - xMin || 1);
  const body: string[] = [];

  for (const tick of ticks) {
    body.push(line(x(tick), plot.top - 4, x(tick), plot.bottom, COLORS.grid));
    body.push(
      text(x(tick), plot.bottom + 16, formatTick(tick), { anchor: 'middle', size: 11, fill: COLORS.muted }),
    );
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
    body.push(text(x(g.p90) + 8, cy + 4, `n=${g.n}`, { size: 11, fill: COLORS.muted }));
  });
  body.push(line(plot.left, plot.top - 4, plot.left, plot.bottom, COLORS.axis));
  body.push(
    text((plot.left + plot.right) / 2, height - 14, options.xLabel, { anchor: 'middle', fill: COLORS.muted }),
  );
  body.push(
    text(width - 12, 44, 'box: 25th–75th percentile · bar: median · whiskers: 10th–90th', {
      anchor: 'end',
      size: 11,
      fill: COLORS.muted,
    }),
  );
  if (options.groups.length === 0) {
    body.push(noDataText((plot.left + plot.right) / 2, plot.top + 14));
  }
  return svgDocument({
    width,
    height,
    title: options.title,
    description: `${options.xLabel}: ${options.groups.map((g) => `${g.label} median ${formatTick(g.p50)} (n=${g.n})`).join(', ')}`,
    body,
  });
}
