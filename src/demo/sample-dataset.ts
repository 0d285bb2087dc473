// The demo's "existing dataset": sample postings as a CSV with the Chinese column names analysts' exports
// use (职位名称, 公司名称, 城市 …), to show `jobtrend import` on the way. Pure.
import { stringify } from 'csv-stringify/sync';
import type { SamplePosting } from './sample-data.js';

export const SAMPLE_DATASET_COLUMNS = [
  '职位名称',
  '公司名称',
  '城市',
  '区域',
  '薪资',
  '发布日期',
  '职位描述',
];

export function renderSampleCsv(postings: SamplePosting[]): string {
  const rows = postings
    .filter((p) => p.source === 'dataset')
    .map((p) => [
      p.title,
      p.company,
      p.cityZh ?? p.city,
      p.district ?? '',
      p.salaryText,
      new Date(p.postedAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 10),
      p.description,
    ]);
  return stringify([SAMPLE_DATASET_COLUMNS, ...rows]);
}
