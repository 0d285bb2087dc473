// Which hosts the fetcher is leaving alone after a verification page or a login wall, and until when. With a
// database the blocks are kept in host_blocks, so the next run (another process, maybe another daemon) also
// waits, and repeated blocks wait longer each time; without one they last as long as the fetcher.
// A database that cannot be written (read-only, busy) costs only the memory across runs, never the fetch.
import type { Logger } from '../log.js';
import type { Db } from '../store/database.js';
import { clearHostBlock, readHostBlock, recordHostBlock } from '../store/host-block-store.js';

export interface ActiveBlock {
  reason: string;
  /** Epoch milliseconds. */
  until: number;
}

export class HostBlocks {
  private readonly active = new Map<string, ActiveBlock>();
  /** Hosts read from the database once (their stored block, if any, is in `active`). */
  private readonly looked = new Set<string>();
  /** Hosts with a row in host_blocks: a page fetched from them clears it. */
  private readonly stored = new Set<string>();

  constructor(
    private readonly baseMs: number,
    private readonly db?: Db,
    private readonly logger?: Logger,
  ) {}

  /** The block in force on `host`, if any. */
  current(host: string): ActiveBlock | undefined {
    if (this.db && !this.looked.has(host)) {
      this.looked.add(host);
      const row = this.safely('read', () => readHostBlock(this.db!, host));
      if (row) {
        this.stored.add(host);
        this.active.set(host, { reason: row.reason, until: Date.parse(row.until) });
      }
    }
    const block = this.active.get(host);
    return block && block.until > Date.now() ? block : undefined;
  }

  /** Records a block of `host`; returns until when it is left alone. */
  record(host: string, reason: string): ActiveBlock {
    this.looked.add(host);
    const now = new Date();
    let until = now.getTime() + this.baseMs;
    if (this.db) {
      const row = this.safely('record', () => recordHostBlock(this.db!, host, reason, now, this.baseMs));
      if (row) {
        this.stored.add(host);
        until = Date.parse(row.until);
      }
    }
    const block = { reason, until };
    this.active.set(host, block);
    return block;
  }

  /** A page came from `host`: its earlier blocks no longer count. */
  fetched(host: string): void {
    if (!this.stored.has(host)) return;
    this.stored.delete(host);
    this.active.delete(host);
    this.safely('clear', () => clearHostBlock(this.db!, host));
  }

  private safely<T>(what: string, work: () => T): T | undefined {
    try {
      return work();
    } catch (error) {
      this.logger?.warn(
        { error: error instanceof Error ? error.message : String(error) },
        `cannot ${what} host blocks in the database: blocks last this run only`,
      );
      return undefined;
    }
  }
}
