// Posting descriptions as text: htmlToText with one repair first. ATS editors wrap every list item's text
// in a paragraph (<li><p>…</p></li>), which would put the "- " bullet on a line of its own.
import type { AnyNode } from 'domhandler';
import { htmlToText, nodesToText } from '../../src/text/html-to-text.js';

/** Plain text of a posting's HTML description, paragraphs and "- " list items kept. */
export function descriptionText(html: string): string {
  // HTML's white space only between the tags (not a no-break space), as descriptionNodesText reads nodes.
  const tidied = html
    .replace(/<li\b([^>]*)>[ \t\n\f\r]*<p\b[^>]*>/gi, '<li$1>')
    .replace(/<\/p>[ \t\n\f\r]*<\/li>/gi, '</li>');
  return htmlToText(tidied);
}

/**
 * The same text read from nodes already parsed (a page's description element), without writing them out
 * as HTML and parsing them again: what descriptionText gives for their HTML.
 */
export function descriptionNodesText(nodes: AnyNode[]): string {
  return nodesToText(nodes, { itemParagraphs: 'inline' });
}
