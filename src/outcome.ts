// How a command ends when it did not simply succeed. A command's action returns when all went well and throws
// one of these (or an error from errors.ts) when not; src/cli alone turns them into exit codes. Commands never
// choose an exit code themselves.

/**
 * The command did its work and has said what failed on its own output (a flagged source, a failed check, a job
 * whose scrapes failed): the CLI prints `line` when there is one, and exits 1.
 */
export class CommandFailed extends Error {
  override name = 'CommandFailed';
  constructor(readonly line?: string) {
    super(line ?? 'the command reported a failure');
  }
}

/**
 * The command was asked to stop (Ctrl-C, SIGTERM) and stopped early, keeping what it had done: the CLI prints
 * `line` when there is one, and exits 130.
 */
export class Interrupted extends Error {
  override name = 'Interrupted';
  constructor(readonly line?: string) {
    super(line ?? 'stopped');
  }
}
