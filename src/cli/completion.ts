// Shell completion scripts for bash, zsh and fish, written from the commander program itself: its commands,
// their options and the global ones, so a new command or flag completes without touching this file. Values
// complete where jobtrend knows them: source ids after --source, role ids after --role, an option's choices,
// files after an option that takes a path, a folder or a file name, and shell names after `completion`.
import type { Command, Option } from 'commander';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

interface OptionSpec {
  flags: string[];
  description: string;
  takesValue: boolean;
  /** Words the value completes to; 'files' for paths; empty: nothing to offer. */
  values: string[] | 'files';
}

interface CommandSpec {
  name: string;
  description: string;
  options: OptionSpec[];
  /** What the first argument completes to, when jobtrend knows (help <command>, completion <shell>). */
  argument: string[];
}

export interface CompletionSpec {
  global: OptionSpec[];
  commands: CommandSpec[];
}

/** Values for options jobtrend can list: `--source` → source ids, `--role` → role ids. */
export type KnownValues = Record<string, string[]>;

export function completionSpec(program: Command, known: KnownValues): CompletionSpec {
  const commands: CommandSpec[] = program.commands.map((command) => ({
    name: command.name(),
    description: firstClause(command.description()),
    options: [...command.options.map((o) => optionSpec(o, known)), helpOption()],
    argument:
      command.name() === 'completion' ? [...SHELLS] : command.name() === 'help' ? commandNames(program) : [],
  }));
  if (!commands.some((c) => c.name === 'help')) {
    commands.push({
      name: 'help',
      description: 'display help for a command',
      options: [],
      argument: commandNames(program),
    });
  }
  return {
    global: [...program.options.map((o) => optionSpec(o, known)), helpOption()],
    commands,
  };
}

function commandNames(program: Command): string[] {
  return program.commands.map((c) => c.name());
}

function helpOption(): OptionSpec {
  return { flags: ['-h', '--help'], description: 'display help', takesValue: false, values: [] };
}

function optionSpec(option: Option, known: KnownValues): OptionSpec {
  const flags = [option.short, option.long].filter((f): f is string => Boolean(f));
  const takesValue = option.required || option.optional;
  const argument = /<([^>]+)>|\[([^\]]+)\]/.exec(option.flags);
  const argName = (argument?.[1] ?? argument?.[2] ?? '').toLowerCase();
  let values: OptionSpec['values'] = [];
  if (option.argChoices) values = option.argChoices;
  else if (option.long && known[option.long]) values = known[option.long]!;
  else if (/path|dir|file|\.\w+$/.test(argName)) values = 'files';
  return { flags, description: firstClause(option.description), takesValue, values };
}

/** A short description, safe inside every shell's quoting: the first clause, no brackets, colons or quotes. */
function firstClause(text: string): string {
  return text
    .split(/[;(:—]/)[0]!
    .replace(/[[\]:'"`$\\]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function completionScript(shell: Shell, spec: CompletionSpec): string {
  switch (shell) {
    case 'bash':
      return bashScript(spec);
    case 'zsh':
      return zshScript(spec);
    case 'fish':
      return fishScript(spec);
  }
}

const words = (list: string[]) => list.join(' ');

function bashValueCases(options: OptionSpec[], indent: string): string[] {
  const lines: string[] = [];
  for (const option of options.filter((o) => o.takesValue)) {
    const pattern = option.flags.join('|');
    const action =
      option.values === 'files'
        ? 'COMPREPLY=($(compgen -f -- "$cur"))'
        : option.values.length > 0
          ? `COMPREPLY=($(compgen -W "${words(option.values)}" -- "$cur"))`
          : 'COMPREPLY=()';
    lines.push(`${indent}${pattern}) ${action}; return ;;`);
  }
  return lines;
}

function bashScript(spec: CompletionSpec): string {
  const globalWithValue = spec.global.filter((o) => o.takesValue).flatMap((o) => o.flags);
  const perCommand = spec.commands
    .map((command) => {
      const valueCases = bashValueCases(command.options, '        ');
      return [
        `    ${command.name})`,
        ...(valueCases.length > 0 ? ['      case "$prev" in', ...valueCases, '      esac'] : []),
        `      options="${words(command.options.flatMap((o) => o.flags))}"`,
        `      arguments="${words(command.argument)}"`,
        '      ;;',
      ].join('\n');
    })
    .join('\n');
  return `# jobtrend completion for bash. Load it in this shell:  source <(jobtrend completion bash)
# or for every shell:  jobtrend completion bash > ~/.local/share/bash-completion/completions/jobtrend
_jobtrend() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  local command="" options="" arguments="" i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in
      ${globalWithValue.join('|')}) ((i++)) ;;
      -*) ;;
      *) command="\${COMP_WORDS[i]}"; break ;;
    esac
  done
  if [[ -z "$command" ]]; then
    case "$prev" in
${bashValueCases(spec.global, '      ').join('\n')}
    esac
    if [[ "$cur" == -* ]]; then
      COMPREPLY=($(compgen -W "${words(spec.global.flatMap((o) => o.flags))}" -- "$cur"))
    else
      COMPREPLY=($(compgen -W "${words(spec.commands.map((c) => c.name))}" -- "$cur"))
    fi
    return
  fi
  case "$command" in
${perCommand}
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$options" -- "$cur"))
  elif [[ -n "$arguments" ]]; then
    COMPREPLY=($(compgen -W "$arguments" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _jobtrend jobtrend
`;
}

function zshOption(option: OptionSpec): string {
  const description = option.description;
  const value = !option.takesValue
    ? ''
    : option.values === 'files'
      ? ':path:_files'
      : option.values.length > 0
        ? `:value:(${words(option.values)})`
        : ':value: ';
  if (option.flags.length === 1) return `'${option.flags[0]}[${description}]${value}'`;
  const group = option.flags.join(' ');
  return `'(${group})'{${option.flags.join(',')}}'[${description}]${value}'`;
}

function zshScript(spec: CompletionSpec): string {
  const commandList = spec.commands.map((c) => `    '${c.name}:${c.description}'`).join('\n');
  const perCommand = spec.commands
    .map((command) => {
      const specs = command.options.map(zshOption);
      if (command.argument.length > 0) specs.push(`'1:argument:(${words(command.argument)})'`);
      else specs.push("'*:file:_files'");
      return `        ${command.name}) _arguments -s \\\n          ${specs.join(' \\\n          ')} ;;`;
    })
    .join('\n');
  return `#compdef jobtrend
# jobtrend completion for zsh. Load it in this shell:  source <(jobtrend completion zsh)
# or for every shell: save it as _jobtrend in a folder of your $fpath, e.g.
#   jobtrend completion zsh > "\${fpath[1]}/_jobtrend"
_jobtrend() {
  local curcontext="$curcontext" state line
  local -a commands
  commands=(
${commandList}
  )
  _arguments -C \\
    ${spec.global.map(zshOption).join(' \\\n    ')} \\
    '1: :->command' \\
    '*:: :->argument'
  case $state in
    command) _describe -t commands 'jobtrend command' commands ;;
    argument)
      case $line[1] in
${perCommand}
      esac ;;
  esac
}
if [[ "\${zsh_eval_context[-1]}" == loadautofunc ]]; then
  _jobtrend "$@"
else
  compdef _jobtrend jobtrend
fi
`;
}

function fishOption(condition: string, option: OptionSpec): string {
  const parts = [`complete -c jobtrend${condition}`];
  for (const flag of option.flags)
    parts.push(flag.startsWith('--') ? `-l ${flag.slice(2)}` : `-s ${flag.slice(1)}`);
  if (option.takesValue) {
    if (option.values === 'files') parts.push('-r -F');
    else if (option.values.length > 0) parts.push(`-x -a '${words(option.values)}'`);
    else parts.push('-x');
  }
  parts.push(`-d '${option.description}'`);
  return parts.join(' ');
}

function fishScript(spec: CompletionSpec): string {
  const names = words(spec.commands.map((c) => c.name));
  const lines = [
    '# jobtrend completion for fish. Load it in this shell:  jobtrend completion fish | source',
    '# or for every shell:  jobtrend completion fish > ~/.config/fish/completions/jobtrend.fish',
    'complete -c jobtrend -f',
    ...spec.global.map((o) => fishOption('', o)),
    ...spec.commands.map(
      (c) =>
        `complete -c jobtrend -n 'not __fish_seen_subcommand_from ${names}' -a ${c.name} -d '${c.description}'`,
    ),
  ];
  for (const command of spec.commands) {
    const condition = ` -n '__fish_seen_subcommand_from ${command.name}'`;
    lines.push(...command.options.map((o) => fishOption(condition, o)));
    if (command.argument.length > 0)
      lines.push(`complete -c jobtrend${condition} -a '${words(command.argument)}'`);
    else lines.push(`complete -c jobtrend${condition} -F`);
  }
  return `${lines.join('\n')}\n`;
}
