// A test-only scraper over the fixture job site (tests/engine/fixture-site.ts): paginated HTML lists at
// /jobs?page=N, each posting an <li class="job">, a "next" link until the last page. parse() also reads the
// same postings as JSON ({"jobs": [...]}) so `jobtrend parse` can be shown both shapes.
import * as cheerio from 'cheerio';
import { z } from 'zod';
import type { PageRequest, ParseHint, Scraper, StartContext } from '../../scrapers/types.js';
import type { RawPosting } from '../../src/domain/posting.js';
import { NotRetryableError } from '../../src/fetch/errors.js';

export const fixtureOptionsSchema = z.object({ listPath: z.string().default('/jobs') }).strict();
export type FixtureOptions = z.infer<typeof fixtureOptionsSchema>;

interface JsonJob {
  id: string;
  title: string;
  company?: string;
  city?: string;
  salary?: string;
  date?: string;
}

export function parseFixturePage(body: string, hint: ParseHint = {}): RawPosting[] {
  const trimmed = body.trimStart();
  if (trimmed.startsWith('{')) {
    let data: { jobs?: JsonJob[] };
    try {
      data = JSON.parse(trimmed) as { jobs?: JsonJob[] };
    } catch {
      throw new NotRetryableError('fixture JSON does not parse', hint.url);
    }
    return (data.jobs ?? []).map((job) => ({
      sourcePostingId: job.id,
      title: job.title,
      company: job.company,
      location: job.city,
      salary: job.salary,
      postedAt: job.date,
      raw: job,
    }));
  }
  const $ = cheerio.load(body);
  if ($('ul.jobs').length === 0) throw new NotRetryableError('not a fixture job list (no ul.jobs)', hint.url);
  return $('li.job')
    .toArray()
    .map((el) => {
      const item = $(el);
      const link = item.find('a.title');
      return {
        sourcePostingId: item.attr('data-id') ?? '',
        url: hint.url ? new URL(link.attr('href') ?? '', hint.url).toString() : link.attr('href'),
        title: link.text().trim(),
        company: item.find('.company').text().trim() || undefined,
        location: item.find('.city').text().trim() || undefined,
        salary: item.find('.salary').text().trim() || undefined,
        postedAt: item.find('time').attr('datetime'),
        description: item.find('.summary').text().trim() || undefined,
        raw: { html: $.html(el) },
      };
    });
}

/** List page `page` of the fixture site. */
function listPage(context: StartContext<FixtureOptions>, page: number): PageRequest {
  const url = new URL(`${context.options.listPath}`, context.baseUrl);
  url.searchParams.set('page', String(page));
  if (context.search.query) url.searchParams.set('q', context.search.query);
  return { url: url.toString(), handler: 'list', kind: 'list', data: { page } };
}

export const fixtureScraper: Scraper<FixtureOptions> = {
  id: 'fixture',
  name: 'Fixture job site (tests)',
  kind: 'html',
  defaultBaseUrl: 'http://127.0.0.1:9',
  timeZone: 'Asia/Shanghai',
  verifiedAgainst: 'tests/engine/fixture-site.ts',
  optionsSchema: fixtureOptionsSchema,
  start: (context) => [listPage(context, 1)],
  handlers: {
    list(page, context) {
      const n = (context.request.data as { page: number }).page;
      const postings = parseFixturePage(page.text, { url: context.request.url });
      const more =
        /class="next"/.test(page.text) &&
        !(context.search.maxPages !== undefined && n >= context.search.maxPages);
      return { postings, requests: more ? [listPage(context, n + 1)] : [] };
    },
  },
  parse: (body, hint) => parseFixturePage(body, hint),
};
