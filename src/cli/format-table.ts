// Plain-text tables for the terminal, aligned by display width so that Chinese text lines up.
import { isEastAsianWide } from '../text/east-asian-width.js';

/** Display width of a string: East Asian wide and full-width characters count as two columns. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    width += isEastAsianWide(ch.codePointAt(0)!) ? 2 : 1;
  }
  return width;
}

function cell(value: unknown, max: number): string {
  const text = value === null || value === undefined ? '' : String(value).replace(/\s+/g, ' ');
  if (displayWidth(text) <= max) return text;
  let out = '';
  for (const ch of text) {
    if (displayWidth(out + ch) > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}

/** Renders rows as an aligned table with a header line; long cells are cut at `maxCell` columns. */
export function formatTable(columns: string[], rows: Record<string, unknown>[], maxCell = 40): string {
  const cells = rows.map((row) => columns.map((c) => cell(row[c], maxCell)));
  const widths = columns.map((c, i) => Math.max(displayWidth(c), ...cells.map((r) => displayWidth(r[i]!))));
  const line = (values: string[]) =>
    values
      .map((v, i) => v + ' '.repeat(widths[i]! - displayWidth(v)))
      .join('  ')
      .trimEnd();
  return `${[line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n')}\n`;
}
