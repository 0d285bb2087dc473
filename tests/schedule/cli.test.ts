// The commands as a user meets them: `jobtrend status` lists each job's last run, result and next run
// (text and --json, keeping what status showed before), and `jobtrend run JOB` refuses, in one line, a job
// that another process is running.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runJob } from '../../src/schedule/job-runner.js';
import { acquireJobLock } from '../../src/schedule/lock.js';
import { listJobRuns } from '../../src/store/job-store.js';
import { runCli } from '../support/run-cli.js';
import { makeJob, oneByOne, type TestDb, testDb } from './support.js';

let temp: TestDb;
let configPath: string;
// hn needs no options of its own, so the config below is complete.
const sourceId = 'hn';

beforeEach(() => {
  temp = testDb();
  configPath = join(temp.path, '..', 'jobtrend.config.yaml');
  writeFileSync(
    configPath,
    [
      'jobs:',
      '  - name: daily',
      '    cron: "30 6 * * *"',
      '    timezone: Asia/Shanghai',
      `    sources: [${sourceId}]`,
      '  - name: paused',
      '    cron: "0 0 * * 1"',
      `    sources: [${sourceId}]`,
      '    enabled: false',
      '',
    ].join('\n'),
  );
});
afterEach(() => temp.cleanup());

const ok = async () => ({
  runId: 1,
  sourceId,
  status: 'ok' as const,
  counters: {
    pages_fetched: 2,
    requests: 2,
    retries: 0,
    postings_seen: 10,
    postings_new: 7,
    postings_updated: 1,
    error_count: 0,
  },
  errorSummary: null,
});

describe('jobtrend status with scheduled jobs', () => {
  it('--json adds a jobs key with the last run, its result and the next run, keeping the other keys', async () => {
    await runJob({
      db: temp.open(),
      job: makeJob({ name: 'daily', sources: [sourceId] }),
      trigger: 'manual',
      operations: { scrapeJob: oneByOne(ok) },
    });
    const result = await runCli(['--db', temp.path, '--config', configPath, 'status', '--json']);
    expect(result.code).toBe(0);
    const status = JSON.parse(result.stdout);
    expect(status).toHaveProperty('schema_version');
    expect(status).toHaveProperty('tables');
    expect(status).toHaveProperty('last_runs');
    const daily = status.jobs.find((j: { name: string }) => j.name === 'daily');
    expect(daily).toMatchObject({
      configured: true,
      enabled: true,
      cron: '30 6 * * *',
      timezone: 'Asia/Shanghai',
      last_run: { trigger: 'manual', status: 'ok', summary: { postings_new: 7 } },
      running: null,
    });
    // 06:30 in Shanghai is 22:30 UTC, and it is in the future.
    expect(daily.next_run).toMatch(/T22:30:00\.000Z$/);
    expect(Date.parse(daily.next_run)).toBeGreaterThan(Date.now());
    expect(status.jobs.find((j: { name: string }) => j.name === 'paused')).toMatchObject({
      enabled: false,
      next_run: null,
      last_run: null,
    });
  });

  it('the text output gains a jobs table with the result and the next run', async () => {
    await runJob({
      db: temp.open(),
      job: makeJob({ name: 'daily', sources: [sourceId] }),
      trigger: 'schedule',
      operations: { scrapeJob: oneByOne(ok) },
    });
    const result = await runCli(['--db', temp.path, '--config', configPath, 'status']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/schema version/);
    const jobs = result.stdout.slice(result.stdout.indexOf('jobs:'));
    expect(jobs).toMatch(
      /daily\s+30 6 \* \* \* \(Asia\/Shanghai\)\s+\S+ schedule\s+ok, 7 new\s+\S+T22:30:00\.000Z/,
    );
    expect(jobs).toMatch(/paused\s+0 0 \* \* 1 \(.+\) disabled\s+never run/);
  });

  it('a job running in another process shows as running', async () => {
    acquireJobLock(temp.open(), 'daily', { holder: 'server:123:abcd' });
    const status = JSON.parse(
      (await runCli(['--db', temp.path, '--config', configPath, 'status', '--json'])).stdout,
    );
    expect(status.jobs.find((j: { name: string }) => j.name === 'daily').running).toMatchObject({
      holder: 'server:123:abcd',
    });
  });
});

describe('jobtrend run JOB', () => {
  it('exits 1 with one line when another process holds the job, and scrapes nothing', async () => {
    acquireJobLock(temp.open(), 'daily', { holder: 'server:123:abcd' });
    const result = await runCli(['--db', temp.path, '--config', configPath, 'run', 'daily']);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^jobtrend: job daily is already running: held by server:123:abcd since .*; wait for it to finish$/,
    );
    expect(listJobRuns(temp.open(), 'daily').map((r) => [r.trigger, r.status])).toEqual([
      ['manual', 'skipped'],
    ]);
    const db = temp.open();
    expect(db.prepare('SELECT count(*) FROM scrape_runs').pluck().get()).toBe(0);
  });
});
