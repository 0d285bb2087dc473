// The few WebAssembly instructions the skill scan (skill-scan.ts) is written in, as TypeScript functions that
// return their binary encoding, and a builder for a module of one exported function over one exported
// memory. Enough to write a hot loop in structured form (blocks and loops with named labels, i32 locals by
// name) without a toolchain; not a general assembler. Encodings: https://webassembly.github.io/spec/core/binary/
// (i32 only: every value is an i32, every local is declared as one).

/** Encoded instructions: bytes, nested lists of them, and the block markers `flatten` resolves. */
export type Code = number | Code[] | Marker;

type Marker = { open: string; opcode: number } | { close: string } | { branch: string; opcode: number };

/** Unsigned LEB128. */
function unsigned(value: number): number[] {
  const bytes: number[] = [];
  let rest = value >>> 0;
  do {
    let byte = rest & 0x7f;
    rest >>>= 7;
    if (rest !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (rest !== 0);
  return bytes;
}

/** Signed LEB128 of a 32-bit integer. */
function signed(value: number): number[] {
  const bytes: number[] = [];
  let rest = value | 0;
  for (;;) {
    const byte = rest & 0x7f;
    rest >>= 7;
    if ((rest === 0 && (byte & 0x40) === 0) || (rest === -1 && (byte & 0x40) !== 0)) {
      bytes.push(byte);
      return bytes;
    }
    bytes.push(byte | 0x80);
  }
}

/** A function's instructions and its locals, by name (the parameters first). */
export class FunctionCode {
  readonly names: string[];

  constructor(
    readonly params: string[],
    locals: string[],
  ) {
    this.names = [...params, ...locals];
  }

  private index(name: string): number {
    const at = this.names.indexOf(name);
    if (at < 0) throw new Error(`wasm: no local ${name}`);
    return at;
  }

  get = (name: string): Code => [0x20, this.index(name)];
  set = (name: string, value: Code): Code => [value, 0x21, this.index(name)];
}

export const block = (label: string, ...body: Code[]): Code => [
  { open: label, opcode: 0x02 },
  body,
  { close: label },
];
export const loop = (label: string, ...body: Code[]): Code => [
  { open: label, opcode: 0x03 },
  body,
  { close: label },
];
export const when = (condition: Code, then: Code, otherwise?: Code): Code =>
  otherwise === undefined
    ? [condition, { open: '', opcode: 0x04 }, then, { close: '' }]
    : [condition, { open: '', opcode: 0x04 }, then, 0x05, otherwise, { close: '' }];
/** Branch to a label: to the end of a block, or back to the start of a loop. */
export const br = (label: string): Code => ({ branch: label, opcode: 0x0c });
export const brIf = (condition: Code, label: string): Code => [condition, { branch: label, opcode: 0x0d }];

export const i32 = (value: number): Code => [0x41, ...signed(value)];
const binary =
  (opcode: number) =>
  (a: Code, b: Code): Code => [a, b, opcode];
export const add = binary(0x6a);
export const sub = binary(0x6b);
export const mul = binary(0x6c);
export const and = binary(0x71);
export const or = binary(0x72);
export const xor = binary(0x73);
export const shl = binary(0x74);
export const shrU = binary(0x76);
export const eq = binary(0x46);
export const ne = binary(0x47);
export const ltS = binary(0x48);
export const gtS = binary(0x4a);
export const leS = binary(0x4c);
export const geS = binary(0x4e);
export const geU = binary(0x4f);
export const eqz = (a: Code): Code => [a, 0x45];
/** `condition ? a : b`, both evaluated, without a branch. */
export const select = (a: Code, b: Code, condition: Code): Code => [a, b, condition, 0x1b];
/** Loads from address + offset (offset a constant): a 32-bit word, an unsigned 16-bit or 8-bit one. */
export const load = (address: Code, offset = 0): Code => [address, 0x28, 2, ...unsigned(offset)];
export const load16 = (address: Code, offset = 0): Code => [address, 0x2f, 1, ...unsigned(offset)];
export const load8 = (address: Code, offset = 0): Code => [address, 0x2d, 0, ...unsigned(offset)];
export const store = (address: Code, value: Code, offset = 0): Code => [
  address,
  value,
  0x36,
  2,
  ...unsigned(offset),
];

/** The bytes of the instructions, with each branch's label turned into its depth. */
function flatten(code: Code): number[] {
  const bytes: number[] = [];
  const open: string[] = [];
  const visit = (item: Code): void => {
    if (typeof item === 'number') bytes.push(item);
    else if (Array.isArray(item)) for (const inner of item) visit(inner);
    else if ('open' in item) {
      open.push(item.open);
      bytes.push(item.opcode, 0x40); // a block type without results
    } else if ('close' in item) {
      open.pop();
      bytes.push(0x0b);
    } else {
      const at = open.lastIndexOf(item.branch);
      if (at < 0 || item.branch === '') throw new Error(`wasm: no label ${item.branch}`);
      bytes.push(item.opcode, ...unsigned(open.length - 1 - at));
    }
  };
  visit(code);
  if (open.length !== 0) throw new Error('wasm: unclosed block');
  return bytes;
}

const section = (id: number, bytes: number[]): number[] => [id, ...unsigned(bytes.length), ...bytes];
const vector = (items: number[][]): number[] => [...unsigned(items.length), ...items.flat()];
const name = (text: string): number[] => {
  const bytes = new TextEncoder().encode(text);
  return [...unsigned(bytes.length), ...bytes];
};

/**
 * A module exporting `fn` as `name` (i32 parameters, one i32 result: the value the body leaves) and its
 * memory as "memory", of `pages` 64 KiB pages to start with.
 */
export function buildModule(functionName: string, fn: FunctionCode, body: Code, pages: number): Uint8Array {
  const i32Type = 0x7f;
  const localCount = fn.names.length - fn.params.length;
  const code = [1, ...unsigned(localCount), i32Type, ...flatten(body), 0x0b];
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d, // "\0asm"
    0x01,
    0x00,
    0x00,
    0x00, // version 1
    ...section(
      1,
      vector([[0x60, ...unsigned(fn.params.length), ...fn.params.map(() => i32Type), 1, i32Type]]),
    ),
    ...section(3, vector([[0]])),
    ...section(5, vector([[0x00, ...unsigned(pages)]])),
    ...section(
      7,
      vector([
        [...name(functionName), 0x00, 0],
        [...name('memory'), 0x02, 0],
      ]),
    ),
    ...section(10, vector([[...unsigned(code.length), ...code]])),
  ]);
}
