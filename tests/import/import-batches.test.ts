// Batching of an import's reading side: batches end at batchSize postings or, for rows of long text, at
// batchChars characters, so that the batches in flight stay small whatever the rows hold.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  FIRST_BATCH_ROWS,
  type ImportBatch,
  type ReadOptions,
  readImportBatches,
} from '../../src/import/import-batches.js';
import { joinParts } from '../support/import-parts.js';
import { tempDir } from '../support/temp-db.js';

const { dir, cleanup } = tempDir('jobtrend-importbatches-');
afterAll(cleanup);

const options = (overrides: Partial<ReadOptions>): ReadOptions => ({
  format: 'csv',
  foreignDataset: true,
  sourceId: 'import:sample',
  seenAt: '2026-11-20T10:00:00.000Z',
  batchSize: 1000,
  // These datasets have no date column: only their batching is tested here.
  undatedImportDay: true,
  ...overrides,
});

async function sizes(path: string, read: ReadOptions): Promise<number[]> {
  const batches: ImportBatch[] = [];
  for await (const batch of readImportBatches(path, read)) batches.push(batch);
  expect(batches.reduce((n, b) => n + b.rows, 0)).toBe(10);
  return batches.map((b) => b.postings.length);
}

describe('import batches', () => {
  const path = join(dir, 'long.csv');
  const description = '负责大模型数据标注与质检，'.repeat(100); // 1,300 characters
  writeFileSync(
    path,
    [
      'title,company,description',
      ...Array.from({ length: 10 }, (_, i) => `AI训练师${i},示例科技,${description}`),
    ].join('\n'),
  );

  it('end at batchSize postings', async () => {
    expect(await sizes(path, options({ batchSize: 4 }))).toEqual([4, 4, 2]);
  });

  it('end early when their text reaches batchChars', async () => {
    // Each row carries ~1,300 characters of description and ~1,400 of raw JSON: two rows pass 5,000.
    expect(await sizes(path, options({ batchChars: 5000 }))).toEqual([2, 2, 2, 2, 2]);
  });

  it('start with a short batch, so that storing need not wait for a whole one to be read', async () => {
    const many = join(dir, 'many.csv');
    const rows = FIRST_BATCH_ROWS + 1500;
    writeFileSync(many, ['title', ...Array.from({ length: rows }, (_, i) => `AI训练师${i}`)].join('\n'));
    const batches: number[] = [];
    for await (const batch of readImportBatches(many, options({ batchSize: 2000 })))
      batches.push(batch.postings.length);
    expect(batches).toEqual([FIRST_BATCH_ROWS, 1500]);
  });

  it('come in parts of partRows postings that join into the same batches, skipped rows included', async () => {
    const many = join(dir, 'parts.csv');
    const lines = Array.from({ length: 2500 }, (_, i) =>
      i % 700 === 5 ? ',没有职位名称' : `AI训练师${i},示例科技`,
    );
    writeFileSync(many, ['title,company', ...lines].join('\n'));
    const whole: ImportBatch[] = [];
    for await (const batch of readImportBatches(many, options({ batchSize: 2000 }))) whole.push(batch);
    const parts: ImportBatch[] = [];
    for await (const part of readImportBatches(many, options({ batchSize: 2000, partRows: 300 })))
      parts.push(part);
    // The first batch: 1,000 postings (rows 1–1,002, two skipped); the second: the other 1,496.
    expect(parts.map((p) => [p.postings.length, Boolean(p.more)])).toEqual([
      [300, true],
      [300, true],
      [300, true],
      [100, false],
      [300, true],
      [300, true],
      [300, true],
      [300, true],
      [296, false],
    ]);
    expect(JSON.parse(JSON.stringify(joinParts(parts)))).toEqual(JSON.parse(JSON.stringify(whole)));
    expect(whole.map((b) => b.skipped.map((s) => s.line))).toEqual([
      [7, 707],
      [1407, 2107],
    ]);
  });
});
