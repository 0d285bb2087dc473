// Existing databases keep working under the counting rules of migration 070: an import made before it is
// marked "coverage assumed", the backlog of what sources already listed is derived, and `jobtrend reindex`
// applies posting lifetimes from the config. The engine stores a scraper's configured lifetime too.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkClaim } from '../../src/analysis/claim.js';
import { parseConfig } from '../../src/config/load-config.js';
import { sourceSettings } from '../../src/engine/source-settings.js';
import { openDatabase } from '../../src/store/database.js';
import { loadMigrations, migrate } from '../../src/store/migrate.js';
import { fixtureScraper } from '../engine/fixture-scraper.js';
import { texts } from '../support/caveat-texts.js';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-db.js';

const { dir, cleanup } = tempDir('jobtrend-070-');
afterAll(cleanup);

/** A database at schema 060 (before 070) holding an import and two BOSS scrapes, written as jobtrend then did. */
function oldDatabase(path: string): void {
  const db = openDatabase(path, { migrate: false });
  migrate(
    db,
    loadMigrations().filter((m) => m.version < 70),
  );
  const insertSource = db.prepare(
    "INSERT INTO sources (id, name, kind, created_at) VALUES (?, ?, ?, '2025-01-01T00:00:00Z')",
  );
  insertSource.run('import:old', 'imported dataset old', 'import');
  insertSource.run('boss', 'BOSS直聘', 'browser');
  const run = db.prepare(
    `INSERT INTO scrape_runs (source_id, started_at, finished_at, status, coverage_from, coverage_to)
     VALUES (?, ?, ?, 'ok', ?, ?)`,
  );
  const importRun = Number(
    run.run('import:old', '2025-06-01T00:00:00Z', '2025-06-01T00:01:00Z', '2024-01-01', '2024-12-31')
      .lastInsertRowid,
  );
  const boss1 = Number(
    run.run('boss', '2025-03-03T08:00:00Z', '2025-03-03T08:05:00Z', null, null).lastInsertRowid,
  );
  const boss2 = Number(
    run.run('boss', '2025-03-10T08:00:00Z', '2025-03-10T08:05:00Z', null, null).lastInsertRowid,
  );
  const posting = db.prepare(
    `INSERT INTO postings (source_id, source_posting_id, title, posted_at, first_seen_at, last_seen_at,
       effective_date, dedup_key, content_hash, first_run_id, last_run_id)
     VALUES (?, ?, 'AI训练师', ?, ?, ?, ?, ?, '', ?, ?)`,
  );
  for (let i = 0; i < 366; i++) {
    const day = new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10);
    const n = i < 183 ? 1 : 2; // twice as many postings a day in the second half of 2024
    for (let k = 0; k < n; k++) {
      posting.run(
        'import:old',
        `o${i}-${k}`,
        day,
        '2025-06-01T00:00:00Z',
        '2025-06-01T00:00:00Z',
        day,
        `ko${i}-${k}`,
        importRun,
        importRun,
      );
    }
  }
  // BOSS lists no dates: its first run's postings were dated the day it ran (the old bug), one is new later.
  for (let k = 0; k < 5; k++) {
    posting.run(
      'boss',
      `b${k}`,
      null,
      '2025-03-03T08:01:00Z',
      '2025-03-10T08:01:00Z',
      '2025-03-03',
      `kb${k}`,
      boss1,
      boss2,
    );
  }
  posting.run(
    'boss',
    'b-new',
    null,
    '2025-03-10T08:02:00Z',
    '2025-03-10T08:02:00Z',
    '2025-03-10',
    'kb-new',
    boss2,
    boss2,
  );
  db.close();
}

describe('migration 070 on a database made before it', () => {
  const path = join(dir, 'old.sqlite');
  it('marks old imports "coverage assumed", derives the backlog, and analysis keeps answering', () => {
    oldDatabase(path);
    const db = openDatabase(path); // migrates
    try {
      expect(
        db.prepare("SELECT coverage_assumed FROM scrape_runs WHERE source_id = 'import:old'").pluck().get(),
      ).toBe(1);
      expect(
        db
          .prepare("SELECT count(*) FROM scrape_runs WHERE source_id = 'boss' AND coverage_assumed = 0")
          .pluck()
          .get(),
      ).toBe(2);
      expect(
        db
          .prepare(
            "SELECT source_posting_id, backlog FROM postings WHERE source_id = 'boss' ORDER BY source_posting_id",
          )
          .raw()
          .all(),
      ).toEqual([
        ['b-new', 0],
        ['b0', 1],
        ['b1', 1],
        ['b2', 1],
        ['b3', 1],
        ['b4', 1],
      ]);
      expect(
        db.prepare("SELECT sum(backlog) FROM postings WHERE source_id = 'import:old'").pluck().get(),
      ).toBe(0);
      const result = checkClaim(
        db,
        { period: '2024-07-01..2024-12-31', baseline: '2024-01-01..2024-06-30', change: '>50%' },
        { now: new Date('2025-06-02T00:00:00Z') },
      );
      expect(result.estimate!.ratio).toBeCloseTo(2, 1);
      expect(result.verdict).toBe('supported');
      expect(texts(result.caveats).join('\n')).toMatch(
        /Coverage assumed: import:old \(2024-01-01 to 2024-12-31\)/,
      );
    } finally {
      db.close();
    }
  });

  it('jobtrend reindex stores lifetimes from the config and recomputes the backlog they decide', async () => {
    const config = join(dir, 'lifetimes.yaml');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(config, 'sources:\n  boss:\n    lifetimeDays: 14\n');
    const result = await runCli(['--db', path, '--config', config, 'reindex']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/posting lifetimes changed for 1 source; backlog changed on 0 postings/);
    const db = openDatabase(path, { readonly: true });
    try {
      expect(db.prepare('SELECT id, lifetime_days FROM sources ORDER BY id').raw().all()).toEqual([
        ['boss', 14],
        ['import:old', 30],
      ]);
    } finally {
      db.close();
    }
    writeFileSync(config, 'sources:\n  boss:\n    lifetimeDays: 0\n');
    const bad = await runCli(['--db', path, '--config', config, 'reindex']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /config sources\.boss\.lifetimeDays: expected a whole number of days from 1 to 3650, got 0/,
    );
  });
});

describe('a scraper configured with lifetimeDays', () => {
  it('takes it as an engine setting, not one of its own options (which are strict)', () => {
    const config = parseConfig({ sources: { fixture: { lifetimeDays: 45, listPath: '/jobs' } } });
    expect(sourceSettings(fixtureScraper, config).engine.lifetimeDays).toBe(45);
    expect(() =>
      sourceSettings(fixtureScraper, parseConfig({ sources: { fixture: { lifetimeDays: 'long' } } })),
    ).toThrow(/config sources\.fixture\.lifetimeDays: expected a whole number of days/);
  });
});
