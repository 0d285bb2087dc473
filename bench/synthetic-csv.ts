// A synthetic dataset for the import benchmark and the tests of large imports: a seeded CSV of bilingual
// AI-trainer postings with the column names other scrapers export (职位名称, 公司名称, 城市 …), written as a
// stream so 200,000 rows (or ten million) never sit in memory. Deterministic for a seed.

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { COMPANIES_ZH, DIRECTIONS_ZH } from '../src/demo/sample-data.js';
import { seededRandom } from '../src/seeded-random.js';

export const SYNTHETIC_CSV_COLUMNS = [
  '职位编号',
  '职位名称',
  '公司名称',
  '城市',
  '区域',
  '薪资',
  '发布时间',
  '职位描述',
  'url',
];

const TITLES = [
  'AI训练师',
  '人工智能训练师（大模型方向）',
  '数据标注员',
  '大模型数据标注质检',
  '模型评测专员',
  '提示词工程师',
  'AI Trainer (Chinese)',
  'RLHF Rater',
  'Data Annotation Specialist',
  'AI Tutor - Mathematics',
];
// Invented companies and the direction a title names, so that most rows are distinct jobs to the dedup rule
// (120 titles × 144 companies × 5 cities), as in a real dataset.
const CITIES: [string, string[]][] = [
  ['上海', ['浦东新区', '徐汇区', '闵行区']],
  ['北京', ['海淀区', '朝阳区']],
  ['杭州', ['西湖区', '余杭区']],
  ['深圳', ['南山区', '福田区']],
  ['成都', ['高新区']],
];
const SENTENCES = [
  '负责大模型对话数据的标注、清洗与质检。',
  '参与RLHF数据撰写与排序，熟悉Python者优先。',
  '根据规范完成文本、图像、语音标注任务。',
  '协助算法团队完成模型评测，输出评测报告。',
  'Experience with Label Studio is a plus.',
];

/** The CSV text, header first, a chunk of rows at a time. Dates spread over the two years before `end`. */
export function* syntheticCsvChunks(
  rows: number,
  options: { seed?: number; end?: Date; chunkRows?: number } = {},
): Generator<string> {
  const random = seededRandom(options.seed ?? 1);
  const end = (options.end ?? new Date('2026-11-01T00:00:00Z')).getTime();
  const span = 730 * 86_400_000;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  yield stringify([SYNTHETIC_CSV_COLUMNS]);
  const chunkRows = options.chunkRows ?? 2000;
  for (let start = 0; start < rows; start += chunkRows) {
    const chunk: string[][] = [];
    for (let i = start; i < Math.min(rows, start + chunkRows); i++) {
      const [city, districts] = pick(CITIES);
      const low = 5 + Math.floor(random() * 15);
      // Later dates are likelier: a rising trend, as in the demo.
      const posted = new Date(end - span * (1 - Math.sqrt(random()))).toISOString().slice(0, 10);
      chunk.push([
        `S${String(i + 1).padStart(8, '0')}`,
        `${pick(TITLES)}（${pick(DIRECTIONS_ZH)}）`,
        pick(COMPANIES_ZH),
        city,
        pick(districts),
        `${low}-${low + 2 + Math.floor(random() * 8)}K${random() < 0.3 ? '·13薪' : ''}`,
        posted,
        `${pick(SENTENCES)}${pick(SENTENCES)}`,
        `https://example.test/jobs/S${i + 1}`,
      ]);
    }
    yield stringify(chunk);
  }
}

/** Writes a synthetic CSV of `rows` rows to `path`, streaming. */
export async function writeSyntheticCsv(
  path: string,
  rows: number,
  options: { seed?: number; end?: Date } = {},
): Promise<void> {
  const file = createWriteStream(path);
  for (const chunk of syntheticCsvChunks(rows, options)) {
    if (!file.write(chunk)) await once(file, 'drain');
  }
  file.end();
  await once(file, 'finish');
}
