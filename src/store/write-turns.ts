// Turn-taking for long writers (an import, a reindex): they write in many transactions, and between them
// other processes on the same file (a scrape storing its pages, a scheduled job) must get the write lock.
// A process waiting for the lock sleeps in SQLite's busy handler and tries again at most 100 ms later, so a
// writer that commits and begins again at once can keep the lock for good, and the others give up after
// their busy timeout ("database is locked"). After each second of holding the lock, a long writer leaves the
// database alone for longer than that sleep, which is sure to let a waiting writer in.

/** How long the database is left to others: more than the busy handler's longest sleep (100 ms). */
export const LET_OTHERS_IN_MS = 120;

/** How long a writer may hold the lock, over one or several transactions, before it lets others in. */
export const TURN_MS = 1_000;

/** Paces one long writer. Call `beforeBegin` before each transaction and `committed` after each commit. */
export class WriteTurns {
  private turnStartedAt: number | undefined;
  private committedAt = 0;

  constructor(
    private readonly clock: () => number = Date.now,
    /** How long this writer may hold the lock before it rests: shorter for a writer that loses nothing by resting. */
    private readonly turnMs: number = TURN_MS,
  ) {}

  /** Waits, with the event loop free, when this writer has had its turn. */
  async beforeBegin(): Promise<void> {
    const rest = this.pause();
    if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
  }

  /** beforeBegin for a synchronous writer: the thread sleeps. */
  beforeBeginSync(): void {
    const rest = this.pause();
    if (rest > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, rest);
  }

  committed(): void {
    this.committedAt = this.clock();
  }

  /** Milliseconds to wait before the next transaction. */
  private pause(): number {
    const now = this.clock();
    // The time since the last commit (reading the next batch) already gave others their chance.
    if (this.turnStartedAt === undefined || now - this.committedAt >= LET_OTHERS_IN_MS) {
      this.turnStartedAt = now;
      return 0;
    }
    if (now - this.turnStartedAt < this.turnMs) return 0;
    const rest = this.committedAt + LET_OTHERS_IN_MS - now;
    this.turnStartedAt = now + rest;
    return rest;
  }
}
