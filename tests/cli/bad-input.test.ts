// Bad input gets one clear line and the right exit code: 2 for a wrong command line, 1 for anything else
// the user must fix. Never a stack trace, never a change to stored data.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { tempDbPath } from '../support/temp-db.js';

const temp = tempDbPath();
beforeAll(async () => {
  expect((await runCli(['--db', temp.path, 'init'])).code).toBe(0);
});
afterAll(() => temp.cleanup());

function expectOneLine(stderr: string, pattern: RegExp) {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^jobtrend: /);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('bad input', () => {
  it('an unknown command exits 2 and names it', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, /unknown command 'frobnicate'/);
  });

  it('an unknown flag exits 2 and names it', async () => {
    const r = await runCli(['--db', temp.path, 'status', '--colour']);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, /unknown option '--colour'/);
  });

  it('a --db path in a missing folder exits 1 and says how to fix it', async () => {
    const r = await runCli(['--db', join(temp.dir, 'no', 'such', 'x.sqlite'), 'init']);
    expect(r.code).toBe(1);
    expectOneLine(r.stderr, /does not exist: create it, or pass --db/);
  });

  it('a file that is not SQLite exits 1 for every command that opens it, and is left untouched', async () => {
    const path = join(temp.dir, 'notes.txt');
    writeFileSync(path, 'these are my notes, not a database\n'.repeat(20));
    for (const argv of [['init'], ['status'], ['query', 'SELECT 1']]) {
      const r = await runCli(['--db', path, ...argv]);
      expect(r.code, argv.join(' ')).toBe(1);
      expectOneLine(r.stderr, /is not a SQLite database/);
    }
    expect((await import('node:fs')).readFileSync(path, 'utf8')).toBe(
      'these are my notes, not a database\n'.repeat(20),
    );
  });

  it('status and query on a database that does not exist say to run init', async () => {
    for (const argv of [['status'], ['query', 'SELECT 1']]) {
      const r = await runCli(['--db', join(temp.dir, 'missing.sqlite'), ...argv]);
      expect(r.code).toBe(1);
      expectOneLine(r.stderr, /run `jobtrend init` first/);
    }
  });

  it.each([
    ['DELETE FROM postings'],
    ['DROP TABLE postings'],
    ["INSERT INTO sources (id, name, kind, created_at) VALUES ('x', 'x', 'api', 'now')"],
    ['UPDATE postings SET title = 1'],
  ])('query refuses the write %s, exits 1 and changes nothing', async (sql) => {
    const r = await runCli(['--db', temp.path, 'query', sql]);
    expect(r.code).toBe(1);
    expectOneLine(r.stderr, /query only reads/);
    const check = await runCli([
      '--db',
      temp.path,
      'query',
      '--json',
      "SELECT count(*) AS n FROM sqlite_master WHERE name = 'postings'",
    ]);
    expect(JSON.parse(check.stdout)).toEqual([{ n: 1 }]);
  });

  it('query with SQL that does not parse exits 1 with the parser message', async () => {
    const r = await runCli(['--db', temp.path, 'query', 'SELEC nothing']);
    expect(r.code).toBe(1);
    expectOneLine(r.stderr, /the SQL does not parse/);
  });

  it('query without its SQL argument exits 2', async () => {
    const r = await runCli(['--db', temp.path, 'query']);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, /missing required argument 'sql'/);
  });
});

describe('query output', () => {
  it('prints JSON and CSV with parameters bound', async () => {
    const json = await runCli(['--db', temp.path, 'query', '--json', 'SELECT :a AS a, 2 AS b', '-p', 'a=x']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([{ a: 'x', b: 2 }]);
    const csv = await runCli(['--db', temp.path, 'query', '--csv', "SELECT 'a,b' AS x, 1 AS y"]);
    expect(csv.stdout).toBe('x,y\n"a,b",1\n');
  });

  it('prints an aligned table otherwise', async () => {
    const r = await runCli(['--db', temp.path, 'query', "SELECT '上海' AS city, 3 AS n"]);
    expect(r.stdout).toBe('city  n\n----  -\n上海  3\n(1 rows)\n');
  });
});

describe('help', () => {
  it('every command has help text with an example', async () => {
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    const names = [...top.stdout.split('Commands:')[1]!.matchAll(/^ {2}([a-z-]+)/gm)]
      .map((m) => m[1]!)
      .filter((n) => n !== 'help');
    expect(names).toEqual(expect.arrayContaining(['init', 'status', 'query']));
    for (const name of names) {
      const help = await runCli([name, '--help']);
      expect(help.code, name).toBe(0);
      expect(help.stdout, name).toMatch(/Examples:\n {2}\$ jobtrend /);
    }
  });
});
