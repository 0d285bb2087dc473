// Differential test of skill matching: the automaton in src/pipeline/skills.ts must find exactly what the
// plain oracle (skills-oracle.ts: every term tried at every place) finds, mention for mention,
// on random bilingual texts built from the taxonomy's own terms in every disguise the matcher must see
// through or reject: other case, full width, glued to letters or Chinese, cut short, with a plural "s", in
// lists of languages, next to the short names (R, Go, C) and the Chinese-only term "prompt".
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { syntheticDescriptions } from '../../bench/synthetic-postings.js';
import { findSkillMentions, matchSkills } from '../../src/pipeline/skills.js';
import taxonomy from '../../src/taxonomy/skills.json' with { type: 'json' };
import * as reference from './skills-oracle.js';

interface TermLists {
  terms: string[];
  listTerms?: string[];
  cjkTerms?: string[];
}

const allTerms = (taxonomy.skills as TermLists[]).flatMap((s) => [
  ...s.terms,
  ...(s.listTerms ?? []),
  ...(s.cjkTerms ?? []),
]);

const fullWidth = (text: string): string =>
  text.replace(/[\x21-\x7e]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** A term as a posting might write it, or almost write it. */
const disguisedTerm: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...allTerms), fc.nat(9), fc.nat(1000))
  .map(([term, how, cut]) => {
    switch (how) {
      case 0:
        return term.toUpperCase();
      case 1:
        return term.charAt(0).toUpperCase() + term.slice(1);
      case 2:
        return fullWidth(term);
      case 3:
        return term.slice(0, 1 + (cut % term.length)); // cut short
      case 4:
        return `${term}s`;
      case 5:
        return `${term}S`;
      case 6:
        return [...term].map((c, i) => ((cut >> i) & 1 ? c.toUpperCase() : c)).join('');
      default:
        return term;
    }
  });

/** Everything else a text is made of: separators, list words, filler in both languages, odd characters. */
const filler = fc.constantFrom(
  ' ',
  '  ',
  '\n',
  '\u3000',
  '/',
  '、',
  ',',
  '，',
  ';',
  ' and ',
  ' or ',
  '和',
  '或',
  '及',
  '以及',
  '&',
  '-',
  '.',
  '+',
  '#',
  '(',
  '（',
  '）',
  '：',
  '。',
  's',
  'S',
  'x',
  'é',
  '3',
  '_',
  'R&D',
  'go-getter',
  'Plan C',
  'the ',
  'experience',
  '熟悉',
  '的',
  '经验',
  '数据',
  '语言',
  '优先',
  '\ud800',
  '\u0000',
  '２',
  'ｓ',
);

const text = fc
  .array(fc.oneof({ arbitrary: disguisedTerm, weight: 3 }, { arbitrary: filler, weight: 4 }), {
    maxLength: 30,
  })
  .map((pieces) => pieces.join(''));

describe('matchSkills against the oracle', () => {
  it('the taxonomy has no chains of implies (chains are tested in skills-odd-taxonomy.test.ts)', () => {
    const implying = new Set(
      (taxonomy.skills as { id: string; implies?: string[] }[])
        .filter((s) => s.implies?.length)
        .map((s) => s.id),
    );
    for (const skill of taxonomy.skills as { implies?: string[] }[]) {
      for (const id of skill.implies ?? []) expect(implying.has(id), id).toBe(false);
    }
  });

  it('finds the same skills and mentions in random bilingual texts', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(findSkillMentions(t)).toEqual(reference.findSkillMentions(t));
        expect(matchSkills(t)).toEqual(reference.matchSkills(t));
      }),
      { numRuns: 3000 },
    );
  });

  it('finds the same skills in every single term and its disguises', () => {
    for (const term of allTerms) {
      for (const t of [
        term,
        term.toUpperCase(),
        fullWidth(term),
        `${term}s`,
        `x${term}`,
        `${term}x`,
        `和${term}。`,
      ]) {
        expect(findSkillMentions(t), t).toEqual(reference.findSkillMentions(t));
        expect(matchSkills(t), t).toEqual(reference.matchSkills(t));
      }
    }
  });

  it('finds the same skills in the benchmark descriptions', () => {
    for (const description of syntheticDescriptions(300, 11)) {
      expect(matchSkills(description)).toEqual(reference.matchSkills(description));
    }
  });
});
