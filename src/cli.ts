#!/usr/bin/env node
// Entry point of the `jobtrend` executable: wires process signals to an AbortSignal and runs the CLI.
import { run } from './cli/main.js';

const controller = new AbortController();
let stops = 0;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stops++;
    if (stops > 1) process.exit(130); // a second Ctrl-C means "now"
    controller.abort(new Error(`received ${signal}`));
  });
}

process.exitCode = await run(process.argv.slice(2), { signal: controller.signal });
