// `jobtrend parse --source ID FILE|URL`: runs one scraper's extraction on a saved page or response body
// (HTML or JSON, list or detail: the scraper recognises which) and prints the normalised postings as JSON
// Lines with the database's column names. The tool to reach for when a site changes its pages.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { Command } from 'commander';
import { getScraper } from '../../scrapers/registry.js';
import type { ParseHint } from '../../scrapers/types.js';
import type { CliContext } from '../cli/context.js';
import type { RawPosting } from '../domain/posting.js';
import { UserError } from '../errors.js';
import { createFetcher } from '../fetch/create-fetcher.js';
import { decodeBody } from '../fetch/decode-body.js';
import { detectBlock } from '../fetch/detect-block.js';
import { BlockedError, ScrapeError } from '../fetch/errors.js';
import { CommandFailed } from '../outcome.js';
import { withExamples } from './help.js';

interface ParseOptions {
  source: string;
  contentType?: string;
  url?: string;
}

export function define(context: CliContext): Command {
  const command = new Command('parse')
    .description("run a source's extraction on a saved page or a URL and print the postings as JSON Lines")
    .argument('<file-or-url>', 'a saved HTML or JSON body, or an http(s) URL to fetch')
    .requiredOption('-s, --source <id>', 'the source whose scraper reads it (see jobtrend sources)')
    .option(
      '--content-type <type>',
      'what the file is, when its name does not say (text/html, application/json)',
    )
    .option('--url <url>', 'the URL the saved page came from (resolves relative links)')
    .action(async (target: string, options: ParseOptions) => {
      const scraper = getScraper(options.source);
      const { text, hint } = await readBody(target, options, context);
      const block = detectBlock({
        requestedUrl: hint.url ?? target,
        finalUrl: hint.url ?? target,
        status: 200,
        contentType: hint.contentType,
        text,
      });
      if (block) {
        throw new UserError(
          `${target} is a block page (${block}), not postings: save the page again after passing the check in a browser`,
        );
      }
      let raws: RawPosting[];
      try {
        raws = scraper.parse(text, hint);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (error instanceof BlockedError) {
          throw new UserError(
            `${target} is a block page (${message.replace(/^blocked: /, '')}), not postings: save the page again after passing the check in a browser`,
          );
        }
        if (error instanceof ScrapeError || error instanceof SyntaxError) {
          throw new UserError(`the ${scraper.id} scraper cannot read ${target}: ${message}`);
        }
        throw error;
      }
      const { normalisePosting } = await import('../pipeline/index.js');
      const seenAt = new Date();
      for (const raw of raws) {
        const posting = normalisePosting(raw, {
          sourceId: scraper.id,
          seenAt,
          ...(scraper.timeZone ? { timeZone: scraper.timeZone } : {}),
        });
        context.out.write(`${JSON.stringify(posting)}\n`);
      }
      if (raws.length === 0) {
        throw new CommandFailed(
          `the ${scraper.id} scraper found no postings in ${target}: is it the right source, or has the page changed?`,
        );
      }
    });
  return withExamples(
    command,
    'jobtrend parse --source zhaopin tests/fixtures/sources-cn/zhaopin/search-shanghai-p1.html',
    'jobtrend parse --source 51job tests/fixtures/sources-cn/51job/search-list-p1.html | jq .title',
    "jobtrend parse --source greenhouse 'https://boards-api.greenhouse.io/v1/boards/anthropic/jobs?content=true'",
  );
}

async function readBody(
  target: string,
  options: ParseOptions,
  context: CliContext,
): Promise<{ text: string; hint: ParseHint }> {
  if (/^https?:\/\//i.test(target)) {
    const config = context.config();
    const fetcher = createFetcher(config.fetch, {
      signal: context.signal,
      env: context.env,
      browser: config.browser,
    });
    try {
      const page = await fetcher.fetch(target);
      return {
        text: page.text,
        hint: { url: page.url, contentType: options.contentType ?? page.headers['content-type'] },
      };
    } catch (error) {
      if (error instanceof ScrapeError) throw new UserError(`cannot fetch ${target}: ${error.message}`);
      throw error;
    } finally {
      await fetcher.close();
    }
  }
  if (!existsSync(target))
    throw new UserError(`no file at ${target}: check the path (or pass an http(s) URL)`);
  if (statSync(target).isDirectory())
    throw new UserError(`${target} is a folder: pass a saved page or response body`);
  const contentType = options.contentType ?? guessContentType(target);
  // Bytes, not text: a saved GBK page is decoded from its <meta> charset like a fetched one.
  const text = decodeBody(readFileSync(target), contentType);
  return {
    text,
    hint: { ...(options.url ? { url: options.url } : {}), ...(contentType ? { contentType } : {}) },
  };
}

function guessContentType(path: string): string | undefined {
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return 'application/json';
  if (ext === '.html' || ext === '.htm') return 'text/html';
  return undefined;
}
