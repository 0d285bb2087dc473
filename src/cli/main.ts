// The jobtrend command line: builds the program from the command list, runs it, and is the one place that
// turns errors into exit codes. Usage errors exit 2, other failures 1, each as one line on stderr.
import { Command, CommanderError } from 'commander';
import { commands } from '../commands/index.js';
import { UsageError, UserError } from '../errors.js';
import { type CliContext, makeContext, type Output } from './context.js';
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
  const full: Required<RunIo> = {
    out: io.out ?? streamOutput(process.stdout, { whenClosed: 'throw', onClosed: gone }),
    err: io.err ?? streamOutput(process.stderr, { whenClosed: 'drop' }),
    env: io.env ?? process.env,
    signal: AbortSignal.any([io.signal ?? new AbortController().signal, outputGone.signal]),
  };
  const { program, context } = buildProgram(full);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return outputGone.signal.aborted ? 0 : context.exitCode;
  } catch (error) {
    return outputGone.signal.aborted ? 0 : report(error, full);
  }
}

/** The one place that decides exit codes. */
function report(error: unknown, io: Required<RunIo>): number {
  const line = (text: string) => io.err.write(`jobtrend: ${text.replace(/\s*\n\s*/g, ' ').trim()}\n`);
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
