// The daemon with the real scrape engine and a tiny test scraper against the local test server: a stop
// in the middle of a listing lets the page being stored finish, marks the scrape run interrupted (by the
// engine) and the job run interrupted (by the runner), keeps every stored posting, and frees the lock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scraper } from '../../scrapers/types.js';
import { parseConfig } from '../../src/config/load-config.js';
import { scrapeJob } from '../../src/engine/scrape-job.js';
import { startDaemon } from '../../src/schedule/daemon.js';
import { listJobRuns, readJobLock } from '../../src/store/job-store.js';
import { makePosting } from '../support/posting-factory.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { capturingLogger, makeJob, testDb, waitFor } from './support.js';

interface ListPage {
  jobs: { id: string; title: string }[];
  next: number | null;
}

/** A source of 40 list pages of two postings each, served slowly by the test server. */
const listingScraper: Scraper<unknown> = {
  id: 'listing',
  name: 'Test listing',
  kind: 'api',
  defaultBaseUrl: 'http://127.0.0.1:9',
  verifiedAgainst: 'the scheduler tests',
  start: ({ baseUrl }) => [{ url: `${baseUrl}/list?page=1`, handler: 'list', kind: 'list' }],
  handlers: {
    list(page, { baseUrl }) {
      const body = JSON.parse(page.text) as ListPage;
      return {
        postings: listingScraper.parse(page.text),
        requests:
          body.next === null
            ? []
            : [{ url: `${baseUrl}/list?page=${body.next}`, handler: 'list', kind: 'list' }],
      };
    },
  },
  parse(body) {
    return (JSON.parse(body) as ListPage).jobs.map((j) => ({
      sourcePostingId: j.id,
      title: j.title,
      raw: j,
    }));
  },
};

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  server.route(/^\/list\?page=\d+$/, (_req, url) => {
    const page = Number(url.searchParams.get('page'));
    const jobs = [1, 2].map((i) => ({ id: `p${page}-${i}`, title: `AI训练师 ${page}-${i}` }));
    return {
      delayMs: 250,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jobs, next: page < 40 ? page + 1 : null }),
    };
  });
});
afterAll(() => server.close());

describe('a clean stop with the real engine', () => {
  it('mid-scrape, the run is marked interrupted and the pages stored so far are kept', async () => {
    const temp = testDb();
    try {
      const db = temp.open();
      const config = parseConfig({
        fetch: { requestsPerMinute: 6_000, respectRobots: false, maxRetries: 0, conditionalRequests: false },
      });
      const { logger, events } = capturingLogger();
      const daemon = startDaemon({
        db,
        config,
        logger,
        jobs: [makeJob({ name: 'listing-job', sources: ['listing'] })],
        operations: {
          scrapeJob: (options) =>
            scrapeJob({
              ...options,
              scrapers: [listingScraper],
              baseUrls: { listing: server.url },
              normalise: (raw, ctx) =>
                makePosting({
                  source_id: ctx.sourceId,
                  source_posting_id: raw.sourcePostingId,
                  title: raw.title,
                  dedup_key: `listing-${raw.sourcePostingId}`,
                }),
            }),
        },
      });
      const pagesStored = () =>
        Number(db.prepare(`SELECT coalesce(max(pages_fetched), 0) FROM scrape_runs`).pluck().get());
      await waitFor(() => pagesStored() >= 2, 15_000);
      const started = Date.now();
      const result = await daemon.stop('received SIGTERM');
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(result).toEqual({ interrupted: ['listing-job'], timedOut: [] });

      const runs = db
        .prepare('SELECT status, pages_fetched, postings_new, job_name FROM scrape_runs')
        .all() as {
        status: string;
        pages_fetched: number;
        postings_new: number;
        job_name: string;
      }[];
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ status: 'interrupted', job_name: 'listing-job' });
      expect(runs[0]!.pages_fetched).toBeGreaterThanOrEqual(2);
      expect(runs[0]!.pages_fetched).toBeLessThan(40);
      // Every stored page kept its postings: two per page, counted in the run.
      expect(db.prepare(`SELECT count(*) FROM postings WHERE source_id = 'listing'`).pluck().get()).toBe(
        runs[0]!.pages_fetched * 2,
      );
      expect(runs[0]!.postings_new).toBe(runs[0]!.pages_fetched * 2);

      const jobRuns = listJobRuns(db, 'listing-job').filter((r) => r.status !== 'skipped');
      expect(jobRuns.map((r) => r.status)).toEqual(['interrupted']);
      expect(JSON.parse(jobRuns[0]!.summary!)).toMatchObject({
        sources: [{ source_id: 'listing', status: 'interrupted' }],
        stopped: 'received SIGTERM',
      });
      expect(readJobLock(db, 'listing-job')).toBeUndefined();
      expect(events.find((e) => e.event === 'job.end')).toMatchObject({ status: 'interrupted' });
    } finally {
      temp.cleanup();
    }
  });
});
