// HTML bodies of postings (Greenhouse content, Lever descriptions, HN comments …) as plain text with
// paragraphs and list items kept, entities decoded, scripts and styles dropped. One walk over the parsed
// nodes: a block element stands on lines of its own, a list item starts with "- ", <br> breaks the line.
// And entity decoding alone. Parsed with parse5 into domhandler nodes, as cheerio.load does, without loading
// cheerio itself (and the HTTP client it brings): the pipeline runs in threads of their own (the crawl's
// store thread, the import's reader), each of which loads its modules anew.
import type { AnyNode, ParentNode } from 'domhandler';
import { parseFragment } from 'parse5';
import { adapter } from 'parse5-htmlparser2-tree-adapter';
import { normaliseWhitespace } from './whitespace.js';

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
  return nodesToText(fragment(html).children);
}

/** An HTML fragment parsed as cheerio.load(html, null, false) parses it. */
function fragment(html: string): ParentNode {
  return parseFragment(html, { treeAdapter: adapter, scriptingEnabled: true });
}

export interface TextOptions {
  /**
   * A paragraph that opens a list item, or closes it, reads as part of the item ("- text", not "- " and the
   * text a blank line below): ATS editors wrap every item's text in <p>.
   */
  itemParagraphs?: 'inline';
}

/** Plain text of nodes already parsed (a scraper's cheerio selection), by the same rules as htmlToText. */
export function nodesToText(nodes: AnyNode[], options: TextOptions = {}): string {
  const parts: string[] = [];
  for (const node of nodes) walk(node, parts, options.itemParagraphs === 'inline');
  return normaliseWhitespace(parts.join(''));
}

/**
 * The element children of `node` that open and close it, whitespace text aside: HTML's white space only, so
 * a no-break space (&nbsp;) counts as text here as it does in descriptionText's tidying of the markup.
 */
function edges(children: AnyNode[]): { first?: AnyNode; last?: AnyNode } {
  const significant = children.filter((c) => !(c.type === 'text' && /^[ \t\n\f\r]*$/.test(c.data)));
  return { first: significant[0], last: significant.at(-1) };
}

function isParagraph(node: AnyNode | undefined): boolean {
  return node?.type === 'tag' && node.name.toLowerCase() === 'p';
}

function walk(
  node: AnyNode,
  parts: string[],
  inlineItemParagraphs: boolean,
  edge?: 'first' | 'last' | 'both',
): void {
  if (node.type === 'text') {
    parts.push(node.data);
    return;
  }
  if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style' && node.type !== 'cdata') return;
  if (node.type === 'cdata') {
    for (const child of node.children) walk(child, parts, inlineItemParagraphs);
    return;
  }
  const name = node.name.toLowerCase();
  if (DROPPED.has(name)) return;
  if (name === 'br') {
    parts.push('\n');
    return;
  }
  const block = BLOCKS.has(name);
  if (block && edge !== 'first' && edge !== 'both') parts.push('\n\n');
  if (name === 'li') parts.push('- ');
  const inItem = inlineItemParagraphs && name === 'li' ? edges(node.children) : {};
  const opening = isParagraph(inItem.first) ? node.children.indexOf(inItem.first!) : -1;
  const closing = isParagraph(inItem.last) ? node.children.indexOf(inItem.last!) : -1;
  node.children.forEach((child, at) => {
    // The whitespace between the item and a paragraph read as part of it goes with the paragraph's tags.
    if ((at < opening || (closing >= 0 && at > closing)) && child.type === 'text') return;
    const edgeOf =
      at === opening && at === closing
        ? 'both'
        : at === opening
          ? 'first'
          : at === closing
            ? 'last'
            : undefined;
    walk(child, parts, inlineItemParagraphs, edgeOf);
  });
  if (block && edge !== 'last' && edge !== 'both') parts.push('\n\n');
}

/** Decodes HTML entities (&amp; &#x2B; &quot; …) of a text that holds no tags. */
export function decodeEntities(value: string): string {
  if (!value.includes('&')) return value;
  const [wrapper] = fragment(`<t>${value.replace(/</g, '&lt;')}</t>`).children;
  // With every "<" escaped, the wrapper holds one text node (none for an empty text).
  return wrapper && 'children' in wrapper
    ? wrapper.children.map((node) => ('data' in node ? node.data : '')).join('')
    : '';
}
