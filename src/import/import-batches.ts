// The reading side of an import: a dataset file's records → batches of postings ready to store (normalised
// by the pipeline, or restored as a jobtrend export wrote them) with the rows that could not be read. It never
// touches the database, so it can run in a worker thread (import-worker.ts) while the main thread stores the
// batch before.
import type { NormalisedPosting } from '../domain/posting.js';
import { UserError } from '../errors.js';
import { type DateContext, parseDate } from '../pipeline/dates.js';
import type { Normalise } from '../pipeline/normalise-posting.js';
import type { RestoredPosting } from '../store/import-store.js';
import { type ColumnMapping, resolveMapping } from './column-mapping.js';
import { type DatasetFormat, type ReadPosition, readDataset } from './dataset-records.js';
import { isJobtrendExport, readExportedRow } from './exported-rows.js';
import { rowToRawPosting } from './row-to-raw.js';

/** What reading needs to know; plain data, so that it can be handed to a worker thread. */
export interface ReadOptions {
  format: DatasetFormat;
  encoding?: string;
  /** Field → column, over the default column names. */
  mapping?: ColumnMapping;
  /** A source name or a mapping was given: the file is a foreign dataset even if it looks like an export. */
  foreignDataset: boolean;
  /** Source id of pipeline postings ("import:<name>"). */
  sourceId: string;
  timeZone?: string;
  /** ISO 4217 currency of pay figures the dataset states without one (`--currency`). */
  currency?: string;
  /** ISO time the rows are seen: relative dates ("3天前") count back from it. */
  seenAt: string;
  /** The dataset's stated collection days (--observed): its rows are taken as seen on the last of them. */
  observed?: { from: string; to: string };
  /** Accept a dataset without a posted-date column (--undated import-day): undated postings take the day they were collected. */
  undatedImportDay?: boolean;
  batchSize: number;
  /** Characters of text (descriptions and raw JSON) after which a batch ends early (default BATCH_TEXT_CHARS). */
  batchChars?: number;
  /** Postings after which a batch is handed over in parts, each but the last marked `more` (default: whole). */
  partRows?: number;
}

/**
 * Text per batch at most, in characters: rows of long descriptions end a batch before batchSize rows, so
 * that the batches in flight (one being stored, two read ahead) stay a few tens of MB whatever the rows hold.
 */
export const BATCH_TEXT_CHARS = 8_000_000;

/**
 * Rows of the first batch at most: the store waits for it with nothing else to do, so it is kept small and
 * storing starts within a few milliseconds instead of after a whole batch has been read.
 */
export const FIRST_BATCH_ROWS = 1_000;

export interface SkippedRow {
  line: number;
  reason: string;
}

/**
 * A batch: how many records it read (skipped ones included), and what came of them. With `more`, it is a part
 * of a batch whose remaining parts follow (see ReadOptions.partRows).
 */
export type ImportBatch = {
  rows: number;
  skipped: SkippedRow[];
  /** Lines of records stored with text that could not be decoded (bytes not valid in the file's encoding). */
  undecodable: number[];
  more?: true;
  /** Bytes of the file read when the batch was taken (read ahead in 1 MB chunks): progress by size. */
  bytesRead?: number;
} & (
  | {
      mode: 'pipeline';
      postings: NormalisedPosting[];
      /** With a collection-date column: the day each posting's row was collected, by index. */
      observedOn?: string[];
    }
  | { mode: 'restore'; postings: RestoredPosting[] }
);

/** Cells that mean "no date" rather than a date that cannot be read. */
const NO_DATE = new Set(['-', '—', '--', 'n/a', 'na', 'null', 'none', 'nan', '无', '暂无', '未知']);

/**
 * Reads a dataset into batches of at most `batchSize` postings or `batchChars` characters of text; the last
 * batch may hold only skips.
 */
export async function* readImportBatches(
  path: string,
  options: ReadOptions,
  normalise?: Normalise,
): AsyncGenerator<ImportBatch> {
  // Decided on the first record: an explicit mapping or source name means "treat as a foreign dataset".
  let mode: 'restore' | 'pipeline' | null = null;
  let columns: string[] | null = null;
  let mapping: ColumnMapping = {};
  let jsonKeys: Set<string> | null = null;
  const seenAt = new Date(options.seenAt);
  const collectedAt = options.observed ? new Date(`${options.observed.to}T00:00:00.000Z`) : seenAt;
  const context = {
    sourceId: options.sourceId,
    seenAt,
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    ...(options.currency ? { currency: options.currency } : {}),
  };
  let pipeline: NormalisedPosting[] = [];
  let observedOn: string[] = [];
  let restore: RestoredPosting[] = [];
  let skipped: SkippedRow[] = [];
  let undecodable: number[] = [];
  let rows = 0;
  // Postings and characters of text in the batch so far, all of its parts included.
  let count = 0;
  let chars = 0;
  const batchChars = options.batchChars ?? BATCH_TEXT_CHARS;
  const partRows = options.partRows ?? Number.POSITIVE_INFINITY;
  /** What this posting ends: the batch, a part of it, or nothing. */
  const boundary = (posting: { description: string | null; raw_json: string | null }, inPart: number) => {
    count++;
    chars += (posting.description?.length ?? 0) + (posting.raw_json?.length ?? 0);
    if (count >= rowLimit || chars >= batchChars) return 'batch';
    return inPart >= partRows ? 'part' : null;
  };
  let rowLimit = Math.min(options.batchSize, FIRST_BATCH_ROWS);
  // JSON keys the records really have (jsonKeys also holds the mapped ones, which may come later).
  const seenKeys = new Set<string>();
  let checked = false;
  /** Before the first batch goes to be stored: every mapped JSON key has turned up in a record so far. */
  const checkMappedKeys = () => {
    checked = true;
    if (!jsonKeys || mode !== 'pipeline') return;
    for (const [field, column] of Object.entries(options.mapping ?? {})) {
      if (seenKeys.has(column)) continue;
      const known = [...seenKeys].slice(0, 30).join(', ');
      throw new UserError(
        `column "${column}" (mapped to ${field}) is not in the data: the records read so far have ${known || 'no keys'}`,
      );
    }
  };
  let position: ReadPosition | undefined;
  const take = (part = false): ImportBatch => {
    if (!checked) checkMappedKeys();
    const batch: ImportBatch =
      mode === 'restore'
        ? { mode, postings: restore, skipped, undecodable, rows }
        : {
            mode: 'pipeline',
            postings: pipeline,
            skipped,
            undecodable,
            rows,
            ...(mapping.observed_at ? { observedOn } : {}),
          };
    if (position) batch.bytesRead = position.bytesRead;
    if (part) batch.more = true;
    else {
      rowLimit = options.batchSize;
      count = 0;
      chars = 0;
    }
    pipeline = [];
    observedOn = [];
    restore = [];
    skipped = [];
    undecodable = [];
    rows = 0;
    return batch;
  };

  const records = readDataset(path, options.format, {
    encoding: options.encoding,
    onColumns: (header) => {
      columns = header;
    },
    onOpen: (opened) => {
      position = opened;
    },
  });
  for await (const record of records) {
    rows++;
    if (record.error !== undefined) {
      skipped.push({ line: record.line, reason: record.error });
      continue;
    }
    // Bytes the decoder could not read became U+FFFD: the row is kept, and its line reported.
    if (holdsReplacementCharacter(record.values)) undecodable.push(record.line);
    if (mode === null) {
      const names: string[] = columns ?? Object.keys(record.values);
      mode = !options.foreignDataset && isJobtrendExport(names) ? 'restore' : 'pipeline';
      if (mode === 'pipeline') {
        normalise ??= await defaultNormaliser();
        if (columns === null) {
          // JSON records need not all have the same keys: the mapping follows the keys seen so far, and an
          // explicitly mapped key may first appear in a later record of the first batch.
          jsonKeys = new Set([...names, ...Object.values(options.mapping ?? {})]);
          for (const key of names) seenKeys.add(key);
        }
        mapping = resolveMapping(jsonKeys ? [...jsonKeys] : names, options.mapping);
        if (!mapping.title) throw new UserError(noTitleColumn(names, options.encoding));
        if (!mapping.posted_at && !mapping.observed_at && !options.undatedImportDay) {
          throw new UserError(
            `no date column among ${names.slice(0, 20).join(', ')}: name the posting date with --map posted_at=COLUMN, or accept the import day as every posting's date with --undated import-day`,
          );
        }
        // A stated range wins over a column: the column is then just another cell.
        if (options.observed) delete mapping.observed_at;
      }
    } else if (jsonKeys) {
      for (const key of Object.keys(record.values)) seenKeys.add(key);
      let grew = false;
      for (const key of Object.keys(record.values)) {
        if (!jsonKeys.has(key)) {
          jsonKeys.add(key);
          grew = true;
        }
      }
      if (grew) {
        mapping = resolveMapping([...jsonKeys], options.mapping);
        if (options.observed) delete mapping.observed_at;
      }
    }
    if (mode === 'restore') {
      const restored = readExportedRow(record.values, columns !== null);
      if ('error' in restored) skipped.push({ line: record.line, reason: restored.error });
      else {
        const end = boundary(restored.posting, restore.push(restored.posting));
        if (end) yield take(end === 'part');
      }
      continue;
    }
    const raw = rowToRawPosting(record.values, mapping);
    if (raw.error !== undefined) {
      skipped.push({ line: record.line, reason: raw.error });
      continue;
    }
    // When the row was collected: its scrape-date cell, the stated range's last day, else the import itself.
    let seen = collectedAt;
    let day: string | null = null;
    if (mapping.observed_at) {
      const cell = record.values[mapping.observed_at];
      day = collectionDay(cell, context);
      if (day === null) {
        skipped.push({ line: record.line, reason: collectionDateProblem(cell, mapping.observed_at) });
        continue;
      }
      seen = new Date(`${day}T00:00:00.000Z`);
    }
    const postedCell = mapping.posted_at === undefined ? undefined : record.values[mapping.posted_at];
    if (isNoDate(postedCell)) delete raw.posting.postedAt;
    let posting: NormalisedPosting;
    try {
      posting = normalise!(raw.posting, seen === seenAt ? context : { ...context, seenAt: seen });
    } catch (error) {
      skipped.push({
        line: record.line,
        reason: `cannot be normalised: ${(error as Error).message.split('\n')[0]}`,
      });
      continue;
    }
    if (raw.posting.postedAt !== undefined && posting.posted_at === null) {
      // Never dated the import day without a word: a date that cannot be read is reported by line.
      skipped.push({
        line: record.line,
        reason: `posted date ${JSON.stringify(String(raw.posting.postedAt).slice(0, 40))} in column "${mapping.posted_at}" is not a date: correct it, or map another column with --map posted_at=COLUMN`,
      });
      continue;
    }
    if (day !== null) observedOn.push(day);
    const end = boundary(posting, pipeline.push(posting));
    if (end) yield take(end === 'part');
  }
  // The last batch, or the rest of one handed over in parts (its postings are counted, none left to take).
  if (rows > 0 || count > 0) yield take();
}

/** Why a dataset has no title column, and what to do: name it, or read the file as what it is. */
function noTitleColumn(names: string[], encoding = 'utf-8'): string {
  const header = names.slice(0, 20).join(', ');
  if ([...header].some((c) => c < ' ' && !'\t\r\n'.includes(c)))
    return `the file is not a dataset: its first row holds binary bytes (${header.slice(0, 40)}…); give a CSV, TSV, JSON or JSON Lines file`;
  if (header.includes('\uFFFD'))
    return `no title column among ${header}: the header is not ${encoding} text; give the file's encoding with --encoding (gbk, gb18030, big5 …)`;
  return `no title column among ${header}: name it with --map title=COLUMN`;
}

function holdsReplacementCharacter(values: Record<string, unknown>): boolean {
  for (const value of Object.values(values)) {
    if (
      typeof value === 'string'
        ? value.includes('\uFFFD')
        : value !== null && typeof value === 'object' && JSON.stringify(value).includes('\uFFFD')
    )
      return true;
  }
  return false;
}

async function defaultNormaliser(): Promise<Normalise> {
  const pipeline = await import('../pipeline/index.js');
  return pipeline.normalisePosting;
}

/** A cell that says there is no date ("", "-", "N/A", "暂无" …). */
function isNoDate(cell: unknown): boolean {
  if (cell === null || cell === undefined) return true;
  if (typeof cell !== 'string') return false;
  return NO_DATE.has(cell.trim().toLowerCase()) || cell.trim() === '';
}

/** The day a row was collected (YYYY-MM-DD), or null when its cell holds no readable date. */
function collectionDay(cell: unknown, context: DateContext): string | null {
  if (isNoDate(cell)) return null;
  if (typeof cell !== 'string' && typeof cell !== 'number') return null;
  const parsed = parseDate(cell, context);
  if (!parsed || parsed.precision === 'censored') return null;
  return parsed.value.slice(0, 10);
}

function collectionDateProblem(cell: unknown, column: string): string {
  return isNoDate(cell)
    ? `no collection date in column "${column}": fill it in, or state the collection days with --observed FROM..TO`
    : `collection date ${JSON.stringify(String(cell).slice(0, 40))} in column "${column}" is not a date: correct it, or state the collection days with --observed FROM..TO`;
}
