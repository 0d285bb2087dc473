// A streaming reader for a JSON array of records (or an object whose first array-valued property holds them,
// like {"jobs": [...]}): scans the text chunk by chunk, cuts out one element at a time and parses only that,
// so memory stays flat however large the file. Each element comes with the line it starts on.
import { UserError } from '../errors.js';
import type { DatasetRecord } from './dataset-records.js';

const QUOTE = 34;
const BACKSLASH = 92;
const NEWLINE = 10;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff;
}

/** Yields the elements of the record array in `chunks` (text), each parsed on its own. */
export async function* readJsonArray(chunks: AsyncIterable<string | Buffer>): AsyncGenerator<DatasetRecord> {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let line = 1;
  let top: 'array' | 'object' | null = null;
  let recordDepth = -1; // depth inside the record array, once found
  let inElement = false;
  let elementLine = 0;
  let parts: string[] = [];
  let done = false;

  for await (const piece of chunks) {
    if (done) break;
    const chunk = typeof piece === 'string' ? piece : piece.toString('utf8');
    const ready: DatasetRecord[] = [];
    let segmentStart = inElement ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === NEWLINE) line++;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) inString = false;
        continue;
      }
      if (isSpace(c)) continue;
      const ch = chunk[i]!;
      if (top === null && ch !== '{' && ch !== '[') {
        throw new UserError(
          'the JSON file is not an array of postings (nor an object holding one): check the file, or use --format',
        );
      }
      if (recordDepth !== -1 && depth === recordDepth) {
        if (inElement && (ch === ',' || ch === ']')) {
          parts.push(chunk.slice(segmentStart, i));
          ready.push(parseElement(parts.join(''), elementLine));
          parts = [];
          inElement = false;
          segmentStart = -1;
        } else if (!inElement && ch !== ',' && ch !== ']') {
          inElement = true;
          elementLine = line;
          segmentStart = i;
        }
      }
      if (ch === '"') {
        inString = true;
      } else if (ch === '{' || ch === '[') {
        if (top === null) {
          top = ch === '[' ? 'array' : 'object';
          if (top === 'array') recordDepth = 1;
        } else if (top === 'object' && recordDepth === -1 && depth === 1 && ch === '[') {
          recordDepth = 2;
        }
        depth++;
      } else if (ch === '}' || ch === ']') {
        depth--;
        if (recordDepth !== -1 && depth === recordDepth - 1) {
          done = true;
          break;
        }
        if (depth < 0) throw new UserError(`the JSON is malformed at line ${line}: an unexpected "${ch}"`);
      }
    }
    if (inElement && segmentStart !== -1 && !done) parts.push(chunk.slice(segmentStart));
    for (const record of ready) yield record;
  }
  if (inElement) yield { line: elementLine, error: 'the file ends inside this record (truncated?)' };
  else if (top === 'object' && recordDepth === -1) {
    throw new UserError(
      'the JSON object holds no array of postings: give an array, JSON Lines, or an object like {"jobs": [...]}',
    );
  }
}

function parseElement(text: string, line: number): DatasetRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { line, error: `not valid JSON (${(error as Error).message.split('\n')[0]})` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return { line, error: 'not a JSON object' };
  return { line, values: value as Record<string, unknown> };
}
