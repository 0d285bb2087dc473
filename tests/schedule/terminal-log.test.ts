// The daemon watched in a terminal: one readable line per job run saying how it ended (a failed scrape says
// it failed, and why), the schedule's start; the job's start, each source's end and the engine's page and
// request lines only at debug level. The JSON lines for journald and docker keep every event.
import { Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import type { SourceRunSummary } from '../../src/schedule/job-run-types.js';
import { runJob } from '../../src/schedule/job-runner.js';
import { isJobDetail } from '../../src/schedule/output-logger.js';
import type { Db } from '../../src/store/database.js';
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

/** An engine stand-in that logs as the engine does (no event key) and fails one source. */
const engine: (options: ScrapeSourceOptions) => Promise<SourceRunSummary> = async ({ sourceId, logger }) => {
  logger?.info({ runId: 1, baseUrl: 'https://example.test', request: {} }, 'scrape started');
  logger?.info({ page: 1, url: 'https://example.test/1', seen: 3, new: 3, updated: 0 }, 'page stored');
  const failed = sourceId === 'greenhouse';
  if (failed) logger?.warn({ runId: 2, status: 'failed' }, 'scrape finished');
  return {
    runId: failed ? 2 : 1,
    sourceId,
    status: failed ? 'failed' : 'ok',
    counters: {
      pages_fetched: failed ? 0 : 1,
      requests: 1,
      retries: 0,
      postings_seen: failed ? 0 : 3,
      postings_new: failed ? 0 : 3,
      postings_updated: 0,
      error_count: failed ? 1 : 0,
    },
    errorSummary: failed ? 'cannot reach boards-api.greenhouse.io (ENOTFOUND)' : null,
  };
};

/** A terminal logger (readable lines) whose output the test can read. */
function terminal(level: string): { logger: ReturnType<typeof createLogger>; lines: string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...stripVTControlCharacters(chunk.toString()).split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger({
    destination,
    pretty: true,
    isDetail: isJobDetail,
    level,
  });
  return { logger, lines };
}

const job = () => makeJob({ name: 'daily', sources: ['greenhouse', 'lever'] });

describe('the daemon in a terminal', () => {
  it('prints one line per job run, with its outcome and the failed scrape named', async () => {
    const { logger, lines } = terminal('info');
    await runJob({
      db,
      job: job(),
      trigger: 'schedule',
      logger,
      operations: { scrapeJob: oneByOne(engine) },
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/ERROR|WARN/);
    expect(lines[0]).toMatch(
      /job daily partial: 3 new, 0 updated postings from 2 scrapes; greenhouse failed: cannot reach boards-api\.greenhouse\.io \(ENOTFOUND\)$/,
    );
  });

  it('shows the details at debug level', async () => {
    const { logger, lines } = terminal('debug');
    await runJob({
      db,
      job: job(),
      trigger: 'schedule',
      logger,
      operations: { scrapeJob: oneByOne(engine) },
    });
    const text = lines.join('\n');
    for (const detail of [
      'job daily started',
      'scrape started',
      'page stored',
      'scrape finished',
      'greenhouse failed, 0 new',
    ])
      expect(text).toContain(detail);
  });

  it('keeps every event in the JSON lines', async () => {
    const { logger, events } = capturingLogger();
    await runJob({
      db,
      job: job(),
      trigger: 'schedule',
      logger,
      operations: { scrapeJob: oneByOne(engine) },
    });
    // A job's scrapes are one crawl: each source's end is told when the crawl is over.
    expect(events.map((e) => e.event ?? e.msg)).toEqual([
      'job.start',
      'scrape started',
      'page stored',
      'scrape finished',
      'scrape started',
      'page stored',
      'source.end',
      'source.end',
      'job.end',
    ]);
  });
});
