// The job lock: one row in job_locks per job, so two daemons (or a daemon and `jobtrend run`) on the same
// database never run the same job at once. The holder renews it by heartbeat; a lock whose holder died
// (its pid is gone on this host) or whose heartbeat stopped (expired) is taken over automatically.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { type Db, inTransaction } from '../store/database.js';
import {
  insertJobLock,
  type JobLockRow,
  readJobLock,
  releaseJobLock,
  renewJobLock,
  takeOverJobLock,
} from '../store/job-store.js';
import { processAlive } from '../store/run-liveness.js';

export interface LockSettings {
  /** How long a lock lives without a heartbeat. */
  ttlMs: number;
  /** How often a held lock is renewed (well under ttlMs). */
  heartbeatMs: number;
}

export const DEFAULT_LOCK_SETTINGS: LockSettings = { ttlMs: 120_000, heartbeatMs: 20_000 };

/** A holder id unique to this process and this daemon instance: "host:pid:random". */
export function newHolderId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

export type StaleReason = 'expired' | 'holder-dead';

export type AcquireResult =
  | { acquired: true; lock: HeldJobLock; tookOver?: { previous: JobLockRow; reason: StaleReason } }
  | { acquired: false; heldBy: JobLockRow };

export interface AcquireOptions {
  holder: string;
  settings?: Partial<LockSettings>;
  now?: () => Date;
  /** Whether a pid is alive on this host (tests replace it). */
  isProcessAlive?: (pid: number) => boolean;
}

/** Why an existing lock may be taken over, or null while its holder is alive and renewing it. */
export function staleReason(
  lock: JobLockRow,
  now: Date,
  isProcessAlive: (pid: number) => boolean = processAlive,
  host: string = hostname(),
): StaleReason | null {
  if (Date.parse(lock.expires_at) <= now.getTime()) return 'expired';
  if (lock.host === host && lock.pid !== null && lock.pid !== process.pid && !isProcessAlive(lock.pid)) {
    return 'holder-dead';
  }
  return null;
}

/** Takes the lock of `jobName` if it is free or stale. Atomic across processes (an immediate transaction). */
export function acquireJobLock(db: Db, jobName: string, options: AcquireOptions): AcquireResult {
  const settings = { ...DEFAULT_LOCK_SETTINGS, ...options.settings };
  const now = options.now ?? (() => new Date());
  return inTransaction(db, (): AcquireResult => {
    const at = now();
    const row: JobLockRow = {
      job_name: jobName,
      holder: options.holder,
      pid: process.pid,
      host: hostname(),
      acquired_at: at.toISOString(),
      heartbeat_at: at.toISOString(),
      expires_at: new Date(at.getTime() + settings.ttlMs).toISOString(),
    };
    const held = () => new HeldJobLock(db, jobName, options.holder, settings, now);
    const existing = readJobLock(db, jobName);
    if (!existing) {
      if (insertJobLock(db, row)) return { acquired: true, lock: held() };
      return { acquired: false, heldBy: readJobLock(db, jobName) ?? row };
    }
    const reason =
      existing.holder === options.holder ? null : staleReason(existing, at, options.isProcessAlive);
    if (reason && takeOverJobLock(db, existing.holder, row)) {
      return { acquired: true, lock: held(), tookOver: { previous: existing, reason } };
    }
    return { acquired: false, heldBy: existing };
  });
}

/**
 * A lock this process holds. Call `startHeartbeat` while the job runs and `release` when it ends; if a
 * renewal finds the lock gone (this process stalled past the ttl and another took over), `onLost` is called.
 */
export class HeldJobLock {
  private timer: NodeJS.Timeout | undefined;
  private released = false;

  constructor(
    private readonly db: Db,
    readonly jobName: string,
    readonly holder: string,
    private readonly settings: LockSettings,
    private readonly now: () => Date,
  ) {}

  /** Extends the lock; false when it is no longer ours. */
  renew(): boolean {
    const at = this.now();
    return renewJobLock(
      this.db,
      this.jobName,
      this.holder,
      at.toISOString(),
      new Date(at.getTime() + this.settings.ttlMs).toISOString(),
    );
  }

  startHeartbeat(onLost: () => void, onError: (error: unknown) => void = () => {}): void {
    this.stopHeartbeat();
    this.timer = setInterval(() => {
      try {
        if (!this.renew()) {
          this.stopHeartbeat();
          onLost();
        }
      } catch (error) {
        // A busy database on one beat is not fatal: the ttl leaves room for the next.
        onError(error);
      }
    }, this.settings.heartbeatMs);
    this.timer.unref();
  }

  stopHeartbeat(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Stops the heartbeat and deletes the lock if it is still ours. Safe to call twice. */
  release(): boolean {
    this.stopHeartbeat();
    if (this.released) return false;
    this.released = true;
    return releaseJobLock(this.db, this.jobName, this.holder);
  }
}

/** One line for a user: who holds the lock and since when. */
export function describeLock(lock: JobLockRow): string {
  return `held by ${lock.holder} since ${lock.acquired_at} (expires ${lock.expires_at} unless renewed)`;
}
