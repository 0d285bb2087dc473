// Stopping a large import from the compiled CLI (tests/support/compile-once.ts), where reading runs in a worker
// thread: SIGTERM stops it after the batch being stored, the rows stored so far are kept and
// intact, and running the same import again adds exactly the rest.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticCsv } from '../../bench/synthetic-csv.js';
import { compiledCli } from '../support/e2e-build.js';
import { tempDir } from '../support/temp-db.js';

/** Enough that the batch being stored when the signal comes and one more (21,000 rows at most) leave some. */
const ROWS = 22_000;
/**
 * Rows stored before the signal: the first batch (1,000 rows) is committed, the reading thread is ahead and
 * batches (10,000 rows) queue up; the batch being stored and one more still leave rows unstored.
 */
const STOP_AFTER = 1_000;
const { dir, cleanup } = tempDir('jobtrend-importstop-');
const csv = join(dir, 'big.csv');
const dbPath = join(dir, 'jobtrend.sqlite');

beforeAll(async () => {
  await writeSyntheticCsv(csv, ROWS, { seed: 11, end: new Date('2026-11-01') });
}, 60_000);
afterAll(cleanup);

function importCsv(stopWhenStored: boolean): Promise<{ code: number | null; stdout: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [compiledCli().cli, '--db', dbPath, 'import', csv], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.on('error', fail);
    let timer: NodeJS.Timeout | undefined;
    if (stopWhenStored) {
      // Stop once a few batches are committed (the run's progress is in the database).
      timer = setInterval(() => {
        if (storedRows() >= STOP_AFTER) {
          clearInterval(timer);
          child.kill('SIGTERM');
        }
      }, 20);
    }
    child.on('close', (code) => {
      clearInterval(timer);
      done({ code, stdout });
    });
  });
}

function storedRows(): number {
  if (!existsSync(dbPath)) return 0;
  try {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      return Number(db.prepare('SELECT coalesce(sum(postings_new), 0) FROM scrape_runs').pluck().get());
    } finally {
      db.close();
    }
  } catch {
    return 0; // not created yet
  }
}

describe('stopping an import', () => {
  it('SIGTERM keeps what is stored; the same import again adds exactly the rest', async () => {
    const stopped = await importCsv(true);
    expect(stopped.code).toBe(130);
    expect(stopped.stdout).toMatch(/interrupted: the rows stored so far are kept/);
    const db = new Database(dbPath, { readonly: true });
    const kept = Number(db.prepare('SELECT count(*) FROM postings').pluck().get());
    // The batch being stored when the signal came is finished, and no more.
    expect(kept).toBeGreaterThanOrEqual(STOP_AFTER);
    expect(kept).toBeLessThanOrEqual(STOP_AFTER + 20_000);
    expect(db.prepare('SELECT status FROM scrape_runs').pluck().all()).toEqual(['interrupted']);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();

    const again = await importCsv(false);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`${ROWS} rows read: ${ROWS - kept} new, 0 updated, ${kept} unchanged`);
    const after = new Database(dbPath, { readonly: true });
    expect(after.prepare('SELECT count(*) FROM postings').pluck().get()).toBe(ROWS);
    expect(
      after.prepare('SELECT count(*) FROM postings_fts WHERE postings_fts MATCH ?').pluck().get('"训练师"'),
    ).toBeGreaterThan(0);
    after.close();
  }, 120_000);
});
