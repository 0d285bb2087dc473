// Runs the CLI in-process with captured output, as a user would see it: stdout, stderr, exit code.
import { run } from '../../src/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(
  argv: string[],
  env: NodeJS.ProcessEnv = {},
  signal?: AbortSignal,
  /** Standard output is a terminal (as `jobtrend query` run by hand). */
  options: { tty?: boolean } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    out: {
      write: (t) => {
        stdout += t;
      },
      isTTY: options.tty ?? false,
    },
    err: {
      write: (t) => {
        stderr += t;
      },
      isTTY: false,
    },
    env: { ...env },
    signal: signal ?? new AbortController().signal,
  });
  return { code, stdout, stderr };
}
