import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ExportOptions, exportPostings } from '../../src/export/export-postings.js';
import { importFile } from '../../src/import/import-file.js';
import { type Db, openDatabase } from '../../src/store/database.js';
import { upsertPostings } from '../../src/store/posting-store.js';
import { ensureSource } from '../../src/store/source-store.js';
import { makePosting } from '../support/posting-factory.js';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-db.js';

const { dir, cleanup } = tempDir('jobtrend-export-');
afterAll(cleanup);
let counter = 0;
const freshDb = (): { db: Db; path: string } => {
  const path = join(dir, `db-${++counter}.sqlite`);
  return { db: openDatabase(path), path };
};

async function exportText(db: Db, options: ExportOptions = {}): Promise<string> {
  let text = '';
  await exportPostings(
    db,
    {
      write: (t: string) => {
        text += t;
      },
    },
    options,
  );
  return text;
}

/** A database with two sources, a cross-posted job (one dedup key twice), odd text and nulls. */
function seed(db: Db): void {
  ensureSource(db, { id: 'greenhouse', name: 'Greenhouse', kind: 'api', base_url: null });
  ensureSource(db, { id: 'boss', name: 'BOSS直聘', kind: 'browser', base_url: null });
  upsertPostings(
    db,
    [
      makePosting({
        source_id: 'greenhouse',
        source_posting_id: 'g1',
        title: 'RLHF Rater, "Chinese"',
        city: 'San Francisco',
        district: null,
        remote: true,
        salary_currency: 'USD',
        salary_period: 'hour',
        salary_min: 40.5,
        salary_max: null,
        salary_months: null,
        posted_at: '2025-02-03T04:05:06.000Z',
        posted_at_precision: 'exact',
        roles: ['ai-rater'],
        skills: ['rlhf', 'python'],
        dedup_key: 'job-a',
        description: 'line one\nline two, with comma',
      }),
      makePosting({
        source_id: 'boss',
        source_posting_id: 'b1',
        dedup_key: 'job-b',
        roles: ['ai-trainer', 'data-annotator'],
      }),
      makePosting({
        source_id: 'boss',
        source_posting_id: 'b2',
        dedup_key: 'job-a',
        posted_at: '2025-03-01',
        roles: ['ai-rater'],
        skills: [],
        remote: null,
      }),
      makePosting({
        source_id: 'boss',
        source_posting_id: 'b3',
        dedup_key: 'job-c',
        city: 'Beijing',
        posted_at: null,
        posted_at_precision: null,
        roles: ['prompt-engineer'],
        raw_json: '{"x":[1,"二"]}',
      }),
    ],
    { seenAt: '2025-03-10T08:00:00.000Z', runId: null },
  );
}

describe('export', () => {
  it('prints deduplicated postings with their roles and skills, keys named as the columns', async () => {
    const { db } = freshDb();
    seed(db);
    const rows = (await exportText(db))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.map((r) => r.source_posting_id)).toEqual(['g1', 'b1', 'b3']);
    expect(rows[0]).toMatchObject({
      source_id: 'greenhouse',
      city: 'San Francisco',
      remote: true,
      is_primary: true,
      roles: ['ai-rater'],
      skills: ['python', 'rlhf'],
      effective_date: '2025-02-03',
    });
    expect(rows[2]).toMatchObject({ effective_date: '2025-03-10', posted_at: null });
    expect(Object.keys(rows[0])).toContain('salary_negotiable');
    expect(Object.keys(rows[0])).not.toContain('id');
    expect((await exportText(db, { all: true })).trim().split('\n')).toHaveLength(4);
    db.close();
  });

  it('filters by role, city, source and effective date', async () => {
    const { db } = freshDb();
    seed(db);
    const ids = async (options: ExportOptions) =>
      (await exportText(db, { all: true, ...options }))
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l).source_posting_id);
    expect(await ids({ roles: ['ai-rater'] })).toEqual(['g1', 'b2']);
    expect(await ids({ cities: ['Beijing'] })).toEqual(['b3']);
    expect(await ids({ sources: ['greenhouse'] })).toEqual(['g1']);
    expect(await ids({ from: '2025-03-01', to: '2025-03-05' })).toEqual(['b1', 'b2']);
    db.close();
  });
});

describe('round trip', () => {
  it('export → import into a fresh database → export gives identical JSON Lines', async () => {
    const first = freshDb();
    seed(first.db);
    for (const all of [false, true]) {
      const original = await exportText(first.db, { all });
      const path = join(dir, `export-${all}.jsonl`);
      writeFileSync(path, original);
      const second = freshDb();
      const summary = await importFile(second.db, path);
      expect(summary.mode).toBe('restore');
      expect(summary.skippedCount).toBe(0);
      expect(await exportText(second.db, { all })).toBe(original);
      second.db.close();
    }
    first.db.close();
  });

  it('a CSV export imports back to the same postings', async () => {
    const first = freshDb();
    seed(first.db);
    const path = join(dir, 'export.csv');
    writeFileSync(path, await exportText(first.db, { all: true, format: 'csv' }));
    const second = freshDb();
    await importFile(second.db, path);
    expect(await exportText(second.db, { all: true })).toBe(await exportText(first.db, { all: true }));
    first.db.close();
    second.db.close();
  });

  it('re-importing the same export adds nothing and changes nothing', async () => {
    const first = freshDb();
    seed(first.db);
    const path = join(dir, 'again.jsonl');
    writeFileSync(path, await exportText(first.db, { all: true }));
    const second = freshDb();
    await importFile(second.db, path);
    const before = await exportText(second.db, { all: true });
    const again = await importFile(second.db, path);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 4 });
    expect(await exportText(second.db, { all: true })).toBe(before);
    first.db.close();
    second.db.close();
  });

  it('records a run per source whose coverage spans the data', async () => {
    const first = freshDb();
    seed(first.db);
    const path = join(dir, 'runs.jsonl');
    writeFileSync(path, await exportText(first.db, { all: true }));
    const second = freshDb();
    await importFile(second.db, path);
    const runs = second.db
      .prepare(
        'SELECT source_id, status, coverage_from, coverage_to, postings_new FROM scrape_runs ORDER BY source_id',
      )
      .all();
    expect(runs).toEqual([
      {
        source_id: 'boss',
        status: 'ok',
        coverage_from: '2025-03-01',
        coverage_to: '2025-03-10',
        postings_new: 3,
      },
      {
        source_id: 'greenhouse',
        status: 'ok',
        coverage_from: '2025-02-03',
        coverage_to: '2025-02-03',
        postings_new: 1,
      },
    ]);
    first.db.close();
    second.db.close();
  });
});

describe('jobtrend export (CLI)', () => {
  it('writes a file with --output and refuses a bad --format or --from with exit 2', async () => {
    const { db, path } = freshDb();
    seed(db);
    db.close();
    const out = join(dir, 'cli.csv');
    const written = await runCli([
      '--db',
      path,
      'export',
      '--format',
      'csv',
      '--role',
      'ai-trainer',
      '-o',
      out,
    ]);
    expect(written.code).toBe(0);
    expect(written.stderr).toMatch(/exported 1 postings/);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^boss,b1,/);
    const bad = await runCli(['--db', path, 'export', '--format', 'xml']);
    expect(bad).toMatchObject({ code: 2 });
    expect(bad.stderr).toMatch(/--format must be jsonl or csv/);
    expect((await runCli(['--db', path, 'export', '--from', 'March'])).code).toBe(2);
    const role = await runCli(['--db', path, 'export', '--role', 'trainer']);
    expect(role.code).toBe(2);
    expect(role.stderr).toMatch(/unknown role "trainer"/);
    const city = await runCli(['--db', path, 'export', '--city', '北京']);
    expect(
      city.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).source_posting_id),
    ).toEqual(['b3']);
    const month = await runCli(['--db', path, 'export', '--all', '--from', '2025-03', '--to', '2025-03']);
    expect(month.stdout.trim().split('\n')).toHaveLength(3);
  });
});
