import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { parseConfig } from '../src/config/load-config.js';
import { scrapeSource } from '../src/engine/scrape-source.js';
import { openDatabase } from '../src/store/database.js';
import { bareCrawl, readSitePage } from './phases/crawl-bare.js';
import { removeScratchDatabase } from './phases/scratch-db.js';

const child = spawn(
  process.execPath,
  [new URL('./phases/crawl-site.js', import.meta.url).pathname, '100', '1000'],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const first = await new Promise<string>((r) => createInterface({ input: child.stdout }).once('line', r));
const url = `http://127.0.0.1:${/PORT (\d+)/.exec(first)![1]}`;
const path = '/tmp/i25/p.sqlite';
const section = {
  baseUrl: url,
  sites: [
    {
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
      maxPages: 100,
      detail: { fields: { description: '.desc', employmentType: '.type' } },
    },
  ],
};
for (let round = 0; round < 4; round++) {
  removeScratchDatabase(path);
  const db = openDatabase(path);
  const config = parseConfig({
    fetch: { requestsPerMinute: 1e9, perHostConcurrency: 16, concurrency: 16, conditionalRequests: false },
    sources: { site: section },
  });
  const t = performance.now();
  const s = await scrapeSource({ db, sourceId: 'site', config });
  const took = (performance.now() - t) / 1000;
  db.close();
  const t2 = performance.now();
  const r = await bareCrawl([`${url}/list?page=1`], 16, readSitePage);
  const took2 = (performance.now() - t2) / 1000;
  console.log(
    process.env.NOSTORE ? 'nostore' : 'store',
    `${(2100 / took).toFixed(0)}`,
    'bare',
    `${(r.pages / took2).toFixed(0)}`,
    'ratio',
    (2100 / took / (r.pages / took2)).toFixed(2),
    s.status,
  );
}
child.kill();
