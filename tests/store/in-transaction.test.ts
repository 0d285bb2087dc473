// inTransaction: its own transaction when none is open, else part of the caller's, and an error undoes the
// caller's whole transaction either way. (That it opens no savepoint shows in the bytes an import writes: see
// bench/README.md.)
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, inTransaction, openDatabase } from '../../src/store/database.js';

let db: Db;
beforeEach(() => {
  db = openDatabase(':memory:');
  db.exec('CREATE TABLE t (v INTEGER)');
});
afterEach(() => db.close());

const values = () => db.prepare('SELECT v FROM t ORDER BY v').pluck().all();
const insert = (v: number) => db.prepare('INSERT INTO t (v) VALUES (?)').run(v);

describe('inTransaction', () => {
  it('commits on its own, and rolls back on an error', () => {
    inTransaction(db, () => insert(1));
    expect(db.inTransaction).toBe(false);
    expect(() =>
      inTransaction(db, () => {
        insert(2);
        throw new Error('bad row');
      }),
    ).toThrow('bad row');
    expect(values()).toEqual([1]);
  });

  it("joins the caller's transaction: the caller's rollback undoes its work too", () => {
    const outer = db.transaction(() => {
      insert(1);
      inTransaction(db, () => insert(2));
      throw new Error('later failure');
    });
    expect(() => outer()).toThrow('later failure');
    expect(values()).toEqual([]);
  });
});
