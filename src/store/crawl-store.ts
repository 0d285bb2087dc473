// The crawl's request queue in SQLite (tables crawls and crawl_requests, migration 110): a crawl's plan and
// its requests with their state, attempts and error. The engine's SQLite queue (src/engine/
// sqlite-request-queue.ts) reads and writes through these; requests are written inside the transaction that
// stores their page's postings.
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';

export interface CrawlRow {
  id: number;
  job_name: string | null;
  plan_json: string;
  started_at: string;
  heartbeat_at: string;
  pid: number | null;
}

export interface CrawlRequestRow {
  scrape: number;
  source_id: string;
  request_key: string;
  url: string;
  method: string;
  host: string;
  via: 'http' | 'browser';
  kind: 'list' | 'detail' | 'index';
  handler: string;
  priority: number;
  request_json: string;
  state: 'pending' | 'done' | 'failed';
  attempts: number;
  error: string | null;
}

export function createCrawl(
  db: Db,
  crawl: { jobName: string | null; planJson: string; startedAt: string; pid: number },
): number {
  return Number(
    db
      .prepare(
        `INSERT INTO crawls (job_name, plan_json, started_at, heartbeat_at, pid) VALUES (?, ?, ?, ?, ?)`,
      )
      .run(crawl.jobName, crawl.planJson, crawl.startedAt, crawl.startedAt, crawl.pid).lastInsertRowid,
  );
}

/** Unfinished crawls of a job (or of `jobtrend scrape` when jobName is null), newest first. */
export function unfinishedCrawls(db: Db, jobName: string | null): CrawlRow[] {
  return db.prepare('SELECT * FROM crawls WHERE job_name IS ? ORDER BY id DESC').all(jobName) as CrawlRow[];
}

/** Marks a crawl as run by this process now (taken over on resume; kept fresh as pages are stored). */
export function touchCrawl(db: Db, id: number, pid: number, at: string): void {
  db.prepare('UPDATE crawls SET pid = ?, heartbeat_at = ? WHERE id = ?').run(pid, at, id);
}

/** Deletes a crawl and its requests (it ended, or a new crawl of the same job replaces it). */
export function deleteCrawl(db: Db, id: number): void {
  db.prepare('DELETE FROM crawls WHERE id = ?').run(id);
}

const insertSql = `INSERT OR IGNORE INTO crawl_requests
  (crawl_id, scrape, source_id, request_key, url, method, host, via, kind, handler, priority, request_json,
   queued_at)
  VALUES (@crawl_id, @scrape, @source_id, @request_key, @url, @method, @host, @via, @kind, @handler, @priority,
   @request_json, @queued_at)`;

const finishSql = `UPDATE crawl_requests SET state = ?, attempts = attempts + ?, error = ?, finished_at = ?
  WHERE crawl_id = ? AND source_id = ? AND request_key = ?`;

/** The two statements of the hot path, prepared once per connection. */
const prepared = new WeakMap<Db, { insert: Statement; finish: Statement }>();
function statements(db: Db) {
  let found = prepared.get(db);
  if (!found) {
    found = { insert: db.prepare(insertSql), finish: db.prepare(finishSql) };
    prepared.set(db, found);
  }
  return found;
}

export type NewCrawlRequest = Omit<CrawlRequestRow, 'state' | 'attempts' | 'error'>;

/** Adds requests to a crawl; those it holds already (same source and key) are left as they are. */
export function insertCrawlRequests(db: Db, crawlId: number, rows: NewCrawlRequest[], at: string): void {
  if (rows.length === 0) return;
  const { insert } = statements(db);
  for (const row of rows) insert.run({ ...row, crawl_id: crawlId, queued_at: at });
}

/** Records how a request ended. */
export function finishCrawlRequest(
  db: Db,
  crawlId: number,
  outcome: {
    sourceId: string;
    key: string;
    state: 'done' | 'failed';
    attempts: number;
    error: string | null;
    at: string;
  },
): void {
  statements(db).finish.run(
    outcome.state,
    outcome.attempts,
    outcome.error,
    outcome.at,
    crawlId,
    outcome.sourceId,
    outcome.key,
  );
}

/** Every request of a crawl, in the order it was queued. */
export function crawlRequests(db: Db, crawlId: number): CrawlRequestRow[] {
  return db
    .prepare(
      `SELECT scrape, source_id, request_key, url, method, host, via, kind, handler, priority, request_json,
         state, attempts, error
       FROM crawl_requests WHERE crawl_id = ? ORDER BY id`,
    )
    .all(crawlId) as CrawlRequestRow[];
}
