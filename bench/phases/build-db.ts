// Builds the big posting database the analysis and report phases read: 1,000,000 postings (quick: 50,000)
// over several years and sources, stored through the real store, with runs covering the whole span so
// every source counts as watched. Cached by size and seed: a second bench run reuses it.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { openDatabase } from '../../src/store/database.js';
import { upsertPostings } from '../../src/store/posting-store.js';
import { emptyRunCounters, finishRun, startRun } from '../../src/store/run-store.js';
import { ensureSource } from '../../src/store/source-store.js';
import { syntheticPostings } from '../synthetic-postings.js';
import { type Phase, seconds } from './types.js';

export const BIG_COUNT = { full: 1_000_000, quick: 50_000 };
const FROM = '2022-01-01';
const TO = '2026-10-31';

export const buildDb: Phase = async ({ quick, bigDbPath }) => {
  const count = quick ? BIG_COUNT.quick : BIG_COUNT.full;
  if (existsSync(bigDbPath)) {
    // A database cached by an older jobtrend is brought to the current schema (the analysis reads it read-only).
    openDatabase(bigDbPath).close();
    return [{ name: 'big database (cached)', value: count, unit: 'postings' }];
  }
  const building = `${bigDbPath}.building`;
  rmSync(building, { force: true });
  const db = openDatabase(building);
  db.pragma('synchronous = OFF');
  const start = process.hrtime.bigint();
  const runs = new Map<string, number>();
  let batch = [];
  for (const posting of syntheticPostings({ count, seed: 1, from: FROM, to: TO })) {
    if (!runs.has(posting.source_id)) {
      ensureSource(db, { id: posting.source_id, name: posting.source_id, kind: 'api', base_url: null });
      runs.set(
        posting.source_id,
        startRun(db, { sourceId: posting.source_id, startedAt: `${FROM}T00:00:00.000Z` }),
      );
    }
    batch.push(posting);
    if (batch.length === 5000) {
      upsertPostings(db, batch, { seenAt: `${TO}T12:00:00.000Z` });
      batch = [];
    }
  }
  if (batch.length > 0) upsertPostings(db, batch, { seenAt: `${TO}T12:00:00.000Z` });
  const zero = emptyRunCounters();
  for (const runId of runs.values()) {
    finishRun(db, runId, {
      status: 'ok',
      counters: zero,
      finishedAt: `${TO}T12:00:00.000Z`,
      coverageFrom: FROM,
      coverageTo: TO,
    });
  }
  db.exec('ANALYZE');
  db.close();
  renameSync(building, bigDbPath);
  for (const suffix of ['-wal', '-shm']) rmSync(`${building}${suffix}`, { force: true });
  const took = seconds(start);
  return [{ name: 'build big database', value: count / took, unit: 'postings/s' }];
};
