// Scraping against a local HTTP server that answers every request after 20 ms (a paginated HTML listing:
// 400 pages of 20 cards). Two figures:
// - pages/s through the real fetch layer (createFetcher: no rate limit, concurrency 16, robots.txt read and
//   allowing) plus cheerio parsing, against a bare fetch + cheerio pool of 16 over the same pages in the
//   same run (target ratio ≥ 0.9);
// - the request rate achieved under a configured per-host limit (600 requests/minute for ~6 s; quick ~3 s),
//   measured from the server's arrival times (target ≥ 95 % of the limit, and never above it).
// The site runs in a child process for the throughput figure, so that serving does not eat the client's
// CPU (on a real crawl the site is someone else's machine); in-process for the rate figure, which needs
// the arrival times and little CPU.
import * as cheerio from 'cheerio';
import { createFetcher } from '../../src/fetch/create-fetcher.js';
import { LATENCY_MS, PER_PAGE, startSite, startSiteProcess } from './latency-site.js';
import { type Figure, type Phase, ratioFigure, seconds } from './types.js';

const CONCURRENCY = 16;

/** What a scraper would take from a list page. */
function parseCards(html: string): number {
  const $ = cheerio.load(html);
  let cards = 0;
  $('li.job').each((_, el) => {
    const item = $(el);
    if (item.attr('data-id') && item.find('a.title').text().trim()) cards++;
  });
  return cards;
}

/** Fetches and parses every URL with `workers` at once; returns pages per second. */
async function crawl(
  urls: string[],
  workers: number,
  get: (url: string) => Promise<string>,
): Promise<number> {
  let next = 0;
  let cards = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < urls.length) {
        const url = urls[next++]!;
        const html = await get(url);
        cards += parseCards(html);
      }
    }),
  );
  const took = seconds(start);
  if (cards !== urls.length * PER_PAGE)
    throw new Error(`parsed ${cards} cards, expected ${urls.length * PER_PAGE}`);
  return urls.length / took;
}

async function bareGet(url: string): Promise<string> {
  const response = await fetch(url, { headers: { 'user-agent': 'jobtrend-bench' } });
  if (!response.ok) throw new Error(`HTTP ${response.status} from ${url}`);
  return response.text();
}

/** Pages/s through createFetcher (a fresh fetcher per round: robots.txt is read each time, as in a run). */
async function fetcherRound(urls: string[]): Promise<number> {
  const fetcher = createFetcher({
    requestsPerMinute: 1e9,
    perHostConcurrency: CONCURRENCY,
    concurrency: CONCURRENCY,
    respectRobots: true,
    conditionalRequests: false,
    backoffBaseMs: 10,
    maxRetries: 0,
  });
  try {
    return await crawl(urls, CONCURRENCY, async (url) => (await fetcher.fetch(url)).text);
  } finally {
    await fetcher.close();
  }
}

async function throughput(): Promise<Figure> {
  // 400 pages in quick runs too: shorter rounds are mostly noise on a shared machine.
  const pages = 400;
  const site = await startSiteProcess(pages);
  try {
    const urls = Array.from({ length: pages }, (_, i) => `${site.url}/jobs?page=${i + 1}`);
    // Warm-up: connections, JIT, cheerio.
    await crawl(urls.slice(0, 32), CONCURRENCY, bareGet);
    await fetcherRound(urls.slice(0, 32));
    // Interleaved rounds, best of each: the machine's load hurts both sides alike.
    let bare = 0;
    let engine = 0;
    for (let round = 0; round < 3; round++) {
      bare = Math.max(bare, await crawl(urls, CONCURRENCY, bareGet));
      engine = Math.max(engine, await fetcherRound(urls));
    }
    return ratioFigure(
      `scrape ${pages} pages, ${LATENCY_MS} ms latency, concurrency ${CONCURRENCY} (createFetcher + cheerio)`,
      'pages/s',
      engine,
      'bare fetch + cheerio',
      bare,
      0.9,
    );
  } finally {
    await site.close();
  }
}

async function rateLimit(quick: boolean): Promise<Figure[]> {
  const perMinute = 600;
  const requests = quick ? 30 : 60; // ~3 s or ~6 s at 10 requests/s
  const site = await startSite(requests);
  const fetcher = createFetcher({
    requestsPerMinute: perMinute,
    perHostConcurrency: CONCURRENCY,
    concurrency: CONCURRENCY,
    respectRobots: false,
    conditionalRequests: false,
  });
  try {
    // Every request asked for at once: the limiter alone spaces them.
    await Promise.all(
      Array.from({ length: requests }, (_, i) => fetcher.fetch(`${site.url}/jobs?page=${i + 1}`)),
    );
  } finally {
    await fetcher.close();
    await site.close();
  }
  const arrivals = site.arrivals;
  if (arrivals.length !== requests)
    throw new Error(`the server saw ${arrivals.length} requests, expected ${requests}`);
  const spanMs = arrivals[arrivals.length - 1]! - arrivals[0]!;
  const achieved = ((arrivals.length - 1) / spanMs) * 60_000;
  // "Never above": no one-second window holds more requests than the limit allows in a second, plus the one
  // that opens the window (arrival times carry a few ms of network and event-loop jitter; a real excess
  // of even 10 % would show as one more request in some window).
  const allowed = Math.floor(perMinute / 60) + 1;
  let busiest = 0;
  for (let i = 0, j = 0; i < arrivals.length; i++) {
    while (arrivals[i]! - arrivals[j]! >= 1000) j++;
    busiest = Math.max(busiest, i - j + 1);
  }
  const share = achieved / perMinute;
  return [
    {
      name: `request rate under a ${perMinute}/min per-host limit (${requests} requests)`,
      value: achieved,
      unit: 'requests/min',
      baseline: { name: 'configured limit', value: perMinute },
      ratio: share,
      target: 'ratio ≥ 0.95 and ≤ 1',
      pass: share >= 0.95 && achieved <= perMinute * 1.02,
    },
    {
      name: `most requests in any 1 s window under the ${perMinute}/min limit`,
      value: busiest,
      unit: 'requests',
      target: `≤ ${allowed}`,
      pass: busiest <= allowed,
    },
  ];
}

export const scrape: Phase = async ({ quick }) => [await throughput(), ...(await rateLimit(quick))];
