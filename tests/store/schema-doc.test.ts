// db/SCHEMA.md is the analysts' map of the database: this test keeps it true. A database made by
// `jobtrend init` is opened with plain sqlite3, and its tables, columns, views and indexes are compared
// with what the page lists; every example query on the page must run.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { tempDbPath } from '../support/temp-db.js';

const doc = readFileSync(join(import.meta.dirname, '../../db/SCHEMA.md'), 'utf8');
const temp = tempDbPath();

function sqlite(sql: string): Record<string, unknown>[] {
  const out = execFileSync('sqlite3', ['-json', '-readonly', temp.path, sql], { encoding: 'utf8' });
  return out.trim() ? (JSON.parse(out) as Record<string, unknown>[]) : [];
}

/** `### table `name`` sections with the column names of their tables. */
function documented(kind: 'table' | 'view'): Map<string, string[]> {
  const result = new Map<string, string[]>();
  const sections = doc.split(/^### /m).slice(1);
  for (const section of sections) {
    const heading = new RegExp(`^${kind} \`([a-z_0-9]+)\``).exec(section);
    if (!heading) continue;
    const columns = [...section.matchAll(/^\| `([a-z_0-9]+)` \|/gm)].map((m) => m[1]!);
    result.set(heading[1]!, columns);
  }
  return result;
}

beforeAll(async () => {
  const { code, stderr } = await runCli(['--db', temp.path, 'init']);
  expect(stderr).toBe('');
  expect(code).toBe(0);
});
afterAll(() => temp.cleanup());

describe('db/SCHEMA.md', () => {
  it('lists exactly the tables of a fresh database, with their columns', () => {
    const tables = sqlite(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
       AND name NOT GLOB 'postings_fts_*' ORDER BY name`,
    ).map((r) => String(r.name));
    const docTables = documented('table');
    expect([...docTables.keys()].sort()).toEqual(tables);
    for (const table of tables) {
      const columns = sqlite(`SELECT name FROM pragma_table_info('${table}') ORDER BY cid`).map((r) =>
        String(r.name),
      );
      expect({ table, columns: [...docTables.get(table)!].sort() }).toEqual({
        table,
        columns: [...columns].sort(),
      });
    }
  });

  it('lists exactly the views', () => {
    const views = sqlite(`SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name`).map((r) =>
      String(r.name),
    );
    expect([...documented('view').keys()].sort()).toEqual(views);
  });

  it('names every index', () => {
    const indexes = sqlite(
      `SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex_%' ORDER BY name`,
    ).map((r) => String(r.name));
    const section = doc.split('## Indexes')[1]!.split('\n## ')[0]!;
    const named = [...section.matchAll(/`([a-z_0-9]+)` on/g)].map((m) => m[1]!).sort();
    expect(named).toEqual(indexes);
  });

  it('has at least five example queries, and each runs in plain sqlite3', () => {
    const queries = [...doc.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(queries.length).toBeGreaterThanOrEqual(5);
    for (const query of queries) expect(() => sqlite(query)).not.toThrow();
  });
});
