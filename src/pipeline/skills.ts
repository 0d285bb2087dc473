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
const stateEndsInWord: number[] = [0];

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
      stateEndsInWord.push(isWord[term.charCodeAt(i)] as number);
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
// The table is stored by symbol: the transitions on a symbol are transitions[symbol * stateCount + state], with states
// numbered breadth first, so the few shallow states the text visits most share cache lines. An entry is the
// next state times two plus one bit that flags states ending some term, so the hot loop tests one bit
// instead of looking up an output table for every character. Entries are 16-bit while the automaton is
// small enough, to keep the table in cache.
const symbolCount = alphabet;
const transitions =
  stateCount < 1 << 15
    ? new Uint16Array(stateCount * symbolCount)
    : new Uint32Array(stateCount * symbolCount);
/** Where each state's terms start in outputTerms (states numbered breadth first; one more entry at the end). */
const outputStart = new Int32Array(stateCount + 1);
let outputTermsBuilt = new Int32Array(0);
{
  /** Each state's failure link: the longest proper suffix of its path that is also a state. */
  const failureLink = new Int32Array(stateCount);
  const outputs: number[][] = ownTerms.map((t) => [...t]);
  const breadthFirst: number[] = [];
  const goTo = new Int32Array(stateCount * symbolCount); // by state, plain state numbers, while building
  for (const [symbol, child] of children[0] as Map<number, number>) {
    goTo[symbol] = child;
    breadthFirst.push(child);
  }
  /** The root's row after a word character: a term that starts with a word character starts nothing there. */
  const rootAfterWord = goTo
    .slice(0, symbolCount)
    .map((child, symbol) => (symbolIsWord[symbol] === 1 ? 0 : child));
  for (let visited = 0; visited < breadthFirst.length; visited++) {
    const state = breadthFirst[visited] as number;
    const failState = failureLink[state] as number;
    (outputs[state] as number[]).push(...(outputs[failState] as number[]));
    // Where each symbol leads from the failure state (its row, already complete: states are visited breadth
    // first) — except that failure links skip suffixes that start a term in the middle of a word (that term
    // needs a boundary before it and could never count): from the root, a word character right after a word
    // character starts nothing. So every term the automaton reports starts at a boundary, and the skip loop
    // can take over whenever it falls back to the root.
    const row = state * symbolCount;
    if (failState === 0 && stateEndsInWord[state] === 1) goTo.set(rootAfterWord, row);
    else goTo.copyWithin(row, failState * symbolCount, failState * symbolCount + symbolCount);
    // Then the state's own children.
    for (const [symbol, child] of children[state] as Map<number, number>) {
      failureLink[child] = goTo[row + symbol] as number;
      goTo[row + symbol] = child;
      breadthFirst.push(child);
    }
  }
  const stateNumbered = [0, ...breadthFirst]; // the state given each breadth-first number
  const numberOf = new Int32Array(stateCount);
  stateNumbered.forEach((state, number) => {
    numberOf[state] = number;
  });
  let total = 0;
  for (let number = 0; number < stateCount; number++) {
    outputStart[number] = total;
    total += (outputs[stateNumbered[number] as number] as number[]).length;
  }
  outputStart[stateCount] = total;
  outputTermsBuilt = new Int32Array(total);
  for (let number = 0; number < stateCount; number++) {
    outputTermsBuilt.set(outputs[stateNumbered[number] as number] as number[], outputStart[number] as number);
  }
  /** Each state's entry in the table: its number and whether it ends some term. */
  const entryOf = new Int32Array(stateCount);
  for (let state = 0; state < stateCount; state++)
    entryOf[state] = ((numberOf[state] as number) << 1) | ((outputs[state] as number[]).length > 0 ? 1 : 0);
  for (let state = 0; state < stateCount; state++) {
    const number = numberOf[state] as number;
    const row = state * symbolCount;
    for (let symbol = 0; symbol < symbolCount; symbol++)
      transitions[symbol * stateCount + number] = entryOf[goTo[row + symbol] as number] as number;
  }
}

// What a character can do in the root state, for the skip loop: WORD if it is a word character, STARTS if
// some term begins with it. At 0 nothing starts; at WORD nothing starts, and neither can anything before the
// word ends (a term that begins with a word character needs a boundary before it); STARTS | WORD starts a
// term only at the beginning of a word; STARTS (a Chinese character) starts one anywhere.
const WORD = 1;
const STARTS = 2;
const rootKind = new Uint8Array(65536);
for (let c = 0; c < 65536; c++) {
  const symbol = symbolOf[c] as number;
  rootKind[c] =
    (isWord[c] as number) | (symbol !== 0 && (transitions[symbol * stateCount] as number) !== 0 ? STARTS : 0);
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
const outputTerms: Int32Array = outputTermsBuilt;
const termLength = Int32Array.from(terms, (t) => t.length);
const termSkill = Int32Array.from(terms, (t) => t.skill);
/** Whether a term ends in a word character, and so needs a boundary (or a plural "s") after it. */
const termEndsInWord = Uint8Array.from(terms, (t) => (t.checkEnd ? 1 : 0));
const termRule = Uint8Array.from(terms, (t) => t.rule);

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
  // The tables as locals: read from the module scope, each would be looked up again at every character.
  const table = transitions;
  const symbols = symbolOf;
  const kinds = rootKind;
  const word = isWord;
  const states = stateCount;
  const firstOutput = outputStart;
  const outputs = outputTerms;
  const lengths = termLength;
  const endsInWord = termEndsInWord;
  const codes = codeUnits(text);
  const n = text.length;
  let capacity = buffers.start.length;
  let starts = buffers.start;
  let ends = buffers.end;
  let selected = buffers.term;
  let count = 0;
  let i = 0;
  while (i < n) {
    // In the root state: skip what starts no term (see `rootKind`), the rest of a word at a time.
    for (;;) {
      const kind = kinds[codes[i] as number] as number;
      if (kind === STARTS) break;
      if (kind === (STARTS | WORD) && (i === 0 || word[codes[i - 1] as number] === 0)) break;
      i++;
      if (kind !== 0) while (i < n && word[codes[i] as number] === 1) i++;
      if (i >= n) break;
    }
    // Run the automaton until it falls back to the root.
    let state = 0;
    while (i < n) {
      const entry = table[(symbols[codes[i] as number] as number) * states + state] as number;
      i++;
      state = entry >>> 1;
      if ((entry & 1) !== 0) {
        const last = firstOutput[state + 1] as number;
        for (let output = firstOutput[state] as number; output < last; output++) {
          const term = outputs[output] as number;
          const length = lengths[term] as number;
          const start = i - length;
          let end = i;
          if (endsInWord[term] === 1 && end < n && word[codes[end] as number] === 1) {
            const after = (codes[end] as number) | 0x20;
            if (after !== 0x73 || (end + 1 < n && word[codes[end + 1] as number] === 1)) continue;
            end++; // a plural "s"
          }
          let top = count - 1;
          while (top >= 0 && (ends[top] as number) > start && start <= (starts[top] as number)) {
            if (
              start === starts[top] &&
              end === ends[top] &&
              (lengths[selected[top] as number] as number) >= length
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
            selected = grow(selected, capacity);
            buffers = { start: starts, end: ends, term: selected, count: 0 };
          }
          starts[count] = start;
          ends[count] = end;
          selected[count] = term;
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

/** Whether the nth selected term passes its context rule. */
function accepted(text: string, selection: Selection, nth: number): boolean {
  const term = terms[selection.term[nth] as number] as Term;
  if (term.rule === Rule.Plain) return true;
  const start = selection.start[nth] as number;
  const end = selection.end[nth] as number;
  if (term.rule === Rule.Cjk) {
    return (
      (start > 0 && isCjk(text.charCodeAt(start - 1))) || (end < text.length && isCjk(text.charCodeAt(end)))
    );
  }
  const before = nth - 1;
  if (before >= 0 && isProgramming[(terms[selection.term[before] as number] as Term).skill]) {
    if (LIST_GAP.test(text.slice(selection.end[before] as number, start))) return true;
  }
  const after = nth + 1;
  if (after < selection.count && isProgramming[(terms[selection.term[after] as number] as Term).skill]) {
    if (LIST_GAP.test(text.slice(end, selection.start[after] as number))) return true;
  }
  return false;
}

/** Every skill mention, leftmost-longest, context rules applied. */
export function findSkillMentions(text: string): SkillMention[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const selection = select(text);
  const mentions: SkillMention[] = [];
  for (let nth = 0; nth < selection.count; nth++) {
    if (!accepted(text, selection, nth)) continue;
    const skill = (skills[termSkill[selection.term[nth] as number] as number] as SkillData).id;
    mentions.push({ skill, start: selection.start[nth] as number, end: selection.end[nth] as number });
  }
  return mentions;
}

/** Skill ids in sorted order, and each skill's rank in it; what each implies, by rank. */
const sortedIds = skills.map((s) => s.id).sort();
const rankOf = new Map(sortedIds.map((id, rank) => [id, rank]));
const termRank = Int32Array.from(terms, (t) => rankOf.get((skills[t.skill] as SkillData).id) as number);
const impliedRanks: number[][] = sortedIds.map((id) =>
  (impliedBy.get(id) ?? []).map((p) => rankOf.get(p) as number),
);
/** The skills found in the current text, by rank: named or implied (all 0 between calls). */
const named = new Uint8Array(sortedIds.length);
/** The ranks of the skills the current text names itself. */
const namedRanks = new Int32Array(sortedIds.length);

/** Skill ids named in a text (plus the skills they imply, one step), sorted. Never throws. */
export function matchSkills(text: string): string[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const selection = select(text);
  if (selection.count === 0) return [];
  let count = 0;
  for (let nth = 0; nth < selection.count; nth++) {
    const term = selection.term[nth] as number;
    const rank = termRank[term] as number;
    if (named[rank] === 1) continue;
    if (termRule[term] !== Rule.Plain && !accepted(text, selection, nth)) continue;
    named[rank] = 1;
    namedRanks[count++] = rank;
  }
  for (let k = 0; k < count; k++) {
    const parents = impliedRanks[namedRanks[k] as number] as number[];
    for (let p = 0; p < parents.length; p++) named[parents[p] as number] = 1;
  }
  return readNamed();
}

/** The ids of the skills marked in `named`, in sorted order; clears the marks. */
function readNamed(): string[] {
  const ids: string[] = [];
  for (let rank = 0; rank < named.length; rank++) {
    if (named[rank] === 0) continue;
    ids.push(sortedIds[rank] as string);
    named[rank] = 0;
  }
  return ids;
}

/** The given skill ids plus what each implies (one step, as the taxonomy lists them), sorted, once each. */
export function withImplied(ids: Iterable<string>): string[] {
  const others: string[] = []; // ids that are not skills of the taxonomy: kept as given
  for (const id of ids) {
    const rank = rankOf.get(id);
    if (rank === undefined) {
      others.push(id);
      continue;
    }
    named[rank] = 1;
    const parents = impliedRanks[rank] as number[];
    for (let p = 0; p < parents.length; p++) named[parents[p] as number] = 1;
  }
  const all = readNamed();
  return others.length === 0 ? all : [...new Set([...all, ...others])].sort();
}
