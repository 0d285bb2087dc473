// JSON speaks one dialect: every `--json` output (and every JSON Lines output) of every command, on the demo
// database, has snake_case keys at every depth — like the database's columns. A command that gains --json
// must be added here: the first test finds them all from the program itself.
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoDb } from '../support/demo-db.js';
import { badKeys } from '../support/json-keys.js';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-db.js';

// Without Chromium (JOBTREND_CHROMIUM names none): the demo is quicker, and every command answers as it does on
// machines without it. An environment variable, not vi.mock, so the file shares a worker with the others.
const ENV = { JOBTREND_CHROMIUM: '/nonexistent/chromium', JOBTREND_LOG_LEVEL: 'silent' };

const root = resolve(import.meta.dirname, '../..');
const exampleConfig = join(root, 'jobtrend.config.example.yaml');
const { dir, cleanup } = tempDir('jobtrend-json-dialect-');
afterAll(cleanup);
let demoDb = '';
beforeAll(async () => {
  demoDb = await buildDemoDb(dir, ENV);
}, 180_000);

/** A copy of the demo database for commands that write. */
function copy(name: string): string {
  const path = join(dir, `${name}.sqlite`);
  copyFileSync(demoDb, path);
  return path;
}

/** Every command's JSON, as a user would ask for it: argv after `--db DEMO`, or a whole argv. */
const outputs: Record<string, () => string[][]> = {
  status: () => [['status', '--json']],
  sources: () => [['sources', '--json']],
  health: () => [['health', '--json']],
  check: () => [['--config', exampleConfig, 'check', '--offline', '--json']],
  growth: () => [
    ['growth', '--json'],
    ['growth', '--match', 'RLHF', '--by', 'quarter', '--json'],
  ],
  skills: () => [['skills', '--json']],
  claim: () => [
    ['claim', '--role', 'ai-trainer', '--period', '2025', '--baseline', '2024', '--change', '>30%', '--json'],
    ['claim', '--match', 'RLHF', '--change', '>0%', '--json'],
    ['claim', '--file', join(root, 'examples/claims.yaml'), '--json'],
  ],
  import: () => {
    const file = join(dir, 'some.jsonl');
    writeFileSync(
      file,
      `${JSON.stringify({ title: 'AI训练师', company: '示例', city: '上海', posted_at: '2026-06-01' })}\n`,
    );
    return [['--db', copy('import'), 'import', file, '--source', 'json-dialect', '--json']];
  },
  run: () => [['--db', copy('run'), '--config', exampleConfig, 'run', 'weekly-report', '--json']],
  report: () => [['report', '--json']],
  // JSON Lines: the database's columns, with roles and skills.
  export: () => [['export']],
  parse: () => [
    ['parse', '--source', '51job', join(root, 'tests/fixtures/sources-cn/51job/search-list-p1.html')],
    ['parse', '--source', 'greenhouse', join(root, 'tests/fixtures/sources/greenhouse/jobs.json')],
  ],
};

/** Commands whose JSON keys are the user's own: `query --json` names its columns as the SQL does. */
const keysOfTheUser = new Set(['query']);

function parseJson(stdout: string): unknown[] {
  try {
    return [JSON.parse(stdout)];
  } catch {
    return stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
  }
}

describe('every JSON output', () => {
  it('is walked here: each command with --json (and each JSON Lines command) has its case', async () => {
    // Commands load lazily: each one's --help says whether it has --json.
    const top = await runCli(['--help']);
    const names = [...top.stdout.split('Commands:\n')[1]!.matchAll(/^ {2}([a-z]+)/gm)].map((m) => m[1]!);
    const withJson: string[] = [];
    for (const name of names.filter((n) => n !== 'help' && !keysOfTheUser.has(n))) {
      if (/^\s+--json\b/m.test((await runCli([name, '--help'])).stdout)) withJson.push(name);
    }
    expect(withJson.length).toBeGreaterThan(8);
    for (const name of withJson) expect(Object.keys(outputs), name).toContain(name);
  });

  for (const [command, argvs] of Object.entries(outputs)) {
    it(`${command}: every key at every depth is snake_case`, async () => {
      for (const argv of argvs()) {
        const full = argv.includes('--db') ? argv : ['--db', demoDb, ...argv];
        const result = await runCli(full, ENV);
        expect(result.stderr, argv.join(' ')).not.toMatch(/unexpected error/);
        expect(result.stdout.trim(), `${argv.join(' ')}: ${result.stderr}`).not.toBe('');
        for (const value of parseJson(result.stdout)) expect(badKeys(value), argv.join(' ')).toEqual([]);
      }
    }, 60_000);
  }
});

it('the fixtures it parses exist', () => {
  for (const argv of outputs.parse!()) expect(existsSync(argv.at(-1)!)).toBe(true);
});
