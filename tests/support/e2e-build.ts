// The compiled jobtrend of this test run (compiled once by tests/support/compile-once.ts, the e2e project's
// global setup), for test files that run it as separate processes.
import { join } from 'node:path';
import { inject } from 'vitest';

export interface CompiledTree {
  /** The folder holding the compiled tree (src/cli.js and tests/engine/*.js under it). */
  outDir: string;
  /** Path of the compiled src/cli.js (executable, with its #! line). */
  cli: string;
}

/** The CLI's tree: a crawl stores its pages in the crawl's own thread (no store-worker.js). */
export function compiledCli(): CompiledTree {
  return tree(inject('compiledCliDir'));
}

/** The engine's tree: with store-worker.js, a crawl stores its pages in a thread of its own. */
export function compiledEngine(): CompiledTree {
  return tree(inject('compiledEngineDir'));
}

function tree(outDir: string | undefined): CompiledTree {
  if (!outDir) {
    throw new Error(
      'no compiled jobtrend: this test belongs to the e2e project (npx vitest run --project e2e), whose global setup compiles it',
    );
  }
  return { outDir, cli: join(outDir, 'src/cli.js') };
}
