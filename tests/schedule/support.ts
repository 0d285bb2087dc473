// Helpers for the scheduler tests: a temporary database file, a logger whose JSON lines can be read back,
// a job factory, and a fake "scrape one source" that behaves like the engine (records a scrape run, fetches
// pages from the local test server one by one, stops after the current page when aborted).
import { spawnSync } from 'node:child_process';
import { type Job, type JobInput, jobSchema } from '../../src/config/job-config.js';
import { createLogger, type Logger } from '../../src/log.js';
import type { JobOperations, SourceRunSummary } from '../../src/schedule/job-run-types.js';
import { type Db, openDatabase } from '../../src/store/database.js';
import { emptyRunCounters, finishRun, recordRunProgress, startRun } from '../../src/store/run-store.js';
import { ensureSource } from '../../src/store/source-store.js';
import { tempDbPath } from '../support/temp-db.js';

export interface LogEvent {
  level: number;
  time: string;
  msg: string;
  event?: string;
  job?: string;
  reason?: string;
  tick?: string;
  [key: string]: unknown;
}

/** A JSON logger that keeps every line it writes. */
export function capturingLogger(): { logger: Logger; events: LogEvent[]; lines: string[] } {
  const lines: string[] = [];
  const events: LogEvent[] = [];
  const logger = createLogger({
    pretty: false,
    level: 'debug',
    destination: {
      write(chunk: string) {
        for (const line of chunk.split('\n').filter(Boolean)) {
          lines.push(line);
          events.push(JSON.parse(line) as LogEvent);
        }
      },
    },
  });
  return { logger, events, lines };
}

export function makeJob(input: Partial<JobInput> = {}): Job {
  return jobSchema.parse({
    name: 'every-second',
    cron: '*/1 * * * * *',
    timezone: 'UTC',
    sources: ['fake'],
    ...input,
  });
}

export interface TestDb {
  path: string;
  /** A new connection to the same file (one per daemon, as two processes would have). */
  open(): Db;
  cleanup(): void;
}

export function testDb(): TestDb {
  const temp = tempDbPath();
  const connections: Db[] = [];
  return {
    path: temp.path,
    open() {
      const db = openDatabase(temp.path);
      connections.push(db);
      return db;
    },
    cleanup() {
      for (const db of connections) if (db.open) db.close();
      temp.cleanup();
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor(check: () => boolean, timeoutMs = 10_000, stepMs = 25): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(stepMs);
  }
}

/** The pid of a process that has just ended (so it is surely not alive). */
export function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
  if (!child.pid) throw new Error('could not start a child process');
  return child.pid;
}

/** What a fake of one scrape is given (the engine's scrapeSource options, the parts the fakes read). */
export interface ScrapeSourceOptions {
  db: Db;
  sourceId: string;
  request?: { query?: string; city?: string; maxPages?: number };
  jobName?: string;
  signal?: AbortSignal;
  logger?: Logger;
}

/**
 * The engine's scrape of a job, made of a fake of one scrape: each scrape in turn, none started once the job
 * is stopped, and one that throws reported as failed while the others run — what the engine's job crawl
 * guarantees, without a network.
 */
export function oneByOne(
  scrapeSource: (options: ScrapeSourceOptions) => Promise<SourceRunSummary>,
): JobOperations['scrapeJob'] {
  return async (options) => {
    const results: Awaited<ReturnType<JobOperations['scrapeJob']>> = [];
    for (const scrape of options.scrapes) {
      if (options.signal?.aborted) break;
      const search = scrape.request ?? {};
      try {
        const summary = await scrapeSource({
          db: options.db,
          sourceId: scrape.sourceId,
          request: search,
          jobName: options.jobName,
          ...(options.signal ? { signal: options.signal } : {}),
          ...(options.logger ? { logger: options.logger.child({ source: scrape.sourceId }) } : {}),
        });
        results.push({ sourceId: scrape.sourceId, search, summary });
      } catch (error) {
        results.push({ sourceId: scrape.sourceId, search, error: (error as Error).message });
      }
    }
    return results;
  };
}

export interface FakeScrapeOptions {
  /** Base URL of the local test server; page n is GET {baseUrl}/page/{n}. */
  baseUrl: string;
  pages: number;
  /** Called when each page has been "stored". */
  onPage?: (sourceId: string, page: number) => void;
  /** Ignore the abort signal (a scrape that hangs). */
  ignoreAbort?: boolean;
  /** How a page is fetched; default GET {baseUrl}/page/{n} (tests on fake timers wait on the clock instead). */
  fetchPage?: (page: number) => Promise<void>;
}

/** An engine stand-in: fetches pages from the test server in turn and records the run as the engine does. */
export function fakeScrapeSource(
  fake: FakeScrapeOptions,
): (options: ScrapeSourceOptions) => Promise<SourceRunSummary> {
  return async (options) => {
    const { db, sourceId } = options;
    ensureSource(db, { id: sourceId, name: sourceId, kind: 'api', base_url: fake.baseUrl });
    const runId = startRun(db, {
      sourceId,
      jobName: options.jobName ?? null,
      query: options.request?.query ?? null,
    });
    const counters = emptyRunCounters();
    for (let page = 1; page <= fake.pages; page++) {
      if (options.signal?.aborted && !fake.ignoreAbort) {
        finishRun(db, runId, { status: 'interrupted', counters, errorSummary: 'stopped' });
        return { runId, sourceId, status: 'interrupted', counters, errorSummary: 'stopped' };
      }
      if (fake.fetchPage) await fake.fetchPage(page);
      else await (await fetch(`${fake.baseUrl}/page/${page}`)).text();
      counters.requests++;
      counters.pages_fetched++;
      counters.postings_seen += 2;
      counters.postings_new += 1;
      recordRunProgress(db, runId, counters);
      fake.onPage?.(sourceId, page);
    }
    finishRun(db, runId, { status: 'ok', counters });
    return { runId, sourceId, status: 'ok', counters, errorSummary: null };
  };
}
