import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { type DatasetRecord, detectFormat, readDataset } from '../../src/import/dataset-records.js';
import { readJsonArray } from '../../src/import/json-array-reader.js';
import { tempDir } from '../support/temp-db.js';

const { dir, cleanup } = tempDir('jobtrend-import-');
afterAll(cleanup);

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function* inChunks(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

describe('CSV and TSV', () => {
  it('reads a Chinese header and a quoted description that spans lines, one record per row', async () => {
    const path = file(
      'a.csv',
      '\uFEFF职位名称,公司名称,职位描述\nAI训练师,示例科技,"负责标注\n与质检"\n数据标注员,"某公司, 上海",整理数据\n',
    );
    const records = await all(readDataset(path, 'csv'));
    expect(records.map((r) => r.values)).toEqual([
      { 职位名称: 'AI训练师', 公司名称: '示例科技', 职位描述: '负责标注\n与质检' },
      { 职位名称: '数据标注员', 公司名称: '某公司, 上海', 职位描述: '整理数据' },
    ]);
  });

  it('reports a row with the wrong number of fields by its line and reads the rows after it', async () => {
    const path = file('bad.csv', 'title,company\nAI trainer,Acme\nbroken,row,extra,fields\nRater,Beta\n');
    const records = await all(readDataset(path, 'csv'));
    expect(records).toHaveLength(3);
    expect(records[1]).toMatchObject({ line: 3 });
    expect(records[1]!.error).toMatch(/number of fields/);
    expect(records[2]!.values).toEqual({ title: 'Rater', company: 'Beta' });
  });

  it('reads tab-separated files', async () => {
    const path = file('a.tsv', 'title\tcity\nAI tutor\tLondon\n');
    expect((await all(readDataset(path, 'tsv')))[0]!.values).toEqual({ title: 'AI tutor', city: 'London' });
  });

  it('decodes a GBK-encoded CSV when told its encoding', async () => {
    const path = file('gbk.csv', iconv.encode('职位名称,城市\n人工智能训练师,杭州\n', 'gbk'));
    const records = await all(readDataset(path, 'csv', { encoding: 'gbk' }));
    expect(records[0]!.values).toEqual({ 职位名称: '人工智能训练师', 城市: '杭州' });
  });
});

describe('JSON Lines', () => {
  it('skips blank lines and reports a line that is not JSON by its number', async () => {
    const path = file('a.jsonl', '{"title":"A"}\n\n{"title": broken}\n[1,2]\n{"title":"B"}\n');
    const records: DatasetRecord[] = await all(readDataset(path, 'jsonl'));
    expect(records.map((r) => [r.line, r.values?.title ?? r.error?.slice(0, 15)])).toEqual([
      [1, 'A'],
      [3, 'not valid JSON '],
      [4, 'not a JSON obje'],
      [5, 'B'],
    ]);
  });
});

describe('streaming JSON arrays', () => {
  const text =
    '[\n  {"title": "AI训练师", "note": "a ] and a } and \\" inside"},\n  {"title": "B",\n   "nested": {"list": [1, {"x": "]"}]}},\n  {"title": "C"}\n]\n';

  it('cuts out each element whatever the chunk boundaries, with the line it starts on', async () => {
    for (const size of [1, 3, 7, 1000]) {
      const records = await all(readJsonArray(inChunks(text, size)));
      expect(records.map((r) => [r.line, r.values?.title])).toEqual([
        [2, 'AI训练师'],
        [3, 'B'],
        [5, 'C'],
      ]);
      expect(records[0]!.values!.note).toBe('a ] and a } and " inside');
    }
  });

  it('reads records held in an object, like {"jobs": [...]}', async () => {
    const records = await all(
      readJsonArray(
        inChunks('{"meta": {"n": 2}, "jobs": [{"title": "A"}, {"title": "B"}], "after": [9]}', 5),
      ),
    );
    expect(records.map((r) => r.values?.title)).toEqual(['A', 'B']);
  });

  it('reports a malformed element by line and keeps reading, and a truncated file at its last record', async () => {
    const records = await all(
      readJsonArray(inChunks('[{"title": "A"},\n{"title": nope},\n{"title": "C"},\n{"title": "D"', 4)),
    );
    expect(records.map((r) => [r.line, r.values?.title ?? 'error'])).toEqual([
      [1, 'A'],
      [2, 'error'],
      [3, 'C'],
      [4, 'error'],
    ]);
    expect(records[3]!.error).toMatch(/truncated/);
  });

  it('refuses a JSON file that holds no records with a clear message', async () => {
    await expect(all(readJsonArray(inChunks('{"count": 3}', 4)))).rejects.toThrow(/no array of postings/);
    await expect(all(readJsonArray(inChunks('"just text"', 4)))).rejects.toThrow(/not an array of postings/);
  });
});

describe('format detection', () => {
  it('goes by the extension, else by the first bytes', async () => {
    expect(await detectFormat(file('x.csv', 'a,b\n'))).toBe('csv');
    expect(await detectFormat(file('x.ndjson', '{}\n'))).toBe('jsonl');
    expect(await detectFormat(file('x.json', '{"a":1}\n{"a":2}\n'))).toBe('jsonl');
    expect(await detectFormat(file('y.json', '{\n "jobs": []\n}'))).toBe('json');
    expect(await detectFormat(file('one-line.json', '{"jobs": [{"title": "A"}]}\n'))).toBe('json');
    expect(await detectFormat(file('data', '[{"a":1}]'))).toBe('json');
    expect(await detectFormat(file('data2', 'title\tcity\nA\tB\n'))).toBe('tsv');
  });
});
