// Where a command's text goes: standard output or error as the CLI hands them over, or a string in a test.
// Its own module so that the CLI, the commands and what they drive (progress, log lines) share the type
// without importing the CLI.

export interface Output {
  write(text: string): void;
  /** True when a person is watching (progress bars, tables, colours). */
  isTTY: boolean;
}
