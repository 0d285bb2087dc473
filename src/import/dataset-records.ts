// Streaming readers for imported datasets: CSV, TSV, JSON (an array, or an object holding one) and JSON
// Lines. Each yields one record at a time with the line it starts on, or the line and reason a record could
// not be read, so a 1 GB file is read in constant memory and a bad row costs only itself.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { UsageError, UserError } from '../errors.js';
import { CsvReader, type CsvRow } from './csv-reader.js';
import { readJsonArray } from './json-array-reader.js';

export type DatasetFormat = 'csv' | 'tsv' | 'json' | 'jsonl';
export const DATASET_FORMATS: readonly DatasetFormat[] = ['csv', 'tsv', 'json', 'jsonl'];

/** One record of a dataset: its values by column, or why it could not be read. */
export type DatasetRecord =
  | { line: number; values: Record<string, unknown>; error?: undefined }
  | { line: number; error: string; values?: undefined };

/** The format a file's name says, else what its first bytes look like. */
export async function detectFormat(path: string): Promise<DatasetFormat> {
  const lower = path.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.tsv') || lower.endsWith('.tab')) return 'tsv';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  const head = await readHead(path, 1 << 20);
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('[')) return 'json';
  if (text.startsWith('{')) {
    // JSON Lines when the first two lines are whole objects; else one JSON object holding the records
    // (an API response saved on one line, like {"jobs": [...]}, is one object too).
    const lines = text.split('\n', 3).filter((l) => l.trim() !== '');
    const parses = (line: string | undefined) => {
      try {
        return line !== undefined && typeof JSON.parse(line) === 'object';
      } catch {
        return false;
      }
    };
    return parses(lines[0]) && parses(lines[1]) ? 'jsonl' : 'json';
  }
  if (lower.endsWith('.json')) return 'json';
  const firstLine = text.split('\n', 1)[0] ?? '';
  return firstLine.includes('\t') && !firstLine.includes(',') ? 'tsv' : 'csv';
}

async function readHead(path: string, bytes: number): Promise<string> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch {
    throw new UserError(`cannot read ${path}: check that the file exists and is readable`);
  }
  if ((await handle.stat()).isDirectory()) {
    await handle.close();
    throw new UserError(`${path} is a folder: give the dataset file itself`);
  }
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

/** How far into the file reading has got, in bytes (for progress against the file's size). */
export interface ReadPosition {
  readonly bytesRead: number;
}

/** The file as a stream of text in its encoding (UTF-8 by default; GBK, GB18030, Big5 … via iconv-lite). */
export function openText(
  path: string,
  encoding = 'utf-8',
  onOpen?: (position: ReadPosition) => void,
): Readable {
  if (!iconv.encodingExists(encoding)) {
    throw new UsageError(`unknown encoding "${encoding}": use utf-8, gbk, gb18030, big5 …`);
  }
  const bytes = createReadStream(path, { highWaterMark: 1 << 20 });
  bytes.on('error', () => {}); // reported by the consumer
  onOpen?.(bytes);
  if (/^utf-?8$/i.test(encoding)) {
    bytes.setEncoding('utf8');
    return bytes;
  }
  // pipe() does not pass an error on: a file that cannot be read would leave the decoded text open for good.
  const text = bytes.pipe(iconv.decodeStream(encoding)) as unknown as Readable;
  bytes.on('error', (error) => text.destroy(error));
  return text;
}

/** Reads the dataset's records in order, one at a time. */
export async function* readDataset(
  path: string,
  format: DatasetFormat,
  options: {
    encoding?: string;
    onColumns?: (columns: string[]) => void;
    /** Given once the file is open: how far reading has got. */
    onOpen?: (position: ReadPosition) => void;
  } = {},
): AsyncGenerator<DatasetRecord> {
  const text = openText(path, options.encoding, options.onOpen);
  const failure = new Promise<never>((_, reject) =>
    text.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        new UserError(`cannot read ${path}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`),
      ),
    ),
  );
  failure.catch(() => {});
  try {
    if (format === 'csv' || format === 'tsv')
      yield* readDelimited(text, format === 'tsv' ? '\t' : ',', options.onColumns);
    else if (format === 'jsonl') yield* readJsonLines(text);
    else yield* readJsonArray(text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') {
      throw new UserError(
        `cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
      );
    }
    throw error;
  } finally {
    text.destroy();
  }
}

async function* readDelimited(
  text: Readable,
  delimiter: string,
  onColumns?: (columns: string[]) => void,
): AsyncGenerator<DatasetRecord> {
  const reader = new CsvReader(delimiter);
  let columns: string[] | null = null;
  const records = function* (rows: CsvRow[]): Generator<DatasetRecord> {
    for (const row of rows) {
      if (row.error !== undefined) {
        yield { line: row.line, error: row.error };
      } else if (columns === null) {
        columns = row.fields.map((c) => c.trim());
        onColumns?.(columns);
      } else if (row.fields.length !== columns.length) {
        // A record over several lines with the wrong fields: most often a stray quote that took lines with it.
        const span =
          row.firstLine !== undefined
            ? ` (it runs over lines ${row.firstLine}–${row.line}: a quote may be unbalanced)`
            : '';
        yield { line: row.line, error: `wrong number of fields for the header${span}` };
      } else {
        const values: Record<string, unknown> = {};
        for (let i = 0; i < columns.length; i++) values[columns[i]!] = row.fields[i];
        yield { line: row.line, values };
      }
    }
  };
  for await (const chunk of text as AsyncIterable<string | Buffer>) {
    yield* records(reader.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8')));
  }
  yield* records(reader.end());
}

async function* readJsonLines(text: Readable): AsyncGenerator<DatasetRecord> {
  const lines = createInterface({ input: text, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const raw of lines) {
    line++;
    const content = line === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (content.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch (error) {
      yield { line, error: `not valid JSON (${(error as Error).message.split('\n')[0]})` };
      continue;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      yield { line, error: 'not a JSON object' };
      continue;
    }
    yield { line, values: value as Record<string, unknown> };
  }
}
