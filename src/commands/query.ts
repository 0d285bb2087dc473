// `jobtrend query "SQL"`: read-only SQL against the database. A table on a terminal, or --json / --csv.
// Writes are refused before they run; the connection itself is read-only as a second guard. The statement
// runs in a child process (src/query/run-query.ts), stopped at once on Ctrl-C/SIGTERM or after --timeout.
import { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import type { CliContext } from '../cli/context.js';
import { formatTable } from '../cli/format-table.js';
import { UsageError, UserError } from '../errors.js';
import { Interrupted } from '../outcome.js';
import { QueryStoppedError, runQuery } from '../query/run-query.js';
import { spreadsheetSafe } from '../text/spreadsheet-safe.js';
import { withExamples } from './help.js';

interface QueryOptions {
  json?: boolean;
  csv?: boolean;
  param?: string[];
  timeout: string;
}

export function define(context: CliContext): Command {
  const command = new Command('query')
    .description('run one read-only SQL statement and print the rows')
    .argument('<sql>', 'a SELECT (or WITH … SELECT, or a read-only PRAGMA)')
    .option('--json', 'print a JSON array of row objects')
    .option('--csv', 'print CSV with a header row')
    .option('-p, --param <name=value>', 'bind a named parameter (:name in the SQL); repeatable', collect, [])
    .option('--timeout <seconds>', 'stop the statement after this many seconds (0: no limit)', '60')
    .action(async (sql: string, options: QueryOptions) => {
      if (options.json && options.csv) throw new UsageError('choose one of --json and --csv');
      const timeout = Number(options.timeout);
      if (options.timeout.trim() === '' || !Number.isFinite(timeout) || timeout < 0)
        throw new UsageError(
          `--timeout must be a number of seconds, e.g. 60 (0: no limit), not "${options.timeout}"`,
        );
      const params = Object.fromEntries((options.param ?? []).map(parseParam));
      const db = context.openDb({ readonly: true });
      let columns: string[];
      try {
        let statement: ReturnType<typeof db.prepare>;
        try {
          statement = db.prepare(sql);
        } catch (error) {
          throw new UserError(`the SQL does not parse: ${(error as Error).message}`);
        }
        if (!statement.readonly) {
          throw new UserError(
            'query only reads: this statement would change the database (use sqlite3 to write)',
          );
        }
        if (!statement.reader) {
          throw new UserError('query prints rows: use a SELECT statement');
        }
        columns = statement.columns().map((c) => c.name);
      } finally {
        db.close();
      }
      let rows: Record<string, unknown>[];
      try {
        rows = await runQuery(
          { path: context.dbPath(), sql, params },
          { timeoutMs: Math.round(timeout * 1000), signal: context.signal },
        );
      } catch (error) {
        if (error instanceof QueryStoppedError) throw new Interrupted(error.message);
        throw error;
      }
      if (options.json) context.out.write(`${JSON.stringify(rows, null, 2)}\n`);
      else if (options.csv)
        context.out.write(stringify(rows.map(spreadsheetCells), { header: true, columns }));
      else
        context.out.write(
          `${formatTable(columns, rows, context.out.isTTY ? 40 : 1000)}(${rows.length} rows)\n`,
        );
    });
  return withExamples(
    command,
    `jobtrend query "SELECT city, count(*) AS n FROM postings_dedup GROUP BY city ORDER BY n DESC LIMIT 10"`,
    `jobtrend query --csv "SELECT * FROM monthly_counts WHERE role_id = :role" -p role=ai-trainer > counts.csv`,
    `jobtrend query --timeout 600 "SELECT company, count(*) FROM postings GROUP BY company"`,
  );
}

/** A row whose text cells a spreadsheet will not take for formulas. */
function spreadsheetCells(row: Record<string, unknown>): Record<string, unknown> {
  const safe: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row))
    safe[key] = typeof value === 'string' ? spreadsheetSafe(value) : value;
  return safe;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseParam(text: string): [string, string] {
  const at = text.indexOf('=');
  if (at <= 0) throw new UsageError(`--param needs name=value, got "${text}"`);
  return [text.slice(0, at), text.slice(at + 1)];
}
