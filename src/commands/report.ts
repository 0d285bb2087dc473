// `jobtrend report`: gathers a trend report from the database (analysis plus the report's own aggregates),
// renders it in English or Chinese (--lang, or config reports.lang) to markdown with SVG charts beside it, or
// (--format html) to one self-contained HTML file, and writes it into reports/ (or --out, or config
// reports.outDir), named by date and subject, saying so when it replaces a report of the same name. With --json
// it writes no file and prints the figures behind the report on stdout instead. The command only gathers and
// writes; rendering is pure.
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { Command } from 'commander';
import type { CliContext } from '../cli/context.js';
import { jsonText } from '../cli/print-json.js';
import { UsageError, UserError } from '../errors.js';
import { gatherReport } from '../report/gather-report.js';
import { renderHtml } from '../report/render-html.js';
import { renderReport } from '../report/render-report.js';
import { reportJson } from '../report/report-json.js';
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
  format?: string;
  json?: boolean;
}

type ReportFormat = 'md' | 'html';

export function define(context: CliContext): Command {
  const command = new Command('report')
    .description(
      'write a trend report (growth, skills, companies, places, pay, claims, coverage) as markdown with SVG charts, or as one HTML file; --json prints its figures',
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
    .option(
      '--format <format>',
      'md (markdown, its SVG charts in a folder beside it) or html (one self-contained file, charts inline) (default: md)',
    )
    .option(
      '--json',
      'print the figures behind the report as JSON on stdout (snake_case keys) and write no file',
    )
    .option('--now <iso>', "the report's clock, for reproducible reports (default: now)")
    .action((options: ReportOptions) => {
      const now = parseNow(options.now);
      const lang = options.lang !== undefined ? parseLang(options.lang) : context.config().reports.lang;
      const format = parseFormat(options.format);
      if (options.json && (options.format !== undefined || options.out !== undefined)) {
        throw new UsageError(
          '--json prints the figures on stdout and writes no file: leave out --format and --out, or --json',
        );
      }
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
        if (options.json) {
          context.out.write(jsonText(reportJson(data, now)));
          return;
        }
        const rendered = renderReport(data, { now, lang });
        const written = writeReport(outDir, format === 'html' ? renderHtml(rendered) : rendered);
        const shown = relative(process.cwd(), written.path) || written.path;
        context.out.write(
          `report written: ${shown} (${format === 'html' ? `${rendered.files.length} charts inline` : `${written.files.length} chart${written.files.length === 1 ? '' : 's'}`}; ` +
            `${data.postings} postings in ${data.period.label})\n`,
        );
        if (written.replaced) {
          context.out.write(`replaced the earlier report of the same name: ${shown}\n`);
        }
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
    'jobtrend report --role ai-trainer --format html',
    'jobtrend report --role ai-trainer --period 2025 --json',
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

function parseFormat(text: string | undefined): ReportFormat {
  if (text === undefined) return 'md';
  const format = text.trim().toLowerCase();
  if (format === 'md' || format === 'markdown') return 'md';
  if (format === 'html') return 'html';
  throw new UsageError(
    `--format "${text}" is not a report format: use md or html (or --json for the figures)`,
  );
}

function parseLang(text: string): Lang {
  const lang = langOf(text);
  if (!lang) throw new UsageError(`--lang "${text}" is not a report language: use en or zh`);
  return lang;
}
