// Start-up: seconds for `jobtrend --version` and `jobtrend --help` to answer, each a fresh process of the built
// CLI, beside Node itself starting an empty ES module in the same run (interleaved, best of each, so the
// machine's load falls on both). The target is jobtrend's own share, the figure less Node's: under 0.11 s,
// which is the 0.15 s of issue 23 on a machine where Node starts in 0.04 s. Commands are loaded only when
// they run (src/commands/index.ts), so neither answer imports the database, browser or pipeline code.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Figure, Phase } from './types.js';

const CLI = fileURLToPath(new URL('../../src/cli.js', import.meta.url));
const OWN_SHARE_S = 0.11;

function secondsToRun(args: string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${result.stderr}`);
  return elapsed;
}

export const startup: Phase = async ({ quick }) => {
  const rounds = quick ? 10 : 30;
  const best = { node: Infinity, version: Infinity, help: Infinity };
  for (let round = 0; round < rounds; round++) {
    best.node = Math.min(best.node, secondsToRun(['--input-type=module', '-e', '']));
    best.version = Math.min(best.version, secondsToRun([CLI, '--version']));
    best.help = Math.min(best.help, secondsToRun([CLI, '--help']));
  }
  const figure = (name: string, value: number): Figure => ({
    name,
    value,
    unit: 's',
    baseline: { name: 'node, empty module', value: best.node },
    ratio: value / best.node,
    target: `< ${OWN_SHARE_S} s over Node's start`,
    pass: value - best.node < OWN_SHARE_S,
  });
  return [figure('jobtrend --version', best.version), figure('jobtrend --help', best.help)];
};
