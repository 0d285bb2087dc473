// The demo's "existing dataset": sample postings as a CSV with the Chinese column names analysts' exports
// use (职位名称, 公司名称, 城市 …), to show `jobtrend import` on the way. Like a real crawl archive it says when
// each row was collected (抓取时间): the weekly crawl on or after the posting's date, never after `now`. Pure.
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
  '抓取时间',
];

const DAY_MS = 86_400_000;

export function renderSampleCsv(postings: SamplePosting[], now: Date): string {
  const today = now.toISOString().slice(0, 10);
  const rows = postings
    .filter((p) => p.source === 'dataset')
    .map((p) => {
      const posted = new Date(p.postedAt.getTime() + 8 * 3_600_000);
      // The crawl ran every Sunday: a posting was collected by the first crawl on or after its date.
      const crawl = new Date(posted.getTime() + ((7 - posted.getUTCDay()) % 7) * DAY_MS)
        .toISOString()
        .slice(0, 10);
      return [
        p.title,
        p.company,
        p.cityZh ?? p.city,
        p.district ?? '',
        p.salaryText,
        posted.toISOString().slice(0, 10),
        p.description,
        // biome-ignore lint/complexity/useMathMinMax: these are ISO date strings, compared as text
        crawl < today ? crawl : today,
      ];
    });
  return stringify([SAMPLE_DATASET_COLUMNS, ...rows]);
}
