// What an import says about rows it could not read as they were: bytes that are not valid in the file's
// encoding (kept as U+FFFD, counted and reported by line, with the hint to give --encoding), a header that is
// not text in that encoding, and a quote that never closes (the line range it swallowed) or that took
// lines with it before closing.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { importFile } from '../../src/import/import-file.js';
import { openDatabase } from '../../src/store/database.js';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-db.js';

const { dir, cleanup } = tempDir('jobtrend-import-reports-');
afterAll(cleanup);
let n = 0;
const file = (content: string | Buffer, name = `data-${++n}.csv`) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const HEADER = '职位名称,公司名称,城市,发布日期\n';

describe('bytes that are not valid UTF-8', () => {
  const bytes = Buffer.concat([
    Buffer.from(`${HEADER}AI训练师,示例`),
    Buffer.from([0xff, 0xfe]),
    Buffer.from('科技,上海,2025-03-05\n数据标注员,样例数据,北京,2025-03-06\n标注'),
    Buffer.from([0xc3]),
    Buffer.from(',样例,北京,2025-03-07\n'),
  ]);

  it('are counted and reported by line; the rows are kept', async () => {
    const db = openDatabase(join(dir, 'utf8.sqlite'));
    try {
      const summary = await importFile(db, file(bytes));
      expect(summary).toMatchObject({ inserted: 3, undecodable_count: 2, undecodable_lines: [2, 4] });
      const run = db.prepare('SELECT status, error_summary FROM scrape_runs').get() as Record<string, string>;
      expect(run.error_summary).toMatch(
        /2 rows hold bytes that are not utf-8 \(stored as �\), on lines 2, 4/,
      );
    } finally {
      db.close();
    }
  });

  it('the command says so, with the lines and the --encoding hint', async () => {
    const r = await runCli(['--db', join(dir, 'utf8-cli.sqlite'), 'import', file(bytes)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /2 rows hold bytes that are not utf-8 \(stored as �\), on lines 2, 4: if the file is in another encoding, import it again with --encoding \(gbk, gb18030, big5 …\)/,
    );
  });

  it('a GBK file read as UTF-8: its header is not text, and the line says to give --encoding', async () => {
    const gbk = file(iconv.encode(`${HEADER}AI训练师,示例科技,上海,2025-03-05\n`, 'gbk'));
    const r = await runCli(['--db', join(dir, 'gbk.sqlite'), 'import', gbk]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^jobtrend: no title column among .*: the header is not utf-8 text; give the file's encoding with --encoding \(gbk/,
    );
    const right = await runCli(['--db', join(dir, 'gbk.sqlite'), 'import', gbk, '--encoding', 'gbk']);
    expect(right.code, right.stderr).toBe(0);
  });
});

describe('quotes', () => {
  it('one that never closes is reported with the lines it swallowed', async () => {
    const r = await runCli([
      '--db',
      join(dir, 'quote.sqlite'),
      'import',
      file(
        `${HEADER}"AI训练师,示例科技,上海,2025-03-05\n数据标注员,样例,北京,2025-03-06\n质检员,样例,北京,2025-03-07\n`,
      ),
    ]);
    expect(r.stdout).toMatch(
      /skipped line 2: a quoted field opened on line 2 is never closed: lines 2–4 were read as one field, to the end of the file/,
    );
  });

  it('one closed lines later, taking those lines with it, is reported with the lines the record ran over', async () => {
    const db = openDatabase(join(dir, 'stray.sqlite'));
    try {
      const summary = await importFile(
        db,
        file(
          `${HEADER}"AI训练师,示例科技,上海,2025-03-05\n数据标注员,样例,北京,2025-03-06\n质检员,样例",北京,2025-03-07\nRLHF,样例,北京,2025-03-08\n`,
        ),
      );
      expect(summary.skipped).toEqual([
        {
          line: 4,
          reason: 'wrong number of fields for the header (it runs over lines 2–4: a quote may be unbalanced)',
        },
      ]);
      expect(summary.inserted).toBe(1);
    } finally {
      db.close();
    }
  });
});
