// The jobtrend command line: builds the program from the command list, runs it, and is the one place that
// turns a command's outcome into an exit code: 0 when its action returns, 2 for usage errors, 130 when it was
// interrupted (src/outcome.ts), 1 for every other failure, each failure as one line on stderr. What goes to a
// terminal has its control characters escaped: text from postings must not command the terminal.
import { existsSync } from 'node:fs';
import { Command, CommanderError, Help, Option } from 'commander';
import { type CommandEntry, commands, type DefineCommand } from '../commands/index.js';
import { UsageError, UserError } from '../errors.js';
import { CommandFailed, Interrupted } from '../outcome.js';
import type { Output } from '../output.js';
import { asUserError } from '../store/sqlite-errors.js';
import { escapeControl } from '../text/terminal-text.js';
import type { CliContext, makeContext as MakeContext } from './context.js';
import { OutputClosed, streamOutput } from './output-stream.js';

export interface RunIo {
  out?: Output;
  err?: Output;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

/** The commands a run defines in full (options, action), and what they are given; the others stand in. */
export interface LoadedCommands {
  makeContext: typeof MakeContext;
  defines: Map<string, DefineCommand>;
}

function globalOptions(): Option[] {
  return [
    new Option('--db <path>', 'SQLite database file (env JOBTREND_DB; default db/jobtrend.sqlite)'),
    new Option('--config <path>', 'config file (default jobtrend.config.yaml or .json in this folder)'),
  ];
}

/**
 * The program with every command: those in `loaded` in full, the others as a name and a summary, which is
 * all `jobtrend --help`, its suggestions for a mistyped command and `jobtrend help` need.
 */
export function buildProgram(
  io: Required<RunIo>,
  loaded?: LoadedCommands,
): { program: Command; context: CliContext | undefined } {
  const program = new Command('jobtrend').description(
    'Watch the job market for AI-trainer work and tell, with honest numbers, how demand is moving.',
  );
  for (const option of globalOptions()) program.addOption(option);
  program
    .version('0.1.0')
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => io.out.write(text),
      writeErr: (text) => io.err.write(text),
      // Commander's own errors are reported by run() below, as one line.
      outputError: () => {},
    })
    .configureHelp({
      subcommandTerm: (command) => {
        const entry = commands.find((c) => c.name === command.name());
        return entry ? `${entry.name} ${entry.usage}`.trim() : new Help().subcommandTerm(command);
      },
    })
    .exitOverride();
  const context = loaded?.makeContext(program, io);
  // A config file named on the command line must exist, whether or not the command reads its config.
  program.hook('preAction', () => {
    const path = program.opts<{ config?: string }>().config;
    if (path !== undefined && !existsSync(path)) {
      throw new UserError(`config file ${path} not found: check the path given to --config`);
    }
  });
  for (const entry of commands) {
    const define = loaded?.defines.get(entry.name);
    const command = define && context ? define(context) : standIn(entry);
    command.exitOverride().configureOutput({
      writeOut: (text) => io.out.write(text),
      writeErr: (text) => io.err.write(text),
      outputError: () => {},
    });
    program.addCommand(command);
  }
  return { program, context };
}

function standIn(entry: CommandEntry): Command {
  return new Command(entry.name).description(entry.summary).action(() => {
    throw new Error(`the ${entry.name} command was run without being loaded`);
  });
}

/**
 * The commands `argv` runs: the first word that is not an option (or an option's value); for `help NAME`,
 * NAME; for `completion`, all of them (the script lists every option). None for `--version` or `--help`.
 */
export function commandsRun(argv: string[]): string[] {
  const takesValue = new Set(
    globalOptions()
      .filter((o) => o.required || o.optional)
      .flatMap((o) => [o.long, o.short].filter((flag) => flag !== undefined)),
  );
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      words.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('-')) {
      if (takesValue.has(arg)) i++; // its value
      continue;
    }
    words.push(arg);
    if (words[0] !== 'help' || words.length === 2) break;
  }
  const [first, second] = words;
  if (first === 'completion') return commands.map((c) => c.name);
  if (first === 'help') return second ? [second] : [];
  return first ? [first] : [];
}

async function loadCommands(names: string[]): Promise<LoadedCommands | undefined> {
  const entries = commands.filter((c) => names.includes(c.name));
  if (entries.length === 0) return undefined;
  const [{ makeContext }, ...modules] = await Promise.all([
    import('./context.js'),
    ...entries.map((entry) => entry.load()),
  ]);
  return { makeContext, defines: new Map(entries.map((entry, i) => [entry.name, modules[i]!.define])) };
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
  const { program, context } = buildProgram(full, await loadCommands(commandsRun(argv)));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    // A failure of the database after it was opened (made read-only meanwhile, disk full) is the user's to fix.
    if (outputGone.signal.aborted) return 0;
    return report(context ? asUserError(error, context.dbPath()) : error, full);
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
