// Errors the user can act on. The CLI (src/cli/main.ts) turns these into one line and an exit code (usage → 2,
// the rest → 1); anything else is a bug and is reported as such, still in one line unless JOBTREND_DEBUG is set.

/**
 * What was wrong, as a code and the values it speaks of, for output that words it in another language (the
 * Chinese report's claims that could not be checked). The message stays the English line the CLI prints.
 */
export interface ErrorDetail {
  code: string;
  values: Readonly<Record<string, string>>;
}

/** The command line itself is wrong: unknown flag, bad period, missing argument. Exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    message: string,
    readonly detail?: ErrorDetail,
  ) {
    super(message);
  }
}

/**
 * Something the user can fix is wrong outside the command line: a missing file, a corrupt database,
 * an invalid config. Exit code 1. The message says what is wrong and how to fix it.
 */
export class UserError extends Error {
  override name = 'UserError';
}
