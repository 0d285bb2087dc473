// `jobtrend completion bash|zsh|fish`: prints a completion script for the shell, written from the program's
// own commands and options (src/cli/completion.ts).
import { Command } from 'commander';
import { scrapers } from '../../scrapers/registry.js';
import { completionScript, completionSpec, SHELLS, type Shell } from '../cli/completion.js';
import type { CliContext } from '../cli/context.js';
import { UsageError } from '../errors.js';
import { withExamples } from './help.js';

export function define(context: CliContext): Command {
  const command = new Command('completion')
    .description('print a shell completion script (bash, zsh or fish) for commands, options and source ids')
    .argument('<shell>', `one of ${SHELLS.join(', ')}`)
    .action(async (shell: string, _options: unknown, own: Command) => {
      if (!(SHELLS as readonly string[]).includes(shell)) {
        throw new UsageError(`unknown shell "${shell}": use one of ${SHELLS.join(', ')}`);
      }
      const program = own.parent;
      if (!program) throw new Error('completion needs the whole program');
      // The pipeline (which knows the roles) is loaded only here: most commands never need it.
      const { roleIds } = await import('../pipeline/index.js');
      const spec = completionSpec(program, {
        '--source': scrapers.map((s) => s.id),
        '--role': roleIds(),
      });
      context.out.write(completionScript(shell as Shell, spec));
    });
  return withExamples(
    command,
    'jobtrend completion bash > ~/.local/share/bash-completion/completions/jobtrend',
    'source <(jobtrend completion bash)',
    'jobtrend completion zsh > ~/.zfunc/_jobtrend   # a folder listed in your fpath',
    'jobtrend completion fish > ~/.config/fish/completions/jobtrend.fish',
  );
}
