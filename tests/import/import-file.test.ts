import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSyntheticCsv } from '../../bench/synthetic-csv.js';
import { importFile } from '../../src/import/import-file.js';
import { type Normalise, normalisePosting } from '../../src/pipeline/normalise-posting.js';
import { type Db, openDatabase } from '../../src/store/database.js';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-db.js';

const { dir, cleanup } = tempDir('jobtrend-importfile-');
afterAll(cleanup);
let counter = 0;
const fresh = (): { db: Db; path: string } => {
  const path = join(dir, `db-${++counter}.sqlite`);
  return { db: openDatabase(path), path };
};
const file = (name: string, content: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const now = () => new Date('2026-11-20T10:00:00Z');

const CSV = [
  '职位名称,公司名称,城市,薪资,发布日期,职位描述',
  'AI训练师,示例科技,上海,8-12K·13薪,2025-03-05,负责大模型数据标注与质检',
  '数据标注员,样例数据,北京,6-8K,2025-09-18,图像标注',
  'RLHF Rater,Example AI Lab,San Francisco,$30-$45/hr,2026-01-10,Rate model responses',
].join('\n');

describe('importing a dataset through the pipeline', () => {
  it('stores each row under import:<name>, with the pipeline’s city and roles', async () => {
    const { db } = fresh();
    const summary = await importFile(db, file('market.csv', CSV), { now });
    expect(summary).toMatchObject({
      mode: 'pipeline',
      rows: 3,
      inserted: 3,
      skippedCount: 0,
      sourceIds: ['import:market'],
    });
    expect(db.prepare("SELECT kind FROM sources WHERE id = 'import:market'").pluck().get()).toBe('import');
    const rows = db.prepare('SELECT title, city, salary_raw, posted_at FROM postings ORDER BY id').all();
    expect(rows[0]).toMatchObject({ title: 'AI训练师', city: 'Shanghai', salary_raw: '8-12K·13薪' });
    expect(String((rows[1] as { posted_at: string }).posted_at)).toMatch(/^2025-09-1[78]/);
    const roles = db
      .prepare(
        "SELECT role_id FROM posting_roles pr JOIN postings p ON p.id = pr.posting_id WHERE p.title = 'AI训练师'",
      )
      .pluck()
      .all();
    expect(roles).toContain('ai-trainer');
    db.close();
  });

  it('indexes imported postings for full-text search and leaves the index triggers in place', async () => {
    const { db } = fresh();
    const triggers = () =>
      db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all();
    const before = triggers();
    await importFile(db, file('fts.csv', CSV), { now });
    expect(triggers()).toEqual(before);
    const found = db
      .prepare(
        "SELECT p.title FROM postings_fts f JOIN postings p ON p.id = f.rowid WHERE postings_fts MATCH '图像标注'",
      )
      .pluck()
      .all();
    expect(found).toEqual(['数据标注员']);
    // Postings stored later, outside an import, are still indexed by the trigger.
    db.prepare("INSERT INTO sources (id, name, kind, created_at) VALUES ('t', 't', 'api', 'now')").run();
    db.prepare(
      "INSERT INTO postings (source_id, source_posting_id, title, description, first_seen_at, last_seen_at, effective_date, dedup_key, content_hash) VALUES ('t', '1', 'Prompt Engineer', '撰写提示词模板', 'x', 'x', '2026-01-01', 'k', 'h')",
    ).run();
    expect(
      db.prepare("SELECT count(*) FROM postings_fts WHERE postings_fts MATCH '提示词模板'").pluck().get(),
    ).toBe(1);
    db.close();
  });

  it('records a run whose coverage spans the dates of the data', async () => {
    const { db } = fresh();
    await importFile(db, file('span.csv', CSV), { now });
    const run = db.prepare('SELECT status, coverage_from, coverage_to, postings_new FROM scrape_runs').get();
    expect(run).toEqual({
      status: 'ok',
      coverage_from: '2025-03-05',
      coverage_to: '2026-01-10',
      postings_new: 3,
    });
    db.close();
  });

  it('adds nothing when the same file is imported again', async () => {
    const { db } = fresh();
    const path = file('again.csv', CSV);
    await importFile(db, path, { now });
    const again = await importFile(db, path, { now });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    expect(db.prepare('SELECT count(*) FROM postings').pluck().get()).toBe(3);
    db.close();
  });

  it('reports malformed rows by line and stores the rest', async () => {
    const { db } = fresh();
    const text = [
      CSV.replace('数据标注员,样例数据,北京', '数据标注员,样例数据,北京,extra'),
      ',无标题公司,上海,,2025-01-01,x',
      'Prompt工程师,示例科技,杭州,20-30K,2026-02-01,写提示词',
      '"a quote that never closes,x,上海,,2025-01-01,x',
    ].join('\n');
    const summary = await importFile(db, file('bad.csv', text), { now });
    expect(summary.skipped.map((s) => s.line)).toEqual([3, 5, 7]);
    expect(summary.skipped[0]!.reason).toMatch(/number of fields/);
    expect(summary.skipped[1]!.reason).toMatch(/no title/);
    expect(summary.skipped[2]!.reason).toMatch(/never closed/);
    expect(db.prepare('SELECT title FROM postings ORDER BY id').pluck().all()).toEqual([
      'AI训练师',
      'RLHF Rater',
      'Prompt工程师',
    ]);
    expect(db.prepare('SELECT status FROM scrape_runs').pluck().get()).toBe('partial');
    db.close();
  });

  it('reads JSON arrays and JSON Lines with their own field names', async () => {
    const { db } = fresh();
    const jobs = [
      {
        positionName: 'AI训练师',
        companyFullName: '示例科技',
        city: '杭州',
        salary: '10-15K',
        createdAt: '2025-05-01',
        id: 'a1',
      },
      {
        positionName: '数据标注员',
        companyFullName: '样例',
        city: '成都',
        salary: '5-7K',
        createdAt: '2025-06-01',
        id: 'a2',
      },
    ];
    const json = await importFile(db, file('jobs.json', JSON.stringify({ jobs }, null, 2)), { now });
    const jsonl = await importFile(
      db,
      file('jobs.jsonl', jobs.map((j) => JSON.stringify({ ...j, id: `l-${j.id}` })).join('\n')),
      { now },
    );
    expect([json.inserted, jsonl.inserted]).toEqual([2, 2]);
    expect(
      db
        .prepare("SELECT source_posting_id FROM postings WHERE source_id = 'import:jobs' ORDER BY id")
        .pluck()
        .all(),
    ).toEqual(['a1', 'a2', 'l-a1', 'l-a2']);
    db.close();
  });

  it('follows JSON records whose keys vary from one record to the next', async () => {
    const { db } = fresh();
    const lines = [
      { title: 'AI训练师', id: 'v1' },
      { title: '数据标注员', id: 'v2', salary: '6-8K', 城市: '上海' },
    ];
    await importFile(db, file('vary.jsonl', lines.map((l) => JSON.stringify(l)).join('\n')), {
      now,
      undatedImportDay: true,
    });
    expect(db.prepare("SELECT salary_raw, city FROM postings WHERE source_posting_id = 'v2'").get()).toEqual({
      salary_raw: '6-8K',
      city: 'Shanghai',
    });
    db.close();
  });

  it('imports a synthetic CSV of many rows in batches', async () => {
    const { db } = fresh();
    const path = join(dir, 'synthetic.csv');
    await writeSyntheticCsv(path, 5000, { seed: 2 });
    const summary = await importFile(db, path, { now, batchSize: 1000 });
    expect(summary).toMatchObject({ rows: 5000, skippedCount: 0 });
    expect(summary.inserted).toBe(5000);
    expect(db.prepare('SELECT count(DISTINCT city) FROM postings').pluck().get()).toBe(5);
    db.close();
  });

  it('writes only rows whose references hold, and turns foreign-key checks back on afterwards', async () => {
    const { db } = fresh();
    const path = join(dir, 'references.csv');
    await writeSyntheticCsv(path, 1500, { seed: 3 });
    // A role and a skill id that the taxonomy does not know must still get rows of their own.
    const normalise: Normalise = (raw, context) => ({
      ...normalisePosting(raw, context),
      roles: ['legacy-role'],
      skills: ['legacy-skill', 'python'],
    });
    await importFile(db, path, { now, batchSize: 500, normalise });
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(
      db.prepare("SELECT count(*) FROM posting_skills WHERE skill_id = 'legacy-skill'").pluck().get(),
    ).toBe(1500);
    // A failed import turns them back on too.
    await expect(
      importFile(db, file('untitled.csv', 'company,city\n示例科技,上海\n'), { now }),
    ).rejects.toThrow(/no title column/);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });
});

describe('jobtrend import (CLI)', () => {
  it('maps columns by flags, decodes GBK, and prints what it stored', async () => {
    const { db, path } = fresh();
    db.close();
    const gbk = file(
      'gbk.csv',
      iconv.encode('岗位,单位,地区,日期\n人工智能训练师,示例科技,上海,2025-04-01\n', 'gbk'),
    );
    const result = await runCli([
      '--db',
      path,
      'import',
      gbk,
      '--encoding',
      'gbk',
      '--map',
      'title=岗位',
      '--map',
      'company=单位',
      '--map',
      'city=地区',
      '--map',
      'posted_at=日期',
      '--source',
      'GBK Data',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/into import:gbk-data/);
    expect(result.stdout).toMatch(/1 rows read: 1 new/);
  });

  it('takes a mapping file', async () => {
    const { db, path } = fresh();
    db.close();
    const data = file('custom.csv', 'job,firm\nAI Tutor - Physics,Fictional Tutors\n');
    const mapping = file('mapping.yaml', 'columns:\n  title: job\n  company: firm\n');
    const result = await runCli([
      '--db',
      path,
      'import',
      data,
      '--mapping',
      mapping,
      '--undated',
      'import-day',
      '--json',
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ inserted: 1, source_ids: ['import:custom'] });
  });

  it('says in one line what is wrong with bad input, with exit 2 for usage and 1 for the rest', async () => {
    const { db, path } = fresh();
    db.close();
    const data = file('plain.csv', 'job,firm\nx,y\n');
    const badField = await runCli(['--db', path, 'import', data, '--map', 'titel=job']);
    expect(badField.code).toBe(2);
    expect(badField.stderr).toMatch(/^jobtrend: --map: unknown field "titel"/);
    const noTitle = await runCli(['--db', path, 'import', data]);
    expect(noTitle.code).toBe(1);
    expect(noTitle.stderr).toMatch(/no title column among job, firm: name it with --map title=COLUMN/);
    const missing = await runCli(['--db', path, 'import', join(dir, 'nope.csv')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read .*nope\.csv/);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    // The same through a decoder (GBK): it once waited for good on a file that was not there.
    const missingGbk = await runCli(['--db', path, 'import', join(dir, 'nope.csv'), '--encoding', 'gbk']);
    expect(missingGbk.code).toBe(1);
    expect(missingGbk.stderr).toMatch(/cannot read .*nope\.csv/);
    expect(missingGbk.stderr.trim().split('\n')).toHaveLength(1);
    const folder = await runCli(['--db', path, 'import', dir]);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toMatch(/is a folder: give the dataset file itself/);
    const allBad = await runCli(['--db', path, 'import', file('bad.jsonl', 'not json\n{broken\n')]);
    expect(allBad.code).toBe(1);
    expect(allBad.stdout).toMatch(/skipped line 2: not valid JSON/);
  });
});
