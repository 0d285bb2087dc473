// Store side of `jobtrend import`: the import source and its run, and restoring rows of a jobtrend export
// as they were (dates, dedup keys, roles and skills kept), keyed on (source_id, source_posting_id) so a
// re-import adds nothing. Foreign datasets go through the pipeline and upsertPostings instead.
import type { PostingRecord } from '../domain/posting.js';
import { type Db, inTransaction } from './database.js';
import { EXPORT_COLUMNS } from './export-queries.js';
import type { UpsertResult } from './posting-store.js';

/** A posting as exported: the row's columns (store-managed dates included) plus its roles and skills. */
export interface RestoredPosting extends PostingRecord {
  first_seen_at: string | null;
  last_seen_at: string | null;
  closed_at: string | null;
  updated_at: string | null;
  effective_date: string | null;
  is_primary: boolean | null;
  roles: string[];
  skills: string[];
}

/** Registers a source that only exists through imports (kind import), leaving an existing source's row alone. */
export function ensureImportedSource(db: Db, id: string, name: string, now = new Date().toISOString()): void {
  db.prepare(
    `INSERT INTO sources (id, name, kind, base_url, created_at) VALUES (?, ?, 'import', NULL, ?)
     ON CONFLICT (id) DO NOTHING`,
  ).run(id, name, now);
}

const WRITTEN = EXPORT_COLUMNS.filter((c) => c !== 'is_primary');

function statements(db: Db) {
  return {
    find: db.prepare(
      `SELECT id, content_hash, first_seen_at, last_seen_at, effective_date, closed_at, updated_at
       FROM postings WHERE source_id = ? AND source_posting_id = ?`,
    ),
    insert: db.prepare(
      `INSERT INTO postings (${WRITTEN.join(', ')}, is_primary, first_run_id, last_run_id)
       VALUES (${WRITTEN.map((c) => `@${c}`).join(', ')}, 0, @run_id, @run_id)`,
    ),
    update: db.prepare(
      `UPDATE postings SET ${WRITTEN.filter((c) => c !== 'source_id' && c !== 'source_posting_id')
        .map((c) => `${c} = @${c}`)
        .join(', ')}, last_run_id = coalesce(@run_id, last_run_id) WHERE id = @id`,
    ),
    primary: db.prepare(
      `UPDATE postings SET is_primary = (id = (SELECT id FROM postings WHERE dedup_key = @key
         ORDER BY effective_date, id LIMIT 1)) WHERE dedup_key = @key`,
    ),
    // A restored posting keeps its first place (its city); `jobtrend reindex` reads the others again.
    setFirstPlace: db.prepare(
      `INSERT OR REPLACE INTO posting_places (posting_id, position, city, district, region, country)
       SELECT id, 0, city, district, region, country FROM postings WHERE id = ? AND city IS NOT NULL`,
    ),
    clearRoles: db.prepare('DELETE FROM posting_roles WHERE posting_id = ?'),
    clearSkills: db.prepare('DELETE FROM posting_skills WHERE posting_id = ?'),
    addRole: db.prepare('INSERT OR IGNORE INTO posting_roles (posting_id, role_id) VALUES (?, ?)'),
    addSkill: db.prepare('INSERT OR IGNORE INTO posting_skills (posting_id, skill_id) VALUES (?, ?)'),
    ensureRole: db.prepare('INSERT OR IGNORE INTO roles (id, name) VALUES (?, ?)'),
    ensureSkill: db.prepare('INSERT OR IGNORE INTO skills (id, name) VALUES (?, ?)'),
    rolesOf: db.prepare('SELECT role_id FROM posting_roles WHERE posting_id = ? ORDER BY role_id').pluck(),
    skillsOf: db
      .prepare('SELECT skill_id FROM posting_skills WHERE posting_id = ? ORDER BY skill_id')
      .pluck(),
  };
}
const cache = new WeakMap<Db, ReturnType<typeof statements>>();

const earlier = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);
const later = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);

/**
 * Restores exported postings in one transaction. A posting already stored keeps its earliest first
 * appearance and effective date and its latest sighting; its content is replaced when the hash differs.
 * Rows without dates take `seenAt`. is_primary is recomputed for every dedup key touched.
 */
export function restorePostings(
  db: Db,
  postings: RestoredPosting[],
  options: { seenAt: string; runId?: number | null },
): UpsertResult {
  let s = cache.get(db);
  if (!s) {
    s = statements(db);
    cache.set(db, s);
  }
  const runId = options.runId ?? null;
  const result: UpsertResult = { inserted: 0, updated: 0, unchanged: 0, items: [] };
  inTransaction(db, () => {
    const keys = new Set<string>();
    for (const posting of postings) {
      const firstSeen = posting.first_seen_at ?? options.seenAt;
      const values: Record<string, unknown> = {};
      for (const column of WRITTEN) {
        const value = (posting as unknown as Record<string, unknown>)[column];
        values[column] = typeof value === 'boolean' ? (value ? 1 : 0) : (value ?? null);
      }
      values.first_seen_at = firstSeen;
      values.last_seen_at = posting.last_seen_at ?? firstSeen;
      values.effective_date =
        posting.effective_date ?? (posting.posted_at?.slice(0, 10) || firstSeen.slice(0, 10));
      const existing = s.find.get(posting.source_id, posting.source_posting_id) as
        | {
            id: number;
            content_hash: string;
            first_seen_at: string;
            last_seen_at: string;
            effective_date: string;
            closed_at: string | null;
            updated_at: string | null;
          }
        | undefined;
      let id: number;
      if (!existing) {
        id = Number(s.insert.run({ ...values, run_id: runId }).lastInsertRowid);
        result.inserted++;
        result.items.push({ id, status: 'new' });
      } else {
        id = existing.id;
        const merged = {
          ...values,
          first_seen_at: earlier(existing.first_seen_at, values.first_seen_at as string),
          last_seen_at: later(existing.last_seen_at, values.last_seen_at as string),
          effective_date: earlier(existing.effective_date, values.effective_date as string),
        };
        const sameDates =
          merged.first_seen_at === existing.first_seen_at &&
          merged.last_seen_at === existing.last_seen_at &&
          merged.effective_date === existing.effective_date;
        const sameClass =
          sameList(s.rolesOf.all(id) as string[], sorted(posting.roles)) &&
          sameList(s.skillsOf.all(id) as string[], sorted(posting.skills));
        if (existing.content_hash === posting.content_hash && sameDates && sameClass) {
          result.unchanged++;
          result.items.push({ id, status: 'unchanged' });
          continue;
        }
        s.update.run({ ...merged, id, run_id: runId });
        s.clearRoles.run(id);
        s.clearSkills.run(id);
        result.updated++;
        result.items.push({ id, status: 'updated' });
      }
      s.setFirstPlace.run(id);
      for (const role of sorted(posting.roles)) {
        s.ensureRole.run(role, role);
        s.addRole.run(id, role);
      }
      for (const skill of sorted(posting.skills)) {
        s.ensureSkill.run(skill, skill);
        s.addSkill.run(id, skill);
      }
      keys.add(posting.dedup_key);
    }
    for (const key of keys) s.primary.run({ key });
  });
  return result;
}

/** WAL pages between checkpoints during an import (64 MiB of 4 KiB pages; SQLite's default is 1000). */
const IMPORT_CHECKPOINT_PAGES = 16_384;

/**
 * Sets this connection up for a large import and returns what puts it back. Fewer checkpoints: each one syncs
 * the file, and a large import commits many batches. Statement journals in memory: each INSERT that writes
 * several b-trees journals the pages it changes, and on a large import those temporary files were two fifths
 * of all bytes written. Foreign-key checks stay on, as on every connection (openDatabase): an import is where
 * untrusted data meets the store. Other connections keep their own settings.
 */
export function useImportPragmas(db: Db): () => void {
  const checkpointEvery = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  const tempStore = db.pragma('temp_store', { simple: true }) as number;
  db.pragma(`wal_autocheckpoint = ${IMPORT_CHECKPOINT_PAGES}`);
  db.pragma('temp_store = MEMORY');
  return () => {
    db.pragma(`wal_autocheckpoint = ${checkpointEvery}`);
    db.pragma(`temp_store = ${tempStore}`);
  };
}

const sorted = (list: string[]) => [...new Set(list)].sort();
const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** A write in progress with the full-text index filled at its end (see withBulkFullTextIndex). */
export interface BulkFullText {
  /** The insert trigger's SQL, to recreate it; absent on a database without one. */
  trigger: string | undefined;
  /** The largest posting id before the write: new rows get ids above it (INTEGER PRIMARY KEY). */
  before: number;
}

/**
 * Inside a transaction: drops the full-text insert trigger, so that the postings written next are indexed in
 * one statement by endBulkFullText instead of row by row. Call endBulkFullText in the same transaction.
 */
export function beginBulkFullText(db: Db): BulkFullText {
  const trigger = db
    .prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'postings_ai'")
    .pluck()
    .get() as string | undefined;
  const before = Number(db.prepare('SELECT coalesce(max(id), 0) FROM postings').pluck().get());
  if (trigger) db.exec('DROP TRIGGER postings_ai');
  return { trigger, before };
}

/** Indexes the postings written since beginBulkFullText, and recreates the trigger from its stored SQL. */
export function endBulkFullText(db: Db, bulk: BulkFullText): void {
  if (!bulk.trigger) return;
  db.prepare(
    `INSERT INTO postings_fts (rowid, title, company, description)
     SELECT id, title, company, description FROM postings WHERE id > ?`,
  ).run(bulk.before);
  db.exec(bulk.trigger);
}

/**
 * Runs `write` (inserts into postings) in one transaction with the full-text index filled in one statement
 * at the end instead of row by row. A trigger insert into FTS5 costs a flush of its pending terms per
 * statement, so bulk filling is several times faster for large imports. The insert trigger is dropped and
 * recreated from its own stored SQL inside the same transaction: other connections never see it missing,
 * and a crash rolls both back.
 */
export function withBulkFullTextIndex<T>(db: Db, write: () => T): T {
  return inTransaction(db, () => {
    const bulk = beginBulkFullText(db);
    const result = write();
    endBulkFullText(db, bulk);
    return result;
  });
}
