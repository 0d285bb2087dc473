// The real `jobtrend` executable for tests that need a process of their own (pipes, shells): src/cli.ts
// compiled with tsc into a private folder (emit only: type checking is `npm run typecheck`'s job), with
// package.json, db/ and node_modules linked beside it the way an installed jobtrend finds them.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const projectRoot = resolve(import.meta.dirname, '../..');

export interface CompiledCli {
  /** Path of the compiled cli.js (executable, with its #! line). */
  cli: string;
  cleanup(): void;
}

export function compileCli(): CompiledCli {
  const outDir = mkdtempSync(join(tmpdir(), 'jobtrend-cli-dist-'));
  const compiled = spawnSync(
    process.execPath,
    [
      join(projectRoot, 'node_modules/typescript/bin/tsc'),
      ...['--outDir', outDir, '--rootDir', projectRoot, '--module', 'nodenext'],
      ...['--moduleResolution', 'nodenext', '--target', 'es2022', '--lib', 'es2023', '--types', 'node'],
      ...['--skipLibCheck', '--resolveJsonModule', '--esModuleInterop', '--noCheck'],
      join(projectRoot, 'src/cli.ts'),
    ],
    { cwd: projectRoot, encoding: 'utf8' },
  );
  if (compiled.status !== 0) throw new Error(`tsc failed: ${compiled.stdout}${compiled.stderr}`);
  for (const entry of ['package.json', 'db', 'node_modules'])
    symlinkSync(join(projectRoot, entry), join(outDir, entry));
  const cli = join(outDir, 'src/cli.js');
  chmodSync(cli, 0o755);
  return { cli, cleanup: () => rmSync(outDir, { recursive: true, force: true }) };
}
