// `jobtrend check`: is this setup ready to run (like `nginx -t` or `scrapy check`)? Config, Chromium, the
// database, and each configured source's host — one line per item, exit 1 when something must be fixed.
import { relative } from 'node:path';
import { Command } from 'commander';
import { type CheckLine, runChecks } from '../check/run-checks.js';
import type { CliContext, GlobalOptions } from '../cli/context.js';
import { jsonText } from '../cli/print-json.js';
import { findConfigFile } from '../config/load-config.js';
import { UsageError } from '../errors.js';
import { CommandFailed } from '../outcome.js';
import { withExamples } from './help.js';

interface CheckFlags {
  offline?: boolean;
  timeout: string;
  json?: boolean;
}

const MARK: Record<CheckLine['status'], string> = { ok: 'ok', warn: 'warn', fail: 'FAIL', skip: 'skip' };

export function define(context: CliContext): Command {
  const command = new Command('check')
    .description(
      "check the setup: the config (every field), Chromium, the database, and each configured source's host",
    )
    .option('--offline', 'do not resolve or contact the sources’ hosts')
    .option('--timeout <seconds>', 'how long to wait for each host', '5')
    .option('--json', 'print the checks as JSON')
    .action(async (flags: CheckFlags, own: Command) => {
      const globals = own.optsWithGlobals<GlobalOptions & CheckFlags>();
      const file = findConfigFile(globals.config);
      const lines = await runChecks({
        loadConfig: () => context.config(),
        configLabel: file ? relative(process.cwd(), file) || file : 'no config file (defaults)',
        dbPath: context.dbPath(),
        offline: Boolean(flags.offline),
        env: context.env,
        timeoutMs: seconds(flags.timeout) * 1000,
      });
      const failed = lines.filter((l) => l.status === 'fail');
      if (flags.json) {
        context.out.write(jsonText({ ok: failed.length === 0, checks: lines }));
      } else {
        const width = Math.max(...lines.map((l) => l.item.length));
        for (const line of lines) {
          context.out.write(`${MARK[line.status].padEnd(4)}  ${line.item.padEnd(width)}  ${line.detail}\n`);
        }
        context.out.write(
          failed.length === 0
            ? 'the setup looks ready\n'
            : `${failed.length} problem${failed.length === 1 ? '' : 's'} to fix (the FAIL lines above)\n`,
        );
      }
      if (failed.length > 0) throw new CommandFailed();
    });
  return withExamples(
    command,
    'jobtrend check',
    'jobtrend --config jobtrend.config.example.yaml check --offline',
    'jobtrend --config /etc/jobtrend/jobtrend.config.yaml --db /var/lib/jobtrend/jobtrend.sqlite check --json',
  );
}

function seconds(text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    throw new UsageError(`--timeout must be a number of seconds, e.g. 5 (got "${text}")`);
  }
  return value;
}
