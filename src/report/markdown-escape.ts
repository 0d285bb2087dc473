// Escaping untrusted text (titles, companies, districts, error summaries taken from postings and runs) for
// the markdown report and its SVG charts, so that no value can break a table, start a list or heading,
// or inject markup, links, images or math. Pure functions.

/**
 * Characters that mean something wherever they stand in a line of CommonMark / GFM, so each is always escaped:
 * emphasis (*), code (`), links and images ([ ]), table cells (|), strikethrough (~) and math ($, on GitHub).
 * The rest are escaped only where they would be read as markup (see escapeMarkdown).
 */
const ALWAYS = new Set(['*', '`', '[', ']', '|', '~', '$']);

/** ASCII punctuation: what a backslash escapes in CommonMark (a backslash before anything else is itself). */
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

/** Control characters, and bidi overrides that could make a cell read differently than it is stored. */
function isInvisible(cp: number): boolean {
  return (
    (cp <= 0x1f && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d) ||
    (cp >= 0x7f && cp <= 0x9f) ||
    cp === 0x200e ||
    cp === 0x200f ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2066 && cp <= 0x2069)
  );
}

function stripInvisible(text: string): string {
  let out = '';
  for (const ch of text) if (!isInvisible(ch.codePointAt(0)!)) out += ch;
  return out;
}

/**
 * Escapes text for one line of markdown (a table cell, a list item, a sentence): whitespace and newlines
 * collapse to one space, and every character CommonMark or GFM would read as markup there is backslash-escaped —
 * and only those, so the text still reads as text ("ln(postings per day)", "q < 0.05", "Data labeling (数据标注)").
 * Nothing can become emphasis, code, a link, an image, raw HTML, an entity, a table cell, a heading or a list,
 * and bare URLs and e-mail addresses are defused so that no viewer turns them into links. `maxLength` cuts long
 * text with "…". The text may stand anywhere in a line, next to any markup of the report's own.
 */
export function escapeMarkdown(
  text: string | null | undefined,
  maxLength = Number.POSITIVE_INFINITY,
): string {
  if (text === null || text === undefined) return '';
  let plain = stripInvisible(String(text)).replace(/\s+/g, ' ').trim();
  if (plain.length > maxLength) plain = `${[...plain].slice(0, Math.max(1, maxLength - 1)).join('')}…`;
  const chars = [...plain];
  let out = '';
  chars.forEach((ch, i) => {
    out += markupAt(chars, i) ? `\\${ch}` : ch;
  });
  return escapeBlockStart(out);
}

/**
 * Block markers only matter where a line (or a list item's text) begins: a list item ("- ", "+ ", "1. ", "1) "),
 * a heading ("# "), a quote (">"), a thematic break ("---") or a setext underline ("==="). "-5%" or "1.5" stay.
 */
function escapeBlockStart(text: string): string {
  if (/^[-+](?: |$)/.test(text) || /^(?:- *){3,}$/.test(text) || /^=+ *$/.test(text) || /^>/.test(text)) {
    return `\\${text}`;
  }
  if (/^#{1,6}(?: |$)/.test(text)) return `\\${text}`;
  return text.replace(/^(\d{1,9})([.)])(?= |$)/, '$1\\$2');
}

/** Whether the character at `i` would be read as markup (so it needs a backslash). */
function markupAt(chars: string[], i: number): boolean {
  const ch = chars[i]!;
  const next = chars[i + 1] ?? '';
  const before = chars[i - 1] ?? '';
  if (ALWAYS.has(ch)) return true;
  switch (ch) {
    // A backslash escapes the punctuation after it — or the report's own markup after the text ends.
    case '\\':
      return next === '' || ASCII_PUNCTUATION.test(next);
    // Emphasis, except inside a word (snake_case), where CommonMark never reads "_" as emphasis.
    case '_':
      return !(isWordCharacter(before) && isWordCharacter(next));
    // Raw HTML, comments, declarations and autolinks all begin "<" and a letter, "/", "!" or "?".
    case '<':
      return /[A-Za-z/!?]/.test(next);
    // An entity or character reference: "&amp;", "&#169;", "&#xA9;" ("R&D" stays as it is).
    case '&':
      return /^&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);/.test(chars.slice(i, i + 34).join(''));
    // An image is "![": the bracket is escaped anyway; "!" alone is text.
    // GFM's extended autolinks: "scheme://", "www.", and e-mail addresses.
    case ':':
      return next === '/' && chars[i + 2] === '/';
    case '.':
      return (
        /^www$/i.test(chars.slice(Math.max(0, i - 3), i).join('')) && !isWordCharacter(chars[i - 4] ?? '')
      );
    case '@':
      return /[A-Za-z0-9._+-]/.test(before) && /[A-Za-z0-9_-]/.test(next);
    default:
      return false;
  }
}

/** A letter or digit of any script: "_" between two of them is part of a word. */
function isWordCharacter(ch: string): boolean {
  return /[\p{L}\p{N}]/u.test(ch);
}

/**
 * A link to an address the user gave, as a CommonMark autolink (<https://…>), so a reader can open it and the
 * text still reads as the address. Only a plain http(s) URL is linked; anything else is escaped as text.
 */
export function markdownUrl(href: string): string {
  const url = stripInvisible(href).trim();
  return /^https?:\/\/[^\s<>"`\\]+$/i.test(url) ? `<${url}>` : escapeMarkdown(url);
}

/** Escapes text for an SVG/XML text node or attribute value (control characters removed). */
export function escapeXml(text: string | null | undefined): string {
  if (text === null || text === undefined) return '';
  return stripInvisible(String(text))
    .replace(/[\t\n\r]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A markdown table: header cells and rows are written as given (escape untrusted cells first). */
export function markdownTable(
  header: string[],
  rows: string[][],
  align: ('left' | 'right')[] = header.map(() => 'left'),
): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const rule = header.map((_, i) => (align[i] === 'right' ? '---:' : '---'));
  return [line(header), line(rule), ...rows.map(line)].join('\n');
}
