// `jobtrend demo`: the whole main job on a machine without internet. Serves invented sample sites on
// 127.0.0.1, scrapes them with the real scrapers and engine into the database, imports a sample dataset,
// and writes a report marked as sample data. Thin wrapper over runDemo.
import { Command } from 'commander';
import type { CliContext } from '../cli/context.js';
import { runDemo, SAMPLE_NOTICE } from '../demo/run-demo.js';
import { UsageError, UserError } from '../errors.js';
import { createLogger, silentLogger } from '../log.js';
import { CommandFailed, Interrupted } from '../outcome.js';
import { DEFAULT_REPORTS_DIR } from '../paths.js';
import { countNonDemoPostings } from '../store/demo-store.js';
import { withExamples } from './help.js';

interface DemoFlags {
  out?: string;
  now?: string;
  force?: boolean;
  verbose?: boolean;
}

export function define(context: CliContext): Command {
  const command = new Command('demo')
    .description(
      'run the whole pipeline offline on bundled SAMPLE sites (API, HTML, GBK, JavaScript page) and write a report',
    )
    .option('--out <dir>', 'folder for the report', DEFAULT_REPORTS_DIR)
    .option(
      '--now <date>',
      "the demo's clock (ISO date or time): sample postings are dated over the three years before it",
    )
    .option('--force', 'add the sample postings even though the database holds real (non-demo) postings')
    .option('--verbose', 'log every request on stderr')
    .action(async (flags: DemoFlags) => {
      const now = flags.now ? parseNow(flags.now) : new Date();
      const db = context.openDb();
      try {
        const foreign = countNonDemoPostings(db);
        if (foreign > 0 && !flags.force) {
          throw new UserError(
            `${context.dbPath()} already holds ${foreign} real postings: run the demo on its own database (jobtrend --db demo.sqlite demo), or pass --force to mix sample data in`,
          );
        }
        const say = (line: string) => context.out.write(`${line}\n`);
        say(`jobtrend demo — ${SAMPLE_NOTICE}`);
        say(`database: ${context.dbPath()}`);
        const result = await runDemo({
          db,
          reportsDir: flags.out ?? DEFAULT_REPORTS_DIR,
          now,
          say,
          signal: context.signal,
          env: context.env,
          logger: flags.verbose
            ? createLogger({ destination: { write: (t: string) => context.err.write(t) }, level: 'debug' })
            : silentLogger(),
        });
        const failed = result.runs.filter((r) => r.status === 'failed' || r.status === 'interrupted');
        if (result.reportPath) say(`report (sample data): ${result.reportPath}`);
        say(
          'next: jobtrend status · jobtrend export --format csv · jobtrend query "SELECT * FROM monthly_counts LIMIT 20"',
        );
        say(`      ${flagshipClaim(now)}`);
        say(`reminder: ${SAMPLE_NOTICE}`);
        if (context.signal.aborted) throw new Interrupted();
        if (failed.length > 0) throw new CommandFailed();
      } finally {
        db.close();
      }
    });
  return withExamples(
    command,
    'jobtrend demo',
    'jobtrend --db /tmp/demo.sqlite demo --out /tmp/reports --now 2026-06-30',
  );
}

/** The README's claim with the two full years before the demo's clock, which its sample postings cover. */
export function flagshipClaim(now: Date): string {
  const year = now.getUTCFullYear();
  return `jobtrend claim --role ai-trainer --city 上海 --period ${year - 1} --baseline ${year - 2} --change '>30%'`;
}

function parseNow(text: string): Date {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T12:00:00Z` : text);
  if (Number.isNaN(date.getTime()))
    throw new UsageError(`--now must be a date like 2026-06-30 or an ISO time, not "${text}"`);
  return date;
}
