// Tidying the white space of a text (a title, a company, a description): runs of spaces collapsed, at most one
// blank line, no white space at either end. A module of its own, so that the pipeline and the scrapers can use
// it without loading an HTML parser (cheerio, which html-to-text loaded then, took a fifth of a second to load
// in an import's reading thread).

/**
 * Whether normaliseWhitespace would change the text: a carriage return, a tab or other space than U+0020, two
 * spaces or a space beside a line break, three line breaks, or white space at either end. Most fields of a
 * posting need none of it, and testing once is cheaper than five replacements.
 */
const UNTIDY_SPACE = /[\r\t\f\v\u00a0\u3000]| [ \n]|\n |\n\n\n|^\s|\s$/;

/** Collapses runs of spaces, keeps at most one blank line, trims. */
export function normaliseWhitespace(text: string): string {
  if (!UNTIDY_SPACE.test(text)) return text;
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v\u00a0\u3000]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
