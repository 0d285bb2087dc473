import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { tempDbPath } from '../support/temp-db.js';

let temp = tempDbPath();
afterEach(() => {
  temp.cleanup();
  temp = tempDbPath();
});

function snapshot(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    return {
      schema: db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all(),
      migrations: db.prepare('SELECT * FROM schema_migrations').all(),
      schemaVersion: db.pragma('schema_version', { simple: true }),
      dataVersion: db.prepare('SELECT count(*) FROM sources').pluck().get(),
    };
  } finally {
    db.close();
  }
}

describe('jobtrend init', () => {
  it('creates the database with WAL and every migration recorded', async () => {
    const result = await runCli(['--db', temp.path, 'init']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/initialised .*schema version \d+/);
    const db = new Database(temp.path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBeGreaterThanOrEqual(1);
    db.close();
  });

  it('run a second time on the same file changes nothing', async () => {
    await runCli(['--db', temp.path, 'init']);
    const before = snapshot(temp.path);
    const bytesBefore = readFileSync(temp.path);
    const second = await runCli(['--db', temp.path, 'init']);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/is up to date/);
    expect(snapshot(temp.path)).toEqual(before);
    expect(readFileSync(temp.path).equals(bytesBefore)).toBe(true);
  });

  it('lets the full-text index hold a whole import batch in memory before writing it (050)', async () => {
    await runCli(['--db', temp.path, 'init']);
    const db = new Database(temp.path, { readonly: true });
    const hashsize = db.prepare("SELECT v FROM postings_fts_config WHERE k = 'hashsize'").pluck().get();
    db.close();
    expect(hashsize).toBe(64 * 1024 * 1024);
  });

  it('JOBTREND_DB chooses the file when --db is not given', async () => {
    const result = await runCli(['init'], { JOBTREND_DB: temp.path });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(temp.path);
  });
});

describe('the taxonomy tables', () => {
  it('init fills roles and skills with the shipped names', async () => {
    await runCli(['--db', temp.path, 'init']);
    const db = new Database(temp.path, { readonly: true });
    const trainer = db.prepare("SELECT name, name_zh FROM roles WHERE id = 'ai-trainer'").get() as {
      name: string;
      name_zh: string;
    };
    expect(trainer.name_zh).toMatch(/训练师/);
    expect(
      Number(db.prepare('SELECT count(*) FROM skills WHERE name_zh IS NOT NULL').pluck().get()),
    ).toBeGreaterThanOrEqual(60);
    db.close();
  });
});
