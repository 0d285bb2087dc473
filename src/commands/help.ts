// Shared help conventions: every command shows at least one example under its options.
import type { Command } from 'commander';

export function withExamples(command: Command, ...examples: string[]): Command {
  return command.addHelpText('after', `\nExamples:\n${examples.map((e) => `  $ ${e}`).join('\n')}\n`);
}
