// A run marked running whose process is gone shows as interrupted at once: its pid is dead on its own host,
// or its heartbeat is stale on any host. A live process's run, with a fresh heartbeat, shows as running. The
// same rule marks such runs interrupted for good when the next writer starts, and tells scheduled jobs apart.
import { hostname } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readJobStatuses } from '../../src/schedule/job-status.js';
import { type Db, openDatabase } from '../../src/store/database.js';
import { isAbandoned, RUN_STALE_AFTER_MS } from '../../src/store/run-liveness.js';
import { recoverAbandonedRuns } from '../../src/store/run-store.js';
import { readStatus } from '../../src/store/status-store.js';

const NOW = Date.parse('2026-12-01T12:00:00.000Z');
const at = (msAgo: number) => new Date(NOW - msAgo).toISOString();
const here = hostname();
const alive = (pid: number) => pid !== 999_999;

describe('isAbandoned', () => {
  const run = (fields: Partial<Parameters<typeof isAbandoned>[0]>) => ({
    status: 'running',
    pid: 4242,
    host: here,
    heartbeat_at: at(10_000),
    ...fields,
  });
  const context = { now: NOW, host: here, isProcessAlive: alive };

  it.each([
    ['a live process with a fresh heartbeat', run({}), false],
    ['a dead pid on this host', run({ pid: 999_999 }), true],
    [
      'a live pid whose heartbeat is stale (a reused pid)',
      run({ heartbeat_at: at(RUN_STALE_AFTER_MS + 1) }),
      true,
    ],
    [
      'another host, fresh heartbeat (its pid means nothing here)',
      run({ host: 'other', pid: 999_999 }),
      false,
    ],
    ['another host, stale heartbeat', run({ host: 'other', heartbeat_at: at(RUN_STALE_AFTER_MS + 1) }), true],
    ['a run recorded before hosts were, with a dead pid', run({ host: null, pid: 999_999 }), true],
    ['a finished run', run({ status: 'ok', pid: 999_999 }), false],
  ])('%s', (_what, fields, abandoned) => {
    expect(isAbandoned(fields, context)).toBe(abandoned);
  });
});

describe('runs whose process is gone, as status and the next writer see them', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(':memory:');
    db.exec(`INSERT INTO sources (id, name, kind, created_at) VALUES
      ('dead', 'dead', 'api', '2026-01-01'), ('live', 'live', 'api', '2026-01-01')`);
  });
  afterEach(() => db.close());

  const insertRun = (source: string, pid: number, heartbeat: string) =>
    db
      .prepare(
        `INSERT INTO scrape_runs (source_id, started_at, heartbeat_at, pid, host, status)
         VALUES (?, ?, ?, ?, ?, 'running')`,
      )
      .run(source, heartbeat, heartbeat, pid, here);

  it('status shows a killed run interrupted and a live one running; the next writer records it', () => {
    const now = new Date().toISOString();
    // A pid that cannot exist (above pid_max) stands for a process that was killed.
    insertRun('dead', 2 ** 30, now);
    insertRun('live', process.pid, now);
    const shown = Object.fromEntries(readStatus(db).last_runs.map((r) => [r.source_id, r.status]));
    expect(shown).toEqual({ dead: 'interrupted', live: 'running' });
    expect(recoverAbandonedRuns(db)).toBe(1);
    expect(db.prepare('SELECT source_id, status FROM scrape_runs ORDER BY id').all()).toEqual([
      { source_id: 'dead', status: 'interrupted' },
      { source_id: 'live', status: 'running' },
    ]);
  });

  it('a scheduled job whose daemon was killed shows its last run interrupted, not running', () => {
    const started = new Date(Date.now() - 5_000).toISOString();
    const expires = new Date(Date.now() + 60_000).toISOString();
    for (const [job, pid] of [
      ['killed-job', 2 ** 30],
      ['live-job', process.pid],
    ] as const) {
      db.prepare(
        `INSERT INTO job_runs (job_name, trigger, started_at, status) VALUES (?, 'schedule', ?, 'running')`,
      ).run(job, started);
      db.prepare(
        `INSERT INTO job_locks (job_name, holder, pid, host, acquired_at, heartbeat_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(job, `${here}:${pid}:x`, pid, here, started, started, expires);
    }
    const statuses = Object.fromEntries(
      readJobStatuses(db, []).map((s) => [s.name, { last: s.last_run?.status, running: s.running !== null }]),
    );
    expect(statuses).toEqual({
      'killed-job': { last: 'interrupted', running: false },
      'live-job': { last: 'running', running: true },
    });
  });
});
