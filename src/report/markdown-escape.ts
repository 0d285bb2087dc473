// Escaping untrusted text (titles, companies, districts, error summaries taken from postings and runs) for
// the markdown report and its SVG charts, so that no value can break a table, start a list or heading,
// or inject markup, links, images or math. Pure functions.

/** Characters that carry meaning anywhere in a line of CommonMark / GFM; each is backslash-escaped. */
const INLINE_SPECIAL = /[\\`*_[\]()<>#!|~&{}$]/g;

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
 * collapse to one space, every markdown/HTML metacharacter is backslash-escaped, bare URLs and e-mail
 * addresses are defused so that no viewer turns them into links. `maxLength` cuts long text with "…".
 */
export function escapeMarkdown(
  text: string | null | undefined,
  maxLength = Number.POSITIVE_INFINITY,
): string {
  if (text === null || text === undefined) return '';
  let plain = stripInvisible(String(text)).replace(/\s+/g, ' ').trim();
  if (plain.length > maxLength) plain = `${[...plain].slice(0, Math.max(1, maxLength - 1)).join('')}…`;
  let escaped = plain
    .replace(INLINE_SPECIAL, (ch) => `\\${ch}`)
    // GFM extended autolinks: scheme://, www., e-mail addresses.
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/(www)\./gi, '$1\\.')
    .replace(/@/g, '\\@');
  // Block markers only matter at the start of a line: "- ", "+ ", "= ", "1. ".
  escaped = escaped.replace(/^([-+=])/, '\\$1').replace(/^(\d+)\./, '$1\\.');
  return escaped;
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
