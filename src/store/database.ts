// Opening the SQLite file: pragmas (WAL, foreign keys, busy timeout), and the checks that turn a bad path
// or a file that is not a database into a clear UserError instead of a stack trace.
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { UserError } from '../errors.js';
import { migrate } from './migrate.js';

export type Db = Database.Database;

export interface OpenOptions {
  /** Open read-only (analysis, `query`). The file must exist. */
  readonly?: boolean;
  /** Create the file and apply pending migrations (default true for writers). */
  migrate?: boolean;
  /** Milliseconds to wait for a lock held by another process. */
  busyTimeoutMs?: number;
}

/** Opens (and by default creates and migrates) the database at `path`. */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const { readonly = false, busyTimeoutMs = 10_000 } = options;
  const shouldMigrate = options.migrate ?? !readonly;
  if (path !== ':memory:') {
    const folder = dirname(path);
    if (!existsSync(folder)) {
      throw new UserError(
        `the folder ${folder} does not exist: create it, or pass --db with a path in an existing folder`,
      );
    }
    if (existsSync(path) && statSync(path).isDirectory()) {
      throw new UserError(`${path} is a folder, not a database file: pass --db with a file path`);
    }
    if (readonly && !existsSync(path)) {
      throw new UserError(
        `no database at ${path}: run \`jobtrend init\` first, or pass --db with the right path`,
      );
    }
  }
  let db: Db;
  try {
    db = new Database(path, { readonly, fileMustExist: readonly });
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    // Reading the schema is the cheapest way to find out whether this is a database at all.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    throw asUserError(error, path);
  }
  try {
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    // Analysis reads large parts of big files: memory-mapped reads and a 64 MiB page cache halve the time of
    // a skills query over 1,000,000 postings (measured with sqlite3 on the bench database).
    db.pragma('mmap_size = 1073741824');
    db.pragma('cache_size = -65536');
    if (shouldMigrate) migrate(db);
  } catch (error) {
    db.close();
    throw asUserError(error, path);
  }
  return db;
}

/**
 * Runs `work` in a transaction of its own, or as part of the caller's when one is open. better-sqlite3 would
 * nest it in a SAVEPOINT, which journals every page the inner work changes to a temporary file: an eighth of all
 * bytes an import wrote. Nothing is lost by joining: an error of `work` reaches the caller's transaction and
 * rolls all of it back, so a caller must not catch such an error and commit.
 */
export function inTransaction<T>(db: Db, work: () => T): T {
  return db.inTransaction ? work() : db.transaction(work)();
}

/** Known SQLite failures, as one line that says how to fix them. Other errors pass through. */
export function asUserError(error: unknown, path: string): unknown {
  const code = (error as { code?: string }).code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_NOTADB' || /file is not a database/i.test(message)) {
    return new UserError(
      `${path} is not a SQLite database: pass --db with a jobtrend database, or a new path`,
    );
  }
  if (code === 'SQLITE_CORRUPT') {
    return new UserError(`${path} is corrupt: restore it from a backup, or pass --db with a new path`);
  }
  if (code === 'SQLITE_READONLY' || /readonly database/i.test(message)) {
    return new UserError(`${path} is read-only: make it writable, or pass --db with a writable path`);
  }
  if (code === 'SQLITE_CANTOPEN') {
    return new UserError(`cannot open ${path}: check the path and its permissions`);
  }
  if (code === 'SQLITE_BUSY') {
    return new UserError(`${path} is locked by another process: try again when it has finished`);
  }
  return error;
}
