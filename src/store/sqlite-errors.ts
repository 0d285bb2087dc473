// SQLite's failures that a user can fix (not a database, corrupt, read-only, locked, disk full) as one line
// that says how. Used where the database is opened, and by the CLI for such a failure at any later point
// (a write refused by a file made read-only after it was opened). Other errors pass through.
import { UserError } from '../errors.js';

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
  if (code.startsWith('SQLITE_READONLY') || /readonly database/i.test(message)) {
    return new UserError(`${path} is read-only: make it writable, or pass --db with a writable path`);
  }
  if (code === 'SQLITE_CANTOPEN') {
    return new UserError(`cannot open ${path}: check the path and its permissions`);
  }
  if (code === 'SQLITE_FULL') {
    return new UserError(`the disk holding ${path} is full: free some space, then run the command again`);
  }
  if (code.startsWith('SQLITE_BUSY')) {
    return new UserError(`${path} is locked by another process: try again when it has finished`);
  }
  return error;
}
