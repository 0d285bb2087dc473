// Keeps each scrape's run honest in scrape_runs while the crawl stores what its pages gave: postings through
// the pipeline and the store, each page in the same transaction as the queue's record of its request and
// the run's counters. Pages are committed in groups (group commit: a commit costs more than a page's rows),
// so a page is durable a fraction of a second after it was read; one killed before that is simply fetched
// again on resume. At the end each run is closed with its status and a one-line summary of what failed.
import type { NormalisedPosting, RawPosting } from '../domain/posting.js';
import type { FetcherStats } from '../fetch/create-fetcher.js';
import { BlockedError, CriticalError } from '../fetch/errors.js';
import { FieldTally } from '../health/field-tally.js';
import type { Normalise } from '../pipeline/normalise-posting.js';
import { type Db, inTransaction } from '../store/database.js';
import { type UpsertStatus, upsertPostings } from '../store/posting-store.js';
import { recordFieldCounts } from '../store/run-field-store.js';
import { emptyRunCounters, finishRun, type RunCounters, recordRunProgress } from '../store/run-store.js';
import type { WriteTurns } from '../store/write-turns.js';
import type { CrawlOutcome } from './crawler.js';
import { describeFailure, isRunFailure, type RequestFailure, summariseFailures } from './failure-summary.js';
import type { HandledRequest } from './request-queue.js';
import type { ScrapeRequest } from './scraper-contract.js';

export type RunOutcome = 'ok' | 'partial' | 'failed' | 'interrupted';

export interface RunSummary {
  runId: number;
  sourceId: string;
  /** What was asked of the source (query, city, max pages). */
  search: ScrapeRequest;
  status: RunOutcome;
  counters: RunCounters;
  errorSummary: string | null;
  /** The site showed a verification page or login wall; the source stopped for this run. */
  blocked: boolean;
}

/** Reported after each stored page (progress bars, log lines). */
export interface ScrapeProgress {
  sourceId: string;
  runId: number;
  pageUrl: string;
  counters: RunCounters;
}

/** A scrape's run as the recorder keeps it. */
export interface RecordedRun {
  sourceId: string;
  runId: number;
  search: ScrapeRequest;
  timeZone?: string;
}

interface RunState extends RecordedRun {
  counters: RunCounters;
  /** Attempts, retries and errors of requests that belong to no page (robots.txt). */
  overhead: FetcherStats;
  /** How much of `overhead` the counters hold already. */
  overheadCounted: FetcherStats;
  failures: RequestFailure[];
  /** Requests handled (done or failed) in this session. */
  handled: number;
  /** Requests queued for it and not yet handled. */
  outstanding: number;
  /** Postings the pipeline could not read, and the first reason. */
  lost: number;
  firstLoss?: string;
  /** Failures the fetcher did not count (handlers that could not read a page). */
  uncounted: number;
  /** Posting ids stored by this run: a posting listed twice is stored once. */
  stored: Set<string>;
  /** Which fields its stored postings had, for `jobtrend health` (run_field_counts). */
  fields: FieldTally;
  /** The scrape could not start (an impossible search): its one failure. */
  startFailure?: unknown;
  startFailureCounted?: boolean;
}

interface Pending {
  outcome: CrawlOutcome;
  rows: NormalisedPosting[];
  /** The raw posting of each row, for the field tally. */
  raws: RawPosting[];
  lost: { id: string; reason: string }[];
}

export interface RunRecorderOptions {
  db: Db;
  /** Records handled requests in the queue (inside the commit's transaction). */
  save(handled: HandledRequest[]): void;
  runs: RecordedRun[];
  normalise: Normalise;
  now: () => Date;
  onProgress?: (progress: ScrapeProgress) => void;
  /** Called inside each commit (the crawl's heartbeat). */
  onCommit?: () => void;
  /** Commit at least this often, in milliseconds (default 100). */
  commitEveryMs?: number;
  /** …or once this many pages wait (default 64). */
  commitEveryPages?: number;
  /**
   * Paces the commits of a store that does nothing but write (the store thread), so that other processes on
   * the same file get the write lock between them (write-turns.ts). The crawl's own thread needs none: its
   * fetching leaves the lock free between commits.
   */
  turns?: WriteTurns;
}

export class RunRecorder {
  private readonly runs: RunState[];
  private pending: Pending[] = [];
  private firstPendingAt = 0;

  constructor(private readonly options: RunRecorderOptions) {
    this.runs = options.runs.map((run) => ({
      ...run,
      counters: emptyRunCounters(),
      overhead: { requests: 0, retries: 0, errors: 0 },
      overheadCounted: { requests: 0, retries: 0, errors: 0 },
      failures: [],
      handled: 0,
      outstanding: 0,
      lost: 0,
      uncounted: 0,
      stored: new Set(),
      fields: new FieldTally(),
    }));
  }

  /** The counters a scrape's robots.txt requests go to. */
  overhead(scrape: number): FetcherStats {
    return this.runs[scrape]!.overhead;
  }

  /** `count` requests were queued for a scrape (its first ones, or a page's further ones). */
  queued(scrape: number, count: number): void {
    this.runs[scrape]!.outstanding += count;
  }

  /** The scrape could not start: its run fails with this (`counted` when the fetcher counted it already). */
  startFailed(scrape: number, error: unknown, counted = false): void {
    this.runs[scrape]!.startFailure = error;
    this.runs[scrape]!.startFailureCounted = counted;
  }

  /** Replaces a scrape's robots.txt counts with the fetcher's (when they are kept in another thread). */
  setOverhead(scrape: number, counts: FetcherStats): void {
    Object.assign(this.runs[scrape]!.overhead, counts);
  }

  /** An outcome from the crawl: normalised now, stored at the next commit. */
  add(outcome: CrawlOutcome): void {
    const run = this.runs[outcome.request.scrape]!;
    const seenAt = this.options.now();
    const rows: NormalisedPosting[] = [];
    const raws: RawPosting[] = [];
    const lost: Pending['lost'] = [];
    for (const raw of outcome.postings) {
      try {
        rows.push(
          this.options.normalise(raw, {
            sourceId: run.sourceId,
            seenAt,
            ...(run.timeZone ? { timeZone: run.timeZone } : {}),
          }),
        );
        raws.push(raw);
      } catch (error) {
        lost.push({ id: (raw as RawPosting).sourcePostingId, reason: (error as Error).message });
      }
    }
    for (const added of outcome.added) this.runs[added.scrape]!.outstanding++;
    if (this.pending.length === 0) this.firstPendingAt = Date.now();
    this.pending.push({ outcome, rows, raws, lost });
    if (this.pending.length >= (this.options.commitEveryPages ?? 64)) this.commit();
  }

  /** Commits when a commit is due; returns when the next one will be (for the crawl's loop). */
  tick(): number | undefined {
    if (this.pending.length === 0) return undefined;
    const due = this.firstPendingAt + (this.options.commitEveryMs ?? 100);
    if (Date.now() < due) return due;
    this.commit();
    return undefined;
  }

  /**
   * Stores every page read so far in one transaction: each run's postings in one batch, each request's record
   * in the queue, the runs' counters. Progress is reported after the commit, page by page. The crawl's last
   * commit (`last`) does not rest for other writers first: the crawl's end waits on it, and the lock is let
   * go for good right after.
   */
  commit(last = false): void {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const { db } = this.options;
    const seenAt = this.options.now().toISOString();
    const progress: ScrapeProgress[] = [];
    if (!last) this.options.turns?.beforeBeginSync();
    try {
      inTransaction(db, () => {
        // Each run's postings in one upsert: a batch costs the store far less than its pages one by one.
        const statuses = new Map<Pending, UpsertStatus[]>();
        const byRun = new Map<RunState, { item: Pending; rows: NormalisedPosting[] }[]>();
        for (const item of batch) {
          const run = this.runs[item.outcome.request.scrape]!;
          const rows = item.rows.filter((row, i) => {
            if (run.stored.has(row.source_posting_id)) return false;
            run.stored.add(row.source_posting_id);
            run.fields.add(item.raws[i]!, row);
            return true;
          });
          const group = byRun.get(run) ?? [];
          group.push({ item, rows });
          byRun.set(run, group);
        }
        for (const [run, group] of byRun) {
          const result = upsertPostings(
            db,
            group.flatMap((g) => g.rows),
            { seenAt, runId: run.runId },
          );
          let at = 0;
          for (const { item, rows } of group) {
            statuses.set(
              item,
              result.items.slice(at, at + rows.length).map((i) => i.status),
            );
            at += rows.length;
          }
        }
        for (const item of batch) {
          const run = this.runs[item.outcome.request.scrape]!;
          this.count(run, item, statuses.get(item) ?? []);
          this.options.save([item.outcome]);
          // Progress is pages stored; a failed request shows in the run's summary instead.
          if (item.outcome.state === 'done')
            progress.push({
              sourceId: run.sourceId,
              runId: run.runId,
              pageUrl: item.outcome.pageUrl ?? item.outcome.request.url,
              counters: { ...run.counters },
            });
        }
        const at = this.options.now().toISOString();
        for (const run of byRun.keys()) {
          recordRunProgress(db, run.runId, run.counters, at);
          recordFieldCounts(db, run.runId, run.fields.counts());
        }
        this.options.onCommit?.();
      });
      this.options.turns?.committed();
    } catch (error) {
      if (error instanceof CriticalError) throw error;
      throw new CriticalError(`cannot store a page of postings: ${(error as Error).message}`, undefined, {
        cause: error,
      });
    }
    for (const event of progress) this.options.onProgress?.(event);
  }

  /** A stored page in its run's counters. */
  private count(run: RunState, item: Pending, statuses: UpsertStatus[]): void {
    const { outcome } = item;
    run.handled++;
    run.outstanding--;
    if (outcome.state === 'done') run.counters.pages_fetched++;
    else {
      if (isRunFailure(outcome.request, outcome.failure!))
        run.failures.push({ target: outcome.request.target ?? outcome.request.url, error: outcome.failure! });
      if (!outcome.counted) run.uncounted++;
    }
    run.lost += item.lost.length;
    if (item.lost[0]) run.firstLoss ??= `posting ${item.lost[0].id}: ${item.lost[0].reason}`;
    run.counters.postings_seen += statuses.length + item.lost.length;
    run.counters.postings_new += statuses.filter((s) => s === 'new').length;
    run.counters.postings_updated += statuses.filter((s) => s === 'updated').length;
    run.counters.requests += outcome.counts.requests;
    run.counters.retries += outcome.counts.retries;
    run.counters.error_count += outcome.counts.errors;
    this.countOverhead(run);
  }

  /** Adds the robots.txt requests made since the last time to the run's counters. */
  private countOverhead(run: RunState): void {
    run.counters.requests += run.overhead.requests - run.overheadCounted.requests;
    run.counters.retries += run.overhead.retries - run.overheadCounted.retries;
    run.counters.error_count += run.overhead.errors - run.overheadCounted.errors;
    run.overheadCounted = { ...run.overhead };
  }

  /**
   * Closes every run: ok, partial (some requests failed or the site blocked us, postings stored), failed
   * (nothing stored), or interrupted (stopped with requests left in the queue). Returns the summaries.
   */
  finish(critical: unknown, aborted: boolean): RunSummary[] {
    const { db, now } = this.options;
    const summaries: RunSummary[] = [];
    for (const run of this.runs) {
      this.countOverhead(run);
      run.counters.error_count += run.uncounted + run.lost;
      let status: RunOutcome;
      let errorSummary: string | null = null;
      let blocked = false;
      const stored = run.counters.postings_seen > 0;
      if (run.startFailure !== undefined) {
        if (!run.startFailureCounted) run.counters.error_count++;
        blocked = run.startFailure instanceof BlockedError;
        errorSummary = describeFailure(run.startFailure);
        status = 'failed';
      } else if (critical !== undefined) {
        errorSummary = describeFailure(critical);
        status = stored ? 'partial' : 'failed';
      } else if (aborted && run.outstanding > 0) {
        status = 'interrupted';
        errorSummary = 'interrupted before the listing ended';
      } else if (run.failures.length > 0) {
        blocked = run.failures.some((f) => f.error instanceof BlockedError);
        errorSummary = summariseFailures(run.failures, run.handled);
        status = stored ? 'partial' : 'failed';
      } else if (run.lost > 0) {
        status = stored ? 'partial' : 'failed';
      } else {
        status = 'ok';
      }
      if (run.lost > 0) {
        const lost = `${run.lost} postings could not be normalised; first: ${run.firstLoss}`;
        errorSummary = errorSummary ? `${errorSummary}; ${lost}` : lost;
      }
      try {
        finishRun(db, run.runId, {
          status,
          counters: run.counters,
          errorSummary,
          finishedAt: now().toISOString(),
        });
      } catch (error) {
        // The database itself fails: nothing more can be recorded; the next run marks this one interrupted.
        throw new CriticalError(
          `cannot record the run of ${run.sourceId}: ${(error as Error).message}`,
          undefined,
          { cause: error },
        );
      }
      summaries.push({
        runId: run.runId,
        sourceId: run.sourceId,
        search: run.search,
        status,
        counters: run.counters,
        errorSummary,
        blocked,
      });
    }
    return summaries;
  }
}
