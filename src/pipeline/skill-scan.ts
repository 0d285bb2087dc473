// The scan at the heart of skill matching (skills.ts), compiled once to WebAssembly: the same loop runs
// there about 1.35× as fast as in JavaScript (no bounds checks on each typed-array read, plain i32
// arithmetic). skills.ts builds the tables from the taxonomy in the formats defined here; they are copied
// into the module's memory once. Per text, its UTF-16 code units go after the tables, and the scan writes
// the selected terms after the text and sets the bits of the skills they name.
//
// What the scan does (leftmost-longest): it goes left to right and wherever a term may start walks the trie
// for the longest term that fits there, takes it and goes on after it. Only places at a boundary are
// tried: the scan moves a whole word, a character that starts nothing, or a whole selected term at a time,
// so it always stands after a non-word character (or at the start), and a word character there begins a
// word. A word is tried only when its shape is that of some term's first word, and then compared with those
// words; a character that starts terms without being a word character (Chinese) only when the pair it
// forms with the next one begins a term.
import {
  add,
  and,
  block,
  br,
  brIf,
  buildModule,
  type Code,
  eq,
  eqz,
  FunctionCode,
  geS,
  geU,
  gtS,
  i32,
  leS,
  load,
  load8,
  load16,
  loop,
  ltS,
  mul,
  ne,
  or,
  select,
  shl,
  shrU,
  store,
  sub,
  when,
  xor,
} from './wasm-builder.js';

// Node has WebAssembly, but @types/node 20 does not declare it (the DOM library does): the little used here.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
};
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

// ---- table formats ----------------------------------------------------------------------------------------

// charInfo: per UTF-16 code unit, its symbol (the folded character's number in the terms' alphabet, 0 for
// characters no term contains) and flags. The unit 0 carries END: the unit after the text is always one,
// and it stops the scan's skipping.
export const SYMBOL = 0x1fff;
export const END = 1 << 13;
export const WORD = 1 << 14;
/** Starts some term although it is no word character (a Chinese character, say). */
export const STARTS = 1 << 15;

// trie: node k's row starts at k * stride, and trie[row + symbol] is the entry of the child on that symbol:
// its row offset, plus TERM when a term ends at the child and LEAF when nothing goes on from it; 0 when there
// is no child. Slot 0 of a row (symbol 0 leads nowhere) keeps the row's own term as -2 - term (-1 for none).
export const TERM = 1;
export const LEAF = 2;

const GOLDEN = 0x9e3779b1 | 0;

/** A word's shape: first symbol, second symbol (0 for a one-letter word), last symbol, length (up to 15). */
export function wordShape(first: number, second: number, last: number, length: number): number {
  return (first ^ (second << 9) ^ (last << 18) ^ (Math.min(length, 15) << 27)) & 0x7fffffff;
}
export const SHAPE_BITS = 12;
export const shapeSlot = (shape: number): number => Math.imul(shape, GOLDEN) >>> (32 - SHAPE_BITS);
/** A pair's slot in a table of 2^bits slots; the pair is first symbol * alphabet + second symbol. */
export const pairSlot = (pair: number, bits: number): number => Math.imul(pair, GOLDEN) >>> (32 - bits);

export interface ScanTables {
  alphabet: number;
  charInfo: Uint16Array;
  trie: Int32Array;
  /** First words by shape, open addressing: the shape in each slot, and 1 + its first word (0: empty). */
  slotShape: Int32Array;
  slotWords: Int32Array;
  /** The first words, grouped by shape: their symbols (from `wordFrom`), length, the symbols to compare
   * (from `wordCheckFrom` to `wordCheckTo`), the trie entry they lead to, whether they are a one-word
   * term plus "s" (compared without the "s"), and whether they are the last of their shape. */
  wordSymbols: Uint16Array;
  wordFrom: Int32Array;
  wordLength: Int32Array;
  wordCheckFrom: Int32Array;
  wordCheckTo: Int32Array;
  wordEntry: Int32Array;
  wordPlural: Uint8Array;
  wordLast: Uint8Array;
  /** Pairs that begin terms, open addressing over 2^pairBits slots: the pair (never 0; 0: empty), and the
   * trie entry two characters in, or -1 when the first character alone is a term too. */
  pairBits: number;
  pairKeys: Int32Array;
  pairEntries: Int32Array;
  /** Symbols that are a term alone although no word character. */
  aloneIsTerm: Uint8Array;
  /** Per term: whether it ends in a word character, whether it has a context rule, and where its skill's
   * bit is in the named set (word, bit; bit 0 for terms with a context rule, which the scan leaves out). */
  termEndsInWord: Uint8Array;
  termRuled: Uint8Array;
  termNamedWord: Int32Array;
  termNamedBit: Int32Array;
  /** Words in the named set. */
  setWords: number;
}

export interface SkillScan {
  /** Scans a text; returns how many terms it selected. */
  scan(text: string): number;
  /** The c-th selected term: where it starts and ends in the text, and which term it is. */
  start(c: number): number;
  end(c: number): number;
  term(c: number): number;
  /** How many of the selected terms have a context rule, and the r-th of them (an index as above). */
  ruled(): number;
  ruledIndex(r: number): number;
  /** The i-th code unit of the text last scanned. */
  unit(i: number): number;
  /** Word w of the set of skills the selected terms without a context rule name (each scan starts it empty). */
  named(w: number): number;
}

// ---- the scan ---------------------------------------------------------------------------------------------

export function createSkillScan(tables: ScanTables): SkillScan {
  if (!littleEndian)
    throw new Error('skills: the scan needs a little-endian machine (WebAssembly memory is)');
  // Memory: the tables (each 8-byte aligned), then per text its code units and the results.
  const arrays = {
    charInfo: tables.charInfo,
    trie: tables.trie,
    slotShape: tables.slotShape,
    slotWords: tables.slotWords,
    wordSymbols: tables.wordSymbols,
    wordFrom: tables.wordFrom,
    wordLength: tables.wordLength,
    wordCheckFrom: tables.wordCheckFrom,
    wordCheckTo: tables.wordCheckTo,
    wordEntry: tables.wordEntry,
    wordPlural: tables.wordPlural,
    wordLast: tables.wordLast,
    pairKeys: tables.pairKeys,
    pairEntries: tables.pairEntries,
    aloneIsTerm: tables.aloneIsTerm,
    termEndsInWord: tables.termEndsInWord,
    termRuled: tables.termRuled,
    termNamedWord: tables.termNamedWord,
    termNamedBit: tables.termNamedBit,
  };
  let top = 0;
  const place = (bytes: number): number => {
    const address = top;
    top = (top + bytes + 7) & ~7;
    return address;
  };
  const at = {} as Record<keyof typeof arrays | 'named' | 'ruled' | 'text', number>;
  for (const [name, array] of Object.entries(arrays))
    at[name as keyof typeof arrays] = place(array.byteLength);
  at.named = place(4 * tables.setWords);
  at.ruled = place(4);
  at.text = place(0);

  // Positions in the text are byte addresses in memory (two per code unit): `text` is the first unit's,
  // `n` the one after the last (where the 0 unit is).
  const params = 'text n starts ends terms ruledAt';
  const locals =
    'count ruled i k next entry walk best bestEnd length shape slot w check checkTo symbolsAt t end pair key word';
  const fn = new FunctionCode(params.split(' '), locals.split(' '));
  const { get, set } = fn;
  const unit = (address: Code, offset = 0): Code => load16(address, offset);
  const info = (codeUnit: Code): Code => load16(shl(codeUnit, i32(1)), at.charInfo);
  const symbolOf = (codeUnit: Code): Code => and(info(codeUnit), i32(SYMBOL));
  const word32 = (table: number, index: Code): Code => load(shl(index, i32(2)), table);
  const trieAt = (index: Code): Code => word32(at.trie, index);
  const row = (entry: Code): Code => and(entry, i32(~3));
  const step = (name: string, by: number): Code => set(name, add(get(name), i32(by)));
  const shapeMask = (1 << SHAPE_BITS) - 1;
  const pairMask = (1 << tables.pairBits) - 1;

  // A word at i: scan to its end, find its shape among the first words, compare it with those of that
  // shape. A term's first word leaves the walk to go on from where it leads (entry, walk); a one-word term
  // plus "s" is a match already (best). Nothing found: on after the word.
  const word: Code = [
    set('next', add(get('i'), i32(2))),
    loop('wordChars', when(and(info(unit(get('next'))), i32(WORD)), [step('next', 2), br('wordChars')])),
    set('length', shrU(sub(get('next'), get('i')), i32(1))),
    set(
      'shape',
      and(
        xor(
          xor(
            xor(
              and(get('k'), i32(SYMBOL)),
              shl(select(symbolOf(unit(get('i'), 2)), i32(0), gtS(get('length'), i32(1))), i32(9)),
            ),
            shl(symbolOf(unit(sub(get('next'), i32(2)))), i32(18)),
          ),
          shl(select(get('length'), i32(15), ltS(get('length'), i32(15))), i32(27)),
        ),
        i32(0x7fffffff),
      ),
    ),
    set('slot', shrU(mul(get('shape'), i32(GOLDEN)), i32(32 - SHAPE_BITS))),
    set('w', word32(at.slotWords, get('slot'))),
    loop(
      'probe',
      when(and(ne(get('w'), i32(0)), ne(word32(at.slotShape, get('slot')), get('shape'))), [
        set('slot', and(add(get('slot'), i32(1)), i32(shapeMask))),
        set('w', word32(at.slotWords, get('slot'))),
        br('probe'),
      ]),
    ),
    when(eqz(get('w')), [set('i', get('next')), br('texts')]),
    set('entry', i32(-1)),
    set('walk', get('i')),
    set('w', sub(get('w'), i32(1))),
    loop(
      'words',
      when(eq(word32(at.wordLength, get('w')), get('length')), [
        // Compare the symbols the shape leaves open: symbolsAt + position is where the word's symbol is.
        set('symbolsAt', sub(add(i32(at.wordSymbols), shl(word32(at.wordFrom, get('w')), i32(1))), get('i'))),
        set('check', add(get('i'), shl(word32(at.wordCheckFrom, get('w')), i32(1)))),
        set('checkTo', add(get('i'), shl(word32(at.wordCheckTo, get('w')), i32(1)))),
        block(
          'compared',
          loop(
            'compare',
            brIf(geU(get('check'), get('checkTo')), 'compared'),
            brIf(ne(symbolOf(unit(get('check'))), load16(add(get('symbolsAt'), get('check')))), 'compared'),
            step('check', 2),
            br('compare'),
          ),
        ),
        when(
          geU(get('check'), get('checkTo')),
          when(
            eqz(load8(get('w'), at.wordPlural)),
            [set('entry', word32(at.wordEntry, get('w'))), set('walk', get('next'))],
            when(eq(or(unit(sub(get('next'), i32(2))), i32(0x20)), i32(0x73)), [
              set('best', sub(i32(-2), trieAt(row(word32(at.wordEntry, get('w')))))),
              set('bestEnd', get('next')),
            ]),
          ),
        ),
      ]),
      when(eqz(load8(get('w'), at.wordLast)), [step('w', 1), br('words')]),
    ),
    when(ltS(get('entry'), i32(0)), set('entry', i32(LEAF))), // nothing to walk on from: only the plural
  ];

  // A character that starts terms without being a word character: look its pair up. A term of this one
  // character too (-1, or a pair not found): walk from the root. Neither: on after the character.
  const pairStart: Code = [
    set('next', add(get('i'), i32(2))),
    set('pair', add(mul(and(get('k'), i32(SYMBOL)), i32(tables.alphabet)), symbolOf(unit(get('next'))))),
    set('slot', shrU(mul(get('pair'), i32(GOLDEN)), i32(32 - tables.pairBits))),
    set('key', word32(at.pairKeys, get('slot'))),
    loop(
      'probePair',
      when(and(ne(get('key'), get('pair')), ne(get('key'), i32(0))), [
        set('slot', and(add(get('slot'), i32(1)), i32(pairMask))),
        set('key', word32(at.pairKeys, get('slot'))),
        br('probePair'),
      ]),
    ),
    set('entry', select(i32(0), word32(at.pairEntries, get('slot')), eqz(get('key')))),
    when(
      gtS(get('entry'), i32(0)),
      set('walk', add(get('i'), i32(4))),
      when(
        or(ltS(get('entry'), i32(0)), load8(and(get('k'), i32(SYMBOL)), at.aloneIsTerm)),
        [set('entry', i32(0)), set('walk', get('i'))],
        [set('i', get('next')), br('texts')],
      ),
    ),
  ];

  // Walk the trie on from (entry, walk); the last term that fits is the longest. A term that ends in a word
  // character needs a non-word character after it, or a plural "s" that ends the word.
  const walkTrie: Code = block(
    'walked',
    loop(
      'walking',
      when(and(get('entry'), i32(TERM)), [
        set('t', sub(i32(-2), trieAt(row(get('entry'))))),
        set('end', get('walk')),
        when(
          and(load8(get('t'), at.termEndsInWord), ne(and(info(unit(get('walk'))), i32(WORD)), i32(0))),
          set(
            'end',
            select(
              add(get('walk'), i32(2)),
              i32(-1),
              and(
                eq(or(unit(get('walk')), i32(0x20)), i32(0x73)),
                eqz(and(info(unit(get('walk'), 2)), i32(WORD))),
              ),
            ),
          ),
        ),
        when(geS(get('end'), i32(0)), [set('best', get('t')), set('bestEnd', get('end'))]),
      ]),
      brIf(and(get('entry'), i32(LEAF)), 'walked'),
      set('entry', trieAt(add(row(get('entry')), symbolOf(unit(get('walk')))))),
      brIf(leS(get('entry'), i32(0)), 'walked'),
      step('walk', 2),
      br('walking'),
    ),
  );

  // Keep the term found: its place (as unit indexes) and number, its skill's bit, and its index if it has a
  // context rule. Then on after it.
  const keep: Code = [
    set('word', shl(get('count'), i32(2))),
    store(add(get('starts'), get('word')), shrU(sub(get('i'), get('text')), i32(1))),
    store(add(get('ends'), get('word')), shrU(sub(get('bestEnd'), get('text')), i32(1))),
    store(add(get('terms'), get('word')), get('best')),
    step('count', 1),
    set('i', get('bestEnd')),
    set('word', shl(word32(at.termNamedWord, get('best')), i32(2))),
    store(get('word'), or(load(get('word'), at.named), word32(at.termNamedBit, get('best'))), at.named),
    when(load8(get('best'), at.termRuled), [
      store(add(get('ruledAt'), shl(get('ruled'), i32(2))), sub(get('count'), i32(1))),
      step('ruled', 1),
    ]),
  ];

  const body: Code = [
    Array.from({ length: tables.setWords }, (_, w) => store(i32(0), i32(0), at.named + 4 * w)),
    set('count', i32(0)),
    set('ruled', i32(0)),
    set('i', get('text')),
    block(
      'done',
      loop(
        'texts',
        brIf(geU(get('i'), get('n')), 'done'),
        // Skip what neither begins a word nor starts a term (most Chinese, spaces and punctuation).
        set('k', info(unit(get('i')))),
        loop(
          'skip',
          when(eqz(and(get('k'), i32(WORD | STARTS | END))), [
            step('i', 2),
            set('k', info(unit(get('i')))),
            br('skip'),
          ]),
        ),
        set('best', i32(-1)),
        when(
          and(get('k'), i32(WORD)),
          word,
          when(and(get('k'), i32(STARTS)), pairStart, [step('i', 2), br('texts')]), // the end, or a 0 unit
        ),
        walkTrie,
        when(ltS(get('best'), i32(0)), [set('i', get('next')), br('texts')]),
        keep,
        br('texts'),
      ),
    ),
    store(i32(0), get('ruled'), at.ruled),
    get('count'),
  ];

  const pages = Math.ceil((at.text + (1 << 20)) / 65536);
  const bytes = buildModule('scan', fn, body, pages);
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
  const scanText = instance.exports.scan as (...args: number[]) => number;
  const memory = instance.exports.memory as WasmMemory;

  for (const [name, array] of Object.entries(arrays)) {
    const source = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    new Uint8Array(memory.buffer, at[name as keyof typeof arrays], array.byteLength).set(source);
  }

  // Views of the memory, made again when it grows (growing replaces the buffer).
  let bytesView = Buffer.from(memory.buffer);
  let units = new Uint16Array(memory.buffer);
  let words = new Int32Array(memory.buffer);
  // Where the last text's results are, as indexes into `words`.
  let startsAt = 0;
  let endsAt = 0;
  let termsAt = 0;
  let ruledAtAt = 0;
  const namedAt = at.named >> 2;

  return {
    scan(text: string): number {
      const n = text.length;
      // The text's units and the 0 after them, then four arrays of up to n entries each.
      const results = (at.text + 2 * (n + 1) + 7) & ~7;
      const needed = results + 16 * n;
      if (needed > bytesView.length) {
        memory.grow(Math.ceil((needed - bytesView.length) / 65536));
        bytesView = Buffer.from(memory.buffer);
        units = new Uint16Array(memory.buffer);
        words = new Int32Array(memory.buffer);
      }
      writeUnits(bytesView, text, at.text);
      units[(at.text >> 1) + n] = 0;
      startsAt = results >> 2;
      endsAt = startsAt + n;
      termsAt = endsAt + n;
      ruledAtAt = termsAt + n;
      return scanText(at.text, at.text + 2 * n, results, results + 4 * n, results + 8 * n, results + 12 * n);
    },
    start: (c) => words[startsAt + c] as number,
    end: (c) => words[endsAt + c] as number,
    term: (c) => words[termsAt + c] as number,
    ruled: () => words[at.ruled >> 2] as number,
    ruledIndex: (r) => words[ruledAtAt + r] as number,
    unit: (i) => units[(at.text >> 1) + i] as number,
    named: (w) => words[namedAt + w] as number,
  };
}

// Buffer's write(text, offset, 'utf16le') ends in a native ucs2Write, present in every Node release but not
// documented; calling it directly skips write's argument handling in JavaScript, which shows on short texts
// until that code is optimized. write stays the fallback.
interface NativeWrite {
  ucs2Write?: (text: string, offset: number, length: number) => number;
}
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const nativeWrite = typeof (Buffer.prototype as unknown as NativeWrite).ucs2Write === 'function';

function writeUnits(target: Buffer, text: string, address: number): void {
  if (nativeWrite) (target as unknown as NativeWrite).ucs2Write!(text, address, 2 * text.length);
  else target.write(text, address, 'utf16le');
}
