// Foreign-key checks stay on during an import: read on the importing connection while batches are stored, and
// shown to bite under the import's own settings (a link to a posting that does not exist is refused).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importFile } from '../../src/import/import-file.js';
import { openDatabase } from '../../src/store/database.js';
import { useImportPragmas } from '../../src/store/import-store.js';
import { tempDir } from '../support/temp-db.js';

const { dir, cleanup } = tempDir('jobtrend-import-fk-');
afterAll(cleanup);

const CSV = [
  '职位名称,公司名称,城市,薪资,发布日期,职位描述',
  'AI训练师,示例科技,上海,8-12K·13薪,2025-03-05,负责大模型数据标注与质检',
  '数据标注员,样例数据,北京,6-8K,2025-09-18,图像标注',
].join('\n');

describe('foreign keys during an import', () => {
  it('are on in the importing connection while its batches are stored', async () => {
    const db = openDatabase(join(dir, 'during.sqlite'));
    const csv = join(dir, 'market.csv');
    writeFileSync(csv, CSV);
    const seen: number[] = [];
    const summary = await importFile(db, csv, {
      now: () => new Date('2026-11-20T10:00:00Z'),
      onProgress: () => seen.push(db.pragma('foreign_keys', { simple: true }) as number),
    });
    expect(summary.inserted).toBe(2);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((on) => on === 1)).toBe(true);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('refuse a dangling reference under the import’s settings', () => {
    const db = openDatabase(join(dir, 'dangling.sqlite'));
    const restore = useImportPragmas(db);
    try {
      db.prepare("INSERT OR IGNORE INTO skills (id, name) VALUES ('python', 'Python')").run();
      expect(() =>
        db.prepare("INSERT INTO posting_skills (posting_id, skill_id) VALUES (424242, 'python')").run(),
      ).toThrow(/FOREIGN KEY/);
    } finally {
      restore();
      db.close();
    }
  });
});
