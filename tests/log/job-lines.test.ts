// The lines a job writes as the daemon runs it (start, each source's end, health flags, the report, the end)
// each say every key once, in snake_case — the job's logger is bound to `job` and the lines name it again.
import { describe, expect, it } from 'vitest';
import type { SourceRunSummary } from '../../src/schedule/job-run-types.js';
import { runJob } from '../../src/schedule/job-runner.js';
import { capturingLogger, makeJob, oneByOne, testDb } from '../schedule/support.js';
import { badKeys, repeatedKeys } from '../support/json-keys.js';

const summary = (sourceId: string, status: SourceRunSummary['status']): SourceRunSummary => ({
  runId: 1,
  sourceId,
  status,
  counters: {
    pages_fetched: 1,
    requests: 1,
    retries: 0,
    postings_seen: 2,
    postings_new: 2,
    postings_updated: 0,
    error_count: status === 'ok' ? 0 : 1,
  },
  errorSummary: status === 'ok' ? null : 'blocked: a verification page',
});

describe("a job's log lines", () => {
  it('name every key once, in snake_case: ok, failed and thrown sources, and a failed report', async () => {
    const { logger, lines } = capturingLogger();
    const temp = testDb();
    await runJob({
      db: temp.open(),
      job: makeJob({ name: 'daily', sources: ['a', 'b', 'c'], report: { period: 'month' } }),
      trigger: 'manual',
      logger,
      operations: {
        scrapeJob: oneByOne(async ({ sourceId }) => {
          if (sourceId === 'c') throw new Error('unknown source "c"');
          return summary(sourceId, sourceId === 'a' ? 'ok' : 'failed');
        }),
        writeReport: async () => {
          throw new Error('no postings to report');
        },
      },
    }).finally(() => temp.cleanup());
    expect(lines.length).toBeGreaterThanOrEqual(5);
    for (const line of lines) {
      expect(repeatedKeys(line), line).toEqual([]);
      expect(badKeys(JSON.parse(line)), line).toEqual([]);
    }
  });
});
