// Skill terms: finding where a text names a skill of the bilingual skill taxonomy (src/taxonomy/skills.json).
// Every term in one pass with an Aho–Corasick automaton compiled once at module load into a dense transition
// table; case and full-width forms are folded by the automaton's symbol table (no lower-cased copy of the
// text). Matches are leftmost-longest. ASCII terms need word boundaries on both sides (CJK characters count as
// boundaries, so "熟悉Python和SQL" finds python and sql) and accept a plural "s". Ambiguous short names:
// listTerms (R, Go, C) count only in a list next to another programming language ("Python/R", "C/C++",
// "Python、R和SQL"), never in "R&D" or "go-getter"; cjkTerms ("prompt") only right next to Chinese text.
// Whether a mention is asked for by the posting (its section, its context) is decided in posting-skills.ts.
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

// ---- the automaton, built once --------------------------------------------------------------------------

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
const ownTerms: number[][] = [[]];
/** Whether a state's last character (the one that led to it) is a word character. */
const endsInWord: number[] = [0];

function addTerm(text: string, skill: number, rule: Rule): void {
  const term = text.normalize('NFKC').toLowerCase();
  if (!term) return;
  let state = 0;
  for (let i = 0; i < term.length; i++) {
    const symbol = symbolFor(term.charCodeAt(i));
    const node = children[state] as Map<number, number>;
    let next = node.get(symbol);
    if (next === undefined) {
      next = children.length;
      node.set(symbol, next);
      children.push(new Map());
      ownTerms.push([]);
      endsInWord.push(isWord[term.charCodeAt(i)] as number);
    }
    state = next;
  }
  const index = terms.length;
  terms.push({
    skill,
    length: term.length,
    checkEnd: isWord[term.charCodeAt(term.length - 1)] === 1,
    rule,
  });
  (ownTerms[state] as number[]).push(index);
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

const stateCount = children.length;
// The table is stored by symbol: the transitions on symbol a are delta[a * stateCount + state], with states
// numbered breadth first, so the few shallow states the text visits most share cache lines. An entry is the
// next state times two plus one bit that flags states ending some term, so the hot loop tests one bit
// instead of looking up an output table for every character. Entries are 16-bit while the automaton is
// small enough, to keep the table in cache.
const A = alphabet;
const delta = stateCount < 1 << 15 ? new Uint16Array(stateCount * A) : new Uint32Array(stateCount * A);
const outStart = new Int32Array(stateCount + 1);
let outTermsBuilt = new Int32Array(0);
{
  const fail = new Int32Array(stateCount);
  const outputs: number[][] = ownTerms.map((t) => [...t]);
  const order: number[] = [];
  const next = new Int32Array(stateCount * A); // plain state numbers while building
  for (const [symbol, child] of children[0] as Map<number, number>) {
    next[symbol] = child;
    order.push(child);
  }
  for (let q = 0; q < order.length; q++) {
    const state = order[q] as number;
    const f = fail[state] as number;
    (outputs[state] as number[]).push(...(outputs[f] as number[]));
    const node = children[state] as Map<number, number>;
    const wordBefore = endsInWord[state] === 1;
    for (let a = 1; a < alphabet; a++) {
      const child = node.get(a);
      // Where a leads from the failure state. Failure links skip suffixes that start a term in the middle
      // of a word (that term needs a boundary before it and could never count): from the root, a word
      // character right after a word character starts nothing. So every term the automaton reports starts
      // at a boundary, and the skip loop can take over whenever it falls back to the root.
      const fallback = f !== 0 || !wordBefore || symbolIsWord[a] !== 1 ? (next[f * A + a] as number) : 0;
      if (child === undefined) {
        next[state * A + a] = fallback;
      } else {
        fail[child] = fallback;
        next[state * A + a] = child;
        order.push(child);
      }
    }
  }
  const byNumber = [0, ...order]; // breadth-first numbering
  const number = new Int32Array(stateCount);
  byNumber.forEach((state, k) => {
    number[state] = k;
  });
  let total = 0;
  for (let k = 0; k < stateCount; k++) {
    outStart[k] = total;
    total += (outputs[byNumber[k] as number] as number[]).length;
  }
  outStart[stateCount] = total;
  outTermsBuilt = new Int32Array(total);
  for (let k = 0; k < stateCount; k++) {
    outTermsBuilt.set(outputs[byNumber[k] as number] as number[], outStart[k] as number);
  }
  for (let state = 0; state < stateCount; state++) {
    for (let a = 0; a < A; a++) {
      const target = next[state * A + a] as number;
      const flag = (outputs[target] as number[]).length > 0 ? 1 : 0;
      delta[a * stateCount + (number[state] as number)] = ((number[target] as number) << 1) | flag;
    }
  }
}

// What a character can do in the root state, for the skip loop: WORD if it is a word character, STARTS if
// some term begins with it. At 0 nothing starts; at WORD nothing starts, and neither can anything before the
// word ends (a term that begins with a word character needs a boundary before it); STARTS | WORD starts a
// term only at the beginning of a word; STARTS (a Chinese character) starts one anywhere.
const WORD = 1;
const STARTS = 2;
const kind = new Uint8Array(65536);
for (let c = 0; c < 65536; c++) {
  const symbol = symbolOf[c] as number;
  kind[c] =
    (isWord[c] as number) | (symbol !== 0 && (delta[symbol * stateCount] as number) !== 0 ? STARTS : 0);
}
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
const outTerms: Int32Array = outTermsBuilt;
const termLength = Int32Array.from(terms, (t) => t.length);
const termSkill = Int32Array.from(terms, (t) => t.skill);
/** Whether a term ends in a word character, and so needs a boundary (or a plural "s") after it. */
const termEndsInWord = Uint8Array.from(terms, (t) => (t.checkEnd ? 1 : 0));

/** Leftmost-longest selection (parallel arrays, `count` entries), in text order. */
interface Selection {
  start: Int32Array;
  end: Int32Array;
  term: Int32Array;
  count: number;
}

// Reused between calls (matching is synchronous and each caller reads its selection before the next call),
// so matching millions of postings allocates almost nothing.
let buffers: Selection = {
  start: new Int32Array(256),
  end: new Int32Array(256),
  term: new Int32Array(256),
  count: 0,
};
/** What each skill implies, by id. */
const knownIds = new Set(skills.map((s) => s.id));
const impliedBy = new Map(skills.map((s) => [s.id, (s.implies ?? []).filter((id) => knownIds.has(id))]));

// The text's UTF-16 code units, copied into a reused buffer by Buffer#write: reading a Uint16Array is about
// twice as fast as charCodeAt on the strings V8 builds (one-byte and two-byte, flat and concatenated). On a
// big-endian machine the units are read one by one instead.
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
let unitBytes = Buffer.alloc(1 << 16);
let units = new Uint16Array(unitBytes.buffer, unitBytes.byteOffset, unitBytes.length >> 1);

function codeUnits(text: string): Uint16Array {
  const n = text.length;
  if (n > units.length) {
    unitBytes = Buffer.alloc(2 * Math.max(n, 2 * units.length));
    units = new Uint16Array(unitBytes.buffer, unitBytes.byteOffset, unitBytes.length >> 1);
  }
  if (littleEndian) unitBytes.write(text, 0, 2 * n, 'utf16le');
  else for (let i = 0; i < n; i++) units[i] = text.charCodeAt(i);
  return units;
}

/**
 * One pass of the automaton. Candidates arrive in order of their end and are kept on a stack: a candidate
 * removes the overlapping ones that start at or after it (it is further left, or as far left and longer);
 * an overlapping one that starts before it wins instead, and then nothing changes.
 */
function select(text: string): Selection {
  const u = codeUnits(text);
  // Module bindings copied to locals: the hot loops then read registers, not module context slots.
  const table = delta;
  const symbols = symbolOf;
  const word = isWord;
  const kinds = kind;
  const outFrom = outStart;
  const outList = outTerms;
  const endsInWord = termEndsInWord;
  const lengthOf = termLength;
  const states = stateCount;
  const n = text.length;
  let capacity = buffers.start.length;
  let starts = buffers.start;
  let ends = buffers.end;
  let ids = buffers.term;
  let count = 0;
  let i = 0;
  while (i < n) {
    // In the root state: skip what starts no term (see `kind`), the rest of a word at a time.
    for (;;) {
      const k = kinds[u[i] as number] as number;
      if (k === STARTS) break;
      if (k === (STARTS | WORD) && (i === 0 || word[u[i - 1] as number] === 0)) break;
      i++;
      if (k !== 0) while (i < n && word[u[i] as number] === 1) i++;
      if (i >= n) break;
    }
    // Run the automaton until it falls back to the root.
    let state = 0;
    while (i < n) {
      const v = table[(symbols[u[i] as number] as number) * states + state] as number;
      i++;
      state = v >>> 1;
      if ((v & 1) !== 0) {
        const to = outFrom[state + 1] as number;
        for (let k = outFrom[state] as number; k < to; k++) {
          const t = outList[k] as number;
          const length = lengthOf[t] as number;
          const start = i - length;
          let end = i;
          if (endsInWord[t] === 1 && end < n && word[u[end] as number] === 1) {
            const after = (u[end] as number) | 0x20;
            if (after !== 0x73 || (end + 1 < n && word[u[end + 1] as number] === 1)) continue;
            end++; // a plural "s"
          }
          let top = count - 1;
          while (top >= 0 && (ends[top] as number) > start && start <= (starts[top] as number)) {
            if (
              start === starts[top] &&
              end === ends[top] &&
              (lengthOf[ids[top] as number] as number) >= length
            )
              break;
            top--;
          }
          if (top >= 0 && (ends[top] as number) > start) continue; // an earlier-starting overlap wins
          count = top + 1;
          if (count === capacity) {
            capacity *= 2;
            starts = grow(starts, capacity);
            ends = grow(ends, capacity);
            ids = grow(ids, capacity);
            buffers = { start: starts, end: ends, term: ids, count: 0 };
          }
          starts[count] = start;
          ends[count] = end;
          ids[count] = t;
          count++;
        }
      }
      if (state === 0) break;
    }
  }
  buffers.count = count;
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
    return (
      (start > 0 && isCjk(text.charCodeAt(start - 1))) || (end < text.length && isCjk(text.charCodeAt(end)))
    );
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
  const mentions: SkillMention[] = [];
  for (let c = 0; c < sel.count; c++) {
    if (!accepted(text, sel, c)) continue;
    const skill = (skills[termSkill[sel.term[c] as number] as number] as SkillData).id;
    mentions.push({ skill, start: sel.start[c] as number, end: sel.end[c] as number });
  }
  return mentions;
}

/** The given skill ids plus what each implies (one step, as the taxonomy lists them), sorted, once each. */
export function withImplied(ids: Iterable<string>): string[] {
  const all = new Set<string>();
  for (const id of ids) {
    all.add(id);
    for (const parent of impliedBy.get(id) ?? []) all.add(parent);
  }
  return [...all].sort();
}

/** Skill ids in sorted order, and each skill's rank in it; what each implies, by rank. */
const sortedIds = skills.map((s) => s.id).sort();
const rankOf = new Map(sortedIds.map((id, rank) => [id, rank]));
const termRank = Int32Array.from(terms, (t) => rankOf.get((skills[t.skill] as SkillData).id) as number);
const impliedRanks: number[][] = sortedIds.map((id) =>
  (impliedBy.get(id) ?? []).map((p) => rankOf.get(p) as number),
);
/** The skills named in the current text, by rank (all false between calls). */
const named = new Uint8Array(sortedIds.length);

/** Skill ids named in a text (plus the skills they imply, one step), sorted. Never throws. */
export function matchSkills(text: string): string[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const sel = select(text);
  if (sel.count === 0) return [];
  for (let c = 0; c < sel.count; c++) {
    const t = sel.term[c] as number;
    const rank = termRank[t] as number;
    if (named[rank] === 1) continue;
    if ((terms[t] as Term).rule !== Rule.Plain && !accepted(text, sel, c)) continue;
    named[rank] = 1;
  }
  for (let rank = 0; rank < named.length; rank++) {
    if (named[rank] !== 1) continue;
    for (const parent of impliedRanks[rank] as number[]) if (named[parent] === 0) named[parent] = 2;
  }
  const ids: string[] = [];
  for (let rank = 0; rank < named.length; rank++) {
    if (named[rank] !== 0) ids.push(sortedIds[rank] as string);
    named[rank] = 0;
  }
  return ids;
}
