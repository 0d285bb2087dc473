// The list of commands, each loaded only when it runs: `jobtrend --version` and `--help` import none of them
// (and so none of the database, browser or pipeline code behind them). A command is one file in this folder
// exporting `define`, plus one entry here: its name, the line `jobtrend --help` shows for it and the arguments
// shown beside it (tests/cli/lazy-commands.test.ts checks both against the command's own definition).
import type { Command } from 'commander';
import type { CliContext } from '../cli/context.js';

export type DefineCommand = (context: CliContext) => Command;

export interface CommandEntry {
  name: string;
  /** The command's description, as `jobtrend --help` lists it. */
  summary: string;
  /** Options and arguments as `jobtrend --help` shows them after the name: "[options] <sql>". */
  usage: string;
  load: () => Promise<{ define: DefineCommand }>;
}

export const commands: CommandEntry[] = [
  {
    name: 'init',
    summary: 'create the database, or migrate it to the current schema (safe to run again)',
    usage: '',
    load: () => import('./init.js'),
  },
  {
    name: 'status',
    summary: 'show the schema version, row counts, the last run of each source, and the database size',
    usage: '[options]',
    load: () => import('./status.js'),
  },
  {
    name: 'check',
    summary:
      "check the setup: the config (every field), Chromium, the database, and each configured source's host",
    usage: '[options]',
    load: () => import('./check.js'),
  },
  {
    name: 'health',
    summary:
      "check each source's recent runs for fields that stopped coming, empty runs and runs of blocks (exit 1 when flagged)",
    usage: '[options]',
    load: () => import('./health.js'),
  },
  {
    name: 'unblock',
    summary: 'ask hosts backed off after a verification page or login wall again at the next run',
    usage: '[options] [hosts...]',
    load: () => import('./unblock.js'),
  },
  {
    name: 'query',
    summary: 'run one read-only SQL statement and print the rows',
    usage: '[options] <sql>',
    load: () => import('./query.js'),
  },
  {
    name: 'sources',
    summary: 'list the sources jobtrend can scrape, with their base URLs and last runs',
    usage: '[options]',
    load: () => import('./sources.js'),
  },
  {
    name: 'scrape',
    summary: 'scrape job postings from the chosen sources into the database',
    usage: '[options]',
    load: () => import('./scrape.js'),
  },
  {
    name: 'parse',
    summary: "run a source's extraction on a saved page or a URL and print the postings as JSON Lines",
    usage: '[options] <file-or-url>',
    load: () => import('./parse.js'),
  },
  {
    name: 'schedule',
    summary: 'run the scheduled jobs of the config file until stopped (SIGINT/SIGTERM)',
    usage: '[options]',
    load: () => import('./schedule.js'),
  },
  {
    name: 'run',
    summary: 'run one scheduled job of the config now (with the same lock as the daemon)',
    usage: '[options] <job>',
    load: () => import('./run.js'),
  },
  {
    name: 'import',
    summary:
      'import a dataset of postings (CSV, TSV, JSON, JSON Lines) through the pipeline; re-importing adds nothing',
    usage: '[options] <file>',
    load: () => import('./import.js'),
  },
  {
    name: 'export',
    summary:
      'print deduplicated postings with their roles and skills as JSON Lines (keys = column names) or CSV',
    usage: '[options]',
    load: () => import('./export.js'),
  },
  {
    name: 'demo',
    summary:
      'run the whole pipeline offline on bundled SAMPLE sites (API, HTML, GBK, JavaScript page) and write a report',
    usage: '[options]',
    load: () => import('./demo.js'),
  },
  {
    name: 'report',
    summary:
      'write a trend report (growth, skills, companies, places, pay, claims, coverage) as markdown with SVG charts, or as one HTML file; --json prints its figures',
    usage: '[options]',
    load: () => import('./report.js'),
  },
  {
    name: 'growth',
    summary:
      'new postings per watched day, by week, month or quarter: share of all postings, growth against the period before and the year before (with intervals), and the trend',
    usage: '[options]',
    load: () => import('./growth.js'),
  },
  {
    name: 'skills',
    summary:
      'skill counts and shares of matching postings; with --compare, the change in share with a two-proportion test and Benjamini–Hochberg q-values',
    usage: '[options]',
    load: () => import('./skills.js'),
  },
  {
    name: 'claim',
    summary:
      'check a claim about demand ("rose by more than 30%") against the data: estimate, 95% interval, verdict, coverage and caveats',
    usage: '[options]',
    load: () => import('./claim.js'),
  },
  {
    name: 'reindex',
    summary:
      'recompute roles, skills, places and pay flags of every stored posting after a taxonomy change (no re-fetch)',
    usage: '[options]',
    load: () => import('./reindex.js'),
  },
  {
    name: 'completion',
    summary: 'print a shell completion script (bash, zsh or fish) for commands, options and source ids',
    usage: '<shell>',
    load: () => import('./completion.js'),
  },
];
