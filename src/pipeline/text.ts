// Small text helpers shared by the pipeline's parsers: Unicode folding (full-width digits and letters,
// odd dashes and tildes) so that "１５～２５Ｋ" reads like "15~25K", and a CJK test.

// The characters folded, as regular-expression ranges: dashes to "-", tildes to "~", odd spaces to " ".
const DASHES = '\\u2010-\\u2015\\u2212\\uFE58\\uFE63\\uFF0D';
const TILDES = '\\u301C\\u223C\\u02DC';
const ODD_SPACES = '\\u00A0\\u2000-\\u200B\\u3000\\uFEFF';
const DASH = new RegExp(`[${DASHES}]`, 'g');
const TILDE = new RegExp(`[${TILDES}]`, 'g');
const ODD_SPACE = new RegExp(`[${ODD_SPACES}]`, 'g');

/** NFKC-folds and maps the many dashes and tildes of real postings to plain ASCII "-" and "~". */
export function foldText(input: string): string {
  return input.normalize('NFKC').replace(DASH, '-').replace(TILDE, '~').replace(ODD_SPACE, ' ');
}

/**
 * What matchForm changes after NFKC and lower case, all in one pass: a dash, a tilde, or white space (with the
 * zero-width space that foldText makes a space) in a run or as one character other than a plain space. A lone
 * plain space is left alone, so most text is not rebuilt. (Lower case and these foldings commute: neither
 * makes a character the other changes.)
 */
const TO_FOLD = new RegExp(`([${DASHES}])|([${TILDES}])|[\\s\\u200B]{2,}|[^\\S ]|\\u200B`, 'g');
const folded = (_match: string, dash?: string, tilde?: string): string => (dash ? '-' : tilde ? '~' : ' ');

/** Folded, lower-cased, whitespace collapsed and trimmed: the form patterns are matched against. */
export function matchForm(input: string): string {
  return input.normalize('NFKC').toLowerCase().replace(TO_FOLD, folded).trim();
}

const CJK = /[\u3400-\u9FFF\uF900-\uFAFF]/;

/** True when the text contains Chinese (CJK ideographs). */
export function hasCjk(text: string): boolean {
  return CJK.test(text);
}
