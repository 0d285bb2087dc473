// Examples in --help that name files and jobs must name ones that exist: `parse` on the project's saved
// pages, `run` on a job of the example config. (Every example running against the demo database is a
// later, wider test.)
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { runCli } from '../support/run-cli.js';

const root = resolve(import.meta.dirname, '../..');

async function examples(command: string): Promise<string[]> {
  const help = await runCli([command, '--help']);
  return [...help.stdout.split('Examples:\n')[1]!.matchAll(/^ {2}\$ (.*)$/gm)].map((m) => m[1]!);
}

describe('--help examples that name files or jobs', () => {
  it('parse: each saved page it names exists and yields postings', async () => {
    const local = (await examples('parse')).filter((e) => !/https?:\/\//.test(e));
    expect(local.length).toBeGreaterThan(0);
    for (const example of local) {
      const argv = example.split('|')[0]!.trim().split(/\s+/).slice(1);
      const file = argv.at(-1)!;
      expect(existsSync(resolve(root, file)), example).toBe(true);
      const result = await runCli(argv.map((a) => (a === file ? resolve(root, file) : a)));
      expect(result.code, `${example}: ${result.stderr}`).toBe(0);
      expect(result.stdout.trim().split('\n').length, example).toBeGreaterThan(0);
    }
  });

  it('run: the job it names is in the config it names', async () => {
    const runs = await examples('run');
    for (const example of runs) {
      // jobtrend.config.yaml is the user's copy of the example config (README: "Copy it to …").
      const named = /--config (\S+)/.exec(example)?.[1] ?? 'jobtrend.config.yaml';
      const config = named === 'jobtrend.config.yaml' ? 'jobtrend.config.example.yaml' : named;
      const job = /\brun (\S+)/.exec(example)![1]!;
      const jobs = (parseYaml(readFileSync(resolve(root, config), 'utf8')) as { jobs: { name: string }[] })
        .jobs;
      expect(
        jobs.map((j) => j.name),
        example,
      ).toContain(job);
    }
  });
});
