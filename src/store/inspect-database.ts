// What `jobtrend check` needs to know about the database file without changing it: whether it exists, its
// schema version against the migrations this jobtrend ships, and whether this process could write to it
// (a write lock taken and given back at once: nothing is written, nothing is migrated).
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { isWritable } from './database.js';
import { loadMigrations, schemaVersion } from './migrate.js';

export type DatabaseState =
  | { kind: 'missing'; folderWritable: boolean; expectedVersion: number }
  | { kind: 'unreadable'; reason: string; expectedVersion: number }
  | {
      kind: 'present';
      schemaVersion: number;
      expectedVersion: number;
      /** null when writable; else why not ("read-only file", "locked by another process"). */
      notWritable: string | null;
      /** True when another process held the write lock: writable, but busy right now. */
      busy: boolean;
    };

export function inspectDatabase(path: string, options: { busyTimeoutMs?: number } = {}): DatabaseState {
  const expectedVersion = Math.max(0, ...loadMigrations().map((m) => m.version));
  if (!existsSync(path)) {
    return { kind: 'missing', folderWritable: isWritable(dirname(path)), expectedVersion };
  }
  if (statSync(path).isDirectory()) {
    return { kind: 'unreadable', reason: 'it is a folder, not a database file', expectedVersion };
  }
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: true });
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 2_000}`);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    return { kind: 'unreadable', reason: reasonOf(error), expectedVersion };
  }
  try {
    const version = schemaVersion(db);
    let notWritable: string | null = null;
    let busy = false;
    if (!isWritable(path) || !isWritable(dirname(path))) {
      notWritable = `this user cannot write ${isWritable(path) ? 'its folder (SQLite keeps its WAL there)' : 'the file'}`;
    } else {
      try {
        db.prepare('BEGIN IMMEDIATE').run();
        db.prepare('ROLLBACK').run();
      } catch (error) {
        const code = (error as { code?: string }).code ?? '';
        if (code.startsWith('SQLITE_BUSY')) busy = true;
        else notWritable = reasonOf(error);
      }
    }
    return { kind: 'present', schemaVersion: version, expectedVersion, notWritable, busy };
  } catch (error) {
    return { kind: 'unreadable', reason: reasonOf(error), expectedVersion };
  } finally {
    db.close();
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}
