// The job lock in job_locks: one holder at a time, renewed by heartbeat, taken over only when its holder
// died on this host or stopped renewing it, and released by its holder only.
import { hostname } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireJobLock, newHolderId, staleReason } from '../../src/schedule/lock.js';
import type { Db } from '../../src/store/database.js';
import { readJobLock } from '../../src/store/job-store.js';
import { deadPid, sleep, type TestDb, testDb } from './support.js';

let temp: TestDb;
let db: Db;
beforeEach(() => {
  temp = testDb();
  db = temp.open();
});
afterEach(() => temp.cleanup());

describe('the job lock', () => {
  it('holder ids name the host and the process, and differ between two holders in one process', () => {
    const a = newHolderId();
    expect(a.startsWith(`${hostname()}:${process.pid}:`)).toBe(true);
    expect(newHolderId()).not.toBe(a);
  });

  it('a second holder is refused while the first holds it, and gets it once released', () => {
    const first = acquireJobLock(db, 'daily', { holder: 'a' });
    expect(first.acquired).toBe(true);
    const second = acquireJobLock(temp.open(), 'daily', { holder: 'b' });
    expect(second).toMatchObject({
      acquired: false,
      heldBy: { holder: 'a', pid: process.pid, host: hostname() },
    });
    if (first.acquired) expect(first.lock.release()).toBe(true);
    expect(readJobLock(db, 'daily')).toBeUndefined();
    expect(acquireJobLock(db, 'daily', { holder: 'b' }).acquired).toBe(true);
  });

  it('different jobs have different locks', () => {
    expect(acquireJobLock(db, 'daily', { holder: 'a' }).acquired).toBe(true);
    expect(acquireJobLock(db, 'weekly', { holder: 'b' }).acquired).toBe(true);
  });

  it('a lock whose holder process died on this host is taken over', () => {
    const pid = deadPid();
    const future = new Date(Date.now() + 3_600_000).toISOString();
    db.prepare('INSERT INTO job_locks VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      'daily',
      `${hostname()}:${pid}:x`,
      pid,
      hostname(),
      future,
      future,
      future,
    );
    const result = acquireJobLock(db, 'daily', { holder: 'me' });
    expect(result).toMatchObject({ acquired: true, tookOver: { reason: 'holder-dead', previous: { pid } } });
    expect(readJobLock(db, 'daily')).toMatchObject({ holder: 'me', pid: process.pid });
  });

  it('a lock held by a live process elsewhere is respected until it expires', () => {
    const now = new Date('2026-11-26T10:00:00.000Z');
    const lock = {
      job_name: 'daily',
      holder: 'h:1:x',
      pid: 1,
      host: 'other-host',
      acquired_at: now.toISOString(),
      heartbeat_at: now.toISOString(),
      expires_at: '2026-11-26T10:02:00.000Z',
    };
    expect(staleReason(lock, now)).toBeNull();
    expect(staleReason(lock, new Date('2026-11-26T10:01:59.999Z'))).toBeNull();
    expect(staleReason(lock, new Date('2026-11-26T10:02:00.000Z'))).toBe('expired');
    // On another host the pid means nothing here: only expiry frees it.
    expect(staleReason(lock, now, () => false)).toBeNull();
    expect(staleReason({ ...lock, host: hostname(), pid: 999_999 }, now, () => false)).toBe('holder-dead');
  });

  it('the heartbeat keeps a short lock alive past its ttl; without it, the lock expires', async () => {
    const settings = { ttlMs: 1_000, heartbeatMs: 100 };
    const held = acquireJobLock(db, 'daily', { holder: 'a', settings });
    if (!held.acquired) throw new Error('not acquired');
    let lost = false;
    held.lock.startHeartbeat(() => {
      lost = true;
    });
    await sleep(1_500);
    expect(lost).toBe(false);
    expect(acquireJobLock(temp.open(), 'daily', { holder: 'b', settings }).acquired).toBe(false);
    held.lock.stopHeartbeat();
    await sleep(1_200);
    expect(acquireJobLock(temp.open(), 'daily', { holder: 'b', settings })).toMatchObject({
      acquired: true,
      tookOver: { reason: 'expired' },
    });
  });

  it('a holder that lost its lock learns it at the next heartbeat, and cannot release the new holder’s lock', async () => {
    const settings = { ttlMs: 60_000, heartbeatMs: 50 };
    const held = acquireJobLock(db, 'daily', { holder: 'a', settings });
    if (!held.acquired) throw new Error('not acquired');
    let lost = false;
    held.lock.startHeartbeat(() => {
      lost = true;
    });
    db.prepare(`UPDATE job_locks SET holder = 'b' WHERE job_name = 'daily'`).run();
    await sleep(300);
    expect(lost).toBe(true);
    expect(held.lock.release()).toBe(false);
    expect(readJobLock(db, 'daily')?.holder).toBe('b');
  });
});
