// Shared pieces of the report's SVG charts: the document frame (size, background, the language's font stack,
// title, accessible description), text measurement, fitting and truncation, and number formatting. Pure
// functions; every piece of text goes through escapeXml. The words inside charts (tick labels, "no data",
// legends) come from the report's message catalogue (ChartWords); English when none is given.

import { isEastAsianWide } from '../../text/east-asian-width.js';
import { formatCount } from '../format.js';
import { escapeXml } from '../markdown-escape.js';
import type { ChartWords } from '../messages/report-messages.js';

export const COLORS = {
  text: '#1f2328',
  muted: '#59636e',
  grid: '#d1d9e0',
  axis: '#59636e',
  primary: '#0969da',
  secondary: '#bc4c00',
  fill: '#54aeff',
  fillMuted: '#b6e3ff',
  background: '#ffffff',
} as const;

export interface FrameOptions {
  width: number;
  height: number;
  title: string;
  /** One sentence for screen readers: what the chart shows. */
  description: string;
  body: string[];
  words: Pick<ChartWords, 'fontStack' | 'svgLang'>;
}

/** Title sizes tried, largest first, until the title fits the chart's width. */
const TITLE_SIZES = [16, 15, 14, 13, 12];

/** Wraps chart elements in a standalone SVG document with its title (smaller, rather than cut, when long). */
export function svgDocument(options: FrameOptions): string {
  const { width, height, words } = options;
  const room = width - 24;
  const size = TITLE_SIZES.find((s) => textWidth(options.title, s) <= room) ?? 12;
  const lang = words.svgLang ? ` xml:lang="${escapeXml(words.svgLang)}"` : '';
  // The font-family attribute is on the root so every <text> inherits it; quotes inside are XML-escaped.
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="title desc"${lang} font-family="${escapeXml(words.fontStack)}" font-size="12">`,
    `<title id="title">${escapeXml(options.title)}</title>`,
    `<desc id="desc">${escapeXml(options.description)}</desc>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="${COLORS.background}"/>`,
    text(width / 2, 24, fitText(options.title, room, size), { anchor: 'middle', size, weight: 'bold' }),
    ...options.body,
    '</svg>',
    '',
  ].join('\n');
}

export interface TextOptions {
  anchor?: 'start' | 'middle' | 'end';
  size?: number;
  weight?: 'bold' | 'normal';
  fill?: string;
  rotate?: number;
  baseline?: 'middle' | 'hanging' | 'auto';
}

/** One <text> element with escaped content. */
export function text(x: number, y: number, content: string, options: TextOptions = {}): string {
  const attrs = [`x="${num(x)}"`, `y="${num(y)}"`];
  if (options.anchor && options.anchor !== 'start') attrs.push(`text-anchor="${options.anchor}"`);
  if (options.size) attrs.push(`font-size="${options.size}"`);
  if (options.weight === 'bold') attrs.push('font-weight="bold"');
  if (options.baseline && options.baseline !== 'auto') attrs.push(`dominant-baseline="${options.baseline}"`);
  attrs.push(`fill="${options.fill ?? COLORS.text}"`);
  if (options.rotate) attrs.push(`transform="rotate(${options.rotate} ${num(x)} ${num(y)})"`);
  return `<text ${attrs.join(' ')}>${escapeXml(content)}</text>`;
}

/** "no data", centred on x at height y, for a chart with nothing to draw. */
export function noDataText(x: number, y: number, words: Pick<ChartWords, 'noData'>): string {
  return text(x, y, words.noData, { anchor: 'middle', fill: COLORS.muted });
}

export function line(x1: number, y1: number, x2: number, y2: number, stroke: string, extra = ''): string {
  return `<line x1="${num(x1)}" y1="${num(y1)}" x2="${num(x2)}" y2="${num(y2)}" stroke="${stroke}"${extra ? ` ${extra}` : ''}/>`;
}

export function rect(x: number, y: number, width: number, height: number, fill: string, extra = ''): string {
  return `<rect x="${num(x)}" y="${num(y)}" width="${num(Math.max(0, width))}" height="${num(Math.max(0, height))}" fill="${fill}"${extra ? ` ${extra}` : ''}/>`;
}

/** Coordinates with at most two decimals, so output is stable and small. */
export function num(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/**
 * Approximate rendered width in px, erring wide so that what is measured to fit does fit: CJK ideographs,
 * kana, hangul and full-width forms are 1em; the punctuation CJK fonts draw full width (— … “ ” ‘ ’ ·) is
 * counted as 1em too; Latin and digits are about 0.6em.
 */
export function textWidth(content: string, size = 12): number {
  let width = 0;
  for (const ch of content) width += isWide(ch.codePointAt(0)!) ? size : size * 0.6;
  return width;
}

/** East Asian wide characters, and the punctuation CJK fonts draw a full em wide (— … “ ” ‘ ’ ·). */
function isWide(cp: number): boolean {
  return isEastAsianWide(cp) || cp === 0x00b7 || (cp >= 0x2014 && cp <= 0x2026);
}

/**
 * Shortens text with "…" so it fits `maxWidth` px, cut where a word ends, never inside one: after the last space
 * that fits (keeping at least a third of the room), else between two CJK characters (Chinese has no spaces and
 * breaks between characters), else — one Latin word longer than the room — inside it. Punctuation and an opening
 * bracket left hanging at the cut go too: "Attention to detail (细心)" → "Attention to detail…".
 */
export function fitText(content: string, maxWidth: number, size = 12): string {
  if (textWidth(content, size) <= maxWidth) return content;
  const chars = [...content];
  let fits = 0;
  while (fits < chars.length && textWidth(`${chars.slice(0, fits + 1).join('')}…`, size) <= maxWidth) fits++;
  const room = (cut: number) => textWidth(chars.slice(0, cut).join(''), size);
  let cut = -1;
  for (let i = fits; i > 0; i--) {
    if (/\s/u.test(chars[i]!) || /\s/u.test(chars[i - 1]!)) {
      if (room(i) >= maxWidth / 3) cut = i;
      break;
    }
  }
  if (cut === -1) {
    for (let i = fits; i > 0; i--) {
      if (
        isWide(chars[i - 1]!.codePointAt(0)!) &&
        (i === chars.length || isWide(chars[i]!.codePointAt(0)!))
      ) {
        cut = i;
        break;
      }
    }
  }
  if (cut === -1) cut = fits;
  const head = chars
    .slice(0, cut)
    .join('')
    .replace(/[\s([{（【「『“‘《〈\-–—·,，、.。:：;；/]+$/u, '');
  return `${head}…`;
}

/** Evenly spaced "nice" ticks (steps of 1, 2 or 5 × 10^k) covering [min, max]. */
export function niceTicks(min: number, max: number, target = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (max <= min) max = min + (min === 0 ? 1 : Math.abs(min) * 0.1 || 1);
  const rough = (max - min) / Math.max(1, target);
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  const first = Math.floor(min / step) * step;
  const ticks: number[] = [];
  for (let v = first; v <= max + step * 1e-9; v += step) ticks.push(roundTo(v, step));
  if (ticks[ticks.length - 1]! < max) ticks.push(roundTo(first + ticks.length * step, step));
  return ticks;
}

function roundTo(value: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Number(value.toFixed(decimals));
}

/** Tick labels: 1,234 · 1.5k · 12.5k · 1.2M; percentages when `percent` (values are fractions). */
export function formatTick(value: number, percent = false): string {
  if (percent) {
    const pct = value * 100;
    return `${Number(pct.toFixed(1))}%`;
  }
  const abs = Math.abs(value);
  if (abs >= 1_000_000) return `${Number((value / 1_000_000).toFixed(1))}M`;
  if (abs >= 1000 && value % 100 === 0) return `${Number((value / 1000).toFixed(1))}k`;
  if (Number.isInteger(value)) return formatCount(value);
  return String(Number(value.toFixed(2)));
}
