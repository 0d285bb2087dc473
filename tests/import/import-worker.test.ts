// The import's reading thread: the compiled worker (dist/, built by `npm test` before vitest runs) must give
// the batches that reading in-process gives, pass the user's errors through as the same kind of error, and
// stop when the import stops early. Tests run from the TypeScript sources, where importFile reads
// in-process, so this is where the worker itself is exercised.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticCsv } from '../../bench/synthetic-csv.js';
import type { ImportBatch, ReadOptions } from '../../src/import/import-batches.js';
import { readImportBatches } from '../../src/import/import-batches.js';
import { joinParts } from '../support/import-parts.js';
import { tempDir } from '../support/temp-db.js';

const DIST = join(import.meta.dirname, '../../dist/src/import/worker-batches.js');
type WorkerBatches = typeof import('../../src/import/worker-batches.js');
let built: WorkerBatches;
// importFile and the store as built, so that imports read in the worker (from the sources they read in-process).
let importer: typeof import('../../src/import/import-file.js');
let store: typeof import('../../src/store/database.js');

const { dir, cleanup } = tempDir('jobtrend-importworker-');
afterAll(cleanup);
beforeAll(async () => {
  if (!existsSync(DIST)) throw new Error(`${DIST} is missing: run \`npm run build\` first (npm test does)`);
  built = (await import(DIST)) as WorkerBatches;
  importer = await import(join(import.meta.dirname, '../../dist/src/import/import-file.js'));
  store = await import(join(import.meta.dirname, '../../dist/src/store/database.js'));
});

const options = (overrides: Partial<ReadOptions> = {}): ReadOptions => ({
  format: 'csv',
  foreignDataset: false,
  sourceId: 'import:sample',
  seenAt: '2026-11-20T10:00:00.000Z',
  batchSize: 250,
  // Most of these datasets have no date column: what is tested is how they are read.
  undatedImportDay: true,
  ...overrides,
});

async function collect(batches: AsyncGenerator<ImportBatch>): Promise<ImportBatch[]> {
  const all: ImportBatch[] = [];
  for await (const batch of batches) all.push(batch);
  return all;
}

describe('reading an import in a worker thread', () => {
  it('the built worker script is there, so imports from dist read in a worker', () => {
    expect(built.canReadInWorker()).toBe(true);
  });

  it('gives the same batches, skipped rows included, as reading in-process', async () => {
    const path = join(dir, 'sample.csv');
    await writeSyntheticCsv(path, 1000, { seed: 7, end: new Date('2026-11-01') });
    // Two unreadable rows: a row without a title, and a row with an unclosed quote at the end.
    writeFileSync(path, 'S8,,示例科技,上海,,8-12K,2025-03-05,没有职位名称,\nS9,"AI训练师,示例\n', {
      flag: 'a',
    });
    const inWorker = await collect(built.readBatchesInWorker(path, options()));
    const inProcess = await collect(readImportBatches(path, options()));
    expect(inWorker.length).toBe(5);
    expect(inWorker.reduce((n, b) => n + b.postings.length, 0)).toBe(1000);
    expect(inWorker.flatMap((b) => b.skipped).map((s) => s.line)).toEqual([1002, 1003]);
    expect(JSON.parse(JSON.stringify(inWorker))).toEqual(JSON.parse(JSON.stringify(inProcess)));
  });

  it('hands batches over in parts, which join into the batches read in-process', async () => {
    const path = join(dir, 'parts.csv');
    // Batches of 1,000 and 2,000 rows, each posted in parts of PART_ROWS (500), with skipped rows among them.
    await writeSyntheticCsv(path, 3000, { seed: 9, end: new Date('2026-11-01') });
    writeFileSync(path, 'S9001,,示例科技,上海,,8-12K,2025-03-05,没有职位名称,\n', { flag: 'a' });
    const read = options({ batchSize: 2000 });
    const parts = await collect(built.readBatchesInWorker(path, read));
    const inProcess = await collect(readImportBatches(path, read));
    expect(parts.map((b) => [b.postings.length, b.more ?? false])).toEqual([
      [500, true],
      [500, false],
      [500, true],
      [500, true],
      [500, true],
      [500, false],
      [0, false],
    ]);
    expect(JSON.parse(JSON.stringify(joinParts(parts)))).toEqual(JSON.parse(JSON.stringify(inProcess)));
  });

  it('stores a batch that arrives in parts in one transaction: all of it or none', async () => {
    const path = join(dir, 'parts-stored.csv');
    // Batches of 1,000 and 1,000 rows, the second in two parts of PART_ROWS (500).
    await writeSyntheticCsv(path, 2000, { seed: 9, end: new Date('2026-11-01') });
    const dbPath = join(dir, 'parts.sqlite');
    const db = store.openDatabase(dbPath);
    const reader = store.openDatabase(dbPath, { readonly: true });
    try {
      // What another connection sees after each batch: whole batches only, never some of a batch's parts.
      const seen: number[] = [];
      const count = reader.prepare('SELECT count(*) FROM postings').pluck();
      await importer.importFile(db, path, {
        sourceName: 'parts',
        batchSize: 1000,
        onProgress: () => seen.push(Number(count.get())),
      });
      expect(seen).toEqual([1000, 2000]);
      expect(Number(reader.prepare('SELECT count(*) FROM postings_fts').pluck().get())).toBe(2000);

      // A failure in the second batch's second part: its first part goes back with it, the first batch stays.
      db.exec(`CREATE TRIGGER boom BEFORE INSERT ON postings WHEN new.source_posting_id = 'S00001700'
               BEGIN SELECT RAISE(ABORT, 'boom'); END`);
      const failure = await importer
        .importFile(db, path, { sourceName: 'parts-again', batchSize: 1000 })
        .catch((e: Error) => e);
      expect((failure as Error).message).toBe('boom');
      expect(db.inTransaction).toBe(false);
      const stored = db
        .prepare("SELECT count(*) FROM postings WHERE source_id = 'import:parts-again'")
        .pluck()
        .get();
      expect(Number(stored)).toBe(1000);
      const trigger = "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'postings_ai'";
      expect(Number(db.prepare(trigger).pluck().get())).toBe(1);
    } finally {
      reader.close();
      db.close();
    }
  });

  it('reads JSON Lines and a GBK-encoded CSV in the worker as in-process', async () => {
    const jsonl = join(dir, 'sample.jsonl');
    writeFileSync(
      jsonl,
      [
        { positionName: 'AI训练师', companyFullName: '示例科技', city: '上海', salary: '8-12K' },
        'not json',
        { job_title: 'RLHF Rater', company: 'Example AI', location: 'Remote', description: 'Rate answers' },
      ]
        .map((row) => (typeof row === 'string' ? row : JSON.stringify(row)))
        .join('\n'),
    );
    const gbk = join(dir, 'sample-gbk.csv');
    writeFileSync(gbk, iconv.encode('职位名称,公司名称,城市\n数据标注员,样例数据,北京\n', 'gbk'));
    const read = async (path: string, readOptions: ReadOptions) => {
      const inWorker = await collect(built.readBatchesInWorker(path, readOptions));
      const inProcess = await collect(readImportBatches(path, readOptions));
      expect(inWorker.flatMap((b) => b.postings).length).toBeGreaterThan(0);
      expect(JSON.parse(JSON.stringify(inWorker))).toEqual(JSON.parse(JSON.stringify(inProcess)));
      return inWorker;
    };
    const [jsonBatch] = await read(jsonl, options({ format: 'jsonl' }));
    const [gbkBatch] = await read(gbk, options({ encoding: 'gbk' }));
    expect(gbkBatch?.postings[0]).toMatchObject({
      title: '数据标注员',
      company: '样例数据',
      city: 'Beijing',
    });
    expect(jsonBatch?.skipped.map((s) => s.line)).toEqual([2]);
  });

  it("passes a user's mistake through as a one-line user error", async () => {
    const path = join(dir, 'no-title.csv');
    writeFileSync(path, 'company,city\n示例科技,上海\n');
    const failure = await collect(built.readBatchesInWorker(path, options())).catch((e: Error) => e);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).name).toBe('UserError');
    expect((failure as Error).message).toMatch(/^no title column among company, city: name it with --map/);
  });

  it('reads under a heap limit, and says so in one line when a file needs more', async () => {
    const path = join(dir, 'huge-rows.csv');
    const description = '标注'.repeat(3_000_000);
    writeFileSync(path, `title,company,description\nAI训练师,示例科技,${description}\n`);
    const failure = await collect(built.readBatchesInWorker(path, options(), 16)).catch((e: Error) => e);
    expect((failure as Error).name).toBe('UserError');
    expect((failure as Error).message).toMatch(/^reading .*huge-rows\.csv ran out of memory \(16 MB\)/);
    const [batch] = await collect(built.readBatchesInWorker(path, options()));
    expect(batch?.postings[0]?.description).toHaveLength(description.length);
  });

  it('stops the thread when the import stops early, without reading the rest', async () => {
    const path = join(dir, 'long.csv');
    await writeSyntheticCsv(path, 5000, { seed: 8, end: new Date('2026-11-01') });
    let taken = 0;
    for await (const batch of built.readBatchesInWorker(path, options({ batchSize: 100 }))) {
      taken += batch.postings.length;
      if (taken >= 200) break;
    }
    expect(taken).toBe(200);
  });
});
