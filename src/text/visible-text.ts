// What a person sees of an HTML page: its title (the browser tab) and the text of its body, without
// scripts, styles, comments, SVG paths or elements the page hides. Block detection reads this, never the
// script source: a results page that ships a CAPTCHA widget's code shows results, not the widget.
import * as cheerio from 'cheerio';

export interface VisiblePage {
  /** The text of <title>, entities decoded, whitespace collapsed. */
  title: string;
  /** The body's text as shown, whitespace collapsed to single spaces. */
  text: string;
}

// Elements whose content is never shown as text.
const UNSEEN = /<(script|style|noscript|template|svg|textarea|head)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;

/**
 * The title and visible text of a page, read cheaply with regular expressions (a 2 MB page takes a few
 * milliseconds). Hidden elements (hidden, aria-hidden, display:none) are still counted here: call
 * `withoutHiddenElements` when a decision depends on them.
 */
export function visiblePage(html: string): VisiblePage {
  const title = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(html)?.[1] ?? '';
  const text = html
    .replace(COMMENT, ' ')
    .replace(UNSEEN, ' ')
    .replace(/<[^>]*>/g, ' ');
  return { title: collapse(decodeEntities(title)), text: collapse(decodeEntities(text)) };
}

/** The visible text again, this time without the elements the page hides (a parse: use sparingly). */
export function withoutHiddenElements(html: string): VisiblePage {
  const $ = cheerio.load(html);
  $('script, style, noscript, template, svg, textarea').remove();
  $('[hidden], [aria-hidden="true"]').remove();
  $('[style]')
    .filter((_, el) => /display\s*:\s*none|visibility\s*:\s*hidden/i.test($(el).attr('style') ?? ''))
    .remove();
  return { title: collapse($('title').first().text()), text: collapse($('body').text()) };
}

const NAMED: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  ensp: ' ',
  emsp: ' ',
  middot: '·',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED[body.toLowerCase()] ?? entity;
  });
}

function collapse(text: string): string {
  return text.replace(/[\s\u00a0\u3000]+/g, ' ').trim();
}
