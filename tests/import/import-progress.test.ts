// `jobtrend import` on a terminal shows a bar by the bytes of the file read, with its ETA, in place, and clears
// the line before its summary; off a terminal stderr stays empty.
import { statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { type ImportProgress, importFile } from '../../src/import/import-file.js';
import { openDatabase } from '../../src/store/database.js';
import { tempDir } from '../support/temp-db.js';

const { dir, cleanup } = tempDir('jobtrend-import-progress-');
afterAll(cleanup);
const dataset = resolve(import.meta.dirname, '../../examples/datasets/ai-jobs.csv');

async function importOn(isTTY: boolean, name: string): Promise<{ code: number; err: string }> {
  let err = '';
  const code = await run(['--db', join(dir, `${name}.sqlite`), 'import', dataset], {
    out: { write: () => {}, isTTY: false },
    err: { write: (t) => (err += t), isTTY },
    env: {},
  });
  return { code, err };
}

describe('import progress', () => {
  it('on a terminal: a bar by the bytes of the file read, with its ETA, redrawn in place, cleared at the end', async () => {
    const { code, err } = await importOn(true, 'tty');
    expect(code).toBe(0);
    const size = (statSync(dataset).size / 1e6).toFixed(1);
    expect(err.replaceAll('\x1b', 'ESC')).toMatch(
      new RegExp(
        `^\\r\\[[█░]{24}\\] 100% ${size.replace('.', '\\.')}/${size.replace('.', '\\.')} MB read \\| ETA \\d+sESC\\[K`,
      ),
    );
    expect(err.endsWith('\r\x1b[K')).toBe(true);
  });

  it('the progress it is given: bytes read against the file size, batch by batch, the last at the end', async () => {
    const rows = Array.from(
      { length: 3000 },
      (_, i) => `AI trainer ${i},Company ${i % 50},Shanghai,2026-01-05,${'x'.repeat(1000)}`,
    );
    const big = join(dir, 'big.csv');
    // 3 MB: read in several 1 MB chunks.
    writeFileSync(big, `title,company,location,posted_at,description\n${rows.join('\n')}\n`);
    const db = openDatabase(join(dir, 'sizes.sqlite'));
    const seen: ImportProgress[] = [];
    try {
      await importFile(db, big, { batchSize: 500, onProgress: (p) => seen.push(p) });
    } finally {
      db.close();
    }
    expect(seen.length).toBeGreaterThan(1);
    const size = statSync(big).size;
    for (const p of seen) expect(p.fileBytes).toBe(size);
    expect(seen.at(-1)!.bytesRead).toBe(size);
    const read = seen.map((p) => p.bytesRead!);
    expect(read).toEqual([...read].sort((a, b) => a - b));
    expect(new Set(read).size).toBeGreaterThan(1);
  });

  it('elsewhere: nothing on stderr', async () => {
    const { code, err } = await importOn(false, 'plain');
    expect(code).toBe(0);
    expect(err).toBe('');
  });
});
