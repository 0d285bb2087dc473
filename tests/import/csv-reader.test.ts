// The import's CSV reader (src/import/csv-reader.ts): records and their line numbers must not depend on where
// the file's chunks happen to break, must agree with csv-parse (the library it replaced, kept here as the
// reference) on any well-formed CSV, and a quote that never closes must cost one error, not the file.
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvReader, type CsvRow, MAX_FIELD_CHARS } from '../../src/import/csv-reader.js';

function read(text: string, chunkSize = text.length || 1, delimiter = ','): CsvRow[] {
  const reader = new CsvReader(delimiter);
  const rows: CsvRow[] = [];
  for (let at = 0; at < text.length; at += chunkSize)
    rows.push(...reader.push(text.slice(at, at + chunkSize)));
  rows.push(...reader.end());
  return rows;
}

/** Every way of cutting `text` into two chunks, and into chunks of 1, 2 and 3 characters. */
function allCuts(text: string): CsvRow[][] {
  const results: CsvRow[][] = [1, 2, 3].map((size) => read(text, size));
  for (let cut = 0; cut <= text.length; cut++) {
    const reader = new CsvReader(',');
    results.push([...reader.push(text.slice(0, cut)), ...reader.push(text.slice(cut)), ...reader.end()]);
  }
  return results;
}

describe('CsvReader', () => {
  it('reads quoted delimiters, "" escapes and line breaks, with the line each record ends on', () => {
    const text = 'title,desc\r\nA,"one, two"\r\nB,"say ""hi""\r\nthen go"\r\n\r\nC,plain\n';
    expect(read(text)).toEqual([
      { line: 1, fields: ['title', 'desc'] },
      { line: 2, fields: ['A', 'one, two'] },
      { line: 4, firstLine: 3, fields: ['B', 'say "hi"\r\nthen go'] },
      { line: 6, fields: ['C', 'plain'] },
    ]);
  });

  it('gives the same records whatever the chunk boundaries', () => {
    const text = '\uFEFFa,b\r\n1,"x\r\ny"\r\n"q""",z\rlast,"un""closed\nrow,2\n';
    const whole = read(text);
    expect(whole[0]).toEqual({ line: 1, fields: ['a', 'b'] });
    for (const rows of allCuts(text)) expect(rows).toEqual(whole);
  });

  it('takes lone CR as a line end, skips empty lines but not a line of one quoted empty field', () => {
    expect(read('a\rb\r\r"\n"\n""\n\nc')).toEqual([
      { line: 1, fields: ['a'] },
      { line: 2, fields: ['b'] },
      { line: 5, firstLine: 4, fields: ['\n'] },
      { line: 6, fields: [''] },
      { line: 8, fields: ['c'] },
    ]);
  });

  it('keeps a quote inside an unquoted field, and text after a closing quote, as written', () => {
    expect(read('x"y"z,"a"b,c\n')).toEqual([{ line: 1, fields: ['x"y"z', '"a"b', 'c'] }]);
  });

  it('reports a quote that never closes at the line it opens on, with the lines it swallowed', () => {
    expect(read('a,b\n1,2\n3,"never\n4,5\n6,7')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      {
        line: 3,
        error:
          'a quoted field opened on line 3 is never closed: lines 3–5 were read as one field, to the end of the file',
      },
    ]);
    expect(read('a,b\n1,"never\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, error: 'a quoted field is never closed, to the end of the file' },
    ]);
  });

  it('drops a runaway quoted field at the limit and reads on from the next line', () => {
    const reader = new CsvReader(',');
    const rows = [...reader.push('a,b\n1,"runaway\n')];
    const filler = `${'x'.repeat(1_000_000)}\n`;
    for (let i = 0; i * filler.length <= MAX_FIELD_CHARS; i++) rows.push(...reader.push(filler));
    rows.push(...reader.push('tail\n2,3\n'), ...reader.end());
    // Line 2 opens the quote; lines 3 to 18 are the filler, and the limit is passed at the end of line 18.
    expect(rows).toEqual([
      { line: 1, fields: ['a', 'b'] },
      {
        line: 2,
        error: expect.stringMatching(/opened on line 2 is never closed: lines 2–18 were read as one field/),
      },
      { line: 19, fields: ['tail'] },
      { line: 20, fields: ['2', '3'] },
    ]);
  });

  it('reads tab-separated text', () => {
    expect(read('a\tb\n1,5\t"x\ty"\n', 4, '\t')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1,5', 'x\ty'] },
    ]);
  });

  it('agrees with csv-parse on any well-formed CSV, cut into chunks anywhere', () => {
    const field = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', 'b', '训', ' ', '"', ',', '\n', '\r\n', 'é') }),
      fc.string({ unit: fc.constantFrom('a', '1', '练', ' ', '-') }),
    );
    const quoteIfNeeded = (value: string, forced: boolean) =>
      forced || /[",\r\n]/.test(value) || value === '' ? `"${value.replaceAll('"', '""')}"` : value;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((width) =>
          fc.tuple(
            fc.array(fc.array(fc.tuple(field, fc.boolean()), { minLength: width, maxLength: width }), {
              minLength: 1,
              maxLength: 6,
            }),
            fc.constantFrom('\n', '\r\n'),
            fc.boolean(),
            fc.integer({ min: 1, max: 40 }),
          ),
        ),
        ([records, eol, finalEol, chunk]) => {
          const text =
            records.map((r) => r.map(([v, forced]) => quoteIfNeeded(v, forced)).join(',')).join(eol) +
            (finalEol ? eol : '');
          const expected = parse(text, { relax_quotes: true, skip_empty_lines: true }) as string[][];
          const rows = read(text, chunk);
          expect(rows.every((r) => r.error === undefined)).toBe(true);
          expect(rows.map((r) => (r.error === undefined ? r.fields : []))).toEqual(expected);
          // Line numbers: each record ends on the line its text's line breaks say.
          let line = 1;
          records.forEach((record, i) => {
            line += record.reduce((n, [v]) => n + v.split('\n').length - 1, 0);
            expect(rows[i]!.line).toBe(line);
            line++;
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
