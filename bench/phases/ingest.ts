// Ingest: upserting 200,000 normalised postings through the store (batches, dedup, roles, skills, FTS)
// against a bare prepared INSERT of the same rows into the same schema in one transaction.

import { join } from 'node:path';
import { openDatabase } from '../../src/store/database.js';
import { upsertPostings } from '../../src/store/posting-store.js';
import { ensureSource } from '../../src/store/source-store.js';
import { syntheticPostings } from '../synthetic-postings.js';
import { removeScratchDatabase } from './scratch-db.js';
import { type Phase, ratioFigure, seconds } from './types.js';

export const ingest: Phase = async ({ quick, workDir }) => {
  const count = quick ? 20_000 : 200_000;
  const postings = [...syntheticPostings({ count, seed: 3 })];

  const fresh = (name: string) => {
    const path = join(workDir, name);
    removeScratchDatabase(path);
    const db = openDatabase(path);
    for (const source of new Set(postings.map((p) => p.source_id))) {
      ensureSource(db, { id: source, name: source, kind: 'api', base_url: null });
    }
    return db;
  };

  // Baseline: the same rows, one prepared INSERT each, one transaction.
  const bare = fresh('ingest-bare.sqlite');
  const columns = [
    'source_id',
    'source_posting_id',
    'url',
    'title',
    'company',
    'city',
    'salary_min',
    'salary_max',
    'salary_raw',
    'description',
    'posted_at',
    'first_seen_at',
    'last_seen_at',
    'effective_date',
    'dedup_key',
    'content_hash',
    'raw_json',
  ];
  const insert = bare.prepare(
    `INSERT INTO postings (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
  );
  let start = process.hrtime.bigint();
  bare.transaction(() => {
    for (const p of postings) {
      insert.run({
        ...p,
        first_seen_at: '2026-01-01T00:00:00.000Z',
        last_seen_at: '2026-01-01T00:00:00.000Z',
        effective_date: p.posted_at,
      });
    }
  })();
  const bareRate = count / seconds(start);
  bare.close();

  const db = fresh('ingest-store.sqlite');
  start = process.hrtime.bigint();
  for (let i = 0; i < postings.length; i += 1000) {
    upsertPostings(db, postings.slice(i, i + 1000), { seenAt: '2026-01-01T00:00:00.000Z' });
  }
  const storeRate = count / seconds(start);
  db.close();
  return [
    ratioFigure(
      `ingest ${count} postings (upsertPostings)`,
      'postings/s',
      storeRate,
      'bare INSERT',
      bareRate,
      0.5,
    ),
  ];
};
