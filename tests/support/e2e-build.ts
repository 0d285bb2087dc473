// The compiled jobtrend of this test run (compiled once by tests/support/compile-once.ts, the e2e project's
// global setup), for test files that run it, or the engine tests' child scripts, as separate processes.
import { join } from 'node:path';
import { inject } from 'vitest';

export interface CompiledTree {
  /** The folder holding the compiled tree (src/cli.js and tests/engine/*.js under it). */
  outDir: string;
  /** Path of the compiled src/cli.js (executable, with its #! line). */
  cli: string;
}

export function compiledCli(): CompiledTree {
  const outDir = inject('compiledCliDir');
  if (!outDir) {
    throw new Error(
      'no compiled jobtrend: this test belongs to the e2e project (npx vitest run --project e2e), whose global setup compiles it',
    );
  }
  return { outDir, cli: join(outDir, 'src/cli.js') };
}
