// Crawl benchmark (first cut, measuring the engine before the request queue).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../../src/config/load-config.js';
import { scrapeSource } from '../../src/engine/scrape-source.js';
import { openDatabase } from '../../src/store/database.js';
import { bareCrawl, readSitePage } from './crawl-bare.js';
import { CARDS_PER_LIST } from './crawl-site.js';
import { removeScratchDatabase } from './scratch-db.js';
import type { Figure, Phase } from './types.js';
import { ratioFigure, seconds } from './types.js';

const CONCURRENCY = 16;

async function startSiteProcess(listPages: number, linkedin: number) {
  const child = spawn(
    process.execPath,
    [
      join(fileURLToPath(new URL('.', import.meta.url)), 'crawl-site.js'),
      String(listPages),
      String(linkedin),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve) => lines.once('line', resolve));
  const port = /^PORT (\d+)$/.exec(first)?.[1];
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        child.once('exit', () => r());
        child.kill('SIGTERM');
      }),
  };
}

const siteDefinition = {
  name: 'bench',
  listUrl: '/list?page=1',
  item: 'li.job',
  fields: {
    title: 'a.title',
    url: { selector: 'a.title', attr: 'href' },
    id: { attr: 'data-id' },
    company: '.company',
    location: '.city',
    salary: '.salary',
    postedAt: { selector: 'time', attr: 'datetime' },
  },
  nextPage: { selector: 'a.next' },
  maxPages: 1000,
  detail: { fields: { description: '.desc', employmentType: '.type' } },
};

async function siteRound(url: string, dbPath: string, listPages: number): Promise<number> {
  removeScratchDatabase(dbPath);
  const db = openDatabase(dbPath);
  const config = parseConfig({
    fetch: {
      requestsPerMinute: 1e9,
      perHostConcurrency: CONCURRENCY,
      concurrency: CONCURRENCY,
      conditionalRequests: false,
    },
    sources: { site: { baseUrl: url, sites: [siteDefinition] } },
  });
  const start = process.hrtime.bigint();
  const summary = await scrapeSource({ db, sourceId: 'site', config });
  const took = seconds(start);
  const stored = Number(db.prepare('SELECT count(*) FROM postings').pluck().get());
  db.close();
  if (stored !== listPages * CARDS_PER_LIST)
    throw new Error(`stored ${stored} postings (${summary.status}: ${summary.errorSummary})`);
  return (listPages * (CARDS_PER_LIST + 1)) / took;
}

async function bareRound(url: string, listPages: number): Promise<number> {
  const start = process.hrtime.bigint();
  const result = await bareCrawl([`${url}/list?page=1`], CONCURRENCY, readSitePage);
  const took = seconds(start);
  if (result.postings !== listPages * CARDS_PER_LIST) throw new Error(`bare read ${result.postings}`);
  return result.pages / took;
}

export const crawl: Phase = async ({ quick, workDir }) => {
  const listPages = quick ? 30 : 100;
  const site = await startSiteProcess(listPages, 1000);
  const figures: Figure[] = [];
  try {
    const dbPath = join(workDir, 'crawl.sqlite');
    await bareRound(site.url, listPages);
    let bare = 0;
    let engine = 0;
    for (let round = 0; round < 2; round++) {
      bare = Math.max(bare, await bareRound(site.url, listPages));
      engine = Math.max(engine, await siteRound(site.url, dbPath, listPages));
    }
    figures.push(ratioFigure(`site scraper`, 'pages/s', engine, 'bare', bare, 0.9));
  } finally {
    await site.close();
  }
  return figures;
};
