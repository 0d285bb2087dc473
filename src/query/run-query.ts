// Running one `jobtrend query` statement so that it can be stopped: SQLite cannot be interrupted from
// better-sqlite3 (no sqlite3_interrupt, no progress handler), and a statement running in this thread — or in a
// worker thread, which a process cannot even exit past — holds its thread until it ends. So the statement
// runs in a child process (src/query/query-child.ts) that is killed on Ctrl-C/SIGTERM or when the time
// allowed has passed. From the TypeScript sources (tests) it runs in this process instead.
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UserError } from '../errors.js';
import { openDatabase } from '../store/database.js';

const CHILD_SCRIPT = fileURLToPath(new URL('./query-child.js', import.meta.url));

/** What the child runs: one read-only statement on the database at `path`. */
export interface QueryJob {
  path: string;
  sql: string;
  /** Named parameters (:name); none binds nothing. */
  params: Record<string, string>;
}

/** Messages from the child: rows in chunks, then done, or an error. */
export type QueryChildMessage = { rows: Record<string, unknown>[] } | { done: true } | { error: string };

/** Rows sent to the parent per message. */
export const ROWS_PER_MESSAGE = 500;

export interface RunQueryOptions {
  /** Milliseconds the statement may run; 0 for no limit. */
  timeoutMs: number;
  /** Aborted on SIGINT/SIGTERM: the statement is stopped at once. */
  signal: AbortSignal;
}

/** The statement's rows. Throws UserError when it fails, runs out of time, or is stopped. */
export function runQuery(job: QueryJob, options: RunQueryOptions): Promise<Record<string, unknown>[]> {
  return existsSync(CHILD_SCRIPT) ? runInChild(job, options) : Promise.resolve(readRows(job));
}

/** Runs the statement in this thread (the child, or the tests' fallback). */
export function readRows(job: QueryJob): Record<string, unknown>[] {
  const db = openDatabase(job.path, { readonly: true });
  try {
    const statement = db.prepare(job.sql);
    const rows = Object.keys(job.params).length > 0 ? statement.all(job.params) : statement.all([]);
    return rows as Record<string, unknown>[];
  } catch (error) {
    throw new UserError(`the query failed: ${(error as Error).message}`);
  } finally {
    db.close();
  }
}

function runInChild(job: QueryJob, options: RunQueryOptions): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) => {
    // The child is told who its parent is: read from process.ppid at its start, it would be init's pid if this
    // process were killed while the child was still starting, and its watchdog would then wait for init.
    const child: ChildProcess = fork(CHILD_SCRIPT, [String(process.pid)], {
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const rows: Record<string, unknown>[] = [];
    let settled = false;
    // Kills the child however this process ends (a second Ctrl-C exits at once).
    const killChild = () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
    process.once('exit', killChild);
    const timer =
      options.timeoutMs > 0
        ? setTimeout(() => {
            const seconds = options.timeoutMs / 1000;
            finish(
              new UserError(
                `the query ran for ${seconds} s and was stopped (--timeout ${seconds}): narrow it down (WHERE, LIMIT), or allow longer with --timeout SECONDS (0: no limit)`,
              ),
            );
          }, options.timeoutMs)
        : undefined;
    const onAbort = () => finish(new QueryStoppedError(stopReason(options.signal)));
    const finish = (outcome: Error | Record<string, unknown>[]) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      process.removeListener('exit', killChild);
      killChild();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    if (options.signal.aborted) return onAbort();
    options.signal.addEventListener('abort', onAbort, { once: true });
    child.on('message', (message: QueryChildMessage) => {
      if ('rows' in message) {
        for (const row of message.rows) rows.push(fromChild(row));
      } else if ('done' in message) finish(rows);
      else finish(new UserError(message.error));
    });
    child.on('error', (error) => finish(error));
    child.on('close', (code, signal) =>
      finish(new Error(`the query's process ended early (${signal ?? `exit code ${code}`})`)),
    );
    child.send(job);
  });
}

/** The query was stopped on SIGINT/SIGTERM (the command exits 130). */
export class QueryStoppedError extends Error {
  override name = 'QueryStoppedError';
}

function stopReason(signal: AbortSignal): string {
  const reason = signal.reason instanceof Error ? signal.reason.message : 'stop requested';
  return `the query was stopped (${reason})`;
}

/** BLOBs cross the process boundary as Uint8Array: back to Buffers, as better-sqlite3 gives them. */
function fromChild(row: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(row)) {
    if (value instanceof Uint8Array && !Buffer.isBuffer(value)) row[key] = Buffer.from(value);
  }
  return row;
}
