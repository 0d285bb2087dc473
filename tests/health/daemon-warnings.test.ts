// After each scrape job the daemon logs the health flags of the sources it scraped, as warnings with the
// same fields `jobtrend health --json` prints; a healthy source logs none.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FieldTally } from '../../src/health/field-tally.js';
import type { JobOperations, SourceRunSummary } from '../../src/schedule/job-run-types.js';
import { runJob } from '../../src/schedule/job-runner.js';
import type { Db } from '../../src/store/database.js';
import { recordFieldCounts } from '../../src/store/run-field-store.js';
import { emptyRunCounters, finishRun, startRun } from '../../src/store/run-store.js';
import { ensureSource } from '../../src/store/source-store.js';
import {
  capturingLogger,
  makeJob,
  oneByOne,
  type ScrapeSourceOptions,
  type TestDb,
  testDb,
} from '../schedule/support.js';
import { makePosting } from '../support/posting-factory.js';

let temp: TestDb;
let db: Db;
beforeEach(() => {
  temp = testDb();
  db = temp.open();
  ensureSource(db, { id: 'fake', name: 'fake', kind: 'html', base_url: null }, '2026-11-01T00:00:00.000Z');
});
afterEach(() => temp.cleanup());

/** A scrape that records a run of 10 postings, with or without companies. */
function scrapeGiving(
  withCompany: () => boolean,
): (options: ScrapeSourceOptions) => Promise<SourceRunSummary> {
  return async ({ sourceId }) => {
    const runId = startRun(db, { sourceId, startedAt: new Date().toISOString() });
    const tally = new FieldTally();
    for (let i = 0; i < 10; i++) {
      const row = makePosting({
        source_posting_id: `p${i}`,
        company: withCompany() ? '上海示例科技有限公司' : null,
      });
      tally.add({ extra: {} }, row);
    }
    recordFieldCounts(db, runId, tally.counts());
    const counters = { ...emptyRunCounters(), pages_fetched: 1, postings_seen: 10, postings_new: 10 };
    finishRun(db, runId, { status: 'ok', counters });
    return { runId, sourceId, status: 'ok', counters, errorSummary: null };
  };
}

describe('the daemon after a scrape job', () => {
  it('logs a warning per health flag of the sources it scraped, and none while they are healthy', async () => {
    let company = true;
    const operations = { scrapeJob: oneByOne(scrapeGiving(() => company)) } as unknown as JobOperations;
    const first = capturingLogger();
    await runJob({ db, job: makeJob(), trigger: 'manual', operations, logger: first.logger });
    expect(first.events.filter((e) => e.event === 'health.flag')).toEqual([]);

    company = false;
    const second = capturingLogger();
    await runJob({ db, job: makeJob(), trigger: 'manual', operations, logger: second.logger });
    const warnings = second.events.filter((e) => e.event === 'health.flag');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      level: 40,
      source_id: 'fake',
      kind: 'field_drop',
      field: 'company',
      before: 1,
      after: 0,
      first_run_id: 2,
    });
    expect(String(warnings[0]!.msg)).toMatch(/health: fake: company fell from 100% to 0%/);
  });
});
