// `jobtrend query "SQL"`: read-only SQL against the database. A table on a terminal, or --json / --csv.
// Writes are refused before they run; the connection itself is read-only as a second guard.
import { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import type { CliContext } from '../cli/context.js';
import { formatTable } from '../cli/format-table.js';
import { UsageError, UserError } from '../errors.js';
import { withExamples } from './help.js';

interface QueryOptions {
  json?: boolean;
  csv?: boolean;
  param?: string[];
}

export function define(context: CliContext): Command {
  const command = new Command('query')
    .description('run one read-only SQL statement and print the rows')
    .argument('<sql>', 'a SELECT (or WITH … SELECT, or a read-only PRAGMA)')
    .option('--json', 'print a JSON array of row objects')
    .option('--csv', 'print CSV with a header row')
    .option('-p, --param <name=value>', 'bind a named parameter (:name in the SQL); repeatable', collect, [])
    .action((sql: string, options: QueryOptions) => {
      if (options.json && options.csv) throw new UsageError('choose one of --json and --csv');
      const db = context.openDb({ readonly: true });
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
        const params = Object.fromEntries((options.param ?? []).map(parseParam));
        let rows: Record<string, unknown>[];
        try {
          rows = (Object.keys(params).length > 0 ? statement.all(params) : statement.all([])) as Record<
            string,
            unknown
          >[];
        } catch (error) {
          throw new UserError(`the query failed: ${(error as Error).message}`);
        }
        const columns = statement.columns().map((c) => c.name);
        if (options.json) context.out.write(`${JSON.stringify(rows, null, 2)}\n`);
        else if (options.csv) context.out.write(stringify(rows, { header: true, columns }));
        else
          context.out.write(
            `${formatTable(columns, rows, context.out.isTTY ? 40 : 1000)}(${rows.length} rows)\n`,
          );
      } finally {
        db.close();
      }
    });
  return withExamples(
    command,
    `jobtrend query "SELECT city, count(*) AS n FROM postings_dedup GROUP BY city ORDER BY n DESC LIMIT 10"`,
    `jobtrend query --csv "SELECT * FROM monthly_counts WHERE role_id = :role" -p role=ai-trainer > counts.csv`,
  );
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseParam(text: string): [string, string] {
  const at = text.indexOf('=');
  if (at <= 0) throw new UsageError(`--param needs name=value, got "${text}"`);
  return [text.slice(0, at), text.slice(at + 1)];
}
