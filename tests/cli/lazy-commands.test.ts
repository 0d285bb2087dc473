// Commands are loaded only when they run (src/commands/index.ts): `jobtrend --version` and `--help` import
// none of them, nor the database, browser or logging packages behind them. The registry's summary and usage
// of each command must be the command's own, so that the top-level help reads as if every command were loaded.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Help } from 'commander';
import { describe, expect, it } from 'vitest';
import { makeContext } from '../../src/cli/context.js';
import { buildProgram, commandsRun } from '../../src/cli/main.js';
import { commands } from '../../src/commands/index.js';
import { runCli } from '../support/run-cli.js';

const root = join(import.meta.dirname, '../..');
const CLI = join(root, 'dist/src/cli.js');
const sink = { write: () => {}, isTTY: false };
const io = { out: sink, err: sink, env: {}, signal: new AbortController().signal };

/**
 * The CommonJS packages `node dist/src/cli.js ...argv` loaded (better-sqlite3, playwright, pino and commander
 * are CommonJS: importing them from ES modules goes through require's cache, printed here when the process
 * ends).
 */
function packagesLoaded(argv: string[]): string[] {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
  const report = [
    "import { createRequire } from 'node:module';",
    "import { writeSync } from 'node:fs';",
    `const cache = createRequire(${JSON.stringify(CLI)}).cache;`,
    "process.on('exit', () => writeSync(2, '\\nLOADED ' + JSON.stringify(Object.keys(cache)) + '\\n'));",
  ].join('\n');
  const result = spawnSync(
    process.execPath,
    ['--import', `data:text/javascript,${encodeURIComponent(report)}`, CLI, ...argv],
    { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME } },
  );
  const line = /^LOADED (.*)$/m.exec(result.stderr)?.[1];
  if (!line) throw new Error(`no module list from jobtrend ${argv.join(' ')}: ${result.stderr}`);
  const packages = (JSON.parse(line) as string[]).flatMap((path) => {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
    return match ? [match[1]!] : [];
  });
  return [...new Set(packages)].sort();
}

const HEAVY = ['better-sqlite3', 'playwright', 'playwright-core', 'pino', 'undici', 'iconv-lite'];

describe('jobtrend --version and --help', () => {
  it('load no command, and none of the packages behind them', () => {
    for (const argv of [['--version'], ['--help'], ['help']]) {
      const loaded = packagesLoaded(argv);
      expect(loaded, argv.join(' ')).toContain('commander');
      expect(
        loaded.filter((p) => HEAVY.includes(p)),
        argv.join(' '),
      ).toEqual([]);
    }
  });

  it('the check sees a command that opens the database load better-sqlite3', () => {
    expect(packagesLoaded(['--db', join(root, 'no-such-dir', 'x.sqlite'), 'status'])).toContain(
      'better-sqlite3',
    );
  });

  it('lists every command with its own summary and usage', async () => {
    const program = buildProgram(io).program;
    const context = makeContext(program, io);
    const help = new Help();
    for (const entry of commands) {
      const command = (await entry.load()).define(context);
      expect(command.name()).toBe(entry.name);
      expect(entry.summary, entry.name).toBe(command.description());
      expect(`${entry.name} ${entry.usage}`.trim(), entry.name).toBe(help.subcommandTerm(command));
    }
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    for (const entry of commands) expect(top.stdout).toContain(`${entry.name} ${entry.usage}`.trim());
  });

  it('every command file of src/commands is in the list', () => {
    const files = readdirSync(join(root, 'src/commands')).filter((file) =>
      /^export function define\(/m.test(readFileSync(join(root, 'src/commands', file), 'utf8')),
    );
    expect(files.map((file) => file.replace(/\.ts$/, '')).sort()).toEqual(commands.map((c) => c.name).sort());
  });
});

describe('which commands a command line loads', () => {
  it('the one it names, past the global options and their values', () => {
    expect(commandsRun(['--version'])).toEqual([]);
    expect(commandsRun(['--help'])).toEqual([]);
    expect(commandsRun(['scrape', '--source', 'x'])).toEqual(['scrape']);
    expect(commandsRun(['--db', 'status', 'query', 'SELECT 1'])).toEqual(['query']);
    expect(commandsRun(['--config', 'c.yaml', '--db=x.sqlite', 'report', '--help'])).toEqual(['report']);
    expect(commandsRun(['help', 'growth'])).toEqual(['growth']);
    expect(commandsRun(['help'])).toEqual([]);
    expect(commandsRun(['completion', 'bash'])).toEqual(commands.map((c) => c.name));
  });
});
