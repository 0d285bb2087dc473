// Upserting normalised postings: one transaction per batch, keyed on (source_id, source_posting_id).
// Keeps first_seen_at, advances last_seen_at, records each changed field in posting_changes, keeps the
// effective date at the first appearance, and maintains is_primary (the first appearance of a dedup_key).
import { type NormalisedPosting, POSTING_CONTENT_FIELDS, type PostingRecord } from '../domain/posting.js';
import type { Db } from './database.js';

export type UpsertStatus = 'new' | 'updated' | 'unchanged';

export interface UpsertResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Per input posting, in order: its row id and what happened to it. */
  items: { id: number; status: UpsertStatus }[];
}

export interface UpsertOptions {
  /** ISO time the postings were seen (the run's clock). */
  seenAt: string;
  runId?: number | null;
}

/** Columns whose changes are recorded in posting_changes (raw_json and hashes are not interesting to diff). */
export const TRACKED_FIELDS = [...POSTING_CONTENT_FIELDS, 'company_norm', 'dedup_key'] as const;

const WRITE_COLUMNS = [...TRACKED_FIELDS, 'content_hash', 'raw_json'] as const;

interface ExistingRow {
  id: number;
  content_hash: string;
  effective_date: string;
  closed_at: string | null;
  [field: string]: unknown;
}

/** The date a posting counts on: its posted date where known, else the day it was first seen (UTC). */
export function effectiveDate(posting: Pick<PostingRecord, 'posted_at'>, firstSeenAt: string): string {
  const posted = posting.posted_at?.slice(0, 10);
  return posted && /^\d{4}-\d{2}-\d{2}$/.test(posted) ? posted : firstSeenAt.slice(0, 10);
}

/** SQLite has no booleans: store 0/1. */
function toSql(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value ?? null;
}

function statements(db: Db) {
  const cached = cache.get(db);
  if (cached) return cached as ReturnType<typeof prepareStatements>;
  const s = prepareStatements(db);
  cache.set(db, s);
  return s;
}
const cache = new WeakMap<Db, unknown>();

function prepareStatements(db: Db) {
  return {
    find: db.prepare(
      `SELECT id, content_hash, effective_date, closed_at, ${TRACKED_FIELDS.join(', ')}
       FROM postings WHERE source_id = ? AND source_posting_id = ?`,
    ),
    insert: db.prepare(
      `INSERT INTO postings (source_id, source_posting_id, ${WRITE_COLUMNS.join(', ')},
         first_seen_at, last_seen_at, effective_date, is_primary, first_run_id, last_run_id)
       VALUES (@source_id, @source_posting_id, ${WRITE_COLUMNS.map((c) => `@${c}`).join(', ')},
         @seen_at, @seen_at, @effective_date, @is_primary, @run_id, @run_id)`,
    ),
    touch: db.prepare(
      `UPDATE postings SET last_seen_at = max(last_seen_at, ?), last_run_id = coalesce(?, last_run_id),
         closed_at = NULL WHERE id = ?`,
    ),
    update: db.prepare(
      `UPDATE postings SET ${WRITE_COLUMNS.map((c) => `${c} = @${c}`).join(', ')},
         last_seen_at = max(last_seen_at, @seen_at), updated_at = @seen_at, closed_at = NULL,
         effective_date = @effective_date, last_run_id = coalesce(@run_id, last_run_id)
       WHERE id = @id`,
    ),
    change: db.prepare(
      `INSERT INTO posting_changes (posting_id, run_id, changed_at, field, old_value, new_value)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    currentPrimary: db.prepare(
      'SELECT id, effective_date FROM postings WHERE dedup_key = ? AND is_primary = 1 LIMIT 1',
    ),
    setPrimary: db.prepare('UPDATE postings SET is_primary = ? WHERE id = ?'),
    recomputePrimary: db.prepare(
      `UPDATE postings SET is_primary = (id = (SELECT id FROM postings WHERE dedup_key = @key
         ORDER BY effective_date, id LIMIT 1)) WHERE dedup_key = @key`,
    ),
    rolesOf: db.prepare('SELECT role_id FROM posting_roles WHERE posting_id = ? ORDER BY role_id').pluck(),
    skillsOf: db
      .prepare('SELECT skill_id FROM posting_skills WHERE posting_id = ? ORDER BY skill_id')
      .pluck(),
    clearRoles: db.prepare('DELETE FROM posting_roles WHERE posting_id = ?'),
    clearSkills: db.prepare('DELETE FROM posting_skills WHERE posting_id = ?'),
    addRole: db.prepare('INSERT OR IGNORE INTO posting_roles (posting_id, role_id) VALUES (?, ?)'),
    addSkill: db.prepare('INSERT OR IGNORE INTO posting_skills (posting_id, skill_id) VALUES (?, ?)'),
    ensureRole: db.prepare('INSERT OR IGNORE INTO roles (id, name) VALUES (?, ?)'),
    ensureSkill: db.prepare('INSERT OR IGNORE INTO skills (id, name) VALUES (?, ?)'),
  };
}

/**
 * Inserts or updates a batch of postings in one transaction. Repeating the same batch inserts nothing,
 * keeps first_seen_at and advances last_seen_at.
 */
export function upsertPostings(db: Db, postings: NormalisedPosting[], options: UpsertOptions): UpsertResult {
  const s = statements(db);
  const runId = options.runId ?? null;
  const result: UpsertResult = { inserted: 0, updated: 0, unchanged: 0, items: [] };
  const known = new Set<string>();

  db.transaction(() => {
    for (const posting of postings) {
      const values = Object.fromEntries(WRITE_COLUMNS.map((c) => [c, toSql(posting[c])]));
      const existing = s.find.get(posting.source_id, posting.source_posting_id) as ExistingRow | undefined;
      if (!existing) {
        const date = effectiveDate(posting, options.seenAt);
        // The row is written once with its final is_primary: an earlier appearance of the same job keeps it.
        const current = s.currentPrimary.get(posting.dedup_key) as
          | { id: number; effective_date: string }
          | undefined;
        const primary = !current || date < current.effective_date;
        const id = Number(
          s.insert.run({
            ...values,
            source_id: posting.source_id,
            source_posting_id: posting.source_posting_id,
            seen_at: options.seenAt,
            effective_date: date,
            is_primary: primary ? 1 : 0,
            run_id: runId,
          }).lastInsertRowid,
        );
        if (current && primary) s.setPrimary.run(0, current.id);
        writeClassification(s, id, posting, known, false);
        result.inserted++;
        result.items.push({ id, status: 'new' });
        continue;
      }
      const classificationChanged = writeClassification(s, existing.id, posting, known, true);
      if (existing.content_hash === posting.content_hash) {
        s.touch.run(options.seenAt, runId, existing.id);
        const status: UpsertStatus = classificationChanged ? 'updated' : 'unchanged';
        if (classificationChanged) result.updated++;
        else result.unchanged++;
        result.items.push({ id: existing.id, status });
        continue;
      }
      for (const field of TRACKED_FIELDS) {
        const before = existing[field] ?? null;
        const after = values[field] ?? null;
        if (before !== after) {
          s.change.run(existing.id, runId, options.seenAt, field, textOf(before), textOf(after));
        }
      }
      // A repost must not move a posting's date forward: it counts at its first appearance.
      const candidate = effectiveDate(posting, options.seenAt);
      // biome-ignore lint/complexity/useMathMinMax: these are ISO date strings, compared as text
      const date = candidate < existing.effective_date ? candidate : existing.effective_date;
      s.update.run({
        ...values,
        id: existing.id,
        seen_at: options.seenAt,
        effective_date: date,
        run_id: runId,
      });
      if (existing.dedup_key !== posting.dedup_key || date !== existing.effective_date) {
        s.recomputePrimary.run({ key: existing.dedup_key });
        s.recomputePrimary.run({ key: posting.dedup_key });
      }
      result.updated++;
      result.items.push({ id: existing.id, status: 'updated' });
    }
  })();
  return result;
}

/** Writes roles and skills when they differ from what is stored; returns whether they did. */
function writeClassification(
  s: ReturnType<typeof prepareStatements>,
  id: number,
  posting: NormalisedPosting,
  known: Set<string>,
  compare: boolean,
): boolean {
  const roles = [...new Set(posting.roles)].sort();
  const skills = [...new Set(posting.skills)].sort();
  if (compare) {
    const sameRoles = sameList(s.rolesOf.all(id) as string[], roles);
    const sameSkills = sameList(s.skillsOf.all(id) as string[], skills);
    if (sameRoles && sameSkills) return false;
    s.clearRoles.run(id);
    s.clearSkills.run(id);
  }
  for (const role of roles) {
    if (!known.has(`r:${role}`)) {
      s.ensureRole.run(role, role);
      known.add(`r:${role}`);
    }
    s.addRole.run(id, role);
  }
  for (const skill of skills) {
    if (!known.has(`s:${skill}`)) {
      s.ensureSkill.run(skill, skill);
      known.add(`s:${skill}`);
    }
    s.addSkill.run(id, skill);
  }
  return compare;
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function textOf(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** Which of these source ids are already stored (for incremental scrapes). */
export function knownPostingIds(db: Db, sourceId: string, ids: string[]): Set<string> {
  if (ids.length === 0) return new Set();
  const found = new Set<string>();
  const stmt = db
    .prepare('SELECT source_posting_id FROM postings WHERE source_id = ? AND source_posting_id = ?')
    .pluck();
  for (const id of ids) if (stmt.get(sourceId, id) !== undefined) found.add(id);
  return found;
}

/** Marks postings of a source not seen since `before` as closed (a full listing scrape no longer shows them). */
export function closeUnseenPostings(db: Db, sourceId: string, before: string, closedAt: string): number {
  return db
    .prepare(
      `UPDATE postings SET closed_at = ? WHERE source_id = ? AND closed_at IS NULL AND last_seen_at < ?`,
    )
    .run(closedAt, sourceId, before).changes;
}
