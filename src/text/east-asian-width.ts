// Which characters are East Asian wide (Unicode's "W" and "F": CJK ideographs, kana, hangul, full-width
// forms): two columns on a terminal, a full em in a CJK font. One definition for the terminal's tables and
// the report's chart text.

/** True for an East Asian wide or full-width code point. */
export function isEastAsianWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}
