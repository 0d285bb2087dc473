// `jobtrend import FILE`: load a dataset of postings someone already has (CSV, TSV, JSON, JSON Lines; a
// jobtrend export round-trips exactly) into the database. Thin wrapper over importFile.
import { Command } from 'commander';
import type { CliContext } from '../cli/context.js';
import { UsageError } from '../errors.js';
import {
  type ColumnMapping,
  IMPORT_FIELDS,
  loadMappingFile,
  parseMapFlags,
} from '../import/column-mapping.js';
import { DATASET_FORMATS, type DatasetFormat } from '../import/dataset-records.js';
import { describeUndecodable, type ImportSummary, importFile } from '../import/import-file.js';
import { withExamples } from './help.js';

interface ImportFlags {
  source?: string;
  format?: string;
  encoding?: string;
  map?: string[];
  mapping?: string;
  timeZone?: string;
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
      const mapping: ColumnMapping = {
        ...(flags.mapping ? loadMappingFile(flags.mapping) : {}),
        ...parseMapFlags(flags.map ?? []),
      };
      const db = context.openDb();
      try {
        let lastShown = 0;
        const summary = await importFile(db, file, {
          sourceName: flags.source,
          format: flags.format as DatasetFormat | undefined,
          encoding: flags.encoding,
          mapping,
          timeZone: flags.timeZone,
          currency: flags.currency?.toUpperCase(),
          signal: context.signal,
          onProgress: context.err.isTTY
            ? ({ rows }) => {
                if (rows - lastShown >= 50_000) {
                  lastShown = rows;
                  context.err.write(`\r${rows.toLocaleString('en')} rows read…`);
                }
              }
            : undefined,
        });
        if (lastShown > 0) context.err.write('\n');
        if (flags.json) context.out.write(`${JSON.stringify(summary, null, 2)}\n`);
        else context.out.write(renderSummary(summary));
        // Every row refused: the file is not what the flags say (format, encoding, mapping).
        if (summary.interrupted || (summary.rows > 0 && summary.skippedCount === summary.rows))
          context.exitCode = 1;
      } finally {
        db.close();
      }
    });
  return withExamples(
    command,
    'jobtrend import postings.csv --source kaggle-ai-jobs',
    'jobtrend import builtin-jobs.csv --currency USD',
    'jobtrend import 51job.csv --encoding gbk --map title=职位 --map company=公司 --time-zone Asia/Shanghai',
    'jobtrend export > all.jsonl && jobtrend --db copy.sqlite import all.jsonl',
  );
}

/** The terminal summary: what was stored, where, which rows were skipped and why. */
export function renderSummary(summary: ImportSummary): string {
  const lines = [
    `imported ${summary.path} (${summary.format}${summary.mode === 'restore' ? ', a jobtrend export: rows restored as exported' : ''}) into ${summary.sourceIds.join(', ') || '(no source: no rows)'}`,
    `${summary.rows} rows read: ${summary.inserted} new, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.skippedCount} skipped`,
  ];
  if (summary.coverageFrom) lines.push(`dates covered: ${summary.coverageFrom} to ${summary.coverageTo}`);
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
