// `jobtrend export`: deduplicated postings (or all with --all) with their roles and skills, as JSON Lines
// (keys = database column names) or CSV, to stdout or a file. Thin wrapper over exportPostings.

import { once } from 'node:events';
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { Command } from 'commander';
import type { CliContext } from '../cli/context.js';
import { UsageError, UserError } from '../errors.js';
import type { ExportFormat } from '../export/export-format.js';
import { exportPostings } from '../export/export-postings.js';
import { didYouMean } from '../text/did-you-mean.js';
import { withExamples } from './help.js';

interface ExportFlags {
  format: string;
  output?: string;
  all?: boolean;
  role?: string[];
  city?: string[];
  source?: string[];
  from?: string;
  to?: string;
}

export function define(context: CliContext): Command {
  const command = new Command('export')
    .description(
      'print deduplicated postings with their roles and skills as JSON Lines (keys = column names) or CSV',
    )
    .option('--format <format>', 'jsonl or csv', 'jsonl')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .option('--all', 'every stored posting, reposts and cross-posts included (default: deduplicated)')
    .option(
      '--role <id>',
      'only postings with this role (a role id: see `jobtrend query "SELECT id, name FROM roles"`); repeatable',
      collect,
    )
    .option('--city <name>', 'only postings in this city (Shanghai or 上海); repeatable', collect)
    .option(
      '--source <id>',
      'only postings from this source (e.g. greenhouse, import:mydata); repeatable',
      collect,
    )
    .option('--from <date>', 'effective date on or after (YYYY-MM-DD or YYYY-MM)')
    .option('--to <date>', 'effective date on or before (YYYY-MM-DD or YYYY-MM)')
    .action(async (flags: ExportFlags) => {
      if (flags.format !== 'jsonl' && flags.format !== 'csv') {
        throw new UsageError(`--format must be jsonl or csv, not "${flags.format}"`);
      }
      // The taxonomy decides which roles exist, as it does for analysis and reports.
      const known = (await import('../pipeline/index.js')).roleIds();
      const unknown = (flags.role ?? []).find((r) => !known.includes(r));
      if (unknown) {
        throw new UsageError(
          `--role: unknown role "${unknown}"${didYouMean(unknown, known)}: use one of ${known.join(', ')}`,
        );
      }
      const from = flags.from ? parseBound(flags.from, 'from') : undefined;
      const to = flags.to ? parseBound(flags.to, 'to') : undefined;
      if (from && to && from > to) throw new UsageError(`--from ${flags.from} is after --to ${flags.to}`);
      const cities = await Promise.all((flags.city ?? []).map(canonicalCity));
      const filters = {
        all: flags.all,
        roles: flags.role,
        cities,
        sources: flags.source,
        from,
        to,
        format: flags.format as ExportFormat,
      };
      const db = context.openDb({ readonly: true });
      try {
        if (!flags.output) {
          await exportPostings(db, context.out, filters);
          return;
        }
        if (
          !existsSync(dirname(flags.output)) ||
          (existsSync(flags.output) && statSync(flags.output).isDirectory())
        ) {
          throw new UserError(`cannot write ${flags.output}: give a file path in an existing folder`);
        }
        const file = createWriteStream(flags.output);
        const failed = once(file, 'error').then(([error]) => {
          throw new UserError(`cannot write ${flags.output}: ${(error as Error).message}`);
        });
        failed.catch(() => {});
        const count = await Promise.race([
          exportPostings(db, file, { ...filters, drain: () => Promise.race([once(file, 'drain'), failed]) }),
          failed,
        ]);
        file.end();
        await Promise.race([once(file, 'finish'), failed]);
        context.err.write(`exported ${count} postings to ${flags.output}\n`);
      } finally {
        db.close();
      }
    });
  return withExamples(
    command,
    'jobtrend export > postings.jsonl',
    'jobtrend export --format csv --role ai-trainer --city Shanghai --from 2025-01 -o shanghai.csv',
    'jobtrend export --all --source import:kaggle-ai-jobs | wc -l',
  );
}

/** YYYY-MM-DD as given; YYYY-MM as its first (from) or last (to) day. */
export function parseBound(text: string, which: 'from' | 'to'): string {
  // A real day of the calendar: Date.parse takes 2025-02-30 for 2 March, so the day must come back as written.
  const day = new Date(`${text}T00:00:00Z`);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(day.getTime()) && day.toISOString().startsWith(text))
    return text;
  const month = /^(\d{4})-(\d{2})$/.exec(text);
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) {
    if (which === 'from') return `${text}-01`;
    const last = new Date(Date.UTC(Number(month[1]), Number(month[2]), 0)).getUTCDate();
    return `${text}-${String(last).padStart(2, '0')}`;
  }
  throw new UsageError(`--${which} must be a date like 2025-03-01 or a month like 2025-03, not "${text}"`);
}

/** "上海", "shanghai" → "Shanghai" through the pipeline's city table; unknown names are used as given. */
async function canonicalCity(name: string): Promise<string> {
  try {
    const pipeline = await import('../pipeline/index.js');
    return pipeline.resolveCity(name) ?? name;
  } catch {
    return name;
  }
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
