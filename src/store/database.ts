// Opening the SQLite file: pragmas (WAL, foreign keys, busy timeout), the checks that turn a bad path, a
// file that is not a database or one written by a newer jobtrend into a clear UserError instead of a stack
// trace, and write transactions that take the write lock when they begin (BEGIN IMMEDIATE).
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { UserError } from '../errors.js';
import { describeNewerSchema, migrate } from './migrate.js';
import { registerRunStatus } from './run-liveness.js';
import { asUserError } from './sqlite-errors.js';

export type Db = Database.Database;

export interface OpenOptions {
  /** Open read-only (analysis, `query`). The file must exist. */
  readonly?: boolean;
  /** Create the file and apply pending migrations (default true for writers). */
  migrate?: boolean;
  /**
   * Milliseconds to wait for a lock held by another process (default a minute). SQLite hands a freed write
   * lock to whichever waiter asks first, not the one waiting longest, so where several processes write at
   * once (scrapes, an import, a reindex) a writer's fair share can take longer than a few seconds.
   */
  busyTimeoutMs?: number;
  /** Told what a reader should know before it reads (a database written by a newer jobtrend). */
  onWarning?: (message: string) => void;
}

/** Opens (and by default creates and migrates) the database at `path`. */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const { readonly = false, busyTimeoutMs = 60_000 } = options;
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
    if (!readonly && existsSync(path) && !isWritable(path)) {
      throw new UserError(`${path} is read-only: make it writable, or pass --db with a writable path`);
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
    // A newer jobtrend's schema may mean things this one does not know: it is read with a warning, never
    // written (not even migrated), so that the newer jobtrend finds its data as it left it.
    const newer = describeNewerSchema(db);
    if (newer && !readonly) {
      throw new UserError(
        `${path} was written by a newer jobtrend (${newer}): upgrade jobtrend to write to it (commands that only read still work)`,
      );
    }
    if (newer) {
      options.onWarning?.(
        `${path} was written by a newer jobtrend (${newer}): reading it may give wrong or missing figures; upgrade jobtrend`,
      );
    }
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    // run_status(): a run whose process is gone shows as interrupted (run-liveness.ts).
    registerRunStatus(db);
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
 * Runs `work` in a write transaction of its own, or as part of the caller's when one is open. Every write
 * transaction of jobtrend goes through here (tests/store/write-transactions.test.ts checks it).
 *
 * Its own transaction begins IMMEDIATE: it takes the write lock at once, waiting for it (the busy timeout)
 * while another process writes. A deferred transaction would take a snapshot with its first read and fail
 * with SQLITE_BUSY at its first write, without waiting, whenever another connection had committed since:
 * in WAL mode SQLite cannot retry a transaction whose reads are out of date.
 *
 * Joining the caller's: better-sqlite3 would nest it in a SAVEPOINT, which journals every page the inner work
 * changes to a temporary file (an eighth of all bytes an import wrote). Nothing is lost by joining: an error
 * of `work` reaches the caller's transaction and rolls all of it back, so a caller must not catch such an
 * error and commit.
 */
export function inTransaction<T>(db: Db, work: () => T): T {
  return db.inTransaction ? work() : db.transaction(work).immediate();
}

/** Opens a write transaction by hand, for a writer that spans awaits (the import): BEGIN IMMEDIATE. */
export function beginWriteTransaction(db: Db): void {
  db.exec('BEGIN IMMEDIATE');
}

/** Whether this user may write `path` (a file, or a folder to create files in). */
export function isWritable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
