// Write transactions on a file other processes write too: each takes the write lock when it begins (BEGIN
// IMMEDIATE), so one that reads before it writes is never refused because another connection committed in
// between; every write transaction in the code goes through inTransaction or beginWriteTransaction; and a long
// writer leaves the database to others after each second of holding it.
// (Separate processes writing one file at once: tests/reliability/many-writers.test.ts.)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { beginWriteTransaction, type Db, inTransaction, openDatabase } from '../../src/store/database.js';
import { LET_OTHERS_IN_MS, TURN_MS, WriteTurns } from '../../src/store/write-turns.js';
import { tempDbPath } from '../support/temp-db.js';

const root = resolve(import.meta.dirname, '../..');
let temp: ReturnType<typeof tempDbPath>;
let mine: Db;
let theirs: Db;

beforeEach(() => {
  temp = tempDbPath();
  mine = openDatabase(temp.path);
  mine.exec('CREATE TABLE t (v INTEGER)');
  // The other process does not wait here: a single thread cannot let the lock go while it waits.
  theirs = openDatabase(temp.path, { busyTimeoutMs: 0 });
});
afterEach(() => {
  mine.close();
  theirs.close();
  temp.cleanup();
});

const count = (db: Db) => Number(db.prepare('SELECT count(*) FROM t').pluck().get());
const insert = (db: Db, v: number) => db.prepare('INSERT INTO t (v) VALUES (?)').run(v);

describe('a write transaction that reads before it writes', () => {
  it('holds the write lock from its start: another writer waits, and its own write goes through', () => {
    let refused: unknown;
    inTransaction(mine, () => {
      const before = count(mine);
      try {
        insert(theirs, 1);
      } catch (error) {
        refused = error;
      }
      insert(mine, before + 100);
    });
    // A deferred transaction lets the other write in, then fails its own write with SQLITE_BUSY at once.
    expect((refused as { code?: string })?.code).toBe('SQLITE_BUSY');
    expect(mine.prepare('SELECT v FROM t').pluck().all()).toEqual([100]);
  });

  it('beginWriteTransaction does the same for a writer that spans awaits', () => {
    beginWriteTransaction(mine);
    count(mine);
    expect(() => insert(theirs, 1)).toThrow(/locked|busy/i);
    insert(mine, 2);
    mine.exec('COMMIT');
    expect(count(theirs)).toBe(1);
  });
});

describe('every write transaction goes through inTransaction or beginWriteTransaction', () => {
  it('no other code opens a transaction (db.transaction, BEGIN or BEGIN DEFERRED)', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith('.ts')) {
          const where = relative(root, path);
          if (where === 'src/store/database.ts' || where === 'src/store/migrate.ts') continue;
          const text = readFileSync(path, 'utf8');
          // BEGIN IMMEDIATE is allowed: it is what they do (`jobtrend check` probes the lock with it).
          if (/\.transaction\(|['"`]\s*BEGIN\b(?!\s+IMMEDIATE)/i.test(text)) offenders.push(where);
        }
      }
    };
    for (const dir of ['src', 'scrapers']) walk(join(root, dir));
    expect(offenders).toEqual([]);
  });
});

describe('a long writer takes turns', () => {
  it('lets others in for LET_OTHERS_IN_MS after each second of holding the lock', () => {
    let now = 0;
    const turns = new WriteTurns(() => now);
    const slept: boolean[] = [];
    // Transactions of 300 ms, each begun 5 ms after the last commit.
    for (let i = 0; i < 8; i++) {
      const before = Date.now();
      turns.beforeBeginSync();
      slept.push(Date.now() - before >= LET_OTHERS_IN_MS - 20);
      now += 300;
      turns.committed();
      now += 5;
    }
    // Its turn lasts TURN_MS: four transactions of 300 ms, then a pause, and again.
    expect(TURN_MS).toBe(1_000);
    expect(slept).toEqual([false, false, false, false, true, false, false, false]);
  });

  it('does not pause when the time between its transactions already let others in', () => {
    let now = 0;
    const turns = new WriteTurns(() => now);
    for (let i = 0; i < 6; i++) {
      const before = Date.now();
      turns.beforeBeginSync();
      expect(Date.now() - before).toBeLessThan(LET_OTHERS_IN_MS - 20);
      now += 500;
      turns.committed();
      now += LET_OTHERS_IN_MS;
    }
  });
});
