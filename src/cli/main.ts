// The jobtrend command line: builds the program from the command list, runs it, and is the one place that
// turns a command's outcome into an exit code: 0 when its action returns, 2 for usage errors, 130 when it was
// interrupted (src/outcome.ts), 1 for every other failure, each failure as one line on stderr. What goes to a
// terminal has its control characters escaped: text from postings must not command the terminal.
import { existsSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { commands } from '../commands/index.js';
import { UsageError, UserError } from '../errors.js';
import { CommandFailed, Interrupted } from '../outcome.js';
import type { Output } from '../output.js';
import { asUserError } from '../store/sqlite-errors.js';
import { escapeControl } from '../text/terminal-text.js';
import { type CliContext, makeContext } from './context.js';
import { OutputClosed, streamOutput } from './output-stream.js';

export interface RunIo {
  out?: Output;
  err?: Output;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

export function buildProgram(io: Required<RunIo>): { program: Command; context: CliContext } {
  const program = new Command('jobtrend')
    .description(
      'Watch the job market for AI-trainer work and tell, with honest numbers, how demand is moving.',
    )
    .option('--db <path>', 'SQLite database file (env JOBTREND_DB; default db/jobtrend.sqlite)')
    .option('--config <path>', 'config file (default jobtrend.config.yaml or .json in this folder)')
    .version('0.1.0')
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => io.out.write(text),
      writeErr: (text) => io.err.write(text),
      // Commander's own errors are reported by run() below, as one line.
      outputError: () => {},
    })
    .exitOverride();
  const context = makeContext(program, io);
  // A config file named on the command line must exist, whether or not the command reads its config.
  program.hook('preAction', () => {
    const path = program.opts<{ config?: string }>().config;
    if (path !== undefined && !existsSync(path)) {
      throw new UserError(`config file ${path} not found: check the path given to --config`);
    }
  });
  for (const define of commands) {
    const command = define(context);
    command.exitOverride().configureOutput({
      writeOut: (text) => io.out.write(text),
      writeErr: (text) => io.err.write(text),
      outputError: () => {},
    });
    program.addCommand(command);
  }
  return { program, context };
}

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function run(argv: string[], io: RunIo = {}): Promise<number> {
  // A reader that goes away (`| head`) stops long work as Ctrl-C would, and the command ends with 0.
  const outputGone = new AbortController();
  const gone = () => outputGone.abort(new Error('the output was closed'));
  const out = io.out ?? streamOutput(process.stdout, { whenClosed: 'throw', onClosed: gone });
  const full: Required<RunIo> = {
    // Standard output carries tables, rows and summaries only (progress goes to stderr): on a terminal, all
    // of it is escaped here.
    out: out.isTTY ? { write: (text) => out.write(escapeControl(text)), isTTY: true } : out,
    err: io.err ?? streamOutput(process.stderr, { whenClosed: 'drop' }),
    env: io.env ?? process.env,
    signal: AbortSignal.any([io.signal ?? new AbortController().signal, outputGone.signal]),
  };
  const { program, context } = buildProgram(full);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    // A failure of the database after it was opened (made read-only meanwhile, disk full) is the user's to fix.
    return outputGone.signal.aborted ? 0 : report(asUserError(error, context.dbPath()), full);
  }
}

/** The one place that decides exit codes. */
function report(error: unknown, io: Required<RunIo>): number {
  const line = (text: string) =>
    io.err.write(`jobtrend: ${escapeControl(text.replace(/\s*\n\s*/g, ' ').trim())}\n`);
  if (error instanceof OutputClosed) return 0;
  if (error instanceof CommanderError) {
    if (
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.version' ||
      error.code === 'commander.help'
    ) {
      return 0;
    }
    line(`${error.message.replace(/^error: /, '')} (see jobtrend --help)`);
    return 2;
  }
  if (error instanceof Interrupted || error instanceof CommandFailed) {
    if (error.line) line(error.line);
    return error instanceof Interrupted ? 130 : 1;
  }
  if (error instanceof UsageError) {
    line(error.message);
    return 2;
  }
  if (error instanceof UserError) {
    line(error.message);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  line(`unexpected error: ${message} (set JOBTREND_DEBUG=1 for details, and please report it)`);
  if (io.env.JOBTREND_DEBUG && error instanceof Error && error.stack) io.err.write(`${error.stack}\n`);
  return 1;
}
