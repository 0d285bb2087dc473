// Skill matching against the bilingual skill taxonomy (src/taxonomy/skills.json): every skill in one pass
// over the text with an Aho–Corasick automaton compiled once at module load into a dense transition table.
// Case and full-width forms are folded by the symbol table itself (no lower-casing copy of the text).
// Matches are leftmost-longest. ASCII terms need word boundaries on both sides (CJK characters count as
// boundaries, so "熟悉Python和SQL" finds python and sql) and accept a plural "s". Ambiguous short names:
// listTerms (R, Go, C) count only in a list next to another programming language ("Python/R", "C/C++",
// "Python、R和SQL"), never in "R&D" or "go-getter"; cjkTerms ("prompt") only right next to Chinese text.
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
  checkStart: boolean;
  checkEnd: boolean;
  rule: Rule;
}

const terms: Term[] = [];
const symbolOf = new Uint16Array(65536);
let alphabet = 1; // symbol 0: any character no term contains

function symbolFor(code: number): number {
  if (symbolOf[code] === 0) symbolOf[code] = alphabet++;
  return symbolOf[code] as number;
}

const children: Map<number, number>[] = [new Map()];
const ownTerms: number[][] = [[]];

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
    }
    state = next;
  }
  const index = terms.length;
  terms.push({
    skill,
    length: term.length,
    checkStart: isWord[term.charCodeAt(0)] === 1,
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
// Rows are state × A with A a power of two, so the low bit of a stored row is free: it flags states that
// end some term, and the hot loop tests one bit instead of looking up an output table for every character.
const SHIFT = Math.max(1, Math.ceil(Math.log2(alphabet)));
const A = 1 << SHIFT;
const delta = new Int32Array(stateCount * A);
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
    for (let a = 1; a < alphabet; a++) {
      const child = node.get(a);
      if (child === undefined) {
        next[state * A + a] = next[f * A + a] as number;
      } else {
        fail[child] = next[f * A + a] as number;
        next[state * A + a] = child;
        order.push(child);
      }
    }
  }
  let total = 0;
  for (let s = 0; s < stateCount; s++) {
    outStart[s] = total;
    total += (outputs[s] as number[]).length;
  }
  outStart[stateCount] = total;
  outTermsBuilt = new Int32Array(total);
  for (let s = 0; s < stateCount; s++) outTermsBuilt.set(outputs[s] as number[], outStart[s] as number);
  for (let k = 0; k < next.length; k++) {
    const target = next[k] as number;
    delta[k] = (target << SHIFT) | ((outputs[target] as number[]).length > 0 ? 1 : 0);
  }
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
const outTerms: Int32Array = outTermsBuilt;
const termLength = Int32Array.from(terms, (t) => t.length);
const termSkill = Int32Array.from(terms, (t) => t.skill);
const CHECK_START = 1;
const CHECK_END = 2;
const termChecks = Uint8Array.from(
  terms,
  (t) => (t.checkStart ? CHECK_START : 0) | (t.checkEnd ? CHECK_END : 0),
);

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
const named = new Uint8Array(skills.length);
const idOrder = skills
  .map((_, i) => i)
  .sort((a, b) => ((skills[a] as SkillData).id < (skills[b] as SkillData).id ? -1 : 1));

/**
 * One pass of the automaton. Candidates arrive in order of their end and are kept on a stack: a candidate
 * removes the overlapping ones that start at or after it (it is further left, or as far left and longer);
 * an overlapping one that starts before it wins instead, and then nothing changes.
 */
function select(text: string): Selection {
  // Module bindings copied to locals: the hot loop then reads registers, not module context slots.
  const table = delta;
  const symbols = symbolOf;
  const word = isWord;
  const outFrom = outStart;
  const outList = outTerms;
  const checksOf = termChecks;
  const lengthOf = termLength;
  const shift = SHIFT;
  const n = text.length;
  let capacity = buffers.start.length;
  let starts = buffers.start;
  let ends = buffers.end;
  let ids = buffers.term;
  let count = 0;
  let row = 0;
  for (let i = 0; i < n; i++) {
    const v = table[row + (symbols[text.charCodeAt(i)] as number)] as number;
    row = v & ~1;
    if ((v & 1) === 0) continue;
    const state = row >>> shift;
    const to = outFrom[state + 1] as number;
    for (let k = outFrom[state] as number; k < to; k++) {
      const t = outList[k] as number;
      const checks = checksOf[t] as number;
      const length = lengthOf[t] as number;
      const start = i + 1 - length;
      if ((checks & CHECK_START) !== 0 && start > 0 && word[text.charCodeAt(start - 1)] === 1) continue;
      let end = i + 1;
      if ((checks & CHECK_END) !== 0 && end < n && word[text.charCodeAt(end)] === 1) {
        const after = text.charCodeAt(end) | 0x20;
        if (after !== 0x73 || (end + 1 < n && word[text.charCodeAt(end + 1)] === 1)) continue;
        end++; // a plural "s"
      }
      let top = count - 1;
      while (top >= 0 && (ends[top] as number) > start && start <= (starts[top] as number)) {
        if (start === starts[top] && end === ends[top] && (lengthOf[ids[top] as number] as number) >= length)
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
  return { start: starts, end: ends, term: ids, count };
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
  if (term.rule === Rule.Cjk) return isCjk(text.charCodeAt(start - 1)) || isCjk(text.charCodeAt(end));
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
    const skill = (skills[(terms[sel.term[c] as number] as Term).skill] as SkillData).id;
    mentions.push({ skill, start: sel.start[c] as number, end: sel.end[c] as number });
  }
  return mentions;
}

/** Skill ids named in a text (plus the skills they imply), sorted. Never throws. */
export function matchSkills(text: string): string[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const sel = select(text);
  named.fill(0);
  for (let c = 0; c < sel.count; c++) {
    const skill = termSkill[sel.term[c] as number] as number;
    if (named[skill] === 1 || !accepted(text, sel, c)) continue;
    named[skill] = 1;
    for (const parent of implied[skill] as number[]) named[parent] = 1;
  }
  const ids: string[] = [];
  for (const i of idOrder) if (named[i] === 1) ids.push((skills[i] as SkillData).id);
  return ids;
}
