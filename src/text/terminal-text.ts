// Text for a terminal: control characters (ESC and the other C0 codes, DEL, the C1 codes, the bidirectional
// overrides) shown as \u escapes instead of being obeyed. Text from postings is untrusted: a title holding
// "\u001b]8;;…" or "\u001b[2J" must not rewrite the user's screen, links or clipboard when printed.

const CONTROL = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** `text` with its control characters escaped (\u001b); line breaks and tabs are kept. */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, (c) =>
    c === '\n' || c === '\t' ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
