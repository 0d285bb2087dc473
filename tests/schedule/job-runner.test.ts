// One execution of a job, as `jobtrend run JOB` and each tick do it: its scrapes (here a fake of the
// engine's job crawl, one scrape at a time), a failing source does not stop the others, the report step (with the real report writer too), the job_runs row, and the lock (refused when someone else holds it).
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jobStatus } from '../../src/schedule/job-run-record.js';
import type { SourceRunSummary } from '../../src/schedule/job-run-types.js';
import { runJob } from '../../src/schedule/job-runner.js';
import { acquireJobLock } from '../../src/schedule/lock.js';
import type { Db } from '../../src/store/database.js';
import { listJobRuns, readJobLock } from '../../src/store/job-store.js';
import { upsertPostings } from '../../src/store/posting-store.js';
import { ensureSource } from '../../src/store/source-store.js';
import { makePosting } from '../support/posting-factory.js';
import { tempDir } from '../support/temp-db.js';
import {
  capturingLogger,
  makeJob,
  oneByOne,
  type ScrapeSourceOptions,
  type TestDb,
  testDb,
} from './support.js';

let temp: TestDb;
let db: Db;
beforeEach(() => {
  temp = testDb();
  db = temp.open();
});
afterEach(() => temp.cleanup());

const counters = (postingsNew: number) => ({
  pages_fetched: 1,
  requests: 1,
  retries: 0,
  postings_seen: postingsNew,
  postings_new: postingsNew,
  postings_updated: 0,
  error_count: 0,
});

function scrapeWith(
  outcomes: Record<string, SourceRunSummary['status'] | Error>,
  calls: string[] = [],
): (options: ScrapeSourceOptions) => Promise<SourceRunSummary> {
  let runId = 0;
  return async ({ sourceId, request }) => {
    calls.push(`${sourceId}:${request?.query ?? ''}:${request?.city ?? ''}`);
    const outcome = outcomes[sourceId] ?? 'ok';
    if (outcome instanceof Error) throw outcome;
    return {
      runId: ++runId,
      sourceId,
      status: outcome,
      counters: counters(outcome === 'ok' ? 3 : 0),
      errorSummary: outcome === 'ok' ? null : `${sourceId} ${outcome}`,
    };
  };
}

describe('running a job once', () => {
  it('scrapes every source × query × city in order and records a manual run with its counts', async () => {
    const calls: string[] = [];
    const { logger, events } = capturingLogger();
    const result = await runJob({
      db,
      job: makeJob({
        name: 'daily',
        sources: ['a', { id: 'b', city: 'Beijing' }],
        queries: ['AI训练师'],
        cities: ['Shanghai', 'Hangzhou'],
      }),
      trigger: 'manual',
      logger,
      operations: { scrapeJob: oneByOne(scrapeWith({}, calls)) },
    });
    expect(calls).toEqual(['a:AI训练师:Shanghai', 'a:AI训练师:Hangzhou', 'b:AI训练师:Beijing']);
    expect(result).toMatchObject({ status: 'ok', trigger: 'manual', postingsNew: 9 });
    const [row] = listJobRuns(db, 'daily');
    expect(row).toMatchObject({ trigger: 'manual', status: 'ok', id: result.jobRunId });
    expect(JSON.parse(row!.summary!)).toMatchObject({
      postings_new: 9,
      sources: [{ source_id: 'a', city: 'Shanghai', status: 'ok' }, {}, {}],
    });
    expect(readJobLock(db, 'daily')).toBeUndefined();
    const end = events.find((e) => e.event === 'job.end');
    expect(end).toMatchObject({ job: 'daily', status: 'ok', postings_new: 9, sources: 3, sources_failed: 0 });
  });

  it('a source that throws is recorded as failed and the next source still runs: the job is partial', async () => {
    const calls: string[] = [];
    const result = await runJob({
      db,
      job: makeJob({ sources: ['broken', 'fine'] }),
      trigger: 'schedule',
      operations: {
        scrapeJob: oneByOne(scrapeWith({ broken: new Error('unknown source "broken"') }, calls)),
      },
    });
    expect(calls).toHaveLength(2);
    expect(result.status).toBe('partial');
    expect(result.sources[0]).toMatchObject({
      source_id: 'broken',
      status: 'failed',
      error: 'unknown source "broken"',
    });
  });

  it('the report is written after the scrapes, and its failure makes the job partial', async () => {
    const order: string[] = [];
    const ok = await runJob({
      db,
      job: makeJob({ report: { role: 'ai-trainer', period: 'last-4-weeks' } }),
      trigger: 'schedule',
      operations: {
        scrapeJob: oneByOne(async (o) => {
          order.push('scrape');
          return scrapeWith({})(o);
        }),
        writeReport: async ({ report }) => {
          order.push(`report ${report.role}`);
          return { path: 'reports/x.md' };
        },
      },
    });
    expect(order).toEqual(['scrape', 'report ai-trainer']);
    expect(ok).toMatchObject({ status: 'ok', report: { path: 'reports/x.md' } });
    const failed = await runJob({
      db,
      job: makeJob({ report: {} }),
      trigger: 'schedule',
      operations: {
        scrapeJob: oneByOne(scrapeWith({})),
        writeReport: async () => Promise.reject(new Error('no data for the period')),
      },
    });
    expect(failed).toMatchObject({ status: 'partial', report: { error: 'no data for the period' } });
  });

  it('is refused when another holder has the lock: nothing is scraped and a skipped run is recorded', async () => {
    const other = acquireJobLock(temp.open(), 'every-second', { holder: 'other-daemon' });
    expect(other.acquired).toBe(true);
    const calls: string[] = [];
    const result = await runJob({
      db,
      job: makeJob(),
      trigger: 'manual',
      operations: { scrapeJob: oneByOne(scrapeWith({}, calls)) },
    });
    expect(result).toMatchObject({
      status: 'skipped',
      skipReason: 'locked',
      heldBy: { holder: 'other-daemon' },
    });
    expect(calls).toEqual([]);
    expect(listJobRuns(db, 'every-second').map((r) => r.status)).toEqual(['skipped']);
  });

  it("a scheduled tick that another daemon took the lock for is that daemon's: not run here, not recorded", async () => {
    const tick = new Date('2026-11-20T10:00:00.000Z');
    const at = (iso: string) => () => new Date(iso);
    // The other daemon took the lock 5 ms after the same tick: it runs this tick.
    acquireJobLock(temp.open(), 'every-second', { holder: 'twin', now: at('2026-11-20T10:00:00.005Z') });
    const calls: string[] = [];
    const elsewhere = await runJob({
      db,
      job: makeJob(),
      trigger: 'schedule',
      tick,
      now: at('2026-11-20T10:00:00.009Z'),
      operations: { scrapeJob: oneByOne(scrapeWith({}, calls)) },
    });
    expect(elsewhere).toMatchObject({ status: 'skipped', skipReason: 'elsewhere', jobRunId: 0 });
    expect(calls).toEqual([]);
    expect(listJobRuns(db, 'every-second')).toEqual([]);

    // The next tick finds the same lock, taken for the tick before: that tick is missed, and recorded.
    const missed = await runJob({
      db,
      job: makeJob(),
      trigger: 'schedule',
      tick: new Date('2026-11-20T10:00:01.000Z'),
      now: at('2026-11-20T10:00:01.003Z'),
      operations: { scrapeJob: oneByOne(scrapeWith({}, calls)) },
    });
    expect(missed).toMatchObject({ status: 'skipped', skipReason: 'locked', heldBy: { holder: 'twin' } });
    expect(listJobRuns(db, 'every-second').map((r) => r.status)).toEqual(['skipped']);
  });

  it('an aborted job stops before the next source and is interrupted', async () => {
    const controller = new AbortController();
    const calls: string[] = [];
    const result = await runJob({
      db,
      job: makeJob({ sources: ['a', 'b', 'c'] }),
      trigger: 'manual',
      signal: controller.signal,
      operations: {
        scrapeJob: oneByOne(async (o) => {
          const summary = await scrapeWith({}, calls)(o);
          controller.abort(new Error('received SIGINT'));
          return summary;
        }),
      },
    });
    expect(calls).toHaveLength(1);
    expect(result.status).toBe('interrupted');
    expect(JSON.parse(listJobRuns(db)[0]!.summary!)).toMatchObject({ stopped: 'received SIGINT' });
    expect(readJobLock(db, 'every-second')).toBeUndefined();
  });

  it('job status: ok when all worked, failed when none did, interrupted wins, partial otherwise', () => {
    expect(jobStatus([{ status: 'ok' }, { status: 'ok' }], null, false)).toBe('ok');
    expect(jobStatus([{ status: 'failed' }, { status: 'failed' }], { error: 'x' }, false)).toBe('failed');
    expect(jobStatus([{ status: 'ok' }, { status: 'failed' }], null, false)).toBe('partial');
    expect(jobStatus([{ status: 'ok' }], { error: 'x' }, false)).toBe('partial');
    expect(jobStatus([{ status: 'ok' }, { status: 'interrupted' }], null, false)).toBe('interrupted');
    expect(jobStatus([{ status: 'ok' }], null, true)).toBe('interrupted');
  });
});

describe('a report-only job with the real report writer', () => {
  it('writes the trend report into the job’s folder and records its path', async () => {
    const out = tempDir();
    try {
      ensureSource(db, { id: 'test', name: 'test', kind: 'api', base_url: null });
      upsertPostings(
        db,
        [
          makePosting({ source_posting_id: 'a', posted_at: '2026-10-05' }),
          makePosting({ source_posting_id: 'b', posted_at: '2026-10-12' }),
        ],
        {
          seenAt: '2026-10-20T00:00:00.000Z',
        },
      );
      const result = await runJob({
        db,
        job: makeJob({
          name: 'weekly-report',
          sources: [],
          report: { role: 'ai-trainer', period: '2026-10', out: out.dir },
        }),
        trigger: 'schedule',
        now: () => new Date('2026-11-02T08:00:00.000Z'),
      });
      expect(result.status).toBe('ok');
      const path = (result.report as { path: string }).path;
      expect(path.startsWith(out.dir)).toBe(true);
      expect(existsSync(path)).toBe(true);
      expect(readFileSync(path, 'utf8')).toMatch(/AI/);
      expect(JSON.parse(listJobRuns(db, 'weekly-report')[0]!.summary!).report).toEqual({ path });
    } finally {
      out.cleanup();
    }
  });
});
