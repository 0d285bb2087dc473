// The HTML form of a trend report: one self-contained file to forward by mail or chat. It is rendered from the
// very markdown of the markdown form (markdown-it, raw HTML off, so text from postings stays text), with every
// chart image replaced by the chart's SVG inline and the style in a <style> element: no file beside it, no
// request to anywhere when it is opened. `<html lang>` is the catalogue's (en, zh-CN). Pure: same in, same bytes.
import MarkdownIt, { type Token } from 'markdown-it';
import { messagesFor } from './messages/catalogues.js';
import type { RenderedReport } from './render-report.js';

export interface HtmlReport {
  /** File name, relative to the output folder: "2026-11-25-ai-trainer-shanghai-2025-10.html". */
  name: string;
  html: string;
}

export function renderHtml(report: RenderedReport): HtmlReport {
  const t = messagesFor(report.lang);
  const charts = new Map(report.files.map((file) => [file.name, file.content]));
  // html: false — any markup in the markdown (there should be none: posting text is escaped) is shown as text.
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  let shown = 0;
  md.renderer.rules.image = (tokens, index) => {
    const token = tokens[index]!;
    const src = String(token.attrGet('src') ?? '');
    const svg = charts.get(safeDecode(src));
    const alt = md.utils.escapeHtml(token.content);
    if (svg === undefined) return `<span class="missing-chart">${alt}</span>`;
    shown += 1;
    return inlineSvg(svg, `chart-${shown}`);
  };
  const tokens = md.parse(report.markdown, {});
  const body = md.renderer.render(tokens, md.options, {});
  const title = documentTitle(tokens) ?? report.name;
  const html = [
    '<!doctype html>',
    `<html lang="${md.utils.escapeHtml(t.htmlLang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${md.utils.escapeHtml(title)}</title>`,
    `<style>${style(t.chart.fontStack)}</style>`,
    '</head>',
    '<body>',
    '<main>',
    body.trimEnd(),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
  return { name: report.name.replace(/\.md$/, '.html'), html };
}

/** A chart's SVG inside the page: its title and description ids made unique to it (aria-labelledby still works). */
function inlineSvg(svg: string, id: string): string {
  return svg
    .trimEnd()
    .replace('aria-labelledby="title desc"', `aria-labelledby="${id}-title ${id}-desc"`)
    .replace('<title id="title">', `<title id="${id}-title">`)
    .replace('<desc id="desc">', `<desc id="${id}-desc">`)
    .replace(/^<svg /, '<svg class="chart" ');
}

function safeDecode(src: string): string {
  try {
    return decodeURI(src);
  } catch {
    return src;
  }
}

/** The text of the first top-level heading, for the page's <title>. */
function documentTitle(tokens: Token[]): string | null {
  const open = tokens.findIndex((token) => token.type === 'heading_open' && token.tag === 'h1');
  const inline = open >= 0 ? tokens[open + 1] : undefined;
  if (!inline?.children) return null;
  return inline.children
    .filter((child) => child.type === 'text' || child.type === 'code_inline')
    .map((child) => child.content)
    .join('');
}

function style(fontStack: string): string {
  // The font stack is the catalogue's own constant (quotes inside are fine in CSS); nothing here comes from data.
  return [
    `body{font-family:${fontStack};color:#1f2328;background:#fff;margin:0;line-height:1.5}`,
    'main{max-width:960px;margin:0 auto;padding:24px}',
    'h1{font-size:1.8em;border-bottom:1px solid #d1d9e0;padding-bottom:.3em}',
    'h2{font-size:1.4em;border-bottom:1px solid #d1d9e0;padding-bottom:.3em;margin-top:1.6em}',
    'table{border-collapse:collapse;margin:1em 0;display:block;overflow-x:auto}',
    'th,td{border:1px solid #d1d9e0;padding:4px 10px}',
    'th{background:#f6f8fa}',
    'tr:nth-child(2n) td{background:#f6f8fa}',
    'blockquote{margin:1em 0;padding:.5em 1em;border-left:4px solid #bc4c00;background:#fff8c5}',
    'code{background:#eff1f3;border-radius:4px;padding:.1em .3em;font-size:90%}',
    'svg.chart{display:block;max-width:100%;height:auto;margin:1em 0}',
    '.missing-chart{color:#59636e;font-style:italic}',
  ].join('\n');
}
