// HTML bodies of postings (Greenhouse content, Lever descriptions, HN comments …) as plain text with
// paragraphs and list items kept, entities decoded, scripts and styles dropped; and entity decoding alone.
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

/** Decodes HTML entities (&amp; &#x2B; &quot; …) of a text that holds no tags. */
export function decodeEntities(value: string): string {
  if (!value.includes('&')) return value;
  return cheerio
    .load(
      `<t>${value.replace(/</g, '&lt;')}</t>`,
      null,
      false,
    )('t')
    .text();
}
