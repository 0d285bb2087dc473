// The CLI as the process: SIGINT and SIGTERM become an AbortSignal that long work watches, and the outcome of
// run() becomes the process's exit code. With src/cli/main.ts, the only code that ends the process or sets
// its exit code.
import { run } from './main.js';

/** Milliseconds the process may linger after the command ended (something that ignored the abort). */
const LINGER_MS = 2_000;

export async function runProcess(argv: string[]): Promise<void> {
  const controller = new AbortController();
  let stops = 0;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      stops++;
      if (stops > 1) process.exit(130); // a second Ctrl-C means "now"
      controller.abort(new Error(`received ${signal}`));
    });
  }
  const code = await run(argv, { signal: controller.signal });
  process.exitCode = code;
  // The command has ended. What still holds the process (a hung browser, a stuck socket that ignored the
  // abort) must not keep it alive: it ends with the command's code soon after.
  setTimeout(() => process.exit(code), LINGER_MS).unref();
}
