// The crawl benchmark's baseline: a bare crawler with nothing but Node's fetch, cheerio and an array for a
// queue, crawling the same pages in the same way as the scraper it is compared with (list page → its detail
// pages and the next list page, list pages first), at the same concurrency. No politeness, no retries, no
// pipeline, no database: what any crawler of these pages must at least spend.
import * as cheerio from 'cheerio';
import { parseLinkedin } from '../../scrapers/linkedin.js';

export interface BarePage {
  /** Further pages to crawl; `first` ones go to the head of the queue (the next list page). */
  next: { url: string; first?: boolean }[];
  /** Postings read from the page. */
  postings: number;
}

/** Crawls from `start` with `concurrency` requests at once; returns the pages fetched and postings read. */
export async function bareCrawl(
  start: string[],
  concurrency: number,
  read: (url: string, html: string) => BarePage,
): Promise<{ pages: number; postings: number }> {
  const queue = [...start];
  let pages = 0;
  let postings = 0;
  let active = 0;
  let wake: (() => void) | undefined;
  const worker = async () => {
    for (;;) {
      const url = queue.shift();
      if (url === undefined) {
        if (active === 0) {
          wake?.();
          return;
        }
        await new Promise<void>((resolve) => {
          const previous = wake;
          wake = () => {
            previous?.();
            resolve();
          };
        });
        continue;
      }
      active++;
      const response = await fetch(url, { headers: { 'user-agent': 'jobtrend-bench' } });
      if (!response.ok) throw new Error(`HTTP ${response.status} from ${url}`);
      const page = read(url, await response.text());
      pages++;
      postings += page.postings;
      for (const link of page.next) {
        if (link.first) queue.unshift(link.url);
        else queue.push(link.url);
      }
      active--;
      const waiting = wake;
      wake = undefined;
      waiting?.();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { pages, postings };
}

/** The careers site's pages, read as the `site` scraper reads them. */
export function readSitePage(url: string, html: string): BarePage {
  const $ = cheerio.load(html);
  if (new URL(url).pathname === '/list') {
    const next: BarePage['next'] = [];
    $('li.job').each((_, el) => {
      const item = $(el);
      const href = item.find('a.title').attr('href');
      if (item.attr('data-id') && item.find('a.title').text().trim() && href)
        next.push({ url: new URL(href, url).href });
      item.find('.company').text();
      item.find('.city').text();
      item.find('.salary').text();
      item.find('time').attr('datetime');
    });
    const more = $('a.next').attr('href');
    if (more) next.push({ url: new URL(more, url).href, first: true });
    return { next, postings: 0 };
  }
  const found = $('h1').first().text().trim() && $('.desc').first().text().trim();
  $('.type').first().text();
  return { next: [], postings: found ? 1 : 0 };
}

/**
 * LinkedIn's guest search and job pages, read with the `linkedin` scraper's own parse function (pure: text in,
 * postings out): what a bare crawler of this board must spend, so that the figure is the engine's cost.
 */
export function readLinkedinPage(url: string, html: string, maxPages: number): BarePage {
  const parsed = new URL(url);
  const postings = parseLinkedin(html, { url });
  if (parsed.pathname.endsWith('/search')) {
    const next: BarePage['next'] = postings.map((p) => ({
      url: `${parsed.origin}/jobs-guest/jobs/api/jobPosting/${p.sourcePostingId}`,
    }));
    const start = Number(parsed.searchParams.get('start') ?? 0);
    if (next.length > 0 && start / 25 + 1 < maxPages) {
      parsed.searchParams.set('start', String(start + 25));
      next.push({ url: parsed.href, first: true });
    }
    return { next, postings: 0 };
  }
  return { next: [], postings: postings.length };
}
