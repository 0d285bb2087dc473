// `jobtrend scrape`: crawls the chosen sources at once (default: those enabled in the config), with a
// progress bar on a terminal and JSON log lines otherwise, then prints one line per source run. `--resume`
// continues the last scrape that was stopped, from its queue.
import { Command, InvalidArgumentError } from 'commander';
import { findScraper, scrapers } from '../../scrapers/registry.js';
import type { CliContext } from '../cli/context.js';
import { formatTable } from '../cli/format-table.js';
import { createProgressDisplay } from '../engine/progress.js';
import { type RunSummary, scrapeSources } from '../engine/scrape-source.js';
import { UsageError, UserError } from '../errors.js';
import { CriticalError } from '../fetch/errors.js';
import { createLogger } from '../log.js';
import { Interrupted } from '../outcome.js';
import { didYouMean } from '../text/did-you-mean.js';
import { escapeControl } from '../text/terminal-text.js';
import { withExamples } from './help.js';

interface ScrapeOptions {
  source: string[];
  query?: string;
  city?: string;
  maxPages?: number;
  incremental?: boolean;
  resume?: boolean;
}

export function define(context: CliContext): Command {
  const command = new Command('scrape')
    .description('scrape job postings from the chosen sources into the database')
    .option(
      '-s, --source <id>',
      'source id (repeatable, or comma-separated; default: the sources enabled in the config)',
      collect,
      [],
    )
    .option('-q, --query <text>', 'search words, e.g. "AI训练师"')
    .option('-c, --city <city>', 'city, e.g. Shanghai or 上海')
    .option('--max-pages <n>', 'stop each listing after N pages', positiveInt)
    .option('--incremental', 'stop a listing at the first page of postings already stored')
    .option(
      '--resume',
      'continue the last scrape that was stopped (killed, interrupted), with its own sources and search, without fetching stored pages again',
    )
    .action(async (options: ScrapeOptions) => {
      const config = context.config();
      if (options.resume) {
        const given = ['source', 'query', 'city', 'maxPages', 'incremental'].filter((key) => {
          const value = options[key as keyof ScrapeOptions];
          return Array.isArray(value) ? value.length > 0 : value !== undefined;
        });
        if (given.length > 0) {
          throw new UsageError(
            `--resume continues the stopped scrape as it was: leave out ${given.map((g) => `--${g.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ')}`,
          );
        }
      }
      const sourceIds = options.resume ? [] : chooseSources(options.source, config.sources);
      const city = options.city ? await canonicalCity(options.city) : undefined;
      const db = context.openDb();
      // On a terminal the progress bars and the table say it all; elsewhere JSON lines for the logs.
      const logger = createLogger({
        destination: { write: (line: string) => context.err.write(line) },
        pretty: false,
        level: context.err.isTTY ? 'silent' : (context.env.JOBTREND_LOG_LEVEL ?? 'info'),
      });
      const progress = createProgressDisplay(context.err);
      let summaries: RunSummary[];
      try {
        summaries = await scrapeSources({
          db,
          sourceIds,
          config,
          request: { query: options.query, city, maxPages: options.maxPages },
          incremental: options.incremental,
          ...(options.resume ? { resume: 'required' as const } : {}),
          signal: context.signal,
          logger,
          onProgress: (p) => progress.onProgress(p),
          onStart: (s) => progress.onStart(s),
        });
      } catch (error) {
        if (error instanceof CriticalError) throw new UserError(`scraping stopped: ${error.message}`);
        throw error;
      } finally {
        progress.stop();
        db.close();
      }
      context.out.write(
        formatTable(
          ['source', 'status', 'pages', 'seen', 'new', 'updated', 'retries', 'errors', 'note'],
          summaries.map((s) => ({
            source: s.sourceId,
            status: s.status,
            pages: s.counters.pages_fetched,
            seen: s.counters.postings_seen,
            new: s.counters.postings_new,
            updated: s.counters.postings_updated,
            retries: s.counters.retries,
            errors: s.counters.error_count,
            note: s.errorSummary ?? '',
          })),
          context.out.isTTY ? 60 : 1000,
        ),
      );
      // One line per source: the table's. What went wrong is its note, said once.
      if (summaries.length > 0 && summaries.every((s) => s.status === 'failed')) {
        const names = summaries.map((s) => s.sourceId).join(', ');
        if (context.out.isTTY) throw new UserError(`every source failed (${names}): see the notes above`);
        const first = summaries[0]!;
        throw new UserError(
          `every source failed (${names}); ${first.sourceId}: ${escapeControl(first.errorSummary ?? 'no postings')}`,
        );
      }
      const resume = summaries.some((s) => s.status === 'interrupted')
        ? 'stopped; `jobtrend scrape --resume` continues where it stopped'
        : undefined;
      if (context.signal.aborted) throw new Interrupted(resume);
      if (resume) context.err.write(`jobtrend: ${resume}\n`);
    });
  return withExamples(
    command,
    'jobtrend scrape --source zhaopin --query "AI训练师" --city Shanghai --max-pages 3',
    'jobtrend scrape --source greenhouse --source lever',
    'jobtrend scrape            # the sources enabled in jobtrend.config.yaml',
    'jobtrend scrape --resume   # after a stop or a crash: continue from the queue',
  );
}

/** The sources asked for, else those the config enables; unknown ids are a usage error. */
export function chooseSources(
  asked: string[],
  configured: Record<string, Record<string, unknown>>,
): string[] {
  const ids = asked
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  const chosen =
    ids.length > 0
      ? [...new Set(ids)]
      : Object.keys(configured).filter((id) => configured[id]?.enabled !== false);
  if (chosen.length === 0) {
    throw new UsageError(
      'no sources to scrape: pass --source ID (see jobtrend sources), or list sources in the config',
    );
  }
  for (const id of chosen) {
    if (!findScraper(id)) {
      throw new UsageError(
        `unknown source "${id}"${ids.length === 0 ? ' in the config' : ''}${didYouMean(
          id,
          scrapers.map((s) => s.id),
        )}: see jobtrend sources for the known ids`,
      );
    }
  }
  return chosen;
}

async function canonicalCity(input: string): Promise<string> {
  const { resolveCity } = await import('../pipeline/index.js');
  const city = resolveCity(input);
  const { suggestCity } = await import('../pipeline/city-suggestions.js');
  if (!city)
    throw new UsageError(
      `unknown city "${input}"${suggestCity(input)}: use a city name such as Shanghai, 上海, Beijing or "San Francisco"`,
    );
  return city;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}
