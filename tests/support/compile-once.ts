// Global setup of the e2e project (vitest.config.ts): compiles the real jobtrend and the child scripts the e2e
// tests start by path once for the whole run, hands its folders to the test files (`compiledCli()`,
// `compiledEngine()` in tests/support/e2e-build.ts), and removes them when the run ends.
// Two trees from the one compile: the engine's (with src/engine/store-worker.js, so a crawl stores its pages in
// a thread of its own, as tests/engine/sigkill.test.ts wants) and the CLI's, without that file, so the CLI
// tests run the crawl's store in-process as they always have.
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { compileCli } from './compiled-cli.js';

declare module 'vitest' {
  export interface ProvidedContext {
    compiledCliDir: string;
    compiledEngineDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const engine = compileCli();
  const cliDir = `${engine.outDir}-cli`;
  cpSync(engine.outDir, cliDir, { recursive: true, verbatimSymlinks: true });
  rmSync(join(cliDir, 'src/engine/store-worker.js'));
  project.provide('compiledEngineDir', engine.outDir);
  project.provide('compiledCliDir', cliDir);
  return () => {
    engine.cleanup();
    rmSync(cliDir, { recursive: true, force: true });
  };
}
