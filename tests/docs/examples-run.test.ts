// Every documented example runs: each `jobtrend …` line in a code block of README.md and docs/*.md, and
// every example of every command's --help, is run as written in a folder as a user has it after
// `jobtrend demo` (which is itself the first example run): the demo's database (db/jobtrend.sqlite, a fresh
// copy for each example), the user's copy of the example config (jobtrend.config.yaml, as the README says
// to make it), the project's examples/ and tests/fixtures/. Each must exit 0. jobtrend runs in this process
// (a process per example is seconds each on a busy machine); what follows a pipe, and redirections, are the
// shell's (bash). The few examples that need the network or a daemon are listed below with the reason, and
// the demo --help's example, which tests/demo/demo-command.test.ts runs with the same options (a whole second
// demo here, Chromium and all, would prove nothing more); nothing else is left out. A failing example is
// fixed in the docs or the example files.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-db.js';

const root = resolve(import.meta.dirname, '../..');

/** Examples not run here, each with its reason. An entry that matches no example fails the test. */
const NOT_RUN: Record<string, string> = {
  'jobtrend scrape --source zhaopin --query "AI训练师" --city Shanghai --max-pages 3':
    'network: scrapes zhaopin.com (the engine against a local server: tests/engine/*)',
  'jobtrend scrape --source greenhouse --source lever':
    'network: scrapes the Greenhouse and Lever APIs (tests/engine/commands.test.ts)',
  'jobtrend scrape            # the sources enabled in jobtrend.config.yaml':
    'network: scrapes the configured sources (tests/engine/offline.test.ts: fails fast offline)',
  'jobtrend scrape --resume   # after a stop or a crash: continue from the queue':
    'needs a scrape that was stopped (tests/engine/resume.test.ts)',
  "jobtrend parse --source greenhouse 'https://boards-api.greenhouse.io/v1/boards/anthropic/jobs?content=true'":
    'network: fetches the URL (tests/engine/commands.test.ts fetches one from a local server)',
  'jobtrend --config jobtrend.config.example.yaml run daily-ats':
    "network: the job scrapes four sites' APIs (tests/schedule/job-runner.test.ts)",
  'jobtrend check': "network: reaches each configured source's host (tests/cli/check.test.ts)",
  'jobtrend --config /etc/jobtrend/jobtrend.config.yaml --db /var/lib/jobtrend/jobtrend.sqlite check --json':
    "network: reaches each configured source's host (tests/cli/check.test.ts)",
  'jobtrend --config /etc/jobtrend/jobtrend.config.yaml --db /var/lib/jobtrend/jobs.sqlite schedule':
    'daemon: runs until stopped (tests/schedule/daemon.test.ts)',
  'jobtrend schedule --job weekly-report --stop-timeout 60':
    'daemon: runs until stopped (tests/schedule/daemon.test.ts)',
  'jobtrend --db /tmp/demo.sqlite demo --out /tmp/reports --now 2026-06-30':
    'run with these options, and checked, by tests/demo/demo-command.test.ts',
  'jobtrend unblock www.zhipin.com':
    'needs a host that blocked us: the sample sites never do (tests/engine/commands.test.ts)',
  'jobtrend --config jobtrend.config.yaml schedule':
    'daemon, and docs/scheduling.md shows it with a broken config to show the error',
};

/**
 * Absolute paths the examples use for a server's layout, given a place inside the example's folder (as a
 * container or chroot would): the example runs as written, its files land in the test's folder.
 */
const SERVER_PATHS = ['/srv/jobtrend/', '/etc/jobtrend/', '/var/lib/jobtrend/', '/tmp/'];

interface Example {
  command: string;
  /** Where it is documented: a file, or `jobtrend X --help`. */
  where: string;
}

/** `jobtrend …` lines (also `$ jobtrend`, `npx jobtrend`) in the fenced code blocks of a markdown file. */
function markdownExamples(file: string): Example[] {
  const found: Example[] = [];
  let fence: string | undefined;
  for (const line of readFileSync(join(root, file), 'utf8').split('\n')) {
    const opening = /^\s*(```+|~~~+)\s*(\S*)/.exec(line);
    if (opening) {
      fence = fence === undefined ? (opening[2] ?? '') : undefined;
      continue;
    }
    if (fence === undefined || /^(markdown|md|yaml|yml|json|text|ini|dockerfile)$/.test(fence)) continue;
    const command = /^\s*(?:\$ )?(?:npx )?(jobtrend (?:--|[a-z]).*)$/.exec(line)?.[1];
    if (command) found.push({ command: command.trim(), where: file });
  }
  return found;
}

/** The examples of every command's --help (`  $ …` under "Examples:"). */
async function helpExamples(): Promise<Example[]> {
  const top = await runCli(['--help']);
  const names = [...top.stdout.split('Commands:\n')[1]!.matchAll(/^ {2}([a-z]+)/gm)].map((m) => m[1]!);
  const found: Example[] = [];
  for (const name of names.filter((n) => n !== 'help')) {
    const help = await runCli([name, '--help']);
    const examples = help.stdout.split('Examples:\n')[1] ?? '';
    for (const m of examples.matchAll(/^ {2}\$ (.*)$/gm))
      found.push({ command: m[1]!.trim(), where: `jobtrend ${name} --help` });
  }
  return found;
}

function documentedExamples(help: Example[]): Example[] {
  const docs = readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`);
  const all = [...['README.md', ...docs].flatMap(markdownExamples), ...help];
  const seen = new Set<string>();
  return all.filter((e) => !seen.has(e.command) && seen.add(e.command));
}

const { dir, cleanup } = tempDir('jobtrend-examples-');
const startedIn = process.cwd();
/** The folder `jobtrend demo` was run in: db/jobtrend.sqlite and reports/. */
const demoFolder = join(dir, 'after-demo');
let demoRun: { code: number; stderr: string } = { code: -1, stderr: '' };
let examples: Example[] = [];
afterAll(() => {
  process.chdir(startedIn);
  cleanup();
});
beforeAll(async () => {
  examples = documentedExamples(await helpExamples());
  // The README's main job, as written: `jobtrend demo` in a folder like the clone (which has db/).
  mkdirSync(join(demoFolder, 'db'), { recursive: true });
  process.chdir(demoFolder);
  demoRun = await runCli(['demo'], { HOME: demoFolder });
  process.chdir(startedIn);
}, 300_000);

let folders = 0;
/**
 * A folder as a user has it after the demo: the database, the config, the examples and fixtures; the server's
 * copies of the database only for an example that names them (6 MB each, for each example).
 */
function userFolder(example: string): { cwd: string; home: string } {
  const cwd = join(dir, `user-${++folders}`);
  const home = join(cwd, 'home');
  for (const folder of [
    'db',
    ...SERVER_PATHS.map((p) => join('root', p)),
    // Where the completion examples put their scripts (folders a shell setup has).
    'home/.local/share/bash-completion/completions',
    'home/.zfunc',
    'home/.config/fish/completions',
  ])
    mkdirSync(join(cwd, folder), { recursive: true });
  const demoDb = join(demoFolder, 'db/jobtrend.sqlite');
  copyFileSync(demoDb, join(cwd, 'db/jobtrend.sqlite'));
  // The server's database, under the names the examples give it.
  for (const path of ['root/var/lib/jobtrend/jobtrend.sqlite', 'root/srv/jobtrend/jobs.sqlite'])
    if (example.includes(path.slice('root'.length, path.lastIndexOf('/') + 1)))
      copyFileSync(demoDb, join(cwd, path));
  for (const config of [
    'jobtrend.config.yaml',
    'root/etc/jobtrend/jobtrend.config.yaml',
    'jobtrend.config.example.yaml',
  ])
    copyFileSync(join(root, 'jobtrend.config.example.yaml'), join(cwd, config));
  symlinkSync(join(root, 'examples'), join(cwd, 'examples'));
  mkdirSync(join(cwd, 'tests'));
  symlinkSync(join(root, 'tests/fixtures'), join(cwd, 'tests/fixtures'));
  return { cwd, home };
}

/** Splits on `separator` where it is outside quotes (the shell's `&&`, `|`, ` #`). */
function splitOutsideQuotes(line: string, separator: string): string[] {
  const parts: string[] = [];
  let quote: string | undefined;
  let current = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (line.startsWith(separator, i)) {
      parts.push(current);
      current = '';
      i += separator.length - 1;
      continue;
    }
    current += c;
  }
  return [...parts, current];
}

/** The words of a simple command, as the shell reads them: quotes removed, `~/` expanded. */
function words(text: string, home: string): string[] {
  return [...text.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map(
    (m) => m[1] ?? m[2] ?? m[3]!.replace(/^~\//, `${home}/`),
  );
}

/** Runs one example as written: jobtrend in this process, redirections and pipes to what follows. */
async function runExample(example: string): Promise<{ code: number | null; output: string }> {
  const { cwd, home } = userFolder(example);
  let line = splitOutsideQuotes(example, ' #')[0]!.trim();
  line = line.replace(
    new RegExp(`(?<![\\w/.])(${SERVER_PATHS.join('|')})`, 'g'),
    (path) => `${join(cwd, 'root', path)}/`,
  );
  process.chdir(cwd);
  try {
    let output = '';
    for (const step of splitOutsideQuotes(line, '&&').map((s) => s.trim())) {
      // `source <(jobtrend …)`: the shell loads what jobtrend prints.
      const sourced = /^source <\((.*)\)$/.exec(step)?.[1];
      const [first, ...piped] = splitOutsideQuotes(sourced ?? step, '|');
      const [command, redirect] = splitOutsideQuotes(first!, '>').map((s) => s.trim());
      const argv = words(command!, home);
      if (argv[0] !== 'jobtrend') return { code: -1, output: `not a jobtrend command: ${command}` };
      const result = await runCli(argv.slice(1), { HOME: home });
      output += result.stderr;
      if (result.code !== 0) return { code: result.code, output };
      if (redirect) writeFileSync(resolve(cwd, words(redirect, home)[0]!), result.stdout);
      if (sourced) writeFileSync(join(cwd, 'sourced.sh'), result.stdout);
      const shell = sourced ? 'source ./sourced.sh' : piped.length > 0 ? piped.join('|') : undefined;
      if (shell) {
        const after = spawnSync('bash', ['-o', 'pipefail', '-c', shell], {
          cwd,
          input: result.stdout,
          env: { PATH: process.env.PATH, HOME: home },
          encoding: 'utf8',
        });
        output += after.stderr;
        if (after.status !== 0) return { code: after.status, output: `${output}(after the pipe)` };
      }
    }
    return { code: 0, output };
  } finally {
    process.chdir(startedIn);
  }
}

describe('every documented example', () => {
  it('is found: README, docs/ and every --help', () => {
    expect(examples.filter((e) => e.where === 'README.md').length).toBeGreaterThan(5);
    expect(examples.filter((e) => e.where.startsWith('docs/')).length).toBeGreaterThan(2);
    expect(examples.filter((e) => e.where.endsWith('--help')).length).toBeGreaterThan(40);
  });

  it('left out only for a reason, and every reason names a documented example', () => {
    const commands = new Set(examples.map((e) => e.command));
    for (const listed of Object.keys(NOT_RUN)) expect(commands, listed).toContain(listed);
  });

  it('runs with exit 0 after the demo, on a copy of its database', async () => {
    expect(demoRun.code, `jobtrend demo: ${demoRun.stderr}`).toBe(0);
    const failures: string[] = [];
    for (const example of examples) {
      if (NOT_RUN[example.command] || example.command === 'jobtrend demo') continue;
      const { code, output } = await runExample(example.command);
      if (code !== 0)
        failures.push(`${example.where}: ${example.command}\n  → exit ${code}: ${output.trim()}`);
    }
    expect(failures.join('\n\n')).toBe('');
  }, 900_000);
});
