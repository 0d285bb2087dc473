// The real `jobtrend` executable for tests that run it as separate processes (pipes, shells, several writers,
// SIGKILL): the sources turned into JavaScript file by file with vite's TypeScript transform (oxc, the one
// vitest runs every test through; type-checking is `npm run typecheck`'s job) into a private folder, with
// package.json, db/ and node_modules linked in so that it finds its migrations and packages the way an
// installed jobtrend does. Well under a second, where `tsc --noCheck` took ten on this machine's two cores,
// before any test could start. The import's reading thread, the query's child process and the crawl's store
// thread are compiled too, so they run as they do in use, and so are the engine tests' child scripts.
// Compiled once per run, by the e2e project's global setup (tests/support/compile-once.ts); a test file reaches
// it with `compiledCli()` (tests/support/e2e-build.ts).
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { transformWithOxc } from 'vite';

export const projectRoot = resolve(import.meta.dirname, '../..');

/** The product's folders, compiled whole (TypeScript, and the JSON modules it imports). */
const FOLDERS = ['src', 'scrapers'];
/** The engine tests' child scripts and what they import from tests/. */
const TEST_FILES = [
  'tests/engine/kill-child.ts',
  'tests/engine/store-thread-child.ts',
  'tests/engine/kill-test-config.ts',
];

export interface CompiledCli {
  /** The folder holding the compiled tree (src/cli.js under it). */
  outDir: string;
  /** Path of the compiled src/cli.js (executable, with its #! line). */
  cli: string;
  cleanup(): void;
}

/** Compiles the CLI and the entry points it starts by path, with everything they import, into a new folder. */
export async function compileCli(): Promise<CompiledCli> {
  const outDir = mkdtempSync(join(tmpdir(), 'jobtrend-cli-dist-'));
  const files = [
    ...FOLDERS.flatMap((folder) =>
      readdirSync(join(projectRoot, folder), { recursive: true, encoding: 'utf8' })
        .filter((name) => name.endsWith('.ts') || name.endsWith('.json'))
        .map((name) => join(projectRoot, folder, name)),
    ),
    ...TEST_FILES.map((file) => join(projectRoot, file)),
  ];
  await Promise.all(
    files.map(async (file) => {
      const target = join(outDir, relative(projectRoot, file));
      mkdirSync(dirname(target), { recursive: true });
      if (file.endsWith('.json')) return copyFileSync(file, target);
      const { code } = await transformWithOxc(readFileSync(file, 'utf8'), file, {
        lang: 'ts',
        target: 'es2022',
        sourcemap: false,
      });
      writeFileSync(target.replace(/\.ts$/, '.js'), code);
    }),
  );
  for (const entry of ['package.json', 'db', 'node_modules'])
    linkIn(join(projectRoot, entry), join(outDir, entry));
  chmodSync(join(outDir, 'src/cli.js'), 0o755);
  // Readable by an unprivileged user (tests/reliability/processes.test.ts runs the CLI as "nobody").
  chmodSync(outDir, 0o755);
  return {
    outDir,
    cli: join(outDir, 'src/cli.js'),
    cleanup: () => rmSync(outDir, { recursive: true, force: true }),
  };
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Milliseconds from start to exit. */
  ms: number;
}

export interface RunningProcess {
  pid: number;
  kill(signal: NodeJS.Signals): void;
  exited: Promise<Exit>;
}

/** Starts `node <script> ...args` with a clean environment; `exited` resolves with its output. */
export function startNode(
  script: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; uid?: number } = {},
): RunningProcess {
  const started = Date.now();
  const child = spawn(process.execPath, [script, ...args], {
    cwd: options.cwd ?? tmpdir(),
    env: { PATH: process.env.PATH, HOME: options.cwd ?? tmpdir(), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<Exit>((done, fail) => {
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr, ms: Date.now() - started }));
  });
  return { pid: child.pid ?? -1, kill: (signal) => child.kill(signal), exited };
}

/**
 * Hard-linked copies where the file system allows (a fraction of a second for node_modules), else a symbolic
 * link. A symbolic link leads an unprivileged user (the tests that run the CLI as "nobody") back through the
 * checkout's folders, which may be closed to others: a clone in `mktemp -d` is 0700.
 */
function linkIn(from: string, to: string): void {
  const copied = spawnSync('cp', ['-al', from, to], { encoding: 'utf8' });
  if (copied.status === 0) return;
  rmSync(to, { recursive: true, force: true });
  symlinkSync(from, to);
}
