// Skill matching against the bilingual skill taxonomy (src/taxonomy/skills.json): every skill in one pass
// over the text. The terms are compiled once at module load into a trie stored as one flat table, with case
// and full-width forms folded by the symbol table itself (no lower-cased copy of the text). Matches are
// leftmost-longest: the scan goes left to right, and wherever a term may start it walks the trie for the
// longest term that fits there, takes it and goes on after it. Most places start nothing, and the scan tells
// without walking: a word is tried only when its first two letters, last letter and length are those of some
// term's first word, and a Chinese character only when it and the next one begin some term. ASCII terms need
// word boundaries on both sides (CJK characters count as boundaries, so "熟悉Python和SQL" finds python and
// sql) and accept a plural "s". Ambiguous short names: listTerms (R, Go, C) count only in a list next to
// another programming language ("Python/R", "C/C++", "Python、R和SQL"), never in "R&D" or "go-getter";
// cjkTerms ("prompt") only right next to Chinese text.
import { Buffer } from 'node:buffer';
import taxonomy from '../taxonomy/skills.json' with { type: 'json' };

export interface Skill {
  id: string;
  name: string;
  name_zh: string;
  category: string;
}

interface SkillData extends Skill {
  terms: string[];
  listTerms?: string[];
  cjkTerms?: string[];
  implies?: string[];
}

/** How a term counts: always, only in a list of programming languages, or only next to Chinese text. */
const Rule = { Plain: 0, List: 1, Cjk: 2 } as const;
type Rule = (typeof Rule)[keyof typeof Rule];

const skills = taxonomy.skills as SkillData[];

/** The skills of the taxonomy, as stored in the `skills` table. */
export const skillTaxonomy: Skill[] = skills.map(({ id, name, name_zh, category }) => ({
  id,
  name,
  name_zh,
  category,
}));

/** Skill ids, in taxonomy order. */
export function skillIds(): string[] {
  return skills.map((s) => s.id);
}

// ---- the trie, built once -------------------------------------------------------------------------------

const isWord = new Uint8Array(65536);
for (let c = 0x30; c <= 0x39; c++) isWord[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) isWord[c] = isWord[c + 32] = 1;
for (let c = 0xc0; c <= 0x24f; c++) isWord[c] = 1;
for (let c = 0xff10; c <= 0xff19; c++) isWord[c] = 1;
for (let c = 0xff21; c <= 0xff3a; c++) isWord[c] = isWord[c + 32] = 1;

const isCjk = (code: number): boolean =>
  (code >= 0x3400 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff);

interface Term {
  skill: number;
  length: number;
  checkEnd: boolean;
  rule: Rule;
}

const terms: Term[] = [];
/** Each term as added to the trie (NFKC, lower case). */
const termTexts: string[] = [];
const symbolOf = new Uint16Array(65536);
let alphabet = 1; // symbol 0: any character no term contains
const symbolIsWord: number[] = [0];

function symbolFor(code: number): number {
  if (symbolOf[code] === 0) {
    symbolOf[code] = alphabet++;
    symbolIsWord.push(isWord[code] as number);
  }
  return symbolOf[code] as number;
}

const children: Map<number, number>[] = [new Map()];
/** The term that ends at each node, or -1. A term listed twice counts as its first listing. */
const nodeTerm: number[] = [-1];

function addTerm(text: string, skill: number, rule: Rule): void {
  const term = text.normalize('NFKC').toLowerCase();
  if (!term) return;
  let node = 0;
  for (let i = 0; i < term.length; i++) {
    const symbol = symbolFor(term.charCodeAt(i));
    const edges = children[node] as Map<number, number>;
    let next = edges.get(symbol);
    if (next === undefined) {
      next = children.length;
      edges.set(symbol, next);
      children.push(new Map());
      nodeTerm.push(-1);
    }
    node = next;
  }
  if (nodeTerm[node] === -1) nodeTerm[node] = terms.length;
  terms.push({ skill, length: term.length, checkEnd: isWord[term.charCodeAt(term.length - 1)] === 1, rule });
  termTexts.push(term);
}

skills.forEach((s, i) => {
  for (const t of s.terms) addTerm(t, i, Rule.Plain);
  for (const t of s.listTerms ?? []) addTerm(t, i, Rule.List);
  for (const t of s.cjkTerms ?? []) addTerm(t, i, Rule.Cjk);
});

// Fold upper case and full-width letters and digits onto the symbols of their lower-case ASCII forms.
for (let c = 0x41; c <= 0x5a; c++) symbolOf[c] = symbolOf[c + 32] as number;
for (let c = 0xff01; c <= 0xff5e; c++) {
  const ascii = c - 0xfee0;
  const lower = ascii >= 0x41 && ascii <= 0x5a ? ascii + 32 : ascii;
  symbolOf[c] = symbolOf[lower] as number;
}

// The trie as one table. Node k's row starts at k * STRIDE, and trie[row + symbol] is the entry of the child
// on that symbol: its row offset, plus TERM when a term ends at the child and LEAF when nothing goes on from
// it; 0 when there is no child (the root, row 0, is nobody's child). No term contains symbol 0, so slot 0 of
// a row is free and keeps the row's own term, as -2 - term (-1 for none): negative, so a walk that reads it
// stops there as it would on a missing child.
const TERM = 1;
const LEAF = 2;
const STRIDE = (alphabet + 3) & ~3; // a multiple of 4, keeping the two low bits of an entry for the flags
const nodeCount = children.length;
const trie = new Int32Array(nodeCount * STRIDE);
for (let node = 0; node < nodeCount; node++) {
  for (const [symbol, child] of children[node] as Map<number, number>) {
    trie[node * STRIDE + symbol] =
      (child * STRIDE) |
      ((nodeTerm[child] as number) >= 0 ? TERM : 0) |
      ((children[child] as Map<number, number>).size === 0 ? LEAF : 0);
  }
  trie[node * STRIDE] = -2 - (nodeTerm[node] as number);
}
/** The entry of the node a term's text leads to. */
function entryOf(text: string): number {
  let entry = 0;
  for (let i = 0; i < text.length; i++)
    entry = trie[(entry & ~3) + (symbolOf[text.charCodeAt(i)] as number)] as number;
  return entry;
}

// What the scan needs to know about a character, in one lookup: its symbol, whether it is a word character,
// and whether some term starts with it although it is not one (a Chinese character, say).
// The unit 0 also carries END, as the unit after the text always is one: it stops the scan's skipping.
const SYMBOL = 0x1fff;
const END = 1 << 13;
const WORD = 1 << 14;
const STARTS = 1 << 15;
if (alphabet > SYMBOL) throw new Error('skills: too many different characters in terms');
const charInfo = new Uint16Array(65536);
for (let c = 0; c < 65536; c++) {
  const symbol = symbolOf[c] as number;
  const startsTerm = symbol !== 0 && (trie[symbol] as number) !== 0;
  charInfo[c] = symbol | (isWord[c] === 1 ? WORD : startsTerm ? STARTS : 0) | (c === 0 ? END : 0);
}

// The words that may begin a term: the first word of each term (its leading run of word characters), and
// that word plus "s" when the term is one word, found by shape (first symbol, second symbol or 0 for a
// one-letter word, last symbol, length) in an open-addressing table. Each shape lists its words; a word of
// the text is tried only when its shape is in the table, and then against those words only, by length and
// by the symbols its shape does not already fix (no chain of trie lookups), before the walk goes on from
// where the word leads.
function wordShape(first: number, second: number, last: number, length: number): number {
  return (first ^ (second << 9) ^ (last << 18) ^ (Math.min(length, 15) << 27)) & 0x7fffffff;
}
/** Whether different shapes always differ as numbers: while symbols fit in 9 bits (the length is exact). */
const shapesAreExact = alphabet <= 512;
const SHAPE_BITS = 12;
const SHAPE_MASK = (1 << SHAPE_BITS) - 1;
const shapeSlot = (shape: number): number => Math.imul(shape, 0x9e3779b1) >>> (32 - SHAPE_BITS);
/** Per slot: the shape there, and 1 + the index of its first listed word (0: empty slot). */
const slotShape = new Int32Array(1 << SHAPE_BITS);
const slotWords = new Int32Array(1 << SHAPE_BITS);
/** The listed words, grouped by shape: their symbols, length, and the walk's entry after them. */
const wordSymbols: number[] = [];
const wordFrom: number[] = [];
const wordLength: number[] = [];
const wordEntry: number[] = [];
/** Where the symbols that the shape does not fix start and end (all of them, if shapes can collide). */
const wordCheckFrom: number[] = [];
const wordCheckTo: number[] = [];
/** Whether the word is a one-word term plus "s" (compared without the "s"). */
const wordPlural: number[] = [];
/** Whether the word is the last of its shape. */
const wordLast: number[] = [];
{
  const byShape = new Map<number, { text: string; plural: boolean }[]>();
  const list = (word: string, plural: boolean) => {
    const length = plural ? word.length + 1 : word.length;
    const sym = (i: number) =>
      i < word.length ? (symbolOf[word.charCodeAt(i)] as number) : (symbolOf[0x73] as number);
    const shape = wordShape(sym(0), length > 1 ? sym(1) : 0, sym(length - 1), length);
    const words = byShape.get(shape) ?? [];
    if (!words.some((w) => w.text === word && w.plural === plural)) words.push({ text: word, plural });
    byShape.set(shape, words);
  };
  for (const term of termTexts) {
    if (isWord[term.charCodeAt(0)] !== 1) continue;
    let length = 1;
    while (length < term.length && isWord[term.charCodeAt(length)] === 1) length++;
    list(term.slice(0, length), false);
    if (length === term.length) list(term, true);
  }
  if (byShape.size * 2 > 1 << SHAPE_BITS) throw new Error('skills: too many first words for the shape table');
  for (const [shape, words] of byShape) {
    let slot = shapeSlot(shape);
    while (slotWords[slot] !== 0) slot = (slot + 1) & SHAPE_MASK;
    slotShape[slot] = shape;
    slotWords[slot] = wordFrom.length + 1;
    for (const { text, plural } of words) {
      wordFrom.push(wordSymbols.length);
      for (let i = 0; i < text.length; i++) wordSymbols.push(symbolOf[text.charCodeAt(i)] as number);
      const length = plural ? text.length + 1 : text.length;
      wordLength.push(length);
      wordCheckFrom.push(shapesAreExact ? 2 : 0);
      wordCheckTo.push(shapesAreExact ? length - 1 : text.length);
      wordEntry.push(entryOf(text));
      wordPlural.push(plural ? 1 : 0);
      wordLast.push(0);
    }
    wordLast[wordLast.length - 1] = 1;
  }
}
const firstWordSymbols = Uint16Array.from(wordSymbols);
const firstWordFrom = Int32Array.from(wordFrom);
const firstWordLength = Int32Array.from(wordLength);
const firstWordCheckFrom = Int32Array.from(wordCheckFrom);
const firstWordCheckTo = Int32Array.from(wordCheckTo);
const firstWordEntry = Int32Array.from(wordEntry);
const firstWordPlural = Uint8Array.from(wordPlural);
const firstWordLast = Uint8Array.from(wordLast);

// For characters that start terms without being word characters: the trie entry two characters in, by the
// pair of symbols, in a small open-addressing table (a pair not in it starts no term), so that one lookup in
// a table that stays in cache decides whether to walk.
const pairList: [number, number][] = [];
/** Symbols that are a whole term alone although not word characters: walked from the root every time. */
const aloneIsTerm = new Uint8Array(alphabet);
for (let first = 1; first < alphabet; first++) {
  const entry = trie[first] as number;
  if (entry === 0 || symbolIsWord[first] === 1) continue;
  if ((entry & TERM) !== 0) aloneIsTerm[first] = 1;
  for (let second = 1; second < alphabet; second++) {
    const next = trie[(entry & ~3) + second] as number;
    if (next > 0) pairList.push([first * alphabet + second, aloneIsTerm[first] === 1 ? -1 : next]);
  }
}
const PAIR_BITS = Math.max(8, 32 - Math.clz32(pairList.length * 4));
const PAIR_MASK = (1 << PAIR_BITS) - 1;
const pairSlot = (key: number): number => Math.imul(key, 0x9e3779b1) >>> (32 - PAIR_BITS);
/**
 * Per slot: the pair (first symbol * alphabet + second symbol, never 0), or 0 when empty; and its entry, or -1
 * when the first character alone is a term too (the walk then starts from the root so as not to miss it).
 */
const pairKeys = new Int32Array(1 << PAIR_BITS);
const pairEntries = new Int32Array(1 << PAIR_BITS);
for (const [key, entry] of pairList) {
  let slot = pairSlot(key);
  while (pairKeys[slot] !== 0) slot = (slot + 1) & PAIR_MASK;
  pairKeys[slot] = key;
  pairEntries[slot] = entry;
}

const skillIndex = new Map(skills.map((s, i) => [s.id, i]));
const implied: number[][] = skills.map((s) =>
  (s.implies ?? []).map((id) => skillIndex.get(id) ?? -1).filter((i) => i >= 0),
);
const isProgramming = skills.map((s) => s.category === 'programming');
const LIST_GAP = /^\s*(?:[/、,，;；&+|]|和|或|及|与|以及|and|or)?\s*(?:and|or|和|或|及)?\s*$/i;

// ---- matching -------------------------------------------------------------------------------------------

/** A skill mention: where it is in the text and which skill it names. */
export interface SkillMention {
  skill: string;
  start: number;
  end: number;
}

// Term properties as typed arrays for the hot path.
const termSkill = Int32Array.from(terms, (t) => t.skill);
const termRule = Uint8Array.from(terms, (t) => t.rule);
/** Whether a term ends in a word character, and so needs a boundary (or a plural "s") after it. */
const termEndsInWord = Uint8Array.from(terms, (t) => (t.checkEnd ? 1 : 0));

/** The selected terms (parallel arrays, `count` entries), in text order. */
interface Selection {
  start: Int32Array;
  end: Int32Array;
  term: Int32Array;
  count: number;
  /** Which of them have a context rule (their indexes, `ruled` entries). */
  ruledAt: Int32Array;
  ruled: number;
}

// Reused between calls (matching is synchronous and each caller reads its selection before the next call),
// so matching millions of postings allocates almost nothing.
let buffers: Selection = {
  start: new Int32Array(256),
  end: new Int32Array(256),
  term: new Int32Array(256),
  count: 0,
  ruledAt: new Int32Array(256),
  ruled: 0,
};

/** Skill ids in sorted order; each skill's rank in it. */
const sortedIds = skills.map((s) => s.id).sort();
const idRank = Int32Array.from(skills, (s) => sortedIds.indexOf(s.id));
/** Words in a bit set over ranks. */
const SET_WORDS = Math.ceil(skills.length / 32);
/**
 * The skills named so far in the current text, as a bit set over ranks (all zero between calls). select
 * sets the bit of each term without a context rule as it selects it; matchSkills adds the rest.
 */
const named = new Int32Array(SET_WORDS);
/** Where select sets a term's bit in `named`: the word, and the bit (0 for terms with a context rule). */
const termNamedWord = Int32Array.from(terms, (t) => (idRank[t.skill] as number) >>> 5);
const termNamedBit = Int32Array.from(terms, (t) =>
  t.rule === Rule.Plain ? 1 << ((idRank[t.skill] as number) & 31) : 0,
);
/** The skills each skill implies, as that bit set by rank (SET_WORDS entries per rank). */
const impliedByRank = new Int32Array(skills.length * SET_WORDS);
skills.forEach((_, skill) => {
  for (const s of implied[skill] as number[]) {
    const rank = idRank[s] as number;
    const at = (idRank[skill] as number) * SET_WORDS + (rank >>> 5);
    impliedByRank[at] = (impliedByRank[at] as number) | (1 << (rank & 31));
  }
});
/** The ranks of the skills that imply others, and room to gather what they imply. */
const implyingRanks = Int32Array.from(
  skills.flatMap((_, skill) => ((implied[skill] as number[]).length > 0 ? [idRank[skill] as number] : [])),
);
const impliedScratch = new Int32Array(SET_WORDS);

// The text's UTF-16 code units, copied natively into a reused buffer: reading a Uint16Array is about twice
// as fast as charCodeAt on strings of mixed representation (one-byte and two-byte, flat and concatenated).
// One more unit, 0, follows the text: it is no word character and starts no term, so loops that look one or
// two characters ahead stop there without testing the length.
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
// Buffer's write(text, offset, 'utf16le') ends in a native ucs2Write, present in every Node release but not
// documented; calling it directly skips write's argument handling in JavaScript, which shows on short texts
// until that code is optimized (matching 10,000 postings once: about 10% faster). write stays the fallback.
interface NativeWrite {
  ucs2Write?: (text: string, offset: number, length: number) => number;
}
const nativeWrite = typeof (Buffer.prototype as unknown as NativeWrite).ucs2Write === 'function';
let unitBytes = Buffer.alloc(1 << 16);
let units = new Uint16Array(unitBytes.buffer, unitBytes.byteOffset, unitBytes.length >> 1);

function codeUnits(text: string): Uint16Array {
  const n = text.length;
  if (n + 1 > units.length) {
    unitBytes = Buffer.alloc(2 * Math.max(n + 1, 2 * units.length));
    units = new Uint16Array(unitBytes.buffer, unitBytes.byteOffset, unitBytes.length >> 1);
  }
  if (!littleEndian) for (let i = 0; i < n; i++) units[i] = text.charCodeAt(i);
  else if (nativeWrite) (unitBytes as unknown as NativeWrite).ucs2Write!(text, 0, 2 * n);
  else unitBytes.write(text, 0, 'utf16le');
  units[n] = 0;
  return units;
}

/**
 * The leftmost-longest terms of the text. Only places at a boundary are tried: the scan moves a whole word,
 * a character that starts nothing, or a whole selected term at a time, so it always stands after a
 * non-word character (or at the start), and a word character there begins a word.
 */
function select(text: string): Selection {
  // Module bindings copied to locals: the hot loops then read registers, not module context slots.
  const info = charInfo;
  const table = trie;
  const pairKeyAt = pairKeys;
  const symbols = alphabet;
  const endsInWord = termEndsInWord;
  const set = named;
  const n = text.length;
  const u = codeUnits(text);
  let capacity = buffers.start.length;
  let starts = buffers.start;
  let ends = buffers.end;
  let ids = buffers.term;
  let ruledAt = buffers.ruledAt;
  let count = 0;
  let ruled = 0;
  let i = 0;
  while (i < n) {
    // Skip what neither begins a word nor starts a term (most Chinese, spaces and punctuation).
    let k = info[u[i] as number] as number;
    while ((k & (WORD | STARTS | END)) === 0) k = info[u[++i] as number] as number;
    /** Where the scan goes on when no term starts at i. */
    let next: number;
    /** The walk: the trie entry reached, the text position after it, and the longest term so far. */
    let entry: number;
    let at: number;
    let best = -1;
    let bestEnd = 0;
    if ((k & WORD) !== 0) {
      next = i + 1;
      while (((info[u[next] as number] as number) & WORD) !== 0) next++;
      const length = next - i;
      const second = length > 1 ? (info[u[i + 1] as number] as number) & SYMBOL : 0;
      const shape = wordShape(k & SYMBOL, second, (info[u[next - 1] as number] as number) & SYMBOL, length);
      let slot = shapeSlot(shape);
      let w = slotWords[slot] as number;
      while (w !== 0 && slotShape[slot] !== shape) {
        slot = (slot + 1) & SHAPE_MASK;
        w = slotWords[slot] as number;
      }
      if (w === 0) {
        i = next;
        continue;
      }
      // The words of this shape: a term's first word to walk on from, or a one-word term plus "s".
      entry = -1;
      at = i;
      for (w--; ; w++) {
        if (firstWordLength[w] === length) {
          const symbolsAt = (firstWordFrom[w] as number) - i;
          const to = i + (firstWordCheckTo[w] as number);
          let c = i + (firstWordCheckFrom[w] as number);
          while (c < to && ((info[u[c] as number] as number) & SYMBOL) === firstWordSymbols[symbolsAt + c])
            c++;
          if (c >= to) {
            if (firstWordPlural[w] === 0) {
              entry = firstWordEntry[w] as number;
              at = next;
            } else if (((u[next - 1] as number) | 0x20) === 0x73) {
              best = -2 - (table[(firstWordEntry[w] as number) & ~3] as number);
              bestEnd = next;
            }
          }
        }
        if (firstWordLast[w] === 1) break;
      }
      if (entry < 0) entry = LEAF; // nothing to walk on from: only the plural, if any
    } else if ((k & STARTS) !== 0) {
      next = i + 1;
      const pair = (k & SYMBOL) * symbols + ((info[u[next] as number] as number) & SYMBOL);
      let slot = pairSlot(pair);
      let key = pairKeyAt[slot] as number;
      while (key !== pair && key !== 0) {
        slot = (slot + 1) & PAIR_MASK;
        key = pairKeyAt[slot] as number;
      }
      entry = key === 0 ? 0 : (pairEntries[slot] as number);
      if (entry > 0) at = i + 2;
      else if (entry < 0 || aloneIsTerm[k & SYMBOL] === 1) {
        entry = 0; // walk from the root, so as not to miss the term of one character
        at = i;
      } else {
        i = next;
        continue;
      }
    } else {
      i++; // the end, or a 0 unit in the text
      continue;
    }
    // Walk the trie on from there; the last term that fits is the longest.
    for (;;) {
      if ((entry & TERM) !== 0) {
        const t = -2 - (table[entry & ~3] as number);
        let end = at;
        if (endsInWord[t] === 1 && ((info[u[at] as number] as number) & WORD) !== 0) {
          // A word character follows: only a plural "s" that ends the word is allowed.
          const plural =
            ((u[at] as number) | 0x20) === 0x73 && ((info[u[at + 1] as number] as number) & WORD) === 0;
          end = plural ? at + 1 : -1;
        }
        if (end >= 0) {
          best = t;
          bestEnd = end;
        }
      }
      if ((entry & LEAF) !== 0) break;
      entry = table[(entry & ~3) + ((info[u[at] as number] as number) & SYMBOL)] as number;
      if (entry <= 0) break;
      at++;
    }
    if (best < 0) {
      i = next;
      continue;
    }
    if (count === capacity) {
      capacity *= 2;
      starts = grow(starts, capacity);
      ends = grow(ends, capacity);
      ids = grow(ids, capacity);
      ruledAt = grow(ruledAt, capacity);
      buffers = { start: starts, end: ends, term: ids, count: 0, ruledAt, ruled: 0 };
    }
    starts[count] = i;
    ends[count] = bestEnd;
    ids[count] = best;
    count++;
    i = bestEnd;
    const word = termNamedWord[best] as number;
    set[word] = (set[word] as number) | (termNamedBit[best] as number);
    if (termRule[best] !== Rule.Plain) ruledAt[ruled++] = count - 1;
  }
  buffers.count = count;
  buffers.ruled = ruled;
  return buffers;
}

function grow(array: Int32Array, capacity: number): Int32Array {
  const bigger = new Int32Array(capacity);
  bigger.set(array);
  return bigger;
}

/** Whether the c-th selected term passes its context rule. */
function accepted(text: string, sel: Selection, c: number): boolean {
  const term = terms[sel.term[c] as number] as Term;
  if (term.rule === Rule.Plain) return true;
  const start = sel.start[c] as number;
  const end = sel.end[c] as number;
  if (term.rule === Rule.Cjk) {
    // The code units of the text select just read (charCodeAt would flatten a concatenated string).
    const u = units;
    return (start > 0 && isCjk(u[start - 1] as number)) || (end < text.length && isCjk(u[end] as number));
  }
  const before = c - 1;
  if (before >= 0 && isProgramming[(terms[sel.term[before] as number] as Term).skill]) {
    if (LIST_GAP.test(text.slice(sel.end[before] as number, start))) return true;
  }
  const after = c + 1;
  if (after < sel.count && isProgramming[(terms[sel.term[after] as number] as Term).skill]) {
    if (LIST_GAP.test(text.slice(end, sel.start[after] as number))) return true;
  }
  return false;
}

/** Every skill mention, leftmost-longest, context rules applied. */
export function findSkillMentions(text: string): SkillMention[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const sel = select(text);
  named.fill(0);
  const mentions: SkillMention[] = [];
  for (let c = 0; c < sel.count; c++) {
    if (!accepted(text, sel, c)) continue;
    const skill = (skills[(terms[sel.term[c] as number] as Term).skill] as SkillData).id;
    mentions.push({ skill, start: sel.start[c] as number, end: sel.end[c] as number });
  }
  return mentions;
}

/** Skill ids named in a text (plus the skills they imply), sorted. Never throws. */
export function matchSkills(text: string): string[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const sel = select(text);
  if (sel.count === 0) return [];
  const set = named;
  const width = SET_WORDS;
  // select named the skills of the terms without a context rule; add those of the others that pass it.
  for (let r = 0; r < sel.ruled; r++) {
    const c = sel.ruledAt[r] as number;
    const t = sel.term[c] as number;
    if (!accepted(text, sel, c)) continue;
    const rank = idRank[termSkill[t] as number] as number;
    set[rank >>> 5] = (set[rank >>> 5] as number) | (1 << (rank & 31));
  }
  // The skills those imply, one step as the taxonomy lists them (an implied skill's own implies do not count).
  const more = impliedScratch;
  for (let k = 0; k < implyingRanks.length; k++) {
    const rank = implyingRanks[k] as number;
    if (((set[rank >>> 5] as number) & (1 << (rank & 31))) === 0) continue;
    for (let w = 0; w < width; w++)
      more[w] = (more[w] as number) | (impliedByRank[rank * width + w] as number);
  }
  // Read the set in rank order, which is id order, clearing it for the next call.
  const ids: string[] = [];
  for (let w = 0; w < width; w++) {
    let bits = (set[w] as number) | (more[w] as number);
    set[w] = 0;
    more[w] = 0;
    while (bits !== 0) {
      const low = bits & -bits;
      ids.push(sortedIds[(w << 5) + 31 - Math.clz32(low)] as string);
      bits ^= low;
    }
  }
  return ids;
}
