// The plainest possible skill matcher, for tests only: at each place in the text, left to right, try every
// term of the taxonomy and take the longest that fits there, then go on after it. Slow and obviously right,
// so that tests can check the automaton in src/pipeline/skills.ts finds exactly what this finds. Same rules:
// case and full-width folded, word boundaries for ASCII terms, a plural "s", listTerms only in a list of
// programming languages, cjkTerms only next to Chinese text, implies one step.
import taxonomy from '../../src/taxonomy/skills.json' with { type: 'json' };

interface SkillData {
  id: string;
  category: string;
  terms: string[];
  listTerms?: string[];
  cjkTerms?: string[];
  implies?: string[];
}

type Rule = 'plain' | 'list' | 'cjk';
interface Term {
  text: string;
  skill: SkillData;
  rule: Rule;
}

const skills = taxonomy.skills as SkillData[];
const terms: Term[] = skills.flatMap((skill) =>
  (
    [
      ...skill.terms.map((t) => [t, 'plain']),
      ...(skill.listTerms ?? []).map((t) => [t, 'list']),
      ...(skill.cjkTerms ?? []).map((t) => [t, 'cjk']),
    ] as [string, Rule][]
  )
    .map(([t, rule]) => ({ text: t.normalize('NFKC').toLowerCase(), skill, rule }))
    .filter((t) => t.text.length > 0),
);

function isWord(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0xc0 && code <= 0x24f) ||
    (code >= 0xff10 && code <= 0xff19) ||
    (code >= 0xff21 && code <= 0xff3a) ||
    (code >= 0xff41 && code <= 0xff5a)
  );
}
const isCjk = (code: number) => (code >= 0x3400 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff);

/** A character of the text as terms are written: ASCII and full-width letters lower case, full width as ASCII. */
function fold(code: number): number {
  if (code >= 0xff01 && code <= 0xff5e) code -= 0xfee0;
  return code >= 0x41 && code <= 0x5a ? code + 32 : code;
}

interface Found {
  term: Term;
  start: number;
  end: number;
}

/** The end of `term` when it fits the text at `start` (plural "s" included), or -1. */
function fits(text: string, term: Term, start: number): number {
  const t = term.text;
  if (start + t.length > text.length) return -1;
  for (let k = 0; k < t.length; k++) if (fold(text.charCodeAt(start + k)) !== t.charCodeAt(k)) return -1;
  if (isWord(t.charCodeAt(0)) && start > 0 && isWord(text.charCodeAt(start - 1))) return -1;
  let end = start + t.length;
  if (isWord(t.charCodeAt(t.length - 1)) && end < text.length && isWord(text.charCodeAt(end))) {
    const plural = (text.charCodeAt(end) | 0x20) === 0x73;
    if (!plural || (end + 1 < text.length && isWord(text.charCodeAt(end + 1)))) return -1;
    end++;
  }
  return end;
}

function select(text: string): Found[] {
  const found: Found[] = [];
  let i = 0;
  while (i < text.length) {
    let best: Found | null = null;
    for (const term of terms) {
      const end = fits(text, term, i);
      if (end < 0) continue;
      if (!best || end > best.end || (end === best.end && term.text.length > best.term.text.length))
        best = { term, start: i, end };
    }
    if (best) {
      found.push(best);
      i = best.end;
    } else i++;
  }
  return found;
}

const LIST_GAP = /^\s*(?:[/、,，;；&+|]|和|或|及|与|以及|and|or)?\s*(?:and|or|和|或|及)?\s*$/i;

function accepted(text: string, found: Found[], c: number): boolean {
  const { term, start, end } = found[c] as Found;
  if (term.rule === 'plain') return true;
  if (term.rule === 'cjk')
    return (
      (start > 0 && isCjk(text.charCodeAt(start - 1))) || (end < text.length && isCjk(text.charCodeAt(end)))
    );
  const before = found[c - 1];
  if (before?.term.skill.category === 'programming' && LIST_GAP.test(text.slice(before.end, start)))
    return true;
  const after = found[c + 1];
  return after?.term.skill.category === 'programming' && LIST_GAP.test(text.slice(end, after.start));
}

export function findSkillMentions(text: string): { skill: string; start: number; end: number }[] {
  const found = select(text);
  return found
    .filter((_, c) => accepted(text, found, c))
    .map((f) => ({ skill: f.term.skill.id, start: f.start, end: f.end }));
}

export function matchSkills(text: string): string[] {
  const ids = new Set<string>();
  const known = new Set(skills.map((s) => s.id));
  for (const { skill } of findSkillMentions(text)) {
    ids.add(skill);
    for (const parent of skills.find((s) => s.id === skill)?.implies ?? [])
      if (known.has(parent)) ids.add(parent);
  }
  return [...ids].sort();
}
