// The matcher against the oracle (see skills-differential.test.ts) on a made-up taxonomy with
// what the real one does not have yet but could: a one-character Chinese term, terms that start with
// punctuation, the same term under two skills, first words longer than the shapes tell apart, first words of
// the same shape, a term that is another one plus "s", and implies that chain. Each test file loads its own
// modules, so the mock reaches only this file.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { findSkillMentions, matchSkills, withImplied } from '../../src/pipeline/skills.js';
import * as reference from './skills-oracle.js';

vi.mock('../../src/taxonomy/skills.json', () => {
  const skill = (id: string, category: string, terms: string[], more: object = {}) => ({
    id,
    name: id,
    name_zh: id,
    category,
    terms,
    ...more,
  });
  return {
    default: {
      skills: [
        skill('drawing', 'domain', ['画', '画框', '画布板', 'drawing']),
        skill('dotnet', 'programming', ['.net', '+plus', 'c#']),
        skill('first', 'tool', ['dup', 'shared term']),
        skill('second', 'tool', ['dup', 'other']),
        skill('long', 'tool', ['abcdefghijklmnop', 'abcdefghijklmnopq tool', 'abcdefghijklmnopqrs']),
        skill('shapes', 'tool', ['abxd', 'abyd', 'abxd zz', 'ab']),
        skill('evals', 'domain', ['eval', 'evals', 'evalss'], { implies: ['middle'] }),
        skill('middle', 'domain', ['middle']),
        skill('top', 'domain', ['top'], { implies: ['upper'] }),
        skill('upper', 'domain', ['upper'], { implies: ['bottom'] }),
        skill('bottom', 'domain', ['bottom']),
        skill('q', 'programming', ['q语言', 'q lang'], { listTerms: ['q'] }),
        skill('kit', 'tool', ['kit'], { cjkTerms: ['k'] }),
      ],
    },
  };
});

const terms = [
  '画',
  '画框',
  '画布板',
  '画布',
  'drawing',
  '.net',
  '+plus',
  'c#',
  'dup',
  'shared term',
  'other',
  'abcdefghijklmnop',
  'abcdefghijklmnopq tool',
  'abcdefghijklmnopqrs',
  'abcdefghijklmnopss',
  'abcdefghijklmnopqs',
  'abxd',
  'abyd',
  'abzd',
  'abxd zz',
  'ab',
  'eval',
  'evals',
  'evalss',
  'middle',
  'bottom',
  'q语言',
  'q lang',
  'q',
  'k',
  'kit',
];
const filler = ['', ' ', 's', 'S', 'x', '/', '、', '和', ' and ', '.', '+', '#', '的', '框', '\u3000', 'Ａ'];

const text = fc
  .array(
    fc.oneof(
      fc.constantFrom(...terms).map((t) => (t.length % 2 === 0 ? t.toUpperCase() : t)),
      fc.constantFrom(...terms),
      fc.constantFrom(...filler),
    ),
    { maxLength: 25 },
  )
  .map((pieces) => pieces.join(''));

describe('matchSkills on an odd taxonomy', () => {
  it('the mock is in place', () => {
    expect(matchSkills('会画画')).toEqual(['drawing']);
    expect(reference.matchSkills('会画画')).toEqual(['drawing']);
  });

  it('finds what the reference finds', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(findSkillMentions(t)).toEqual(reference.findSkillMentions(t));
        expect(matchSkills(t)).toEqual(reference.matchSkills(t));
      }),
      { numRuns: 3000 },
    );
  });

  it('adds what each named skill implies, one step, whichever comes first in the text', () => {
    expect(matchSkills('top upper')).toEqual(['bottom', 'top', 'upper']);
    expect(matchSkills('upper top')).toEqual(['bottom', 'top', 'upper']);
    expect(matchSkills('top')).toEqual(['top', 'upper']);
    expect(reference.matchSkills('top upper')).toEqual(['bottom', 'top', 'upper']);
  });

  it('withImplied adds what each id implies, one step, sorted, once each; unknown ids are kept', () => {
    expect(withImplied(['upper', 'top'])).toEqual(['bottom', 'top', 'upper']);
    expect(withImplied(new Set(['top']))).toEqual(['top', 'upper']);
    expect(withImplied(['evals', 'evals', 'middle'])).toEqual(['evals', 'middle']);
    expect(withImplied(['zz-unknown', 'top', 'aa-unknown', 'top'])).toEqual([
      'aa-unknown',
      'top',
      'upper',
      'zz-unknown',
    ]);
    expect(withImplied([])).toEqual([]);
    // Nothing is left over from one call to the next.
    expect(withImplied(['middle'])).toEqual(['middle']);
    expect(matchSkills('middle')).toEqual(['middle']);
  });
});
