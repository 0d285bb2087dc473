// Whether a run marked `running` still has a process behind it. A scrape or import writes its heartbeat every
// RUN_HEARTBEAT_MS (and with every page or batch); its pid and host are stored with the run. A run is
// abandoned when its process is gone (its pid is dead, on the run's own host) or its heartbeat is stale
// (any host). Abandoned runs are shown as interrupted at once — through the SQL function run_status() that
// every connection has — and recorded as interrupted by the next writer (recoverAbandonedRuns).
import { hostname } from 'node:os';
import type { Db } from './database.js';

/** How often a running scrape or import writes its heartbeat. */
export const RUN_HEARTBEAT_MS = 30_000;

/** A run whose heartbeat is older than this has no live process (four beats missed). */
export const RUN_STALE_AFTER_MS = 120_000;

/** The columns of a scrape_runs row that tell whether it is alive. */
export interface RunLivenessFields {
  status: string;
  pid: number | null;
  host: string | null;
  heartbeat_at: string | null;
  started_at?: string | null;
}

export interface LivenessContext {
  now?: number;
  host?: string;
  isProcessAlive?: (pid: number) => boolean;
}

/** True for a run marked running whose process is gone. */
export function isAbandoned(run: RunLivenessFields, context: LivenessContext = {}): boolean {
  if (run.status !== 'running') return false;
  const now = context.now ?? Date.now();
  const beat = Date.parse(run.heartbeat_at ?? run.started_at ?? '');
  if (!Number.isFinite(beat) || now - beat > RUN_STALE_AFTER_MS) return true;
  // Runs recorded before hosts were (migration 100) were this host's.
  const here = (run.host ?? context.host ?? hostname()) === (context.host ?? hostname());
  const alive = context.isProcessAlive ?? processAlive;
  return here && run.pid !== null && !alive(run.pid);
}

/** The status to show: `interrupted` for an abandoned run, else the stored one. */
export function shownRunStatus(run: RunLivenessFields, context: LivenessContext = {}): string {
  return isAbandoned(run, context) ? 'interrupted' : run.status;
}

/**
 * Gives the connection the SQL function run_status(status, pid, host, heartbeat_at): the status to show,
 * for queries that list or count runs (`SELECT run_status(status, pid, host, heartbeat_at) FROM scrape_runs`).
 */
export function registerRunStatus(db: Db): void {
  db.function('run_status', { deterministic: false }, (status, pid, host, heartbeat) =>
    shownRunStatus({
      status: String(status),
      pid: pid === null ? null : Number(pid),
      host: host === null ? null : String(host),
      heartbeat_at: heartbeat === null ? null : String(heartbeat),
    }),
  );
}

/**
 * The SQL expression of a scrape_runs row's status to show (`alias` is the table's alias, e.g. "r"). A
 * database that reads without migrating may predate the host column; its runs are then taken as this host's.
 */
export function shownStatusSql(db: Db, alias?: string): string {
  const column = (name: string) => (alias ? `${alias}.${name}` : name);
  const hasHost =
    db.prepare("SELECT 1 FROM pragma_table_info('scrape_runs') WHERE name = 'host'").get() !== undefined;
  return `run_status(${column('status')}, ${column('pid')}, ${hasHost ? column('host') : 'NULL'}, ${column('heartbeat_at')})`;
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
