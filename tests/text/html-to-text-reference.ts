// The htmlToText that walked the DOM by changing it (prepend, before, after, replaceWith), kept as the
// reference the one-walk version in src/text/html-to-text.ts is checked against.
import * as cheerio from 'cheerio';

const BLOCK = 'p, div, br, li, ul, ol, h1, h2, h3, h4, h5, h6, tr, section, article, blockquote, pre';

/** Plain text of an HTML fragment: one blank line between paragraphs, "- " before list items. */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return normaliseWhitespace(html);
  const $ = cheerio.load(html, null, false);
  $('script, style, noscript, template').remove();
  $('li').each((_, el) => {
    $(el).prepend('- ');
  });
  $('br').replaceWith('\n');
  $(BLOCK).each((_, el) => {
    $(el).before('\n\n').after('\n\n');
  });
  return normaliseWhitespace($.root().text());
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
