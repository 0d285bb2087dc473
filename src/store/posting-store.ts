// Upserting normalised postings: one transaction per batch, keyed on (source_id, source_posting_id).
// Keeps first_seen_at (moving it back for an earlier sighting), advances last_seen_at, records each changed
// field in posting_changes, keeps the effective date at the first appearance, maintains is_primary (the first
// appearance of a dedup_key), and flags as backlog what a source listed when it was first watched.

import type { Statement } from 'better-sqlite3';
import {
  type NormalisedPosting,
  POSTING_CONTENT_FIELDS,
  type PostingPlace,
  type PostingRecord,
} from '../domain/posting.js';
import { type Db, inTransaction } from './database.js';
import { type BacklogRule, backlogRule } from './observation-store.js';

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
  /**
   * Leave the backlog flag to the caller, who recomputes it once the run's observations are known (an import:
   * its collection days are known only at its end). Default: flagged as the postings are stored.
   */
  deferBacklog?: boolean;
}

/** Columns whose changes are recorded in posting_changes (raw_json and hashes are not interesting to diff). */
export const TRACKED_FIELDS = [
  ...POSTING_CONTENT_FIELDS,
  'company_norm',
  'dedup_key',
  'salary_currency_inferred',
  'salary_implausible',
] as const;

/** Flags a posting may leave out, stored as 0 then. */
const FLAGS: ReadonlySet<string> = new Set(['salary_currency_inferred', 'salary_implausible']);

const WRITE_COLUMNS = [...TRACKED_FIELDS, 'content_hash', 'raw_json'] as const;

interface ExistingRow {
  id: number;
  content_hash: string;
  first_seen_at: string;
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

/** A column's value as stored: flags left out are 0. */
function columnValue(posting: NormalisedPosting, column: (typeof WRITE_COLUMNS)[number]): unknown {
  const value = posting[column];
  return value === undefined && FLAGS.has(column) ? 0 : toSql(value);
}

/** The places of a posting, in order: as the pipeline read them, else its city alone. */
export function placesOf(posting: NormalisedPosting): PostingPlace[] {
  if (posting.places) return posting.places;
  return posting.city
    ? [{ city: posting.city, district: posting.district, region: posting.region, country: posting.country }]
    : [];
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
      `SELECT id, content_hash, first_seen_at, effective_date, closed_at, ${TRACKED_FIELDS.join(', ')}
       FROM postings WHERE source_id = ? AND source_posting_id = ?`,
    ),
    // Positional parameters, in the order of insertRow: binding by name costs a lookup per column per row,
    // a quarter of the insert's time in an import.
    insert: db.prepare(
      `INSERT INTO postings (source_id, source_posting_id, ${WRITE_COLUMNS.join(', ')},
         first_seen_at, last_seen_at, effective_date, is_primary, backlog, first_run_id, last_run_id)
       VALUES (${Array.from({ length: WRITE_COLUMNS.length + 9 }, () => '?').join(', ')})`,
    ),
    // Which of a batch's (source_id, source_posting_id) pairs are stored, by their index in the batch: one
    // statement instead of a lookup per posting. CROSS JOIN keeps the batch as the outer loop (else SQLite may scan a source's postings).
    stored: db
      .prepare(
        `SELECT j.key FROM json_each(?) AS j CROSS JOIN postings AS p
       ON p.source_id = j.value ->> 0 AND p.source_posting_id = j.value ->> 1`,
      )
      .pluck(),
    // A dataset's rows may come in any order of collection date: an earlier sighting moves first_seen_at back.
    touch: db.prepare(
      `UPDATE postings SET first_seen_at = min(first_seen_at, @seen_at), last_seen_at = max(last_seen_at, @seen_at),
         effective_date = @effective_date, last_run_id = coalesce(@run_id, last_run_id), closed_at = NULL
       WHERE id = @id`,
    ),
    update: db.prepare(
      `UPDATE postings SET ${WRITE_COLUMNS.map((c) => `${c} = @${c}`).join(', ')},
         first_seen_at = min(first_seen_at, @seen_at), last_seen_at = max(last_seen_at, @seen_at),
         updated_at = @seen_at, closed_at = NULL,
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
    placesOf: db.prepare(
      'SELECT city, district, region, country FROM posting_places WHERE posting_id = ? ORDER BY position',
    ),
    clearPlaces: db.prepare('DELETE FROM posting_places WHERE posting_id = ?'),
    /** Multi-row inserts of places and links by table and size, prepared when first needed (see LinkWriter). */
    links: new Map<string, Statement>(),
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

  const rules = new Map<string, BacklogRule | null>();
  const ruleFor = (sourceId: string) => {
    if (runId === null || options.deferBacklog) return null;
    if (!rules.has(sourceId)) rules.set(sourceId, backlogRule(db, sourceId, runId));
    return rules.get(sourceId) ?? null;
  };

  inTransaction(db, () => {
    const links = new LinkWriter(db, s);
    const stored = storedIndexes(s, postings);
    // Postings inserted by this batch: a second copy of one later in the batch is an update, not a new row.
    const added = new Set<string>();
    for (let i = 0; i < postings.length; i++) {
      const posting = postings[i]!;
      const identity = `${posting.source_id}\u0000${posting.source_posting_id}`;
      const existing =
        stored.has(i) || added.has(identity)
          ? (s.find.get(posting.source_id, posting.source_posting_id) as ExistingRow | undefined)
          : undefined;
      if (!existing) {
        const date = effectiveDate(posting, options.seenAt);
        // The row is written once with its final is_primary: an earlier appearance of the same job keeps it.
        const current = s.currentPrimary.get(posting.dedup_key) as
          | { id: number; effective_date: string }
          | undefined;
        const primary = !current || date < current.effective_date;
        const backlog = isBacklog(posting, date, options.seenAt, ruleFor(posting.source_id));
        const id = Number(
          s.insert.run(insertRow(posting, options.seenAt, date, primary, backlog, runId)).lastInsertRowid,
        );
        added.add(identity);
        if (current && primary) s.setPrimary.run(0, current.id);
        links.add(id, posting);
        result.inserted++;
        result.items.push({ id, status: 'new' });
        continue;
      }
      const values = Object.fromEntries(WRITE_COLUMNS.map((c) => [c, columnValue(posting, c)]));
      const classificationChanged = links.replace(existing.id, posting);
      // A repost must not move a posting's date forward: it counts at its first appearance.
      const candidate = effectiveDate(posting, options.seenAt);
      // biome-ignore lint/complexity/useMathMinMax: these are ISO date strings, compared as text
      const date = candidate < existing.effective_date ? candidate : existing.effective_date;
      if (existing.content_hash === posting.content_hash) {
        s.touch.run({ seen_at: options.seenAt, effective_date: date, run_id: runId, id: existing.id });
        if (date !== existing.effective_date) s.recomputePrimary.run({ key: existing.dedup_key });
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
    links.flush();
  });
  return result;
}

/**
 * Whether a posting stored now was already listed when its source was first watched: dated before the first
 * watched day, or without a date of its own ("30+ days ago" is none) and seen during the first observation.
 */
function isBacklog(
  posting: NormalisedPosting,
  date: string,
  seenAt: string,
  rule: BacklogRule | null,
): boolean {
  if (!rule) return false;
  const undated = posting.posted_at === null || posting.posted_at_precision === 'censored';
  return date < rule.firstWatchedDay || (undated && seenAt <= rule.firstObservedUntil);
}

/** The indexes, in `postings`, of those already stored. */
function storedIndexes(
  s: ReturnType<typeof prepareStatements>,
  postings: Pick<NormalisedPosting, 'source_id' | 'source_posting_id'>[],
): Set<number> {
  if (postings.length === 0) return new Set();
  const pairs = JSON.stringify(postings.map((p) => [p.source_id, p.source_posting_id]));
  return new Set(s.stored.all(pairs) as number[]);
}

/** The insert statement's parameters for a new posting, in its column order. */
function insertRow(
  posting: NormalisedPosting,
  seenAt: string,
  effective: string,
  primary: boolean,
  backlog: boolean,
  runId: number | null,
): unknown[] {
  const row: unknown[] = [posting.source_id, posting.source_posting_id];
  for (const column of WRITE_COLUMNS) row.push(columnValue(posting, column));
  row.push(seenAt, seenAt, effective, primary ? 1 : 0, backlog ? 1 : 0, runId, runId);
  return row;
}

/** Rows per multi-row INSERT: one statement per 128 links or places instead of one per row. */
const LINKS_PER_STATEMENT = 128;

/** The link tables written in multi-row statements, with their columns after posting_id. */
const LINK_COLUMNS = {
  posting_places: ['position', 'city', 'district', 'region', 'country'],
  posting_roles: ['role_id'],
  posting_skills: ['skill_id'],
} as const;
type LinkTable = keyof typeof LINK_COLUMNS;

/**
 * Places, role and skill links of the postings a batch inserts, written together in multi-row statements (a
 * new posting has no links to compare with): each statement costs a step into SQLite and a statement journal,
 * so one per row was a tenth of storing a posting. Flushed before anything reads links, and at the end of the
 * batch.
 */
class LinkWriter {
  private readonly pending: Record<LinkTable, unknown[]> = {
    posting_places: [],
    posting_roles: [],
    posting_skills: [],
  };
  private readonly known = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly s: ReturnType<typeof prepareStatements>,
  ) {}

  /** Queues the places and links of a posting just inserted. */
  add(id: number, posting: NormalisedPosting): void {
    this.addPlaces(id, placesOf(posting));
    this.addClassification(id, posting);
  }

  private addPlaces(id: number, places: PostingPlace[]): void {
    for (let position = 0; position < places.length; position++) {
      const p = places[position]!;
      this.pending.posting_places.push(id, position, p.city, p.district, p.region, p.country);
    }
  }

  private addClassification(id: number, posting: NormalisedPosting): void {
    for (const role of new Set(posting.roles)) {
      this.ensure('r', role);
      this.pending.posting_roles.push(id, role);
    }
    for (const skill of new Set(posting.skills)) {
      this.ensure('s', skill);
      this.pending.posting_skills.push(id, skill);
    }
  }

  /** Replaces a stored posting's links when they differ from the posting's; returns whether they did. */
  replace(id: number, posting: NormalisedPosting): boolean {
    this.flush();
    const places = placesOf(posting);
    if (JSON.stringify(this.s.placesOf.all(id)) !== JSON.stringify(places.map(placeRow))) {
      this.s.clearPlaces.run(id);
      this.addPlaces(id, places);
    }
    const roles = [...new Set(posting.roles)].sort();
    const skills = [...new Set(posting.skills)].sort();
    const sameRoles = sameList(this.s.rolesOf.all(id) as string[], roles);
    const sameSkills = sameList(this.s.skillsOf.all(id) as string[], skills);
    const reclassified = !sameRoles || !sameSkills;
    if (reclassified) {
      this.s.clearRoles.run(id);
      this.s.clearSkills.run(id);
      this.addClassification(id, posting);
    }
    this.flush();
    return reclassified;
  }

  flush(): void {
    for (const table of Object.keys(this.pending) as LinkTable[]) {
      const values = this.pending[table];
      const width = LINK_COLUMNS[table].length + 1;
      for (let at = 0; at < values.length; at += width * LINKS_PER_STATEMENT) {
        const chunk = values.slice(at, at + width * LINKS_PER_STATEMENT);
        this.statement(table, chunk.length / width).run(chunk);
      }
      values.length = 0;
    }
  }

  /** Roles and skills outside the taxonomy (an older pipeline's ids) get a row of their own. */
  private ensure(kind: 'r' | 's', id: string): void {
    const key = `${kind}:${id}`;
    if (this.known.has(key)) return;
    (kind === 'r' ? this.s.ensureRole : this.s.ensureSkill).run(id, id);
    this.known.add(key);
  }

  private statement(table: LinkTable, rows: number): Statement {
    const key = `${table}:${rows}`;
    let statement = this.s.links.get(key);
    if (!statement) {
      const columns = ['posting_id', ...LINK_COLUMNS[table]];
      const row = `(${columns.map(() => '?').join(', ')})`;
      // Places are written whole (a posting's old ones cleared first); links may repeat, and are kept once.
      const verb = table === 'posting_places' ? 'INSERT' : 'INSERT OR IGNORE';
      statement = this.db.prepare(
        `${verb} INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => row).join(', ')}`,
      );
      this.s.links.set(key, statement);
    }
    return statement;
  }
}

/** A place as the posting_places query returns it (its columns, in order). */
function placeRow(p: PostingPlace): PostingPlace {
  return { city: p.city, district: p.district, region: p.region, country: p.country };
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function textOf(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** Which of these source ids are already stored (for incremental scrapes). */
export function knownPostingIds(db: Db, sourceId: string, ids: string[]): Set<string> {
  const stored = storedIndexes(
    statements(db),
    ids.map((id) => ({ source_id: sourceId, source_posting_id: id })),
  );
  return new Set([...stored].map((index) => ids[index]!));
}
