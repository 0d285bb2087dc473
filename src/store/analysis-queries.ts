// Read-only SQL for analysis: daily counts of new deduplicated postings (is_primary = 1, backlog = 0) by
// effective date, each source's observations and posting lifetime, countries of postings, skill counts, and
// the active-stock aggregate. Everything is an aggregate computed by SQLite (a few thousand rows at most come
// back), every value is a bound parameter.
import type { Db } from './database.js';

/** A checked filter (see src/analysis/filters.ts): canonical city, known role and sources. */
export interface SqlFilter {
  role: string | null;
  match: string | null;
  city: string | null;
  sources: string[] | null;
}

export interface DayCount {
  day: string;
  source_id: string;
  postings: number;
}

/** One successful look at a source (the source_observations view, db/070_watched_days.sql). */
export interface ObservationRow {
  source_id: string;
  run_id: number;
  first_day: string;
  last_day: string;
  /** Postings without a date of their own first seen up to this time were listed during this look. */
  observed_until: string;
  /** 1 when the days are a dataset's posting-date span taken as a continuous log, not collection dates. */
  assumed: number;
}

export interface SourceInfoRow {
  id: string;
  name: string;
  kind: string;
  lifetime_days: number;
  /** The last day of its first observation (null when never observed). */
  first_observed_day: string | null;
  /** 1 when most postings it lists carry no date of their own (the source_dating view). */
  undated_listings: number;
}

export interface CountryCount {
  country: string | null;
  postings: number;
}

export interface SkillCount {
  skill_id: string;
  name: string;
  name_zh: string | null;
  category: string | null;
  postings: number;
}

export interface ActiveStock {
  /** Distinct postings active on at least one day of the range. */
  postings: number;
  /** Sum over postings of the days of the range they were active (first seen … closed or last seen). */
  posting_days: number;
}

interface Clause {
  joins: string[];
  where: string[];
  params: unknown[];
}

/**
 * FTS5 text for a user's words: each word becomes a quoted string (quotes doubled), so operators and
 * punctuation in the input are searched for, never interpreted. Words are ANDed.
 */
export function ftsQuery(text: string): string {
  return text
    .trim()
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .map((word) => `"${word.replaceAll('"', '""')}"`)
    .join(' ');
}

/** Escapes LIKE wildcards (with ESCAPE '\'). */
function likePattern(text: string): string {
  return `%${text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The WHERE and JOIN parts of a filter; `withTopic` false drops role and match (the share denominator). */
function filterClause(filter: SqlFilter, withTopic: boolean): Clause {
  const clause: Clause = { joins: [], where: [], params: [] };
  if (withTopic && filter.role) {
    // CROSS JOIN fixes the order: postings by their date (or city and date) index first, then one role
    // lookup each. Left to itself SQLite 3.53 starts from the role's whole history instead (2.5× slower).
    clause.joins.push('CROSS JOIN posting_roles r ON r.posting_id = p.id AND r.role_id = ?');
    clause.params.push(filter.role);
  }
  if (filter.city) {
    clause.where.push('p.city = ?');
    clause.params.push(filter.city);
  }
  if (filter.sources && filter.sources.length > 0) {
    clause.where.push(`p.source_id IN (${filter.sources.map(() => '?').join(', ')})`);
    clause.params.push(...filter.sources);
  }
  if (withTopic && filter.match) {
    // The trigram tokenizer needs every word to have at least 3 characters; shorter text uses LIKE.
    const words = filter.match.trim().split(/\s+/);
    if (words.every((word) => [...word].length >= 3)) {
      clause.where.push('p.id IN (SELECT rowid FROM postings_fts WHERE postings_fts MATCH ?)');
      clause.params.push(ftsQuery(filter.match));
    } else {
      clause.where.push(
        "(p.title LIKE ? ESCAPE '\\' OR p.company LIKE ? ESCAPE '\\' OR p.description LIKE ? ESCAPE '\\')",
      );
      const pattern = likePattern(filter.match);
      clause.params.push(pattern, pattern, pattern);
    }
  }
  return clause;
}

/**
 * New deduplicated postings (backlog left out) per effective date and source between `start` and `end`
 * (inclusive). `withTopic` false counts all postings of the same city and sources (the denominator of share).
 */
export function dailyCounts(
  db: Db,
  filter: SqlFilter,
  start: string,
  end: string,
  withTopic = true,
): DayCount[] {
  const clause = filterClause(filter, withTopic);
  // The joins' parameters come first in the SQL text, then the date range, then the WHERE parts.
  const joinParams = withTopic && filter.role ? [clause.params[0]] : [];
  const whereParams = withTopic && filter.role ? clause.params.slice(1) : clause.params;
  const sql = `SELECT p.effective_date AS day, p.source_id, count(*) AS postings
    FROM postings p ${clause.joins.join(' ')}
    WHERE p.is_primary = 1 AND p.backlog = 0 AND p.effective_date BETWEEN ? AND ?
    ${clause.where.map((w) => `AND ${w}`).join(' ')}
    GROUP BY p.effective_date, p.source_id`;
  return db.prepare(sql).all(...joinParams, start, end, ...whereParams) as DayCount[];
}

/** Every successful look at every source, oldest first (one row per run, or per stated collection day). */
export function observations(db: Db): ObservationRow[] {
  return db
    .prepare(
      `SELECT source_id, run_id, first_day, last_day, observed_until, assumed FROM source_observations
       ORDER BY source_id, first_day, observed_until`,
    )
    .all() as ObservationRow[];
}

/** Every known source with its posting lifetime, first observation and whether it lists undated postings. */
export function sourceInfo(db: Db): SourceInfoRow[] {
  return db
    .prepare(
      `SELECT s.id, s.name, s.kind, s.lifetime_days, w.first_observed_day,
              coalesce(w.undated_listings, 0) AS undated_listings
       FROM sources s LEFT JOIN source_first_watch w ON w.source_id = s.id ORDER BY s.id`,
    )
    .all() as SourceInfoRow[];
}

/** Matching new postings between `start` and `end` by country (null: unknown), largest first. */
export function countryCounts(db: Db, filter: SqlFilter, start: string, end: string): CountryCount[] {
  const clause = filterClause(filter, true);
  const joinParams = filter.role ? [clause.params[0]] : [];
  const whereParams = filter.role ? clause.params.slice(1) : clause.params;
  const sql = `SELECT p.country AS country, count(*) AS postings
    FROM postings p ${clause.joins.join(' ')}
    WHERE p.is_primary = 1 AND p.backlog = 0 AND p.effective_date BETWEEN ? AND ?
    ${clause.where.map((w) => `AND ${w}`).join(' ')}
    GROUP BY p.country ORDER BY postings DESC`;
  return db.prepare(sql).all(...joinParams, start, end, ...whereParams) as CountryCount[];
}

/** The earliest effective date of a deduplicated posting, or null for an empty database. */
export function firstEffectiveDate(db: Db): string | null {
  return (
    (db.prepare('SELECT min(effective_date) FROM postings WHERE is_primary = 1').pluck().get() as
      | string
      | null) ?? null
  );
}

/**
 * Matching new deduplicated postings (backlog left out, as in every count of a period) in the range
 * (`postings`), and per skill the number naming it, in one
 * pass: the matching ids are materialised once, then counted and joined to posting_skills. Skill names come
 * from a separate read of the small skills table rather than a join per row.
 */
export function skillCounts(
  db: Db,
  filter: SqlFilter,
  start: string,
  end: string,
): { postings: number; skills: SkillCount[] } {
  const clause = filterClause(filter, true);
  const joinParams = filter.role ? [clause.params[0]] : [];
  const whereParams = filter.role ? clause.params.slice(1) : clause.params;
  const sql = `WITH matching AS MATERIALIZED (
      SELECT p.id FROM postings p ${clause.joins.join(' ')}
      WHERE p.is_primary = 1 AND p.backlog = 0 AND p.effective_date BETWEEN ? AND ?
      ${clause.where.map((w) => `AND ${w}`).join(' ')}
    )
    SELECT NULL AS skill_id, count(*) AS postings FROM matching
    UNION ALL
    SELECT * FROM (
      SELECT ps.skill_id, count(*) AS postings
      FROM matching m CROSS JOIN posting_skills ps ON ps.posting_id = m.id
      GROUP BY ps.skill_id
    )`;
  const rows = db.prepare(sql).all(...joinParams, start, end, ...whereParams) as Array<{
    skill_id: string | null;
    postings: number;
  }>;
  const names = new Map(
    (
      db.prepare('SELECT id, name, name_zh, category FROM skills').all() as Array<{
        id: string;
        name: string;
        name_zh: string | null;
        category: string | null;
      }>
    ).map((row) => [row.id, row]),
  );
  const postings = Number(rows.find((row) => row.skill_id === null)?.postings ?? 0);
  const skills = rows
    .filter((row): row is { skill_id: string; postings: number } => row.skill_id !== null)
    .map((row) => {
      const info = names.get(row.skill_id);
      return {
        skill_id: row.skill_id,
        name: info?.name ?? row.skill_id,
        name_zh: info?.name_zh ?? null,
        category: info?.category ?? null,
        postings: Number(row.postings),
      };
    })
    .sort((a, b) => b.postings - a.postings || a.skill_id.localeCompare(b.skill_id));
  return { postings, skills };
}

/**
 * Active stock in a range: postings (deduplicated) open on at least one day, and their posting-days, where
 * a posting is open from its first-seen day to the day it closed (else the day it was last seen).
 */
export function activeStock(db: Db, filter: SqlFilter, start: string, end: string): ActiveStock {
  const clause = filterClause(filter, true);
  const joinParams = filter.role ? [clause.params[0]] : [];
  const whereParams = filter.role ? clause.params.slice(1) : clause.params;
  const sql = `SELECT count(*) AS postings,
      coalesce(sum(julianday(min(last_day, ?)) - julianday(max(first_day, ?)) + 1), 0) AS posting_days
    FROM (
      SELECT substr(p.first_seen_at, 1, 10) AS first_day,
             coalesce(substr(p.closed_at, 1, 10), substr(p.last_seen_at, 1, 10)) AS last_day
      FROM postings p ${clause.joins.join(' ')}
      WHERE p.is_primary = 1 AND p.first_seen_at < ?
      ${clause.where.map((w) => `AND ${w}`).join(' ')}
    )
    WHERE last_day >= ?`;
  // first_seen_at is an ISO time: everything before the day after `end` (a range the index can seek).
  const dayAfterEnd = new Date(Date.parse(`${end}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const row = db
    .prepare(sql)
    .get(end, start, ...joinParams, dayAfterEnd, ...whereParams, start) as ActiveStock;
  return { postings: Number(row.postings), posting_days: Number(row.posting_days) };
}

/** Role ids in the taxonomy table. */
export function roleIds(db: Db): string[] {
  return db.prepare('SELECT id FROM roles ORDER BY id').pluck().all() as string[];
}

/** Source ids known to the database. */
export function sourceIds(db: Db): string[] {
  return db.prepare('SELECT id FROM sources ORDER BY id').pluck().all() as string[];
}

/** Whether any deduplicated posting has this exact city value (uses postings_primary_city_date_source). */
export function cityExists(db: Db, city: string): boolean {
  return (
    db.prepare('SELECT 1 FROM postings WHERE is_primary = 1 AND city = ? LIMIT 1').get(city) !== undefined
  );
}

/** Distinct city values matching case-insensitively (for a user who typed "shanghai"). */
export function cityLike(db: Db, city: string): string | null {
  return (
    (db
      .prepare(
        'SELECT city FROM postings WHERE is_primary = 1 AND city IS NOT NULL AND lower(city) = lower(?) LIMIT 1',
      )
      .pluck()
      .get(city) as string | undefined) ?? null
  );
}
