// The full-text index as the analysts' tools see it. sqlite-utils and Datasette find a table's FTS index by
// looking for content="<table>" (or content=[<table>]) in the virtual table's SQL; migration 120 gives
// postings_fts that spelling, on new databases and on existing ones, without rebuilding the index. Also: the
// trigram index cannot match terms of one or two characters, and db/SCHEMA.md's recipe for them works.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { loadMigrations, migrate } from '../../src/store/migrate.js';
import { upsertPostings } from '../../src/store/posting-store.js';
import { ensureSource } from '../../src/store/source-store.js';
import { makePosting } from '../support/posting-factory.js';
import { tempDbPath } from '../support/temp-db.js';

/**
 * The table sqlite-utils and Datasette take for the full-text index of `postings`, each by its own detection
 * query, run the way they run it: from Python's sqlite3 module (better-sqlite3 refuses Datasette's
 * double-quoted "postings", which Python's SQLite reads as a string). Null when a tool finds none.
 */
function detectFts(path: string): { sqliteUtils: string | null; datasette: string | null } {
  const script = `
import json, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
table = "postings"
# sqlite-utils 3.x, Table.detect_fts (sqlite_utils/db.py)
sqlite_utils = conn.execute("""
    SELECT name FROM sqlite_master
        WHERE rootpage = 0
        AND (
            sql LIKE :like
            OR sql LIKE :like2
            OR (
                tbl_name = :table
                AND sql LIKE '%VIRTUAL TABLE%USING FTS%'
            )
        )
""", {
    "like": "%VIRTUAL TABLE%USING FTS%content=[{}]%".format(table),
    "like2": '%VIRTUAL TABLE%USING FTS%content="{}"%'.format(table),
    "table": table,
}).fetchall()
# Datasette, detect_fts_sql(table) (datasette/utils/__init__.py)
datasette = conn.execute(r"""
    select name from sqlite_master
        where rootpage = 0
        and (
            sql like '%VIRTUAL TABLE%USING FTS%content="{table}"%'
            or sql like '%VIRTUAL TABLE%USING FTS%content=[{table}]%'
            or (
                tbl_name = "{table}"
                and sql like '%VIRTUAL TABLE%USING FTS%'
            )
        )
""".format(table=table)).fetchall()
print(json.dumps({"sqliteUtils": sqlite_utils[0][0] if sqlite_utils else None,
                  "datasette": datasette[0][0] if datasette else None}))
`;
  return JSON.parse(execFileSync('python3', ['-c', script, path], { encoding: 'utf8' }));
}

const temps: { cleanup(): void }[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) t.cleanup();
});

function tempPath(): string {
  const temp = tempDbPath();
  temps.push(temp);
  return temp.path;
}

const POSTINGS = [
  makePosting({
    source_posting_id: 'rlhf',
    title: 'RLHF Rater (Chinese)',
    description: 'Rate model answers.',
  }),
  makePosting({ source_posting_id: 'zh', title: 'AI训练师', description: '负责大模型数据标注与质检' }),
  makePosting({
    source_posting_id: 'other',
    title: 'Accountant',
    company: 'Ledger Ltd',
    description: 'Books.',
  }),
];

function fill(db: Database.Database): void {
  ensureSource(db, { id: 'test', name: 'Test', kind: 'api', base_url: null });
  upsertPostings(db, POSTINGS, { seenAt: '2026-01-01T00:00:00.000Z' });
}

function matches(db: Database.Database, query: string): string[] {
  return db
    .prepare(
      `SELECT p.source_posting_id FROM postings_fts f JOIN postings p ON p.id = f.rowid
       WHERE postings_fts MATCH ? ORDER BY p.source_posting_id`,
    )
    .pluck()
    .all(query) as string[];
}

describe('the full-text index, found the way sqlite-utils and Datasette find it', () => {
  it('a new database declares content="postings", and both detection queries find postings_fts', () => {
    const path = tempPath();
    openDatabase(path).close();
    expect(detectFts(path)).toEqual({ sqliteUtils: 'postings_fts', datasette: 'postings_fts' });
  });

  it('an existing database keeps its index, its triggers and its settings, and gets the spelling', () => {
    const path = tempPath();
    const before = loadMigrations().filter((m) => m.version < 120);
    const old = new Database(path);
    migrate(old, before);
    fill(old);
    expect(detectFts(path)).toEqual({ sqliteUtils: null, datasette: null });
    const rlhfBefore = matches(old, 'RLHF');
    const pages = old.prepare('SELECT count(*) FROM postings_fts_data').pluck().get();
    // A connection that stays open across the migration, as a running daemon's would.
    const bystander = new Database(path);
    expect(matches(bystander, 'RLHF')).toEqual(['rlhf']);
    old.close();

    const db = openDatabase(path);
    expect(detectFts(path)).toEqual({ sqliteUtils: 'postings_fts', datasette: 'postings_fts' });
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'postings_fts'").pluck().get()).toMatch(
      /content="postings", content_rowid = 'id', tokenize = 'trigram'/,
    );
    // The index was not rebuilt: the same segments, the same answers, the 64 MiB hashsize of 050 kept.
    expect(db.prepare('SELECT count(*) FROM postings_fts_data').pluck().get()).toBe(pages);
    expect(matches(db, 'RLHF')).toEqual(rlhfBefore);
    expect(db.prepare("SELECT v FROM postings_fts_config WHERE k = 'hashsize'").pluck().get()).toBe(67108864);
    expect(() =>
      db.exec("INSERT INTO postings_fts (postings_fts, rank) VALUES ('integrity-check', 1)"),
    ).not.toThrow();
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The triggers still keep it in step.
    expect(
      db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'postings' ORDER BY name",
        )
        .pluck()
        .all(),
    ).toEqual(expect.arrayContaining(['postings_ad', 'postings_ai', 'postings_au']));
    upsertPostings(db, [makePosting({ source_posting_id: 'new', title: 'RLHF Annotator' })], {
      seenAt: '2026-01-02T00:00:00.000Z',
    });
    db.prepare("UPDATE postings SET title = 'Bookkeeper' WHERE source_posting_id = 'rlhf'").run();
    expect(matches(db, 'RLHF')).toEqual(['new']);
    db.prepare("DELETE FROM postings WHERE source_posting_id = 'new'").run();
    expect(matches(db, 'RLHF')).toEqual([]);
    // The connection that stayed open keeps working, and reads the new text.
    expect(
      bystander.prepare("SELECT sql FROM sqlite_master WHERE name = 'postings_fts'").pluck().get(),
    ).toMatch(/content="postings"/);
    expect(matches(bystander, 'Bookkeeper')).toEqual(['rlhf']);
    bystander.close();
    db.close();
  });

  const hasSqliteUtils = spawnSync('sqlite-utils', ['--version']).status === 0;
  it.runIf(hasSqliteUtils || process.env.CI)('sqlite-utils search finds RLHF postings through it', () => {
    const path = tempPath();
    const db = openDatabase(path);
    fill(db);
    db.close();
    const out = execFileSync(
      'sqlite-utils',
      ['search', path, 'postings', 'RLHF', '-c', 'source_posting_id'],
      {
        encoding: 'utf8',
      },
    );
    expect(JSON.parse(out)).toEqual([{ source_posting_id: 'rlhf' }]);
  });
});

describe('terms of one or two characters', () => {
  it('match nothing in the trigram index, and db/SCHEMA.md says so and gives recipes that find them', () => {
    const path = tempPath();
    const db = openDatabase(path);
    fill(db);
    expect(matches(db, 'AI')).toEqual([]);
    expect(matches(db, '标注')).toEqual([]);
    expect(matches(db, '数据标注')).toEqual(['zh']);
    expect(matches(db, 'AI训练')).toEqual(['zh']);

    const doc = readFileSync(join(import.meta.dirname, '../../db/SCHEMA.md'), 'utf8');
    expect(doc).toMatch(/\*\*Terms of one or two characters match nothing\.\*\*/);
    const section = doc.split(/^Short terms/m)[1]!.split(/^Runs that were blocked/m)[0]!;
    const recipes = [...section.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(recipes).toHaveLength(2);
    const found = recipes.map((sql) => (db.prepare(sql).all() as { title: string }[]).map((r) => r.title));
    expect(found).toEqual([['AI训练师'], ['AI训练师']]);
    db.close();
  });
});
