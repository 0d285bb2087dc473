#!/usr/bin/env node
// Entry point of the `jobtrend` executable: runs the CLI as this process (src/cli/run-process.ts).
import { runProcess } from './cli/run-process.js';

await runProcess(process.argv.slice(2));
