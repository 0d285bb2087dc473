// HTML bodies of postings (Greenhouse content, Lever descriptions, HN comments …) as plain text with
// paragraphs and list items kept, entities decoded, scripts and styles dropped. One walk over the parsed
// nodes: a block element stands on lines of its own, a list item starts with "- ", <br> breaks the line.
import * as cheerio from 'cheerio';
import type { AnyNode } from 'domhandler';

const BLOCKS = new Set([
  'p',
  'div',
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'tr',
  'section',
  'article',
  'blockquote',
  'pre',
]);
const DROPPED = new Set(['script', 'style', 'noscript', 'template']);

/** Plain text of an HTML fragment: one blank line between paragraphs, "- " before list items. */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return normaliseWhitespace(html);
  const $ = cheerio.load(html, null, false);
  return nodesToText($.root().contents().toArray());
}

/** Plain text of nodes already parsed (a scraper's cheerio selection), by the same rules as htmlToText. */
export function nodesToText(nodes: AnyNode[]): string {
  const parts: string[] = [];
  for (const node of nodes) walk(node, parts);
  return normaliseWhitespace(parts.join(''));
}

function walk(node: AnyNode, parts: string[]): void {
  if (node.type === 'text') {
    parts.push(node.data);
    return;
  }
  if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style' && node.type !== 'cdata') return;
  if (node.type === 'cdata') {
    for (const child of node.children) walk(child, parts);
    return;
  }
  const name = node.name.toLowerCase();
  if (DROPPED.has(name)) return;
  if (name === 'br') {
    parts.push('\n');
    return;
  }
  const block = BLOCKS.has(name);
  if (block) parts.push('\n\n');
  if (name === 'li') parts.push('- ');
  for (const child of node.children) walk(child, parts);
  if (block) parts.push('\n\n');
}

/** Collapses runs of spaces, keeps at most one blank line, trims. */
export function normaliseWhitespace(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v\u00a0\u3000]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
