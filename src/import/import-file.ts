// Importing a dataset file into the database: reads it as a stream, maps each record to a raw posting, runs
// the pipeline, and stores postings in batches (one transaction each) under the source "import:<name>", with
// a scrape run that records when the data were collected: the days of a scrape-date column, or the range the
// user states (--observed); without either, the span of the posting dates, marked assumed. A jobtrend export is
// restored as it was instead. Rows that cannot be read (a posted date that is not a date included) are reported
// with their line numbers and skipped; nothing else is lost. Between batches the import leaves the database to
// other writers for a moment (a scrape beside it stores its pages), and its runs are opened before the first
// batch's transaction, so a failed batch leaves them saying how the import ended.
import { statSync } from 'node:fs';
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
import { markBacklog, recordObservedDays, setSourceLifetimes } from '../store/observation-store.js';
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
  onProgress?: (progress: ImportProgress) => void;
  /** The days the dataset was collected on (--observed FROM..TO), over any scrape-date column. */
  observed?: { from: string; to: string };
  /** Accept a dataset without a posted-date column: its postings are dated the day they were collected. */
  undatedImportDay?: boolean;
  /** Posting lifetime of the import's source (config sources."import:<name>".lifetimeDays; default 30). */
  lifetimeDays?: number;
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
  /** First and last day the dataset was collected on; when coverageAssumed, the span of its posting dates. */
  coverageFrom: string | null;
  coverageTo: string | null;
  /** How the collection days are known: a scrape-date column, --observed, or not at all (assumed). */
  coverageSource: 'column' | 'observed' | 'assumed';
  /** Distinct collection days (column) or days of the stated range (observed); 0 when assumed. */
  observedDays: number;
  /** True when the dataset has no collection dates and is taken as a continuous log of its posting dates. */
  coverageAssumed: boolean;
  /** Postings without a posted date, dated the day they were collected (the import day unless stated). */
  undated: number;
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
  /** Span of the posting dates (restored rows: effective dates), for coverage assumed from them. */
  from: string | null;
  to: string | null;
  /** Days the rows say they were collected on (a scrape-date column). */
  observed: Set<string>;
  /** Opened inside the transaction still open: a rollback takes its run row with it. */
  uncommitted: boolean;
  /** The counters as of the last commit. */
  committed: RunCounters;
}

/** How far an import has got: rows so far, and bytes of the file read against its size. */
export interface ImportProgress {
  rows: number;
  skipped: number;
  bytesRead?: number;
  fileBytes?: number;
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
    coverageSource: options.observed ? 'observed' : 'assumed',
    observedDays: 0,
    coverageAssumed: !options.observed,
    undated: 0,
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
    if (options.lifetimeDays !== undefined) setSourceLifetimes(db, { [sourceId]: options.lifetimeDays });
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
        observed: new Set(),
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
      const observedOn = batch.observedOn;
      if (observedOn) {
        // Each posting is seen on the day its row was collected: first seen on the earliest of them.
        summary.coverageSource = 'column';
        summary.coverageAssumed = false;
        const byDay = groupBy(
          batch.postings.map((posting, i) => ({ posting, day: observedOn[i]! })),
          (p) => p.day,
        );
        result = { inserted: 0, updated: 0, unchanged: 0, items: [] };
        for (const [day, group] of byDay) {
          t.observed.add(day);
          addResult(
            result,
            upsertPostings(
              db,
              group.map((g) => g.posting),
              { seenAt: `${day}T00:00:00.000Z`, runId: t.runId, deferBacklog: true },
            ),
          );
        }
      } else {
        const collected = options.observed ? `${options.observed.to}T00:00:00.000Z` : seenAt;
        result = upsertPostings(db, batch.postings, {
          seenAt: collected,
          runId: t.runId,
          deferBacklog: true,
        });
      }
      count(t, result, batch.postings.length);
      for (const p of batch.postings) {
        if (p.posted_at) cover(t, p.posted_at.slice(0, 10));
        else summary.undated++;
      }
    }
    summary.inserted += result.inserted;
    summary.updated += result.updated;
    summary.unchanged += result.unchanged;
  };

  const readOptions: ReadOptions = {
    format,
    encoding: options.encoding,
    mapping: options.mapping,
    foreignDataset: Boolean(options.sourceName) || Object.keys(options.mapping ?? {}).length > 0,
    sourceId: `import:${name}`,
    timeZone: options.timeZone,
    currency: options.currency,
    seenAt: startedAt,
    batchSize,
    ...(options.observed ? { observed: options.observed } : {}),
    ...(options.undatedImportDay ? { undatedImportDay: true } : {}),
  };
  // A replaced pipeline (benchmarks) is a function, which cannot cross into a worker thread.
  // The file's size, for progress by bytes (a file that cannot be read is reported by the reader).
  const fileBytes = statSync(path, { throwIfNoEntry: false })?.size;
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
      options.onProgress?.({
        rows: summary.rows,
        skipped: summary.skippedCount,
        ...(batch.bytesRead !== undefined ? { bytesRead: batch.bytesRead, fileBytes } : {}),
      });
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
      closeRuns(
        db,
        tallies,
        'failed',
        summary,
        now,
        error instanceof Error ? error.message : String(error),
        options.observed,
      );
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
  closeRuns(
    db,
    tallies,
    status,
    summary,
    now,
    problems.length > 0 ? problems.join('; ') : null,
    options.observed,
  );
  return summary;
}

function closeRuns(
  db: Db,
  tallies: Map<string, SourceTally>,
  status: 'ok' | 'partial' | 'failed' | 'interrupted',
  summary: ImportSummary,
  now: () => Date,
  errorSummary: string | null,
  observed: ImportOptions['observed'],
): void {
  const finishedAt = now().toISOString();
  for (const t of tallies.values()) {
    t.counters.error_count = summary.skippedCount;
    let from: string | null;
    let to: string | null;
    if (summary.coverageSource === 'observed' && observed) {
      ({ from, to } = observed);
    } else if (summary.coverageSource === 'column') {
      recordObservedDays(db, t.runId, t.observed);
      const days = [...t.observed].sort();
      [from, to] = [days[0] ?? null, days[days.length - 1] ?? null];
    } else {
      // No collection dates: a continuous log over the posting dates (the import day when none is dated).
      from = t.from ?? finishedAt.slice(0, 10);
      to = t.to ?? finishedAt.slice(0, 10);
    }
    finishRun(db, t.runId, {
      status,
      counters: t.counters,
      errorSummary,
      finishedAt,
      coverageFrom: from,
      coverageTo: to,
      coverageAssumed: summary.coverageSource === 'assumed',
    });
    if (from && (summary.coverageFrom === null || from < summary.coverageFrom)) summary.coverageFrom = from;
    if (to && (summary.coverageTo === null || to > summary.coverageTo)) summary.coverageTo = to;
    summary.observedDays = Math.max(
      summary.observedDays,
      summary.coverageSource === 'column'
        ? t.observed.size
        : summary.coverageSource === 'observed' && from && to
          ? Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1
          : 0,
    );
  }
  // What each source listed when first watched depends on all of its observations, now recorded.
  markBacklog(db, [...tallies.keys()]);
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

/** Widens the span of a run's posting dates to include a date. */
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
