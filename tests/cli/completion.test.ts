// `jobtrend completion bash|zsh|fish`: the scripts come from the program's own commands and options. The
// bash script is sourced in a real bash and asked for completions as the shell would ask; the zsh and fish
// scripts are checked by their shells where those are installed.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scrapers } from '../../scrapers/registry.js';
import { buildProgram } from '../../src/cli/main.js';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-db.js';

const temp = tempDir('jobtrend-completion-');
const scripts: Record<string, string> = {};
afterAll(temp.cleanup);

beforeAll(async () => {
  for (const shell of ['bash', 'zsh', 'fish']) {
    const result = await runCli(['completion', shell]);
    expect(result.code, shell).toBe(0);
    expect(result.stderr).toBe('');
    scripts[shell] = join(temp.dir, `jobtrend.${shell}`);
    writeFileSync(scripts[shell]!, result.stdout);
  }
});

/** What bash offers for the command line `words` (the last word is the one being completed). */
function bashCompletes(...words: string[]): string[] {
  const line = ['jobtrend', ...words].map((w) => `'${w}'`).join(' ');
  const script = `source "$SCRIPT"
COMP_WORDS=(${line}); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); COMPREPLY=()
_jobtrend
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const result = spawnSync('bash', ['-c', script], {
    encoding: 'utf8',
    cwd: temp.dir,
    env: { ...process.env, SCRIPT: scripts.bash },
  });
  expect(result.stderr).toBe('');
  return result.stdout.split('\n').filter(Boolean).sort();
}

function commandNames(): string[] {
  const sink = { write: () => {}, isTTY: false };
  const { program } = buildProgram({ out: sink, err: sink, env: {}, signal: new AbortController().signal });
  return program.commands.map((c) => c.name());
}

describe('jobtrend completion bash, sourced in bash', () => {
  it('is registered for the jobtrend command', () => {
    const result = spawnSync('bash', ['-c', 'source "$SCRIPT"; complete -p jobtrend'], {
      encoding: 'utf8',
      env: { ...process.env, SCRIPT: scripts.bash },
    });
    expect(result.stdout).toMatch(/-F _jobtrend jobtrend/);
  });

  it('completes every command, and commands by their start', () => {
    expect(bashCompletes('')).toEqual([...commandNames(), 'help'].sort());
    expect(bashCompletes('sc')).toEqual(['schedule', 'scrape']);
    expect(bashCompletes('--db', 'x.sqlite', 'ch')).toEqual(['check']);
  });

  it('completes global options, and a command’s own options after it', () => {
    expect(bashCompletes('--d')).toEqual(['--db']);
    expect(bashCompletes('scrape', '--ma')).toEqual(['--max-pages']);
    expect(bashCompletes('check', '--')).toEqual(['--help', '--json', '--offline', '--timeout']);
  });

  it('completes source ids after --source, role ids after --role, and shells after completion', () => {
    expect(bashCompletes('scrape', '--source', '')).toEqual(scrapers.map((s) => s.id).sort());
    expect(bashCompletes('scrape', '--source', 'gr')).toEqual(['greenhouse']);
    expect(bashCompletes('growth', '--role', 'ai-t')).toEqual(['ai-trainer', 'ai-tutor']);
    expect(bashCompletes('completion', '')).toEqual(['bash', 'fish', 'zsh']);
    expect(bashCompletes('help', 'imp')).toEqual(['import']);
  });

  it('completes files after an option that takes a path', () => {
    writeFileSync(join(temp.dir, 'claims-2025.yaml'), 'x');
    expect(bashCompletes('--config', 'claims-')).toEqual(['claims-2025.yaml']);
    expect(bashCompletes('claim', '--file', 'claims-')).toEqual(['claims-2025.yaml']);
  });
});

const has = (shell: string) => spawnSync(shell, ['--version']).status === 0;

describe('jobtrend completion zsh and fish', () => {
  it.runIf(has('zsh'))('zsh: the script parses', () => {
    const result = spawnSync('zsh', ['-n', scripts.zsh!], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it.runIf(has('fish'))('fish: completes commands, options and source ids', () => {
    const complete = (line: string) =>
      spawnSync('fish', ['--no-config', '-c', `source ${scripts.fish}; complete -C '${line}'`], {
        encoding: 'utf8',
      })
        .stdout.split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')[0]!)
        .sort();
    expect(complete('jobtrend sc')).toEqual(['schedule', 'scrape']);
    expect(complete('jobtrend scrape --sou')).toEqual(['--source']);
    expect(complete('jobtrend scrape --source gr')).toEqual(['greenhouse']);
  });

  it('every script names every command', () => {
    for (const shell of ['zsh', 'fish']) {
      const result = spawnSync('cat', [scripts[shell]!], { encoding: 'utf8' }).stdout;
      for (const name of commandNames()) expect(result, `${shell}: ${name}`).toContain(name);
    }
  });

  it('refuses a shell it does not know, in one line', async () => {
    const result = await runCli(['completion', 'powershell']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('jobtrend: unknown shell "powershell": use one of bash, zsh, fish\n');
  });
});
