// The daemon in-process, with second-level cron expressions, on vitest's fake clock: node-cron's timers, the lock's
// heartbeat, the pages of the fake scrape and every Date read the same fake time, so a tick comes when the test
// moves the clock to it instead of after a real second. Ticks on time, a late tick still run, overlap skipped and
// logged, one lock across two daemons, stale locks recovered, a bounded clean stop.
import { hostname } from 'node:os';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Daemon, type StopResult, startDaemon } from '../../src/schedule/daemon.js';
import { listJobRuns, readJobLock } from '../../src/store/job-store.js';
import {
  capturingLogger,
  deadPid,
  fakeScrapeSource,
  makeJob,
  oneByOne,
  type TestDb,
  testDb,
} from './support.js';

/** How long the fake scrape takes per page (on the fake clock), and how many pages it was asked for. */
let pageDelayMs = 0;
let pagesRequested = 0;
let db: TestDb;
const daemons: Daemon[] = [];

beforeEach(() => {
  // An odd start (not on a whole second), so that ticks on whole seconds are node-cron's doing.
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    now: new Date('2026-11-02T08:00:00.370Z'),
  });
  pageDelayMs = 0;
  pagesRequested = 0;
  db = testDb();
});
afterEach(async () => {
  await Promise.all(daemons.splice(0).map((d) => stopped(d, 'test over')));
  vi.useRealTimers();
  db.cleanup();
});

/** Moves the fake clock on, running every timer that falls due (cron ticks, pages, heartbeats) in order. */
const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);

/** Moves the fake clock on in small steps until `check` holds; fails after `timeoutMs` of fake time. */
async function waitFor(check: () => boolean, timeoutMs = 10_000, stepMs = 25): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await advance(stepMs);
  }
}

/** Stops a daemon while the fake clock moves (its stop timeout and the jobs' pages are on that clock). */
async function stopped(d: Daemon, reason: string): Promise<StopResult> {
  let result: StopResult | undefined;
  void d.stop(reason).then((r) => {
    result = r;
  });
  await waitFor(() => result !== undefined, 120_000);
  return result!;
}

function daemon(
  options: Omit<Parameters<typeof startDaemon>[0], 'db'> & { db?: ReturnType<TestDb['open']> },
): Daemon {
  const d = startDaemon({ db: db.open(), ...options });
  daemons.push(d);
  return d;
}

/** A page "fetched" by waiting pageDelayMs on the fake clock. */
function fetchPage(): Promise<void> {
  pagesRequested++;
  return new Promise((resolve) => setTimeout(resolve, pageDelayMs));
}

const scrape = (pages: number, onPage?: (sourceId: string, page: number) => void) =>
  fakeScrapeSource({ baseUrl: 'http://127.0.0.1:9', pages, fetchPage, ...(onPage && { onPage }) });

describe('jobtrend schedule (the daemon)', () => {
  it('a job every second fires at least twice in about three seconds, each tick on a whole second', async () => {
    const { logger, events } = capturingLogger();
    daemon({ jobs: [makeJob()], logger, operations: { scrapeJob: oneByOne(scrape(1)) } });
    await advance(3_300);
    const starts = events.filter((e) => e.event === 'job.start');
    expect(starts.length).toBeGreaterThanOrEqual(2);
    const ticks = starts.map((e) => Date.parse(String(e.tick)));
    for (const tick of ticks) expect(tick % 1000).toBe(0);
    for (let i = 1; i < ticks.length; i++) expect(ticks[i]! - ticks[i - 1]!).toBeGreaterThanOrEqual(1000);
    // Each start is logged after its tick and close to it (generous: the machine may be loaded).
    for (const start of starts) {
      const lag = Date.parse(start.time) - Date.parse(String(start.tick));
      expect(lag).toBeGreaterThanOrEqual(0);
      expect(lag).toBeLessThan(2_500);
    }
    const runs = listJobRuns(db.open(), 'every-second').filter((r) => r.status !== 'skipped');
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.every((r) => r.trigger === 'schedule' && (r.status === 'ok' || r.status === 'running'))).toBe(
      true,
    );
  });

  it('a tick that comes late because the process was busy still runs (until the next tick is due)', async () => {
    const { logger, events } = capturingLogger();
    daemon({
      jobs: [makeJob({ cron: '*/4 * * * * *' })],
      logger,
      operations: { scrapeJob: oneByOne(scrape(1)) },
    });
    const boundary = Math.ceil((Date.now() + 1_000) / 4_000) * 4_000;
    await advance(boundary - Date.now() - 200);
    // Block the event loop across the tick, as a long synchronous database call would: the clock moves on
    // 2.7 s while no timer runs, so the tick's timer fires 2.5 s after the tick.
    vi.setSystemTime(Date.now() + 2_500);
    await advance(200);
    const tick = new Date(boundary).toISOString();
    await waitFor(() => events.some((e) => e.event === 'job.start' && e.tick === tick), 6_000);
    const start = events.find((e) => e.event === 'job.start' && e.tick === tick)!;
    expect(Date.parse(start.time) - boundary).toBeGreaterThanOrEqual(2_500);
    expect(events.some((e) => e.event === 'job.missed')).toBe(false);
  });

  it('a tick that comes while the job is still running is skipped, logged and recorded', async () => {
    pageDelayMs = 2_500;
    const { logger, events } = capturingLogger();
    daemon({ jobs: [makeJob()], logger, operations: { scrapeJob: oneByOne(scrape(1)) } });
    await waitFor(() => events.some((e) => e.event === 'job.skip'), 8_000);
    const skip = events.find((e) => e.event === 'job.skip')!;
    expect(skip).toMatchObject({ job: 'every-second', reason: 'overlap' });
    expect(skip.level).toBe(40); // warn
    const runs = listJobRuns(db.open(), 'every-second');
    expect(
      runs.some((r) => r.status === 'skipped' && JSON.parse(r.summary ?? '{}').reason === 'overlap'),
    ).toBe(true);
    // Only one execution was running: the skipped tick did not start a second one.
    expect(runs.filter((r) => r.status === 'running')).toHaveLength(1);
    expect(pagesRequested).toBe(1);
  });

  it('two daemons on the same database never run the same job at once', async () => {
    pageDelayMs = 1_500;
    const a = capturingLogger();
    const b = capturingLogger();
    daemon({ jobs: [makeJob()], logger: a.logger, operations: { scrapeJob: oneByOne(scrape(1)) } });
    daemon({ jobs: [makeJob()], logger: b.logger, operations: { scrapeJob: oneByOne(scrape(1)) } });
    await advance(4_200);
    const starts = [...a.events, ...b.events].filter((e) => e.event === 'job.start');
    expect(starts.length).toBeGreaterThanOrEqual(1);
    // No tick was executed by both.
    const perTick = new Map<string, number>();
    for (const s of starts) perTick.set(String(s.tick), (perTick.get(String(s.tick)) ?? 0) + 1);
    expect([...perTick.values()].every((n) => n === 1)).toBe(true);
    // The loser of each race saw that the winner runs this tick, and left no record of it: only ticks that no
    // daemon ran (the lock still held from the tick before) are recorded as skipped.
    const elsewhere = [...a.events, ...b.events].filter((e) => e.event === 'job.elsewhere');
    expect(elsewhere.length).toBeGreaterThanOrEqual(1);
    for (const e of elsewhere) expect(perTick.get(String(e.tick))).toBe(1);
    await Promise.all(daemons.splice(0).map((d) => stopped(d, 'check')));
    const all = listJobRuns(db.open(), 'every-second');
    const skippedTicks = all
      .filter((r) => r.status === 'skipped')
      .map((r) => String(JSON.parse(r.summary ?? '{}').tick));
    for (const tick of skippedTicks) expect(perTick.has(tick)).toBe(false);
    // And in the database, executions never overlap in time.
    const runs = all.filter((r) => r.status !== 'skipped');
    const spans = runs.map(
      (r) => [Date.parse(r.started_at), Date.parse(r.finished_at ?? r.started_at)] as const,
    );
    spans.sort((x, y) => x[0] - y[0]);
    for (let i = 1; i < spans.length; i++) expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1]);
  });

  it('a lock left by a process that died is taken over at the next tick, and its run marked interrupted', async () => {
    const conn = db.open();
    const pid = deadPid();
    const now = new Date();
    conn
      .prepare(
        `INSERT INTO job_locks (job_name, holder, pid, host, acquired_at, heartbeat_at, expires_at)
         VALUES ('every-second', ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        `${hostname()}:${pid}:dead`,
        pid,
        hostname(),
        now.toISOString(),
        now.toISOString(),
        new Date(now.getTime() + 3_600_000).toISOString(),
      );
    conn
      .prepare(
        `INSERT INTO job_runs (job_name, trigger, started_at, status) VALUES ('every-second', 'schedule', ?, 'running')`,
      )
      .run(now.toISOString());
    const { logger, events } = capturingLogger();
    daemon({ jobs: [makeJob()], logger, operations: { scrapeJob: oneByOne(scrape(1)) } });
    await waitFor(() => events.some((e) => e.event === 'job.end'), 8_000);
    expect(events.find((e) => e.event === 'lock.recovered')).toMatchObject({
      reason: 'holder-dead',
      abandoned_runs: 1,
    });
    const runs = listJobRuns(conn, 'every-second');
    expect(runs[0]!.status).toBe('interrupted');
    expect(runs.some((r) => r.status === 'ok')).toBe(true);
  });

  it('an expired lock from another host is taken over; a live one is respected', async () => {
    const conn = db.open();
    const insert = conn.prepare(
      `INSERT INTO job_locks (job_name, holder, pid, host, acquired_at, heartbeat_at, expires_at) VALUES (?, ?, 4242, 'other-host', ?, ?, ?)`,
    );
    const past = new Date(Date.now() - 600_000).toISOString();
    const future = new Date(Date.now() + 3_600_000).toISOString();
    insert.run('expired-job', 'other-host:4242:aaaa', past, past, past);
    insert.run('live-job', 'other-host:4242:bbbb', past, past, future);
    const { logger, events } = capturingLogger();
    daemon({
      jobs: [makeJob({ name: 'expired-job' }), makeJob({ name: 'live-job' })],
      logger,
      operations: { scrapeJob: oneByOne(scrape(1)) },
    });
    await waitFor(
      () =>
        events.some((e) => e.event === 'job.end' && e.job === 'expired-job') &&
        events.some((e) => e.event === 'job.skip' && e.job === 'live-job'),
      8_000,
    );
    expect(events.find((e) => e.event === 'lock.recovered')).toMatchObject({
      job: 'expired-job',
      reason: 'expired',
    });
    expect(events.some((e) => e.event === 'job.start' && e.job === 'live-job')).toBe(false);
    expect(readJobLock(conn, 'live-job')?.holder).toBe('other-host:4242:bbbb');
  });

  it('stopping mid-scrape finishes the current page, marks the scrape and the job interrupted, and frees the lock', async () => {
    pageDelayMs = 300;
    const pagesDone: number[] = [];
    const { logger, events } = capturingLogger();
    const d = daemon({
      jobs: [makeJob({ cron: '*/1 * * * * *' })],
      logger,
      operations: { scrapeJob: oneByOne(scrape(50, (_s, page) => pagesDone.push(page))) },
    });
    await waitFor(() => pagesDone.length >= 2, 10_000);
    const requestsAtStop = pagesRequested;
    const started = Date.now();
    const result = await stopped(d, 'SIGTERM');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result).toEqual({ interrupted: ['every-second'], timedOut: [] });
    // At most the page in flight was finished after the stop.
    expect(pagesRequested).toBeLessThanOrEqual(requestsAtStop + 1);
    const conn = db.open();
    const scrapeRuns = conn.prepare('SELECT status, pages_fetched FROM scrape_runs').all() as {
      status: string;
      pages_fetched: number;
    }[];
    expect(scrapeRuns).toHaveLength(1);
    expect(scrapeRuns[0]!.status).toBe('interrupted');
    expect(scrapeRuns[0]!.pages_fetched).toBeLessThan(50);
    const jobRuns = listJobRuns(conn, 'every-second').filter((r) => r.status !== 'skipped');
    expect(jobRuns.map((r) => r.status)).toEqual(['interrupted']);
    expect(readJobLock(conn, 'every-second')).toBeUndefined();
    expect(events.some((e) => e.event === 'schedule.stopped')).toBe(true);
    // No tick runs after the stop.
    const startsAfter = events.filter((e) => e.event === 'job.start').length;
    await advance(1_200);
    expect(events.filter((e) => e.event === 'job.start').length).toBe(startsAfter);
  });

  it('a scrape that ignores the stop is given up after the stop timeout, its lock released and run interrupted', async () => {
    pageDelayMs = 20_000;
    const { logger, events } = capturingLogger();
    const d = daemon({
      jobs: [makeJob()],
      logger,
      stopTimeoutMs: 500,
      operations: {
        scrapeJob: oneByOne(
          fakeScrapeSource({ baseUrl: 'http://127.0.0.1:9', pages: 1, fetchPage, ignoreAbort: true }),
        ),
      },
    });
    await waitFor(() => events.some((e) => e.event === 'job.start'), 8_000);
    const started = Date.now();
    const result = await stopped(d, 'SIGTERM');
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(result.timedOut).toEqual(['every-second']);
    const conn = db.open();
    expect(readJobLock(conn, 'every-second')).toBeUndefined();
    expect(listJobRuns(conn, 'every-second').map((r) => r.status)).toContain('interrupted');
    expect(events.some((e) => e.event === 'job.abandoned')).toBe(true);
  });
});
