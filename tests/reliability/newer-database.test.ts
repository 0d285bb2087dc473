// A database written by a newer jobtrend (a migration this one does not know, or a user_version ahead of
// its own) is never written: commands that write refuse it in one line that says to upgrade jobtrend, and
// change nothing; commands that only read still read it, with a warning.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { loadMigrations } from '../../src/store/migrate.js';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-db.js';

const { dir, cleanup } = tempDir('jobtrend-newer-db-');
afterAll(cleanup);

const latest = loadMigrations().at(-1)!.version;
const csv = join(dir, 'postings.csv');

async function newerDatabase(name: string, mark: 'migration' | 'user_version'): Promise<string> {
  const path = join(dir, `${name}.sqlite`);
  expect((await runCli(['--db', path, 'init'])).code).toBe(0);
  const db = openDatabase(path);
  if (mark === 'migration')
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
      999,
      'future_feature',
      '2030-01-01T00:00:00.000Z',
    );
  else db.pragma('user_version = 999');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return path;
}

describe.each(['migration', 'user_version'] as const)('a database with a newer %s', (mark) => {
  it('is refused by every writing command in one line saying to upgrade, and left as it was', async () => {
    const path = await newerDatabase(`writers-${mark}`, mark);
    writeFileSync(csv, '职位名称,公司名称,城市,发布日期\nAI训练师,示例科技,上海,2025-03-05\n');
    const before = readFileSync(path);
    for (const argv of [['init'], ['import', csv], ['reindex'], ['unblock', '--all']]) {
      const r = await runCli(['--db', path, ...argv]);
      expect(r.code, argv.join(' ')).toBe(1);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines, r.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(
        mark === 'migration'
          ? /^jobtrend: .* was written by a newer jobtrend \(migration 999 \(future_feature\); this jobtrend knows up to \d+\): upgrade jobtrend to write to it/
          : /^jobtrend: .* was written by a newer jobtrend \(user_version 999; this jobtrend knows up to \d+\): upgrade jobtrend/,
      );
    }
    expect(readFileSync(path).equals(before)).toBe(true);
    const db = openDatabase(path, { readonly: true });
    expect(db.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(
      mark === 'migration' ? 999 : latest,
    );
    expect(db.prepare('SELECT count(*) FROM postings').pluck().get()).toBe(0);
    db.close();
  });

  it('is still read by status and query, with a warning', async () => {
    const path = await newerDatabase(`readers-${mark}`, mark);
    for (const argv of [['status'], ['query', 'SELECT count(*) AS n FROM postings']]) {
      const r = await runCli(['--db', path, ...argv]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(
        /^jobtrend: warning: .* was written by a newer jobtrend .*; upgrade jobtrend\n$/,
      );
      expect(r.stdout.length).toBeGreaterThan(0);
    }
  });
});
