// Every import leaves a run row saying how it ended: also when its very first batch fails, whose rollback
// must not take the run (and its source) with it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importFile } from '../../src/import/import-file.js';
import { openDatabase } from '../../src/store/database.js';
import { tempDir } from '../support/temp-db.js';

const { dir, cleanup } = tempDir('jobtrend-import-run-');
afterAll(cleanup);

const CSV = [
  '职位名称,公司名称,城市,发布日期',
  'AI训练师,示例科技,上海,2025-03-05',
  '数据标注员,样例数据,北京,2025-09-18',
].join('\n');

describe('the run row of an import', () => {
  it('says failed, with the reason, when the first batch cannot be stored', async () => {
    const db = openDatabase(join(dir, 'first-batch.sqlite'));
    try {
      db.exec(
        `CREATE TRIGGER refuse BEFORE INSERT ON postings BEGIN SELECT RAISE(ABORT, 'disk says no'); END`,
      );
      const path = join(dir, 'market.csv');
      writeFileSync(path, CSV);
      await expect(importFile(db, path)).rejects.toThrow('disk says no');
      expect(db.prepare('SELECT count(*) FROM postings').pluck().get()).toBe(0);
      const runs = db
        .prepare('SELECT source_id, status, error_summary, finished_at, postings_new FROM scrape_runs')
        .all();
      expect(runs).toEqual([
        {
          source_id: 'import:market',
          status: 'failed',
          error_summary: 'disk says no',
          finished_at: expect.any(String),
          postings_new: 0,
        },
      ]);
      expect(db.prepare('SELECT id, kind FROM sources').all()).toEqual([
        { id: 'import:market', kind: 'import' },
      ]);
    } finally {
      db.close();
    }
  });

  it('of a restored export opens each source’s run before the batch, and closes it failed', async () => {
    const db = openDatabase(join(dir, 'restore.sqlite'));
    try {
      const row = (source: string, id: string) =>
        JSON.stringify({
          source_id: source,
          source_posting_id: id,
          title: 'AI训练师',
          dedup_key: `k-${id}`,
          content_hash: `h-${id}`,
          first_seen_at: '2025-03-05T00:00:00.000Z',
          last_seen_at: '2025-03-05T00:00:00.000Z',
          salary_negotiable: false,
          effective_date: '2025-03-05',
          roles: [],
          skills: [],
        });
      const path = join(dir, 'export.jsonl');
      writeFileSync(path, `${row('greenhouse', 'g1')}\n${row('lever', 'l1')}\n`);
      db.exec(`CREATE TRIGGER refuse BEFORE INSERT ON postings WHEN new.source_id = 'lever'
               BEGIN SELECT RAISE(ABORT, 'no lever'); END`);
      await expect(importFile(db, path)).rejects.toThrow('no lever');
      expect(db.prepare('SELECT source_id, status FROM scrape_runs ORDER BY source_id').all()).toEqual([
        { source_id: 'greenhouse', status: 'failed' },
        { source_id: 'lever', status: 'failed' },
      ]);
    } finally {
      db.close();
    }
  });
});
