// Importing a dataset file into the database: reads it as a stream, maps each record to a raw posting, runs
// the pipeline, and stores postings in batches (one transaction each) under the source "import:<name>", with
// a scrape run whose coverage spans the data's dates. A jobtrend export is restored as it was instead.
// Rows that cannot be read are reported with their line numbers and skipped; nothing else is lost.
// Between batches the import leaves the database to other writers for a moment (a scrape beside it stores
// its pages), and its runs are opened before the first batch's transaction, so a failed batch leaves them
// saying how the import ended.
import { basename, extname } from 'node:path';
import { UserError } from '../errors.js';
import type { Normalise } from '../pipeline/normalise-posting.js';
import { beginWriteTransaction, type Db } from '../store/database.js';
import {
  type BulkFullText,
  beginBulkFullText,
  endBulkFullText,
  ensureImportedSource,
  restorePostings,
  useImportPragmas,
} from '../store/import-store.js';
import { effectiveDate, type UpsertResult, upsertPostings } from '../store/posting-store.js';
import {
  emptyRunCounters,
  finishRun,
  keepRunsAlive,
  type RunCounters,
  recordRunProgress,
  startRun,
} from '../store/run-store.js';
import { syncTaxonomy } from '../store/taxonomy-store.js';
import { WriteTurns } from '../store/write-turns.js';
import type { ColumnMapping } from './column-mapping.js';
import { type DatasetFormat, detectFormat } from './dataset-records.js';
import { type ImportBatch, type ReadOptions, readImportBatches, type SkippedRow } from './import-batches.js';
import { readBatches } from './worker-batches.js';

export type { SkippedRow } from './import-batches.js';

export interface ImportOptions {
  /** Name of the dataset: the source id becomes "import:<name>". Default: the file name without extension. */
  sourceName?: string;
  format?: DatasetFormat;
  /** Text encoding of the file (utf-8 default; gbk, gb18030 …). */
  encoding?: string;
  /** Field → column, over the default column names. */
  mapping?: ColumnMapping;
  /** Time zone of the dataset's dates (default: the pipeline's, UTC). */
  timeZone?: string;
  /** ISO 4217 currency of pay figures the dataset states without one: stated, not inferred. */
  currency?: string;
  /** Rows per transaction (default 10,000: each commit rewrites the index pages it touched, so fewer, larger
   *  transactions import faster; memory stays bounded by the batch). */
  batchSize?: number;
  /** The clock: first_seen_at of new postings. */
  now?: () => Date;
  signal?: AbortSignal;
  /** The pipeline (default: normalisePosting from src/pipeline); replaceable for benchmarks. */
  normalise?: Normalise;
  /** job_name of the import's runs (default "import:<name>"). */
  jobName?: string;
  /** Called after each stored batch. */
  onProgress?: (progress: { rows: number; skipped: number }) => void;
}

export interface ImportSummary {
  path: string;
  format: DatasetFormat;
  /** The text encoding the file was read in. */
  encoding: string;
  /** "restore" for a jobtrend export (rows kept as exported), "pipeline" for any other dataset. */
  mode: 'restore' | 'pipeline';
  sourceIds: string[];
  runIds: number[];
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** How many rows were skipped; `skipped` lists the first 1000 of them. */
  skippedCount: number;
  skipped: SkippedRow[];
  /**
   * Rows stored with text that could not be decoded (bytes not valid in the file's encoding, now U+FFFD), and
   * the lines of the first 1000: often a file in another encoding than the one it was read in.
   */
  undecodable_count: number;
  undecodable_lines: number[];
  coverageFrom: string | null;
  coverageTo: string | null;
  interrupted: boolean;
}

const MAX_LISTED = 1000;

/** A source name usable in "import:<name>": lower case, letters, digits, - and _. */
export function importSourceName(name: string): string {
  const slug = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_-]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  if (!slug) throw new UserError(`"${name}" cannot name a source: use letters and digits (--source NAME)`);
  return slug;
}

interface SourceTally {
  runId: number;
  counters: RunCounters;
  from: string | null;
  to: string | null;
  /** Opened inside the transaction still open: a rollback takes its run row with it. */
  uncommitted: boolean;
  /** The counters as of the last commit. */
  committed: RunCounters;
}

/** Imports one dataset file; see ImportSummary. */
export async function importFile(db: Db, path: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const format = options.format ?? (await detectFormat(path));
  const now = options.now ?? (() => new Date());
  const batchSize = Math.max(1, options.batchSize ?? 10_000);
  const name = importSourceName(options.sourceName ?? basename(path, extname(path)));
  const summary: ImportSummary = {
    path,
    format,
    encoding: options.encoding ?? 'utf-8',
    mode: 'pipeline',
    sourceIds: [],
    runIds: [],
    rows: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    skippedCount: 0,
    skipped: [],
    undecodable_count: 0,
    undecodable_lines: [],
    coverageFrom: null,
    coverageTo: null,
    interrupted: false,
  };
  const tallies = new Map<string, SourceTally>();
  const startedAt = now().toISOString();
  // A source's run, opened when its first posting arrives.
  const openRun = (sourceId: string): number => {
    ensureImportedSource(
      db,
      sourceId,
      sourceId.startsWith('import:') ? `imported dataset ${name}` : sourceId,
      startedAt,
    );
    return startRun(db, {
      sourceId,
      jobName: options.jobName ?? `import:${name}`,
      query: basename(path),
      startedAt,
    });
  };
  const tally = (sourceId: string): SourceTally => {
    let t = tallies.get(sourceId);
    if (!t) {
      if (tallies.size === 0) syncTaxonomy(db);
      const runId = openRun(sourceId);
      t = {
        runId,
        counters: emptyRunCounters(),
        from: null,
        to: null,
        uncommitted: db.inTransaction,
        committed: emptyRunCounters(),
      };
      tallies.set(sourceId, t);
      summary.sourceIds.push(sourceId);
      summary.runIds.push(runId);
    }
    return t;
  };
  const sourcesOf = (batch: ImportBatch): string[] =>
    batch.mode === 'restore' ? [...new Set(batch.postings.map((p) => p.source_id))] : [`import:${name}`];
  const skip = (line: number, reason: string) => {
    summary.skippedCount++;
    if (summary.skipped.length < MAX_LISTED) summary.skipped.push({ line, reason });
  };

  // Stores a batch, or a part of one, inside the batch's transaction.
  const storeBatch = (batch: ImportBatch) => {
    const seenAt = now().toISOString();
    let result: UpsertResult;
    if (batch.mode === 'restore') {
      // One restore per source, so that each source's run counts its own postings.
      const bySource = groupBy(batch.postings, (p) => p.source_id);
      result = { inserted: 0, updated: 0, unchanged: 0, items: [] };
      for (const [sourceId, postings] of bySource) {
        const t = tally(sourceId);
        const r = restorePostings(db, postings, { seenAt, runId: t.runId });
        count(t, r, postings.length);
        for (const p of postings) cover(t, p.effective_date ?? effectiveDate(p, seenAt));
        addResult(result, r);
      }
    } else {
      const t = tally(`import:${name}`);
      result = upsertPostings(db, batch.postings, { seenAt, runId: t.runId });
      count(t, result, batch.postings.length);
      for (const p of batch.postings) cover(t, effectiveDate(p, seenAt));
    }
    summary.inserted += result.inserted;
    summary.updated += result.updated;
    summary.unchanged += result.unchanged;
  };

  const readOptions: ReadOptions = {
    format,
    encoding: options.encoding,
    mapping: options.mapping,
    explicit: Boolean(options.sourceName) || Object.keys(options.mapping ?? {}).length > 0,
    sourceId: `import:${name}`,
    timeZone: options.timeZone,
    currency: options.currency,
    seenAt: startedAt,
    batchSize,
  };
  // A replaced pipeline (benchmarks) is a function, which cannot cross into a worker thread.
  const batches = options.normalise
    ? readImportBatches(path, readOptions, options.normalise)
    : readBatches(path, readOptions);
  const restorePragmas = useImportPragmas(db);
  const stopBeating = keepRunsAlive(db, () => [...tallies.values()].map((t) => t.runId), now);
  // One transaction per batch. A batch read in a worker arrives in parts (all but the last marked `more`),
  // each stored as it comes and then dropped, so that the main thread never holds a whole batch.
  let bulk: BulkFullText | null = null;
  // Other writers (a scrape storing its pages) take their turn between two batches.
  const turns = new WriteTurns();
  try {
    for await (const batch of batches) {
      summary.rows += batch.rows;
      for (const { line, reason } of batch.skipped) skip(line, reason);
      summary.undecodable_count += batch.undecodable.length;
      const room = MAX_LISTED - summary.undecodable_lines.length;
      if (room > 0) summary.undecodable_lines.push(...batch.undecodable.slice(0, room));
      summary.mode = batch.mode;
      if (batch.postings.length > 0) {
        if (!bulk) {
          // The runs first, each committed on its own: a batch that fails must not take them with it.
          for (const sourceId of sourcesOf(batch)) tally(sourceId);
          await turns.beforeBegin();
          beginWriteTransaction(db);
          bulk = beginBulkFullText(db);
        }
        storeBatch(batch);
      }
      if (batch.more) continue;
      if (bulk) {
        const seenAt = now().toISOString();
        for (const t of tallies.values()) recordRunProgress(db, t.runId, t.counters, seenAt);
        endBulkFullText(db, bulk);
        db.exec('COMMIT');
        turns.committed();
        bulk = null;
        for (const t of tallies.values()) {
          t.uncommitted = false;
          t.committed = { ...t.counters };
        }
      }
      // Storing is synchronous and the next batch is often already waiting, so without a turn of the event
      // loop here SIGINT/SIGTERM would only be seen once the whole file is in.
      await new Promise<void>((resolve) => setImmediate(resolve));
      options.onProgress?.({ rows: summary.rows, skipped: summary.skippedCount });
      if (options.signal?.aborted) {
        summary.interrupted = true;
        break;
      }
    }
  } catch (error) {
    // The batch being stored goes back as a whole; the batches before it stay.
    if (db.inTransaction) db.exec('ROLLBACK');
    try {
      // A run opened inside that batch went back with it: open it again, to say how the import ended.
      for (const [sourceId, t] of tallies) {
        t.counters = { ...t.committed };
        if (!t.uncommitted) continue;
        t.runId = openRun(sourceId);
        t.uncommitted = false;
        summary.runIds[summary.sourceIds.indexOf(sourceId)] = t.runId;
      }
      closeRuns(db, tallies, 'failed', summary, now, error instanceof Error ? error.message : String(error));
    } catch {
      // The database itself fails: its runs stay `running`, and are shown interrupted once this process ends.
    }
    throw error;
  } finally {
    stopBeating();
    restorePragmas();
  }
  const status = summary.interrupted ? 'interrupted' : summary.skippedCount > 0 ? 'partial' : 'ok';
  const problems = [
    summary.skippedCount > 0 ? describeSkips(summary) : null,
    summary.undecodable_count > 0 ? describeUndecodable(summary, summary.encoding) : null,
  ].filter((p) => p !== null);
  closeRuns(db, tallies, status, summary, now, problems.length > 0 ? problems.join('; ') : null);
  return summary;
}

function closeRuns(
  db: Db,
  tallies: Map<string, SourceTally>,
  status: 'ok' | 'partial' | 'failed' | 'interrupted',
  summary: ImportSummary,
  now: () => Date,
  errorSummary: string | null,
): void {
  for (const t of tallies.values()) {
    t.counters.error_count = summary.skippedCount;
    finishRun(db, t.runId, {
      status,
      counters: t.counters,
      errorSummary,
      finishedAt: now().toISOString(),
      coverageFrom: t.from,
      coverageTo: t.to,
    });
    if (t.from && (summary.coverageFrom === null || t.from < summary.coverageFrom))
      summary.coverageFrom = t.from;
    if (t.to && (summary.coverageTo === null || t.to > summary.coverageTo)) summary.coverageTo = t.to;
  }
}

export function describeSkips(summary: Pick<ImportSummary, 'skippedCount' | 'skipped'>): string {
  const first = summary.skipped.slice(0, 5).map((s) => `line ${s.line}: ${s.reason}`);
  return `${summary.skippedCount} rows skipped (${first.join('; ')}${summary.skippedCount > first.length ? '; …' : ''})`;
}

/** What the rows with undecodable text were, and what to do about them, in one line. */
export function describeUndecodable(
  summary: Pick<ImportSummary, 'undecodable_count' | 'undecodable_lines'>,
  encoding = 'utf-8',
): string {
  const lines = summary.undecodable_lines.slice(0, 10).join(', ');
  const more = summary.undecodable_count > 10 ? ', …' : '';
  const other = /^utf-?8$/i.test(encoding) ? 'gbk, gb18030, big5 …' : 'utf-8, gb18030, big5 …';
  return `${summary.undecodable_count} rows hold bytes that are not ${encoding} (stored as �), on lines ${lines}${more}: if the file is in another encoding, import it again with --encoding (${other})`;
}

/** Widens a run's coverage to include a posting's date. */
function cover(t: SourceTally, date: string): void {
  if (t.from === null || date < t.from) t.from = date;
  if (t.to === null || date > t.to) t.to = date;
}

function count(t: SourceTally, result: UpsertResult, seen: number): void {
  t.counters.postings_seen += seen;
  t.counters.postings_new += result.inserted;
  t.counters.postings_updated += result.updated;
}

function addResult(into: UpsertResult, from: UpsertResult): void {
  into.inserted += from.inserted;
  into.updated += from.updated;
  into.unchanged += from.unchanged;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
