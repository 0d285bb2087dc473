// Builds databases where the truth is known, for analysis tests: sources watched over given days (runs
// with coverage), and postings spread over a period through the real store (upsertPostings).
// `watch` records a continuous log (exactly the days given, like a dataset without collection dates);
// `scrapeRun` records one real look at the source, which watches the posting lifetime before it too.

import type { NormalisedPosting } from '../../../src/domain/posting.js';
import { type Db, openDatabase } from '../../../src/store/database.js';
import { upsertPostings } from '../../../src/store/posting-store.js';
import { finishRun, startRun } from '../../../src/store/run-store.js';
import { ensureSource } from '../../../src/store/source-store.js';
import { makePosting } from '../../support/posting-factory.js';

const COUNTERS = {
  pages_fetched: 1,
  requests: 1,
  retries: 0,
  postings_seen: 0,
  postings_new: 0,
  postings_updated: 0,
  error_count: 0,
};

/** An in-memory database with the full schema. */
export function memoryDb(): Db {
  return openDatabase(':memory:');
}

/** Records that `sourceId` was watched every day from `from` to `to`, and no other (a continuous log). */
export function watch(db: Db, sourceId: string, from: string, to: string): void {
  ensureSource(db, { id: sourceId, name: sourceId, kind: 'api', base_url: null });
  const runId = startRun(db, { sourceId, startedAt: `${from}T00:00:00.000Z` });
  finishRun(db, runId, {
    status: 'ok',
    counters: COUNTERS,
    finishedAt: `${to}T23:00:00.000Z`,
    coverageFrom: from,
    coverageTo: to,
    coverageAssumed: true,
  });
}

/**
 * One successful scrape run of `sourceId` at `at` (ISO time), storing `postings` as seen then; returns its id.
 * Its day is watched, and the posting lifetime before it.
 */
export function scrapeRun(db: Db, sourceId: string, at: string, postings: NormalisedPosting[] = []): number {
  ensureSource(db, { id: sourceId, name: sourceId, kind: 'api', base_url: null });
  const runId = startRun(db, { sourceId, startedAt: at });
  if (postings.length > 0) upsertPostings(db, postings, { seenAt: at, runId });
  finishRun(db, runId, {
    status: 'ok',
    counters: COUNTERS,
    finishedAt: new Date(Date.parse(at) + 600_000).toISOString(),
  });
  return runId;
}

let serial = 0;

/**
 * Adds `count` postings from `sourceId`, posted on days spread evenly over from..to (day precision).
 * `overrides` sets any column, roles or skills; `pick(i)` may vary them per posting.
 */
export function addPostings(
  db: Db,
  options: {
    sourceId: string;
    count: number;
    from: string;
    to: string;
    overrides?: Partial<NormalisedPosting>;
    pick?: (i: number) => Partial<NormalisedPosting>;
  },
): void {
  ensureSource(db, { id: options.sourceId, name: options.sourceId, kind: 'api', base_url: null });
  const start = Date.parse(`${options.from}T00:00:00Z`);
  const days = Math.round((Date.parse(`${options.to}T00:00:00Z`) - start) / 86_400_000) + 1;
  const postings: NormalisedPosting[] = [];
  for (let i = 0; i < options.count; i++) {
    const day = new Date(start + Math.floor((i * days) / options.count) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const id = `p${++serial}`;
    postings.push(
      makePosting({
        source_posting_id: id,
        source_id: options.sourceId,
        posted_at: day,
        dedup_key: `key-${id}`,
        ...options.overrides,
        ...options.pick?.(i),
      }),
    );
  }
  // Seen on the last day of the range: effective_date comes from posted_at.
  upsertPostings(db, postings, { seenAt: `${options.to}T12:00:00.000Z` });
}

/** Sets when each posting of a source (posted in from..to) was first and last seen: open for `days` days from posting. */
export function keepOpen(db: Db, sourceId: string, from: string, to: string, days: number): void {
  db.prepare(
    `UPDATE postings SET first_seen_at = effective_date || 'T08:00:00.000Z',
       last_seen_at = date(effective_date, '+' || ? || ' days') || 'T08:00:00.000Z'
     WHERE source_id = ? AND effective_date BETWEEN ? AND ?`,
  ).run(days - 1, sourceId, from, to);
}
