// Recomputing stored classifications after a taxonomy change: walks postings by id in batches (one
// transaction per batch), replaces roles and skills that differ, re-reads places from the stored location text
// (city, district, region, country, recording each change), optionally moves dedup keys (recording the change
// and re-electing the primary posting of each key touched). The classification itself is passed in, so the
// store stays free of pipeline rules. reindexDatabase is the whole of `jobtrend reindex`: the taxonomy's names
// synced, every posting reindexed, the sources' lifetimes set and the backlog they decide recomputed.
import { POSTING_CONTENT_FIELDS, type PostingPlace } from '../domain/posting.js';
import type { ReadPlace, StoredPosting } from '../pipeline/index.js';
import { sourceIds } from './analysis-queries.js';
import { type Db, inTransaction } from './database.js';
import { fromStored } from './export-queries.js';
import { DEFAULT_LIFETIME_DAYS, markBacklog, setSourceLifetimes } from './observation-store.js';
import { syncTaxonomy, type TaxonomySyncResult } from './taxonomy-store.js';
import { WriteTurns } from './write-turns.js';

/** The fields of a posting read again from its stored text: its place, and its pay's currency and flags. */
export const PLACE_FIELDS = [
  'city',
  'district',
  'region',
  'country',
  'salary_currency',
  'salary_currency_inferred',
  'salary_implausible',
] as const;
/** The place and pay fields read again, as stored (flags as 0/1). */
export type Place = ReadPlace;

/**
 * What reindexing reads of a posting: what it says (the content fields, as stored: booleans as 0/1), and its
 * identity and dedup key.
 */
export type ReindexRow = {
  id: number;
  source_id: string;
  source_posting_id: string;
  dedup_key: string;
} & Record<(typeof POSTING_CONTENT_FIELDS)[number], unknown> & {
    title: string;
    company: string | null;
    description: string | null;
    location_raw: string | null;
    city: string | null;
    district: string | null;
    region: string | null;
    country: string | null;
    remote: number | null;
    salary_currency_inferred: number;
    salary_implausible: number;
  };

export interface ReindexClassification {
  roles: string[];
  skills: string[];
  /** Given only when dedup keys are being recomputed. */
  dedupKey?: string;
  /**
   * The place read from the posting's location text (every place it names, and the first as its fields), the
   * pay's currency and flags read again, and the content hash of the posting with them.
   */
  place?: { fields: Place; places: PostingPlace[]; contentHash: string };
}

export interface ReindexOptions {
  /** The posting's new classification, from its row as stored and what it says as the pipeline holds it. */
  classify: (row: ReindexRow, posting: StoredPosting) => ReindexClassification;
  batchSize?: number;
  /** Called after each batch. */
  onProgress?: (done: number, total: number) => void;
  /** Stops after the current batch (each batch is committed). */
  signal?: AbortSignal;
  /** Time recorded for place and dedup-key changes in posting_changes. */
  now?: () => Date;
}

export interface ReindexResult {
  postings: number;
  total: number;
  rolesChanged: number;
  skillsChanged: number;
  dedupChanged: number;
  placesChanged: number;
  interrupted: boolean;
}

export function reindexPostings(db: Db, options: ReindexOptions): ReindexResult {
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 1000));
  const now = options.now ?? (() => new Date());
  const total = db.prepare('SELECT count(*) FROM postings').pluck().get() as number;
  const page = db.prepare(
    `SELECT id, source_id, source_posting_id, dedup_key, ${POSTING_CONTENT_FIELDS.join(', ')},
       salary_currency_inferred, salary_implausible
     FROM postings WHERE id > ? ORDER BY id LIMIT ?`,
  );
  const rolesIn = db.prepare(
    'SELECT posting_id, role_id FROM posting_roles WHERE posting_id BETWEEN ? AND ? ORDER BY posting_id, role_id',
  );
  const skillsIn = db.prepare(
    'SELECT posting_id, skill_id FROM posting_skills WHERE posting_id BETWEEN ? AND ? ORDER BY posting_id, skill_id',
  );
  const clearRoles = db.prepare('DELETE FROM posting_roles WHERE posting_id = ?');
  const clearSkills = db.prepare('DELETE FROM posting_skills WHERE posting_id = ?');
  const addRole = db.prepare('INSERT OR IGNORE INTO posting_roles (posting_id, role_id) VALUES (?, ?)');
  const addSkill = db.prepare('INSERT OR IGNORE INTO posting_skills (posting_id, skill_id) VALUES (?, ?)');
  const ensureRole = db.prepare('INSERT OR IGNORE INTO roles (id, name) VALUES (?, ?)');
  const ensureSkill = db.prepare('INSERT OR IGNORE INTO skills (id, name) VALUES (?, ?)');
  const setKey = db.prepare('UPDATE postings SET dedup_key = ? WHERE id = ?');
  const change = db.prepare(
    `INSERT INTO posting_changes (posting_id, run_id, changed_at, field, old_value, new_value)
     VALUES (?, NULL, ?, ?, ?, ?)`,
  );
  const setPlace = db.prepare(
    `UPDATE postings SET city = @city, district = @district, region = @region, country = @country,
       salary_currency = @salary_currency, salary_currency_inferred = @salary_currency_inferred,
       salary_implausible = @salary_implausible, content_hash = @content_hash WHERE id = @id`,
  );
  const placesIn = db.prepare(
    'SELECT city, district, region, country FROM posting_places WHERE posting_id = ? ORDER BY position',
  );
  const clearPlaces = db.prepare('DELETE FROM posting_places WHERE posting_id = ?');
  const addPlace = db.prepare(
    'INSERT INTO posting_places (posting_id, position, city, district, region, country) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const elect = db.prepare(
    `UPDATE postings SET is_primary = (id = (SELECT id FROM postings WHERE dedup_key = @key
       ORDER BY effective_date, id LIMIT 1)) WHERE dedup_key = @key`,
  );

  const result: ReindexResult = {
    postings: 0,
    total,
    rolesChanged: 0,
    skillsChanged: 0,
    dedupChanged: 0,
    placesChanged: 0,
    interrupted: false,
  };
  const known = new Set<string>();
  let after = 0;
  const turns = new WriteTurns();
  for (;;) {
    if (options.signal?.aborted) {
      result.interrupted = true;
      break;
    }
    const rows = page.all(after, batchSize) as ReindexRow[];
    if (rows.length === 0) break;
    const first = (rows[0] as ReindexRow).id;
    const last = (rows[rows.length - 1] as ReindexRow).id;
    // A scrape or import writing beside the reindex takes its turn between two batches.
    turns.beforeBeginSync();
    inTransaction(db, () => {
      const roles = groupBy(rolesIn.all(first, last) as { posting_id: number; role_id: string }[], 'role_id');
      const skills = groupBy(
        skillsIn.all(first, last) as { posting_id: number; skill_id: string }[],
        'skill_id',
      );
      const touchedKeys = new Set<string>();
      const changedAt = now().toISOString();
      for (const row of rows) {
        const next = options.classify(row, storedPosting(row));
        const nextRoles = [...new Set(next.roles)].sort();
        const nextSkills = [...new Set(next.skills)].sort();
        if (!sameList(roles.get(row.id) ?? [], nextRoles)) {
          clearRoles.run(row.id);
          for (const role of nextRoles) {
            if (!known.has(`r:${role}`)) ensureRole.run(role, role);
            known.add(`r:${role}`);
            addRole.run(row.id, role);
          }
          result.rolesChanged++;
        }
        if (!sameList(skills.get(row.id) ?? [], nextSkills)) {
          clearSkills.run(row.id);
          for (const skill of nextSkills) {
            if (!known.has(`s:${skill}`)) ensureSkill.run(skill, skill);
            known.add(`s:${skill}`);
            addSkill.run(row.id, skill);
          }
          result.skillsChanged++;
        }
        const place = next.place;
        if (place) {
          const moved = PLACE_FIELDS.filter((field) => (row[field] ?? null) !== place.fields[field]);
          if (moved.length > 0) {
            setPlace.run({ ...place.fields, content_hash: place.contentHash, id: row.id });
            for (const field of moved) change.run(row.id, changedAt, field, row[field], place.fields[field]);
          }
          const storedPlaces = placesIn.all(row.id);
          const placesMoved = JSON.stringify(storedPlaces) !== JSON.stringify(place.places.map(placeColumns));
          if (placesMoved) {
            clearPlaces.run(row.id);
            place.places.forEach((p, position) => {
              addPlace.run(row.id, position, p.city, p.district, p.region, p.country);
            });
          }
          if (moved.length > 0 || placesMoved) result.placesChanged++;
        }
        if (next.dedupKey !== undefined && next.dedupKey !== row.dedup_key) {
          setKey.run(next.dedupKey, row.id);
          change.run(row.id, changedAt, 'dedup_key', row.dedup_key, next.dedupKey);
          touchedKeys.add(row.dedup_key);
          touchedKeys.add(next.dedupKey);
          result.dedupChanged++;
        }
      }
      for (const key of touchedKeys) elect.run({ key });
    });
    turns.committed();
    result.postings += rows.length;
    after = last;
    options.onProgress?.(result.postings, total);
  }
  return result;
}

/** What a stored posting says, as the pipeline holds it (0/1 columns as booleans, absent as null). */
function storedPosting(row: ReindexRow): StoredPosting {
  const posting: Record<string, unknown> = {
    source_id: row.source_id,
    source_posting_id: row.source_posting_id,
    salary_currency_inferred: row.salary_currency_inferred === 1,
  };
  for (const field of POSTING_CONTENT_FIELDS) posting[field] = fromStored(field, row[field]);
  return posting as StoredPosting;
}

export interface ReindexDatabaseOptions extends ReindexOptions {
  /** Posting lifetimes in days by source, from the config; sources it does not name get the default. */
  lifetimes: Readonly<Record<string, number>>;
}

export interface ReindexDatabaseResult extends ReindexResult {
  /** The taxonomy's roles and skills as synced before reindexing. */
  taxonomy: TaxonomySyncResult;
  /** The same after: ids that left the taxonomy, unused now, removed. */
  cleaned: TaxonomySyncResult;
  /** Sources whose posting lifetime changed. */
  lifetimeChanges: string[];
  /** Postings whose backlog flag changed. */
  backlogChanged: number;
}

/**
 * `jobtrend reindex`: syncs the taxonomy's names, reindexes every posting (reindexPostings), syncs again so ids
 * that left the taxonomy go, sets each source's posting lifetime (the config's, else DEFAULT_LIFETIME_DAYS) and
 * recomputes the backlog those lifetimes decide.
 */
export function reindexDatabase(db: Db, options: ReindexDatabaseOptions): ReindexDatabaseResult {
  const taxonomy = syncTaxonomy(db);
  const result = reindexPostings(db, options);
  const cleaned = syncTaxonomy(db);
  const defaults = Object.fromEntries(sourceIds(db).map((id) => [id, DEFAULT_LIFETIME_DAYS]));
  const lifetimeChanges = setSourceLifetimes(db, { ...defaults, ...options.lifetimes });
  const backlogChanged = markBacklog(db);
  return { ...result, taxonomy, cleaned, lifetimeChanges, backlogChanged };
}

/** A place as posting_places holds it (its columns, in order). */
function placeColumns(p: PostingPlace): PostingPlace {
  return { city: p.city, district: p.district, region: p.region, country: p.country };
}

function groupBy<K extends string>(
  rows: ({ posting_id: number } & Record<K, string>)[],
  field: K,
): Map<number, string[]> {
  const map = new Map<number, string[]>();
  for (const row of rows) {
    const list = map.get(row.posting_id) ?? [];
    list.push(row[field]);
    map.set(row.posting_id, list);
  }
  return map;
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
