// Small text helpers shared by the pipeline's parsers: Unicode folding (full-width digits and letters,
// odd dashes and tildes) so that "１５～２５Ｋ" reads like "15~25K", and a CJK test.

/** NFKC-folds and maps the many dashes and tildes of real postings to plain ASCII "-" and "~". */
export function foldText(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, '-')
    .replace(/[\u301C\u223C\u02DC]/g, '~')
    .replace(/[\u00A0\u2000-\u200B\u3000\uFEFF]/g, ' ');
}

/** Runs of white space other than a single space (a lone space is left alone, so most text is not rebuilt). */
const SPACE_TO_FOLD = /\s{2,}|[^\S ]/g;

/** Folded, lower-cased, whitespace collapsed and trimmed: the form patterns are matched against. */
export function matchForm(input: string): string {
  return foldText(input).toLowerCase().replace(SPACE_TO_FOLD, ' ').trim();
}

const CJK = /[\u3400-\u9FFF\uF900-\uFAFF]/;

/** True when the text contains Chinese (CJK ideographs). */
export function hasCjk(text: string): boolean {
  return CJK.test(text);
}
