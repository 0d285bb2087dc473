// Scraping against a local HTTP server that answers every request after 20 ms (a paginated HTML listing:
// 400 pages of 20 cards). Two figures:
// - pages/s through the real fetch layer (createFetcher: no rate limit, concurrency 16, robots.txt read and
//   allowing) plus cheerio parsing, against a bare fetch + cheerio pool of 16 over the same pages in the
//   same run (target ratio ≥ 0.9);
// - the request rate achieved under a configured per-host limit (600 requests/minute for ~6 s; quick ~3 s),
//   measured from the server's arrival times (target ≥ 95 % of the limit, and never above it).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as cheerio from 'cheerio';
import { createFetcher } from '../../src/fetch/create-fetcher.js';
import { type Figure, type Phase, ratioFigure, seconds } from './types.js';

const LATENCY_MS = 20;
const PER_PAGE = 20;
const CONCURRENCY = 16;

function renderPage(page: number, pages: number): string {
  const cards: string[] = [];
  for (let i = 0; i < PER_PAGE; i++) {
    const n = (page - 1) * PER_PAGE + i;
    cards.push(
      `<li class="job" data-id="j${n}"><a class="title" href="/job/j${n}">AI训练师（大模型方向）${n}</a>` +
        `<span class="company">示例智能科技有限公司</span><span class="city">上海·浦东新区</span>` +
        `<span class="salary">8-12K·13薪</span><time datetime="2026-10-${String(1 + (n % 28)).padStart(2, '0')}"></time>` +
        `<p class="summary">负责大模型对话数据的标注、清洗与质检；参与RLHF数据撰写与排序，熟悉Python者优先。</p></li>`,
    );
  }
  const next = page < pages ? `<a class="next" href="/jobs?page=${page + 1}">下一页</a>` : '';
  return `<!doctype html><html><head><meta charset="utf-8"><title>招聘 第${page}页</title></head><body><ul class="jobs">${cards.join('\n')}</ul>${next}</body></html>`;
}

interface Site {
  url: string;
  /** Arrival times (ms, performance.now) of every request, robots.txt included. */
  arrivals: number[];
  close(): Promise<void>;
}

async function startSite(pages: number): Promise<Site> {
  const bodies = Array.from({ length: pages }, (_, i) => Buffer.from(renderPage(i + 1, pages)));
  const arrivals: number[] = [];
  const server: Server = createServer((req, res) => {
    arrivals.push(performance.now());
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    setTimeout(() => {
      if (url.pathname === '/robots.txt') {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
        return;
      }
      const page = Number(url.searchParams.get('page'));
      const body = url.pathname === '/jobs' ? bodies[page - 1] : undefined;
      if (!body) {
        res.writeHead(404).end('not found');
        return;
      }
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length })
        .end(body);
    }, LATENCY_MS);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    arrivals,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

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

async function throughput(quick: boolean): Promise<Figure> {
  const pages = quick ? 200 : 400;
  const site = await startSite(pages);
  try {
    const urls = Array.from({ length: pages }, (_, i) => `${site.url}/jobs?page=${i + 1}`);
    // Warm-up: connections, JIT, cheerio.
    await crawl(urls.slice(0, 32), CONCURRENCY, bareGet);
    await fetcherRound(urls.slice(0, 32));
    // Interleaved rounds, best of each: the machine's load hurts both sides alike.
    let bare = 0;
    let engine = 0;
    for (let round = 0; round < 2; round++) {
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
  // "Never above": the tightest stretch of 10 consecutive starts, as a rate (arrival jitter allowed: 2 %).
  const window = Math.min(10, arrivals.length - 1);
  let tightest = Number.POSITIVE_INFINITY;
  for (let i = window; i < arrivals.length; i++)
    tightest = Math.min(tightest, arrivals[i]! - arrivals[i - window]!);
  const peak = (window / tightest) * 60_000;
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
      name: `peak rate over ${window} consecutive requests under the ${perMinute}/min limit`,
      value: peak,
      unit: 'requests/min',
      baseline: { name: 'configured limit', value: perMinute },
      ratio: peak / perMinute,
      target: '≤ limit (+2 % arrival jitter)',
      pass: peak <= perMinute * 1.02,
    },
  ];
}

export const scrape: Phase = async ({ quick }) => [await throughput(quick), ...(await rateLimit(quick))];
