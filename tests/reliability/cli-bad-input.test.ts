// Every CLI command fed bad input exits with one line on stderr ("jobtrend: …", no stack trace) and the right
// code: 2 for a wrong command line (bad period, unknown role, source or job, bad flag value), 1 for what the
// user must fix elsewhere (missing file, corrupt config, a file that is not SQLite). The commands are read
// from the program itself, so a new command without its bad-input cases here fails this test.
// (A read-only database file needs a second user, since tests run as root: tests/reliability/processes.test.ts.)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-db.js';

const temp = tempDir('jobtrend-bad-input-');
const dir = temp.dir;
const db = join(dir, 'jobtrend.sqlite');
const notSqlite = join(dir, 'notes.txt');
const corruptConfig = join(dir, 'corrupt.yaml');
const badFieldConfig = join(dir, 'bad-field.yaml');
const missing = (name: string) => join(dir, 'missing', name);
const NOTES = 'these are my notes, not a database\n'.repeat(20);
const jsonl = join(dir, 'postings.jsonl');

beforeAll(async () => {
  expect((await runCli(['--db', db, 'init'])).code).toBe(0);
  writeFileSync(notSqlite, NOTES);
  writeFileSync(corruptConfig, 'fetch: [unclosed\n  : :\n');
  writeFileSync(badFieldConfig, 'fetch:\n  requestsPerMinute: fast\n');
  writeFileSync(
    jsonl,
    '{"job": "AI训练师", "firm": "示例科技", "city": "上海", "posted_at": "2025-03-05"}\n{"job": "数据标注员", "firm": "样例", "posted_at": "2025-03-06"}\n',
  );
});
afterAll(() => temp.cleanup());

interface Case {
  /** What is wrong, in the user's words. */
  what: string;
  /** Arguments after the global ones. */
  argv: string[];
  code: 1 | 2;
  /** The line must say this. */
  says: RegExp;
  /** Global options instead of `--db <the test database>`. */
  globals?: string[];
}

const onDb = (path: string) => ['--db', path];
const withConfig = (config: string) => ['--db', db, '--config', config];

/** Bad input for each command. Every command of the program must appear here. */
const CASES: Record<string, Case[]> = {
  init: [
    {
      what: 'a non-SQLite file as --db',
      argv: [],
      globals: onDb(notSqlite),
      code: 1,
      says: /is not a SQLite database/,
    },
  ],
  status: [
    {
      what: 'a database that does not exist',
      argv: [],
      globals: onDb(join(dir, 'nothing-here.sqlite')),
      code: 1,
      says: /run `jobtrend init` first/,
    },
    { what: 'an unknown flag', argv: ['--colour'], code: 2, says: /unknown option '--colour'/ },
  ],
  check: [
    {
      what: 'a timeout that is not a number',
      argv: ['--timeout', 'soon'],
      code: 2,
      says: /--timeout must be a number of seconds/,
    },
    { what: 'an unknown flag', argv: ['--ofline'], code: 2, says: /unknown option '--ofline'/ },
  ],
  completion: [
    { what: 'a shell it does not know', argv: ['powershell'], code: 2, says: /unknown shell "powershell"/ },
    { what: 'no shell', argv: [], code: 2, says: /missing required argument 'shell'/ },
  ],
  health: [
    { what: 'an unknown source', argv: ['--source', 'atlantis'], code: 2, says: /unknown source "atlantis"/ },
    {
      what: 'a run count that is not one',
      argv: ['--runs', 'many'],
      code: 2,
      says: /--runs must be a whole number/,
    },
    {
      what: 'a database that does not exist',
      argv: [],
      globals: onDb(missing('health.sqlite')),
      code: 1,
      says: /no database at/,
    },
  ],
  unblock: [
    { what: 'no host and no --all', argv: [], code: 2, says: /name the hosts to ask again/ },
    { what: 'a host that is not one', argv: ['http://'], code: 2, says: /"http:\/\/" is not a host/ },
    {
      what: 'a host that is not backed off',
      argv: ['www.zhipin.com'],
      code: 1,
      says: /no host backed off is called www\.zhipin\.com \(backed off now: none\)/,
    },
    {
      what: 'a database that does not exist',
      argv: ['--all'],
      globals: onDb(missing('jobs.sqlite')),
      code: 1,
      says: /no database at .*run `jobtrend init` first/,
    },
  ],
  query: [
    { what: 'a statement that writes', argv: ['DELETE FROM postings'], code: 1, says: /query only reads/ },
    { what: 'no SQL', argv: [], code: 2, says: /missing required argument/ },
    {
      what: 'a timeout that is not a number',
      argv: ['--timeout', 'soon', 'SELECT 1'],
      code: 2,
      says: /--timeout must be a number of seconds/,
    },
  ],
  sources: [
    {
      what: 'a corrupt config',
      argv: [],
      globals: withConfig(corruptConfig),
      code: 1,
      says: /corrupt\.yaml cannot be read/,
    },
    {
      what: 'a config field of the wrong type',
      argv: [],
      globals: withConfig(badFieldConfig),
      code: 1,
      says: /requestsPerMinute/,
    },
    {
      what: 'a missing config file',
      argv: [],
      globals: withConfig(missing('jobtrend.config.yaml')),
      code: 1,
      says: /config/,
    },
  ],
  scrape: [
    { what: 'an unknown source', argv: ['--source', 'nosuch'], code: 2, says: /unknown source "nosuch"/ },
    {
      what: '--resume with a source of its own',
      argv: ['--resume', '--source', 'greenhouse'],
      code: 2,
      says: /--resume continues the stopped scrape as it was: leave out --source/,
    },
    {
      what: '--resume with nothing stopped',
      argv: ['--resume'],
      code: 1,
      says: /no stopped scrape to resume/,
    },
    {
      what: 'a bad page count',
      argv: ['--source', 'greenhouse', '--max-pages', 'many'],
      code: 2,
      says: /max-pages/,
    },
    {
      what: 'a corrupt config',
      argv: ['--source', 'greenhouse'],
      globals: withConfig(corruptConfig),
      code: 1,
      says: /cannot be read/,
    },
  ],
  parse: [
    {
      what: 'a missing file',
      argv: [missing('page.html'), '--source', 'zhaopin'],
      code: 1,
      says: /no file at .*page\.html/,
    },
    {
      what: 'an unknown source',
      argv: [notSqlite, '--source', 'nosuch'],
      code: 2,
      says: /unknown source "nosuch"/,
    },
    { what: 'no source', argv: [notSqlite], code: 2, says: /--source/ },
  ],
  schedule: [
    {
      what: 'a stop timeout that is not a number',
      argv: ['--stop-timeout', 'abc'],
      code: 2,
      says: /--stop-timeout must be a number/,
    },
    {
      what: 'a corrupt config',
      argv: [],
      globals: withConfig(corruptConfig),
      code: 1,
      says: /cannot be read/,
    },
    { what: 'a config without jobs', argv: [], code: 1, says: /no jobs/ },
  ],
  run: [
    { what: 'an unknown job', argv: ['nosuchjob'], code: 2, says: /unknown job "nosuchjob"/ },
    {
      what: 'a corrupt config',
      argv: ['nightly'],
      globals: withConfig(corruptConfig),
      code: 1,
      says: /cannot be read/,
    },
  ],
  import: [
    { what: 'a missing file', argv: [missing('postings.csv')], code: 1, says: /cannot read .*postings\.csv/ },
    {
      what: 'an unknown format',
      argv: [notSqlite, '--format', 'xml'],
      code: 2,
      says: /--format must be one of/,
    },
    {
      what: 'an unknown time zone',
      argv: [notSqlite, '--time-zone', 'Mars/Olympus'],
      code: 2,
      says: /unknown time zone/,
    },
    {
      what: 'a --map naming a key the JSON records do not have',
      argv: [jsonl, '--map', 'title=position'],
      code: 1,
      says: /column "position" \(mapped to title\) is not in the data: the records read so far have job, firm, city, posted_at/,
    },
  ],
  export: [
    { what: 'an unknown role', argv: ['--role', 'nosuch'], code: 2, says: /unknown role "nosuch"/ },
    { what: 'a bad date', argv: ['--from', '2025-13'], code: 2, says: /--from must be a date/ },
    {
      what: 'a day the calendar has not',
      argv: ['--from', '2025-02-30'],
      code: 2,
      says: /--from must be a date/,
    },
    { what: 'an unknown format', argv: ['--format', 'xml'], code: 2, says: /--format must be jsonl or csv/ },
  ],
  demo: [{ what: 'a bad clock', argv: ['--now', 'yesterday'], code: 2, says: /--now must be a date/ }],
  report: [
    { what: 'a bad period', argv: ['--period', '2025-13'], code: 2, says: /"2025-13" is not a period/ },
    { what: 'an unknown role', argv: ['--role', 'nosuch'], code: 2, says: /unknown role "nosuch"/ },
    {
      what: 'a missing claims file',
      argv: ['--claims', missing('claims.yaml')],
      code: 1,
      says: /no claims file/,
    },
    {
      what: 'a folder for a claims file',
      argv: ['--claims', dir],
      code: 1,
      says: /is a folder: --claims needs a YAML file/,
    },
    {
      what: 'a corrupt config',
      argv: [],
      globals: withConfig(corruptConfig),
      code: 1,
      says: /cannot be read/,
    },
  ],
  growth: [
    { what: 'an unknown role', argv: ['--role', 'nosuch'], code: 2, says: /unknown role "nosuch"/ },
    { what: 'a bad period', argv: ['--from', '20x5'], code: 2, says: /"20x5" is not a period/ },
    { what: 'an unknown source', argv: ['--source', 'nosuch'], code: 2, says: /unknown source "nosuch"/ },
    { what: 'an unknown granularity', argv: ['--by', 'fortnight'], code: 2, says: /--by/ },
    { what: 'an unknown city', argv: ['--city', 'Atlantis'], code: 2, says: /unknown city "Atlantis"/ },
  ],
  skills: [
    { what: 'a bad period', argv: ['--period', 'nonsense'], code: 2, says: /"nonsense" is not a period/ },
    { what: 'a bad count', argv: ['--top', '0'], code: 2, says: /--top needs a whole number/ },
    { what: 'an unknown role', argv: ['--role', 'nosuch'], code: 2, says: /unknown role "nosuch"/ },
  ],
  reindex: [
    {
      what: 'a bad batch size',
      argv: ['--batch-size', 'lots'],
      code: 2,
      says: /--batch-size must be a whole number/,
    },
    {
      what: 'a batch size of zero',
      argv: ['--batch-size', '0'],
      code: 2,
      says: /--batch-size must be a whole number/,
    },
    {
      what: 'a database that does not exist',
      argv: [],
      globals: onDb(missing('jobs.sqlite')),
      code: 1,
      says: /no database at .*run `jobtrend init` first/,
    },
  ],
  claim: [
    {
      what: 'a change that is not one',
      argv: ['--period', '2025', '--baseline', '2024', '--change', 'lots'],
      code: 2,
      says: /"lots" is not a change/,
    },
    {
      what: 'a bare number, which could mean 30 % or 3000 %',
      argv: ['--period', '2025', '--baseline', '2024', '--change', '30'],
      code: 2,
      says: /"30" has no % sign: write '>30%' if you mean 30 percent/,
    },
    {
      what: 'an impossible day',
      argv: ['--period', '2025-02-30', '--baseline', '2024', '--change', '>10%'],
      code: 2,
      says: /"2025-02-30" is not a period/,
    },
    {
      what: 'an unknown role',
      argv: ['--role', 'nosuch', '--period', '2025', '--baseline', '2024', '--change', '>10%'],
      code: 2,
      says: /unknown role "nosuch"/,
    },
    {
      what: 'a missing claims file',
      argv: ['--file', missing('claims.yaml')],
      code: 1,
      says: /no claims file/,
    },
  ],
};

/** Commands that open the database: a non-SQLite --db must be one line, exit 1, and the file untouched. */
const OPENS_DATABASE: Record<string, string[]> = {
  init: [],
  status: [],
  health: [],
  unblock: ['--all'],
  query: ['SELECT 1'],
  sources: [],
  scrape: ['--source', 'greenhouse'],
  import: [notSqlite],
  export: [],
  demo: [],
  report: [],
  growth: [],
  skills: [],
  claim: ['--period', '2025', '--baseline', '2024', '--change', '>10%'],
  reindex: [],
};

function commandNames(): string[] {
  const sink = { write: () => {}, isTTY: false };
  const { program } = buildProgram({ out: sink, err: sink, env: {}, signal: new AbortController().signal });
  return program.commands.map((c) => c.name());
}

function expectOneLine(stderr: string, says: RegExp, label: string) {
  const lines = stderr.trimEnd().split('\n');
  expect(lines, `${label}: ${stderr}`).toHaveLength(1);
  expect(lines[0], label).toMatch(/^jobtrend: /);
  expect(lines[0], label).toMatch(says);
  expect(stderr, label).not.toMatch(/\n\s+at |unexpected error/);
}

describe('every command fed bad input', () => {
  it('has bad-input cases here for every command of the program', () => {
    const names = commandNames();
    expect(names.length).toBeGreaterThan(5);
    expect(names.filter((name) => !(name in CASES))).toEqual([]);
    expect(Object.keys(CASES).filter((name) => !names.includes(name))).toEqual([]);
  });

  for (const [command, cases] of Object.entries(CASES)) {
    it(`${command}: ${cases.map((c) => c.what).join('; ')} → one line and the right code`, async () => {
      for (const c of cases) {
        const result = await runCli([...(c.globals ?? onDb(db)), command, ...c.argv]);
        const label = `jobtrend ${command} (${c.what})`;
        expect(result.code, `${label}: ${result.stderr}`).toBe(c.code);
        expectOneLine(result.stderr, c.says, label);
      }
    });
  }

  it('a --config file that does not exist: every command exits 1 in one line, whether it reads its config or not', async () => {
    const args: Record<string, string[]> = {
      ...OPENS_DATABASE,
      parse: ['--source', 'greenhouse', notSqlite],
      schedule: [],
      run: ['some-job'],
      completion: ['bash'],
    };
    for (const command of commandNames()) {
      const result = await runCli([
        ...withConfig(missing('jobtrend.config.yaml')),
        command,
        ...(args[command] ?? []),
      ]);
      expect(result.code, `${command}: ${result.stderr}`).toBe(1);
      expectOneLine(
        result.stderr,
        /config file .*jobtrend\.config\.yaml not found: check the path given to --config/,
        command,
      );
    }
  });

  it('a file that is not SQLite as --db: every command that opens the database exits 1 in one line, file untouched', async () => {
    const names = commandNames();
    for (const [command, argv] of Object.entries(OPENS_DATABASE)) {
      expect(names).toContain(command);
      const result = await runCli(['--db', notSqlite, command, ...argv]);
      expect(result.code, `${command}: ${result.stderr}`).toBe(1);
      expectOneLine(result.stderr, /is not a SQLite database/, command);
    }
    expect(readFileSync(notSqlite, 'utf8')).toBe(NOTES);
  });
});
