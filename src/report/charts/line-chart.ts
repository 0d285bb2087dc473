// A line chart over time buckets (weeks or months): the observed series as a line with points in a shaded
// band (its 95% interval), and an optional fitted trend as a dashed line in a band of its own (the trend's 95%
// interval), each band named in the legend. Text is measured (CJK counted wide) rather than cut: legend entries
// that do not fit side by side go on rows of their own, and axis labels are thinned to the room they need.
// Pure: data in, SVG text out; same input, same bytes.
import { en } from '../messages/en.js';
import type { ChartWords } from '../messages/report-messages.js';
import {
  COLORS,
  fitText,
  line,
  niceTicks,
  noDataText,
  num,
  rect,
  svgDocument,
  text,
  textWidth,
} from './svg-frame.js';

export interface LineChartOptions {
  title: string;
  /** Bucket labels, e.g. "2026-01" or "2026-W03": along the x axis, and in the description. */
  labels: string[];
  /**
   * The x-axis label of bucket `index`, given the bucket whose label is shown before it (null for the first
   * shown), so a label can leave out what the one before it said (the year). Default: `labels[index]`.
   */
  axisLabel?: (index: number, previousShown: number | null) => string;
  /** Observed values, one per label (null = no data for that bucket: the line breaks). */
  values: (number | null)[];
  /** Fitted trend, one per label (null where there is none). */
  trend?: (number | null)[];
  /** The observed values' 95% interval, one bound per label (null where there is none): a shaded band. */
  band?: IntervalBand | null;
  /** The fitted trend's 95% interval, one bound per label: a shaded band around the dashed line. */
  trendBand?: IntervalBand | null;
  seriesName: string;
  trendName?: string;
  xLabel: string;
  /** Axis label with its unit, e.g. "new postings per month". */
  yLabel: string;
  /** Values are fractions shown as percentages. */
  percent?: boolean;
  width?: number;
  height?: number;
  /** Words inside the chart (default English). */
  words?: ChartWords;
}

export interface IntervalBand {
  lower: (number | null)[];
  upper: (number | null)[];
}

const LEGEND_ROW = 16;
const BAND_OPACITY = '0.18';

export function renderLineChart(options: LineChartOptions): string {
  const words = options.words ?? en.chart;
  const width = options.width ?? 720;
  const plotLeft = 72;
  const plotRight = width - 24;
  // Legend, top left: side by side when the entries fit on one row, else one row each (the plot moves down).
  const legend: { name: string; color: string; dash: boolean; band: boolean }[] = [
    { name: options.seriesName, color: COLORS.primary, dash: false, band: false },
  ];
  const hasBand = (b: IntervalBand | null | undefined): b is IntervalBand =>
    b?.upper.some((v) => v !== null && Number.isFinite(v)) === true;
  if (hasBand(options.band))
    legend.push({ name: words.band, color: COLORS.primary, dash: false, band: true });
  const hasTrend = Boolean(options.trendName && options.trend?.some((v) => v !== null));
  if (hasTrend) legend.push({ name: options.trendName!, color: COLORS.secondary, dash: true, band: false });
  if (hasTrend && hasBand(options.trendBand)) {
    legend.push({ name: words.trendBand, color: COLORS.secondary, dash: false, band: true });
  }
  const entryWidth = (name: string) => 30 + textWidth(name) + 24;
  const oneRow = legend.reduce((sum, e) => sum + entryWidth(e.name), 0) <= plotRight - plotLeft;
  const extraRows = oneRow ? 0 : legend.length - 1;
  const height = (options.height ?? 360) + extraRows * LEGEND_ROW;
  const plot = { left: plotLeft, right: plotRight, top: 60 + extraRows * LEGEND_ROW, bottom: height - 64 };
  const n = options.labels.length;
  const all = [
    ...options.values,
    ...(options.trend ?? []),
    ...(hasBand(options.band) ? options.band.upper : []),
    ...(hasTrend && hasBand(options.trendBand) ? options.trendBand.upper : []),
  ].filter((v): v is number => v !== null && Number.isFinite(v));
  const ticks = niceTicks(0, all.length > 0 ? Math.max(...all) : 1, 5);
  const yMax = ticks[ticks.length - 1]!;
  const x = (i: number) =>
    n <= 1 ? (plot.left + plot.right) / 2 : plot.left + ((plot.right - plot.left) * i) / (n - 1);
  const y = (v: number) => plot.bottom - ((plot.bottom - plot.top) * v) / (yMax || 1);
  const body: string[] = [];

  for (const tick of ticks) {
    body.push(line(plot.left, y(tick), plot.right, y(tick), COLORS.grid));
    body.push(
      text(plot.left - 8, y(tick) + 4, words.tick(tick, options.percent ?? false), {
        anchor: 'end',
        fill: COLORS.muted,
      }),
    );
  }
  body.push(line(plot.left, plot.bottom, plot.right, plot.bottom, COLORS.axis));
  body.push(line(plot.left, plot.top, plot.left, plot.bottom, COLORS.axis));

  // At most ~12 labels along the axis, each with room for its measured width; always the first and the last.
  const spacing = n <= 1 ? plot.right - plot.left : (plot.right - plot.left) / (n - 1);
  const axisText = (i: number, previous: number | null) =>
    options.axisLabel ? options.axisLabel(i, previous) : options.labels[i]!;
  const widest = Math.max(0, ...options.labels.map((_, i) => textWidth(axisText(i, null), 11)));
  const every = Math.max(1, Math.ceil(n / 12), Math.ceil((widest + 4) / spacing));
  let previous: number | null = null;
  options.labels.forEach((_, i) => {
    // A stride label too close to the last one gives way to it.
    if (i !== n - 1 && (i % every !== 0 || (every > 1 && n - 1 - i < every))) return;
    const label = axisText(i, previous);
    previous = i;
    body.push(line(x(i), plot.bottom, x(i), plot.bottom + 4, COLORS.axis));
    body.push(
      text(x(i), plot.bottom + 18, fitText(label, Math.max(80, spacing * every - 4), 11), {
        anchor: 'middle',
        size: 11,
        fill: COLORS.muted,
      }),
    );
  });

  body.push(
    text((plot.left + plot.right) / 2, height - 12, options.xLabel, { anchor: 'middle', fill: COLORS.muted }),
  );
  body.push(
    text(18, (plot.top + plot.bottom) / 2, options.yLabel, {
      anchor: 'middle',
      fill: COLORS.muted,
      rotate: -90,
    }),
  );

  if (hasTrend && hasBand(options.trendBand)) {
    body.push(bandPolygons(options.trendBand, x, y, COLORS.secondary, 'trend-band'));
  }
  if (hasBand(options.band)) body.push(bandPolygons(options.band, x, y, COLORS.primary, 'band'));
  if (hasTrend) {
    body.push(polyline(options.trend!, x, y, COLORS.secondary, 'stroke-dasharray="6 4"'));
  }
  body.push(polyline(options.values, x, y, COLORS.primary, ''));
  options.values.forEach((v, i) => {
    if (v !== null && Number.isFinite(v)) {
      body.push(`<circle cx="${num(x(i))}" cy="${num(y(v))}" r="3" fill="${COLORS.primary}"/>`);
    }
  });

  let lx = plot.left;
  legend.forEach((entry, i) => {
    const ly = 44 + (oneRow ? 0 : i * LEGEND_ROW);
    if (!oneRow) lx = plot.left;
    const name = fitText(entry.name, plot.right - lx - 30);
    body.push(
      entry.band
        ? rect(lx, ly - 10, 24, 12, entry.color, `fill-opacity="${BAND_OPACITY}"`)
        : line(
            lx,
            ly - 4,
            lx + 24,
            ly - 4,
            entry.color,
            `stroke-width="2"${entry.dash ? ' stroke-dasharray="6 4"' : ''}`,
          ),
    );
    body.push(text(lx + 30, ly, name, { fill: COLORS.text }));
    lx += entryWidth(name);
  });

  if (all.length === 0) {
    body.push(noDataText((plot.left + plot.right) / 2, (plot.top + plot.bottom) / 2, words));
  }

  return svgDocument({
    width,
    height,
    title: options.title,
    description: words.lineDescription(
      options.seriesName,
      options.xLabel,
      options.labels[0] ?? '',
      options.labels[n - 1] ?? '',
    ),
    body,
    words,
  });
}

/** A band's shaded area: one polygon per run of buckets with both bounds, broken where one is missing. */
function bandPolygons(
  band: IntervalBand,
  x: (i: number) => number,
  y: (v: number) => number,
  color: string,
  name: string,
): string {
  const runs: number[][] = [[]];
  band.upper.forEach((upper, i) => {
    const lower = band.lower[i];
    const ok =
      upper !== null &&
      lower !== null &&
      lower !== undefined &&
      Number.isFinite(upper) &&
      Number.isFinite(lower);
    if (!ok) {
      if (runs[runs.length - 1]!.length > 0) runs.push([]);
      return;
    }
    runs[runs.length - 1]!.push(i);
  });
  return runs
    .filter((run) => run.length > 0)
    .map((run) => {
      // One bucket alone is a short vertical bar (a polygon of no width would not show).
      const wide = run.length === 1 ? 3 : 0;
      const top = run.map((i) => `${num(x(i) - wide)},${num(y(band.upper[i]!))}`);
      if (wide) top.push(`${num(x(run[0]!) + wide)},${num(y(band.upper[run[0]!]!))}`);
      const bottom = [...run].reverse().map((i) => `${num(x(i) + wide)},${num(y(band.lower[i]!))}`);
      if (wide) bottom.push(`${num(x(run[0]!) - wide)},${num(y(band.lower[run[0]!]!))}`);
      return `<polygon class="${name}" points="${[...top, ...bottom].join(' ')}" fill="${color}" fill-opacity="${BAND_OPACITY}" stroke="none"/>`;
    })
    .join('\n');
}

/** Polyline segments, broken where a value is missing. */
function polyline(
  values: (number | null)[],
  x: (i: number) => number,
  y: (v: number) => number,
  color: string,
  extra: string,
): string {
  const segments: string[][] = [[]];
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      if (segments[segments.length - 1]!.length > 0) segments.push([]);
      return;
    }
    segments[segments.length - 1]!.push(`${num(x(i))},${num(y(v))}`);
  });
  return segments
    .filter((s) => s.length > 0)
    .map(
      (s) =>
        `<polyline points="${s.join(' ')}" fill="none" stroke="${color}" stroke-width="2"${extra ? ` ${extra}` : ''}/>`,
    )
    .join('\n');
}
