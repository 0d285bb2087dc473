// Hosts the fetch layer is leaving alone after they showed a verification page or a login wall
// (host_blocks), so that a block outlives the run that met it. Consecutive blocks of a host wait twice as
// long each time, up to a day; a page fetched from the host again clears its row.
import { type Db, inTransaction } from './database.js';

export interface HostBlock {
  host: string;
  reason: string;
  blocked_at: string;
  until: string;
  /** Blocks in a row, without a page fetched from the host in between. */
  strikes: number;
}

/** The longest a host is left alone after repeated blocks. */
export const MAX_BLOCK_MS = 24 * 60 * 60_000;

/** Whether the database has host_blocks (a database from before migration 060, opened read-only, has not). */
function hasTable(db: Db): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'host_blocks'").get() !==
    undefined
  );
}

export function readHostBlock(db: Db, host: string): HostBlock | undefined {
  if (!hasTable(db)) return undefined;
  return db.prepare('SELECT * FROM host_blocks WHERE host = ?').get(host) as HostBlock | undefined;
}

/** Blocks that are still in force at `now`, soonest to end first. */
export function listHostBlocks(db: Db, now: Date): HostBlock[] {
  if (!hasTable(db)) return [];
  return db
    .prepare('SELECT * FROM host_blocks WHERE until > ? ORDER BY until, host')
    .all(now.toISOString()) as HostBlock[];
}

/**
 * Records a block of `host` at `now`: the first waits `baseMs`, each further one in a row twice the one
 * before (never more than MAX_BLOCK_MS). Returns the block as stored.
 */
export function recordHostBlock(db: Db, host: string, reason: string, now: Date, baseMs: number): HostBlock {
  return inTransaction(db, () => {
    const strikes = (readHostBlock(db, host)?.strikes ?? 0) + 1;
    const waitMs = Math.min(baseMs * 2 ** Math.min(strikes - 1, 30), MAX_BLOCK_MS);
    const block: HostBlock = {
      host,
      reason,
      blocked_at: now.toISOString(),
      until: new Date(now.getTime() + waitMs).toISOString(),
      strikes,
    };
    db.prepare(
      `INSERT INTO host_blocks (host, reason, blocked_at, until, strikes)
       VALUES (@host, @reason, @blocked_at, @until, @strikes)
       ON CONFLICT (host) DO UPDATE SET reason = excluded.reason, blocked_at = excluded.blocked_at,
         until = excluded.until, strikes = excluded.strikes`,
    ).run(block);
    return block;
  });
}

/**
 * Ends the wait of a host at `now` (`jobtrend unblock`), keeping its count of blocks in a row: if it shows a
 * verification page again, the next wait is twice the last, as if the wait had run out. Returns the block as
 * it was, or undefined when none was in force.
 */
export function liftHostBlock(db: Db, host: string, now: Date): HostBlock | undefined {
  if (!hasTable(db)) return undefined;
  return inTransaction(db, () => {
    const block = readHostBlock(db, host);
    if (!block || block.until <= now.toISOString()) return undefined;
    db.prepare('UPDATE host_blocks SET until = ? WHERE host = ?').run(now.toISOString(), host);
    return block;
  });
}

/** Forgets a host's blocks: a page was fetched from it again. */
export function clearHostBlock(db: Db, host: string): void {
  db.prepare('DELETE FROM host_blocks WHERE host = ?').run(host);
}
