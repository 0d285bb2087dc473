// The pipeline's text helpers: foldText maps odd dashes, tildes and spaces to plain ones; matchForm folds,
// lower-cases and gives every run of white space as one space, in one pass where it can.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldText, matchForm } from '../../src/pipeline/text.js';

describe('matchForm', () => {
  it('folds, lower-cases, collapses white space and trims', () => {
    expect(matchForm('  Ｐｒｏｍｐｔ\tEngineer \n\n  （大模型）  ')).toBe('prompt engineer (大模型)');
    expect(matchForm('a b')).toBe('a b');
    expect(matchForm('a \n b')).toBe('a b');
    expect(matchForm('a\u3000b\u00a0 c')).toBe('a b c');
  });

  it('reads as fold, lower-case, one space for each run of white space, trim (all in one pass)', () => {
    const spaces = [
      ' ',
      '  ',
      '\t',
      '\n',
      '\r\n',
      '\u00a0',
      '\u3000',
      '\u2003',
      '\u200b',
      '\ufeff',
      '\v',
      '\f',
    ];
    const text = fc
      .array(
        fc.oneof(
          fc.constantFrom(...spaces),
          fc.constantFrom(
            'a',
            'B',
            'İ',
            'Ｋ',
            '训练',
            '-',
            '～',
            '\u2014',
            '\u2212',
            '\uff0d',
            '\u301c',
            '\u02dc',
          ),
        ),
        {
          maxLength: 30,
        },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ maxLength: 40 })), (input) => {
        expect(matchForm(input)).toBe(foldText(input).toLowerCase().replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 2000 },
    );
  });
});
