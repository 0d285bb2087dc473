// Global setup of the e2e project (vitest.config.ts): compiles the real jobtrend and the child scripts the e2e
// tests start by path once for the whole run, hands its folder to the test files (`compiledCli()` in
// tests/support/e2e-build.ts), and removes it when the run ends.
import type { TestProject } from 'vitest/node';
import { compileCli } from './compiled-cli.js';

declare module 'vitest' {
  export interface ProvidedContext {
    compiledCliDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const compiled = await compileCli();
  project.provide('compiledCliDir', compiled.outDir);
  return () => compiled.cleanup();
}
