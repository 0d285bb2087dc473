// `npm run bench`: measures jobtrend's speed and memory, each figure beside a baseline measured in the same
// run so the ratio survives a noisy, shared machine. Every phase runs in its own child process so its peak
// memory (RSS) is its own. Prints JSON lines, then a readable table; exits 1 when a target is missed.
// `npm run bench -- --quick` runs a small version in 2–3 minutes (the import and the two crawls at full size,
// the sizes their targets are about).
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatTable } from '../src/cli/format-table.js';
import { phases } from './phases/index.js';
import type { Figure, PhaseOptions } from './phases/types.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const workDir = process.env.JOBTREND_BENCH_DIR ?? join(tmpdir(), 'jobtrend-bench');
mkdirSync(workDir, { recursive: true });
const options: PhaseOptions = {
  quick,
  workDir,
  bigDbPath: join(workDir, quick ? 'big-quick.sqlite' : 'big-1m.sqlite'),
};

const phaseArg = args.indexOf('--phase');
if (phaseArg >= 0) {
  // Child: run one phase, print its figures with this process's peak RSS (unless a figure measured its own).
  const name = args[phaseArg + 1]!;
  const phase = phases[name];
  if (!phase) throw new Error(`unknown phase ${name}`);
  const figures = await phase(options);
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`FIGURES ${JSON.stringify(figures.map((f) => ({ peakRssMb, ...f })))}\n`);
} else {
  const only = args.filter((a) => !a.startsWith('--'));
  const selected = Object.keys(phases).filter(
    (name) => only.length === 0 || only.includes(name) || name === 'build-db',
  );
  const all: (Figure & { phase: string })[] = [];
  for (const name of selected) {
    let output: string;
    try {
      output = execFileSync(
        process.execPath,
        ['--expose-gc', fileURLToPath(import.meta.url), ...args, '--phase', name],
        {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'inherit'],
          maxBuffer: 64 * 1024 * 1024,
        },
      );
    } catch (error) {
      const failed = {
        phase: name,
        name: `${name} failed`,
        value: Number.NaN,
        unit: '',
        pass: false,
        target: (error as Error).message.split('\n')[0],
      };
      all.push(failed);
      process.stdout.write(`${JSON.stringify(failed)}\n`);
      continue;
    }
    const line = output.split('\n').find((l) => l.startsWith('FIGURES '));
    const figures = line ? (JSON.parse(line.slice(8)) as Figure[]) : [];
    for (const figure of figures) {
      const row = { phase: name, ...figure };
      all.push(row);
      process.stdout.write(`${JSON.stringify(row)}\n`);
    }
  }
  const fmt = (n: number | undefined) =>
    n === undefined || Number.isNaN(n) ? '' : n >= 100 ? Math.round(n).toLocaleString('en') : n.toFixed(3);
  process.stdout.write(
    `\n${formatTable(
      ['figure', 'value', 'unit', 'baseline', 'ratio', 'target', 'result', 'peak RSS MB'],
      all.map((f) => ({
        figure: f.name,
        value: fmt(f.value),
        unit: f.unit,
        baseline: f.baseline ? `${fmt(f.baseline.value)} (${f.baseline.name})` : '',
        ratio: f.ratio === undefined ? '' : f.ratio.toFixed(2),
        target: f.target ?? '',
        result: f.pass === undefined ? '' : f.pass ? 'ok' : 'MISSED',
        'peak RSS MB': f.peakRssMb === undefined ? '' : Math.round(f.peakRssMb),
      })),
      60,
    )}`,
  );
  const missed = all.filter((f) => f.pass === false);
  process.stdout.write(missed.length === 0 ? '\nall targets met\n' : `\n${missed.length} target(s) missed\n`);
  process.exitCode = missed.length === 0 ? 0 : 1;
}
