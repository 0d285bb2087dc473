// `jobtrend report`: gathers a trend report from the database (analysis plus the report's own aggregates),
// renders it to markdown with SVG charts in English or Chinese (--lang, or config reports.lang), and writes it
// into reports/ (or --out, or config reports.outDir), named by date and subject. The command only gathers and
// writes; rendering is a pure function.
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { Command } from 'commander';
import type { CliContext } from '../cli/context.js';
import { UsageError, UserError } from '../errors.js';
import { gatherReport } from '../report/gather-report.js';
import { renderReport } from '../report/render-report.js';
import { type Lang, langOf } from '../report/report-lang.js';
import { writeReport } from '../report/write-report.js';
import { withExamples } from './help.js';

interface ReportOptions {
  role?: string;
  city?: string;
  period?: string;
  claims?: string;
  out?: string;
  now?: string;
  lang?: string;
}

export function define(context: CliContext): Command {
  const command = new Command('report')
    .description(
      'write a markdown trend report with SVG charts (growth, skills, companies, places, pay, claims, coverage)',
    )
    .option(
      '--role <role>',
      'role id: ai-trainer, data-annotator, ai-rater, ai-tutor, prompt-engineer, ai-other (default: all)',
    )
    .option('--city <city>', 'city, e.g. Shanghai or 上海 (default: all cities)')
    .option(
      '--period <period>',
      'period to report on: 2026-10, 2026-Q3, 2026, 2026-01-01..2026-03-31, last-90-days (default: the last full month)',
    )
    .option('--claims <file>', 'YAML or JSON list of claims to check and include')
    .option('--out <dir>', 'folder to write into (default: config reports.outDir, else reports/)')
    .option(
      '--lang <lang>',
      'language of the report: en or zh (中文) (default: config reports.lang, else en)',
    )
    .option('--now <iso>', "the report's clock, for reproducible reports (default: now)")
    .action((options: ReportOptions) => {
      const now = parseNow(options.now);
      const lang = options.lang !== undefined ? parseLang(options.lang) : context.config().reports.lang;
      if (options.claims !== undefined && !existsSync(options.claims)) {
        throw new UserError(`no claims file at ${options.claims}: check the path given to --claims`);
      }
      const outDir = options.out ?? context.config().reports.outDir;
      const db = context.openDb({ readonly: true });
      try {
        const data = gatherReport(db, {
          role: options.role,
          city: options.city,
          period: options.period,
          claimsFile: options.claims,
          now,
        });
        const rendered = renderReport(data, { now, lang });
        const written = writeReport(outDir, rendered);
        const shown = relative(process.cwd(), written.markdownPath) || written.markdownPath;
        context.out.write(
          `report written: ${shown} (${written.files.length} chart${written.files.length === 1 ? '' : 's'}; ` +
            `${data.postings} postings in ${data.period.label})\n`,
        );
      } finally {
        db.close();
      }
    });
  return withExamples(
    command,
    'jobtrend report',
    'jobtrend report --role ai-trainer --city Shanghai --period 2026-Q3',
    'jobtrend report --role ai-trainer --city 上海 --period 2026-Q3 --lang zh',
    'jobtrend report --role data-annotator --claims examples/claims.yaml --out reports/ --now 2026-11-25T00:00:00Z',
  );
}

function parseNow(text: string | undefined): Date {
  if (text === undefined) return new Date();
  const trimmed = text.trim();
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/.exec(
    trimmed,
  );
  // A time without a zone is UTC, like every time in jobtrend (never the machine's local zone).
  const date = m
    ? new Date(m[2] ? `${m[1]}T${m[2]}${m[3] ?? 'Z'}` : `${m[1]}T00:00:00Z`)
    : new Date(Number.NaN);
  const ok = m !== null;
  if (!ok || Number.isNaN(date.getTime())) {
    throw new UsageError(
      `--now "${text}" is not an ISO date or time: write e.g. 2026-11-25 or 2026-11-25T08:00:00Z`,
    );
  }
  return date;
}

function parseLang(text: string): Lang {
  const lang = langOf(text);
  if (!lang) throw new UsageError(`--lang "${text}" is not a report language: use en or zh`);
  return lang;
}
