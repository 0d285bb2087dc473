// Detail pages: a listed posting's own page is read for what the list leaves out, behind each source's
// switch and per-run cap (sources.<id>.details { enabled, maxPerRun }); a posting whose page is not read
// (switched off, over the cap, gone) is stored as the list gave it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getScraper } from '../../scrapers/registry.js';
import { parseConfig } from '../../src/config/load-config.js';
import { scrapeSource } from '../../src/engine/scrape-source.js';
import { sourceSettings } from '../../src/engine/source-settings.js';
import { openDatabase } from '../../src/store/database.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  server.route('/robots.txt', { status: 404 });
  server.route('/list', {
    body: `<ul>${[1, 2, 3, 4, 5].map((n) => `<li class="job" data-id="${n}"><a class="title" href="/job/${n}">AI训练师 ${n}</a></li>`).join('')}</ul>`,
  });
  server.route(/^\/job\/[1-4]$/, (_req, url) => ({
    body: `<h1>AI训练师</h1><div class="desc"><p>负责标注 ${url.pathname}</p></div>`,
  }));
});
afterAll(() => server.close());

function config(details?: Record<string, unknown>) {
  return parseConfig({
    fetch: { requestsPerMinute: 60_000, backoffBaseMs: 10 },
    sources: {
      site: {
        baseUrl: server.url,
        ...(details ? { details } : {}),
        sites: [
          {
            name: 'd',
            listUrl: '/list',
            item: 'li.job',
            fields: { title: 'a.title', url: { selector: 'a.title', attr: 'href' }, id: { attr: 'data-id' } },
            detail: { fields: { description: '.desc' } },
          },
        ],
      },
    },
  });
}

async function scrape(details?: Record<string, unknown>) {
  const db = openDatabase(':memory:');
  const before = server.requests.length;
  try {
    const summary = await scrapeSource({ db, sourceId: 'site', config: config(details) });
    const rows = db
      .prepare('SELECT source_posting_id AS id, description FROM postings ORDER BY source_posting_id')
      .all() as { id: string; description: string | null }[];
    const jobPages = server.requests.slice(before).filter((r) => r.path.startsWith('/job/')).length;
    return { summary, rows, jobPages };
  } finally {
    db.close();
  }
}

describe('detail pages', () => {
  it('are read by default for a definition that has them; a page that is gone leaves its posting as listed', async () => {
    const { summary, rows, jobPages } = await scrape();
    expect(summary.status).toBe('ok');
    expect(jobPages).toBe(5);
    expect(rows).toHaveLength(5);
    expect(rows.slice(0, 4).every((r) => r.description?.startsWith('负责标注'))).toBe(true);
    // /job/5 answers 404: the posting is kept as the list gave it, and the run did its work.
    expect(rows[4]).toEqual({ id: 'd:5', description: null });
    expect(summary.counters.pages_fetched).toBe(5);
  });

  it('stop at the per-run cap: the postings past it are stored as listed', async () => {
    const { summary, rows, jobPages } = await scrape({ maxPerRun: 2 });
    expect(summary.status).toBe('ok');
    expect(jobPages).toBe(2);
    expect(rows.map((r) => r.description !== null)).toEqual([true, true, false, false, false]);
  });

  it('are not read when switched off', async () => {
    const { rows, jobPages } = await scrape({ enabled: false });
    expect(jobPages).toBe(0);
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.description === null)).toBe(true);
  });

  it('are configured per source, errors naming the field; fetchDetails is the older spelling of enabled', () => {
    const settings = (scraperId: string, section: Record<string, unknown>) =>
      sourceSettings(getScraper(scraperId), parseConfig({ sources: { [scraperId]: section } })).engine
        .details;
    expect(settings('zhaopin', {})).toEqual({ enabled: false, maxPerRun: 500 });
    expect(settings('liepin', {})).toEqual({ enabled: true, maxPerRun: 500 });
    expect(settings('zhaopin', { fetchDetails: true })).toMatchObject({ enabled: true });
    expect(settings('linkedin', { details: { maxPerRun: 50 } })).toEqual({ enabled: true, maxPerRun: 50 });
    expect(() => settings('zhaopin', { details: { maxPerRun: -1 } })).toThrow(
      /^config sources\.zhaopin\.details\.maxPerRun: /,
    );
    expect(() => settings('zhaopin', { details: { enable: true } })).toThrow(
      /^config sources\.zhaopin\.details: .*\(enable\)/,
    );
    expect(() => settings('greenhouse', { boards: ['a'], details: { enabled: true } })).toThrow(
      /^config sources\.greenhouse\.details: greenhouse has no detail pages to read/,
    );
  });
});
