// Skill matching against the bilingual skill taxonomy (src/taxonomy/skills.json): every skill in one pass
// over the text. The terms are compiled once at module load into a trie stored as one flat table, with case
// and full-width forms folded by the symbol table itself (no lower-cased copy of the text), plus the tables
// that let the scan skip what starts no term: the shapes of the words terms begin with, and the pairs of
// Chinese characters they begin with. The scan itself runs in WebAssembly (skill-scan.ts). Matches are
// leftmost-longest. ASCII terms need word boundaries on both sides (CJK characters count as boundaries, so
// "熟悉Python和SQL" finds python and sql) and accept a plural "s". Ambiguous short names: listTerms (R, Go, C)
// count only in a list next to another programming language ("Python/R", "C/C++", "Python、R和SQL"), never in
// "R&D" or "go-getter"; cjkTerms ("prompt") only right next to Chinese text.
import taxonomy from '../taxonomy/skills.json' with { type: 'json' };
import {
  createSkillScan,
  END,
  LEAF,
  pairSlot,
  SHAPE_BITS,
  STARTS,
  SYMBOL,
  shapeSlot,
  TERM,
  WORD,
  wordShape,
} from './skill-scan.js';

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

// The trie as one table, in the format skill-scan.ts reads (see there).
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
/** Whether different shapes always differ as numbers: while symbols fit in 9 bits (the length is exact). */
const shapesAreExact = alphabet <= 512;
const SHAPE_MASK = (1 << SHAPE_BITS) - 1;
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
/**
 * Per slot: the pair (first symbol * alphabet + second symbol, never 0), or 0 when empty; and its entry, or -1
 * when the first character alone is a term too (the walk then starts from the root so as not to miss it).
 */
const pairKeys = new Int32Array(1 << PAIR_BITS);
const pairEntries = new Int32Array(1 << PAIR_BITS);
for (const [key, entry] of pairList) {
  let slot = pairSlot(key, PAIR_BITS);
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
/** Whether a term ends in a word character, and so needs a boundary (or a plural "s") after it. */
const termEndsInWord = Uint8Array.from(terms, (t) => (t.checkEnd ? 1 : 0));

/** Skill ids in sorted order; each skill's rank in it. */
const sortedIds = skills.map((s) => s.id).sort();
const idRank = Int32Array.from(skills, (s) => sortedIds.indexOf(s.id));
/** Words in a bit set over ranks. */
const SET_WORDS = Math.ceil(skills.length / 32);
/** The skills named in the current text, as a bit set over ranks (all zero between calls). */
const named = new Int32Array(SET_WORDS);
/** Where the scan sets a term's bit in its own set: the word, and the bit (0 for terms with a context rule). */
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

const scan = createSkillScan({
  alphabet,
  charInfo,
  trie,
  slotShape,
  slotWords,
  wordSymbols: firstWordSymbols,
  wordFrom: firstWordFrom,
  wordLength: firstWordLength,
  wordCheckFrom: firstWordCheckFrom,
  wordCheckTo: firstWordCheckTo,
  wordEntry: firstWordEntry,
  wordPlural: firstWordPlural,
  wordLast: firstWordLast,
  pairBits: PAIR_BITS,
  pairKeys,
  pairEntries,
  aloneIsTerm,
  termEndsInWord,
  termRuled: Uint8Array.from(terms, (t) => (t.rule === Rule.Plain ? 0 : 1)),
  termNamedWord,
  termNamedBit,
  setWords: SET_WORDS,
});

/** Whether the c-th selected term (of `count`) passes its context rule. */
function accepted(text: string, count: number, c: number): boolean {
  const term = terms[scan.term(c)] as Term;
  if (term.rule === Rule.Plain) return true;
  const start = scan.start(c);
  const end = scan.end(c);
  if (term.rule === Rule.Cjk) {
    // The code units of the text just scanned (charCodeAt would flatten a concatenated string).
    return (start > 0 && isCjk(scan.unit(start - 1))) || (end < text.length && isCjk(scan.unit(end)));
  }
  const before = c - 1;
  if (before >= 0 && isProgramming[(terms[scan.term(before)] as Term).skill]) {
    if (LIST_GAP.test(text.slice(scan.end(before), start))) return true;
  }
  const after = c + 1;
  if (after < count && isProgramming[(terms[scan.term(after)] as Term).skill]) {
    if (LIST_GAP.test(text.slice(end, scan.start(after)))) return true;
  }
  return false;
}

/** Every skill mention, leftmost-longest, context rules applied. */
export function findSkillMentions(text: string): SkillMention[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const count = scan.scan(text);
  const mentions: SkillMention[] = [];
  for (let c = 0; c < count; c++) {
    if (!accepted(text, count, c)) continue;
    const skill = (skills[(terms[scan.term(c)] as Term).skill] as SkillData).id;
    mentions.push({ skill, start: scan.start(c), end: scan.end(c) });
  }
  return mentions;
}

/** Skill ids named in a text (plus the skills they imply), sorted. Never throws. */
export function matchSkills(text: string): string[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const count = scan.scan(text);
  if (count === 0) return [];
  const set = named;
  const width = SET_WORDS;
  for (let w = 0; w < width; w++) set[w] = scan.named(w);
  // The scan named the skills of the terms without a context rule; add those of the others that pass it.
  const ruled = scan.ruled();
  for (let r = 0; r < ruled; r++) {
    const c = scan.ruledIndex(r);
    if (!accepted(text, count, c)) continue;
    const rank = idRank[termSkill[scan.term(c)] as number] as number;
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
