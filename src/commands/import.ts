// `jobtrend import FILE`: load a dataset of postings someone already has (CSV, TSV, JSON, JSON Lines; a
// jobtrend export round-trips exactly) into the database. Thin wrapper over importFile.
import { basename, extname } from 'node:path';
import { Command } from 'commander';
import { parsePeriod } from '../analysis/period.js';
import type { CliContext } from '../cli/context.js';
import { jsonText } from '../cli/print-json.js';
import { createProgressLine, megabytes } from '../cli/progress-line.js';
import { configuredLifetimes } from '../config/source-lifetimes.js';
import { UsageError } from '../errors.js';
import {
  type ColumnMapping,
  IMPORT_FIELDS,
  loadMappingFile,
  parseMapFlags,
} from '../import/column-mapping.js';
import { DATASET_FORMATS, type DatasetFormat } from '../import/dataset-records.js';
import {
  describeUndecodable,
  type ImportSummary,
  importFile,
  importSourceName,
} from '../import/import-file.js';
import { CommandFailed, Interrupted } from '../outcome.js';
import { withExamples } from './help.js';

interface ImportFlags {
  source?: string;
  format?: string;
  encoding?: string;
  map?: string[];
  mapping?: string;
  timeZone?: string;
  observed?: string;
  undated?: string;
  currency?: string;
  json?: boolean;
}

export function define(context: CliContext): Command {
  const command = new Command('import')
    .description(
      'import a dataset of postings (CSV, TSV, JSON, JSON Lines) through the pipeline; re-importing adds nothing',
    )
    .argument('<file>', 'the dataset file')
    .option(
      '--source <name>',
      'name of the dataset: postings are stored under source "import:<name>" (default: the file name; a jobtrend export keeps its own source ids unless --source or --map is given)',
    )
    .option(
      '--format <format>',
      `one of ${DATASET_FORMATS.join(', ')} (default: from the file name and content)`,
    )
    .option('--encoding <name>', 'text encoding of the file: utf-8 (default), gbk, gb18030, big5 …')
    .option(
      '--map <field=column>',
      `which column feeds a field; repeatable. Fields: ${IMPORT_FIELDS.join(', ')}`,
      collect,
    )
    .option('--mapping <file>', 'a YAML or JSON file of field: column pairs')
    .option('--time-zone <tz>', "time zone of the dataset's dates, e.g. Asia/Shanghai (default UTC)")
    .option(
      '--observed <from..to>',
      'the days the dataset was collected (scraped) on, e.g. 2026-02-10..2026-02-12; over any scrape-date column. Without either, the dataset counts as a continuous log of its posting dates ("coverage assumed")',
    )
    .option(
      '--undated <policy>',
      'accept a dataset without a posted-date column: "import-day" dates its postings the day they were collected (they count as open postings, not as new ones)',
    )
    .option(
      '--currency <code>',
      "ISO 4217 currency of pay figures the dataset gives without one, e.g. USD (default: the currency of each posting's country, marked inferred)",
    )
    .option('--json', 'print the summary as JSON')
    .action(async (file: string, flags: ImportFlags) => {
      if (flags.format && !(DATASET_FORMATS as readonly string[]).includes(flags.format)) {
        throw new UsageError(`--format must be one of ${DATASET_FORMATS.join(', ')}, not "${flags.format}"`);
      }
      if (flags.timeZone && !validTimeZone(flags.timeZone)) {
        throw new UsageError(`--time-zone: unknown time zone "${flags.timeZone}" (e.g. Asia/Shanghai, UTC)`);
      }
      if (flags.currency !== undefined && !/^[A-Za-z]{3}$/.test(flags.currency)) {
        throw new UsageError(
          `--currency must be an ISO 4217 code of three letters (USD, EUR, CNY), not "${flags.currency}"`,
        );
      }
      if (flags.undated !== undefined && flags.undated !== 'import-day') {
        throw new UsageError(`--undated takes "import-day", not "${flags.undated}"`);
      }
      const observed = flags.observed === undefined ? undefined : parseObserved(flags.observed, new Date());
      const mapping: ColumnMapping = {
        ...(flags.mapping ? loadMappingFile(flags.mapping) : {}),
        ...parseMapFlags(flags.map ?? []),
      };
      const lifetimes = configuredLifetimes(context.config());
      const db = context.openDb();
      try {
        // By the file's bytes when its size is known (a bar with its ETA), else the rows with their rate.
        const bySize = createProgressLine(context.err, { unit: 'MB read', format: megabytes });
        const byRows = createProgressLine(context.err, { unit: 'rows read' });
        const summary = await importFile(db, file, {
          sourceName: flags.source,
          format: flags.format as DatasetFormat | undefined,
          encoding: flags.encoding,
          mapping,
          timeZone: flags.timeZone,
          ...(observed ? { observed } : {}),
          ...(flags.undated ? { undatedImportDay: true } : {}),
          ...lifetimesFor(lifetimes, flags.source, file),
          currency: flags.currency?.toUpperCase(),
          signal: context.signal,
          onProgress: ({ rows, bytesRead, fileBytes }) =>
            bytesRead !== undefined && fileBytes ? bySize.update(bytesRead, fileBytes) : byRows.update(rows),
        }).finally(() => {
          bySize.stop();
          byRows.stop();
        });
        if (flags.json) context.out.write(jsonText(summary));
        else context.out.write(renderSummary(summary));
        if (summary.interrupted) throw new Interrupted();
        // Every row refused: the file is not what the flags say (format, encoding, mapping).
        if (summary.rows > 0 && summary.skippedCount === summary.rows) throw new CommandFailed();
      } finally {
        db.close();
      }
    });
  return withExamples(
    command,
    'jobtrend import examples/datasets/ai-jobs.csv --source kaggle-ai-jobs',
    'jobtrend import examples/datasets/builtin-jobs.csv --currency USD',
    'jobtrend import examples/datasets/51job.csv --encoding gbk --map title=职位 --map company=公司 --time-zone Asia/Shanghai',
    'jobtrend import examples/datasets/snapshot.csv --observed 2026-02-10..2026-02-12',
    'jobtrend import examples/datasets/boss-list.csv --undated import-day',
    'jobtrend export > all.jsonl && jobtrend --db copy.sqlite import all.jsonl',
  );
}

/** --observed FROM..TO (or one day, or any period such as 2026-02): the days the data were collected on. */
function parseObserved(text: string, now: Date): { from: string; to: string } {
  let period: ReturnType<typeof parsePeriod>;
  try {
    period = parsePeriod(text, now);
  } catch {
    throw new UsageError(
      `--observed "${text}" is not a day or a range of days: write e.g. 2026-02-10..2026-02-12`,
    );
  }
  const today = now.toISOString().slice(0, 10);
  if (period.end > today) {
    throw new UsageError(
      `--observed ${text} ends after today (${today}): give the days the data were collected on`,
    );
  }
  return { from: period.start, to: period.end };
}

/** The configured lifetime of the source this import writes to ("import:<name>"), if any. */
function lifetimesFor(
  lifetimes: Record<string, number>,
  source: string | undefined,
  file: string,
): { lifetimeDays?: number } {
  const id = `import:${importSourceName(source ?? basename(file, extname(file)))}`;
  return lifetimes[id] !== undefined ? { lifetimeDays: lifetimes[id] } : {};
}

/** The terminal summary: what was stored, where, which rows were skipped and why. */
export function renderSummary(summary: ImportSummary): string {
  const lines = [
    `imported ${summary.path} (${summary.format}${summary.mode === 'restore' ? ', a jobtrend export: rows restored as exported' : ''}) into ${summary.sourceIds.join(', ') || '(no source: no rows)'}`,
    `${summary.rows} rows read: ${summary.inserted} new, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.skippedCount} skipped`,
  ];
  if (summary.coverageFrom) {
    if (summary.coverageSource === 'assumed') {
      lines.push(
        `coverage assumed: no collection dates (a scrape-date column such as scraped_date or 抓取时间, or --observed FROM..TO), so the dataset counts as a continuous log of ${summary.coverageFrom} to ${summary.coverageTo}; every figure built on it says so`,
      );
    } else {
      lines.push(
        `collected on ${summary.observedDays} day${summary.observedDays === 1 ? '' : 's'} from ${summary.coverageFrom} to ${summary.coverageTo} (${summary.coverageSource === 'column' ? 'its scrape-date column' : '--observed'}): the days up to a posting lifetime before each count as watched`,
      );
    }
  }
  if (summary.undated > 0) {
    lines.push(
      `${summary.undated} posting${summary.undated === 1 ? ' has' : 's have'} no posted date and ${summary.undated === 1 ? 'is' : 'are'} dated the day ${summary.undated === 1 ? 'it was' : 'they were'} collected${summary.coverageSource === 'assumed' ? ' (the import day)' : ''}: those listed at the first collection count as open postings, never as new ones`,
    );
  }
  for (const s of summary.skipped.slice(0, 20)) lines.push(`  skipped line ${s.line}: ${s.reason}`);
  if (summary.skippedCount > 20)
    lines.push(`  … and ${summary.skippedCount - 20} more (see --json for up to 1000)`);
  if (summary.undecodable_count > 0) lines.push(describeUndecodable(summary, summary.encoding));
  if (summary.interrupted)
    lines.push('interrupted: the rows stored so far are kept; run the same import again to finish');
  return `${lines.join('\n')}\n`;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
