// A small, readable fixture database for report tests, built through the store API: three sources with
// their runs (one blocked, one partial), about a thousand postings over fourteen months with a rising
// AI-trainer demand in Shanghai, pay in three currencies and periods (piece rates included), a cross-posted
// job, and hostile text in companies, districts and titles. Deterministic: same calls, same database.
import { createHash } from 'node:crypto';
import type { NormalisedPosting } from '../../src/domain/posting.js';
import { type Db, openDatabase } from '../../src/store/database.js';
import { upsertPostings } from '../../src/store/posting-store.js';
import { finishRun, type RunCounters, startRun } from '../../src/store/run-store.js';
import { ensureSource } from '../../src/store/source-store.js';

export const FIXTURE_NOW = new Date('2026-11-25T00:00:00Z');

export const HOSTILE_TEXT = [
  '<script>alert(1)</script>',
  '[x](javascript:alert(1))',
  '![img](http://evil)',
  '| a | b |',
  '`rm -rf /`',
  '**bold**',
];

const COMPANIES = ['上海示例科技有限公司', '数据之星', '智训AI', ...HOSTILE_TEXT];
const DISTRICTS = ['浦东新区', '徐汇区', '闵行区', '<b>杨浦区</b>'];

/** Months of data: 2025-09 … 2026-10 full, 2026-11 up to the 24th. */
export const MONTHS = [
  '2025-09',
  '2025-10',
  '2025-11',
  '2025-12',
  '2026-01',
  '2026-02',
  '2026-03',
  '2026-04',
  '2026-05',
  '2026-06',
  '2026-07',
  '2026-08',
  '2026-09',
  '2026-10',
  '2026-11',
];

/** AI-trainer postings in Shanghai on zhaopin in month i: rising demand. */
export const trainerCount = (i: number): number => 20 + 3 * i;

function daysIn(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function lastDay(month: string): number {
  return month === '2026-11' ? 24 : daysIn(month);
}

function posting(
  fields: Partial<NormalisedPosting> &
    Pick<NormalisedPosting, 'source_id' | 'source_posting_id' | 'title' | 'posted_at'>,
): NormalisedPosting {
  const base: NormalisedPosting = {
    url: null,
    company: null,
    company_norm: null,
    location_raw: null,
    city: null,
    district: null,
    region: null,
    country: null,
    remote: null,
    employment_type: null,
    salary_min: null,
    salary_max: null,
    salary_currency: null,
    salary_period: null,
    salary_months: null,
    salary_negotiable: false,
    salary_raw: null,
    description: null,
    posted_at_precision: 'day',
    valid_through: null,
    dedup_key: `${fields.source_id}:${fields.source_posting_id}`,
    content_hash: '',
    raw_json: '{}',
    roles: [],
    skills: [],
    ...fields,
  };
  base.content_hash = createHash('sha256')
    .update(JSON.stringify({ ...base, content_hash: '' }))
    .digest('hex');
  return base;
}

const counters = (n: number): RunCounters => ({
  pages_fetched: 1,
  requests: 1,
  retries: 0,
  postings_seen: n,
  postings_new: n,
  postings_updated: 0,
  error_count: 0,
});

function store(db: Db, sourceId: string, month: string, postings: NormalisedPosting[]): void {
  const runId = startRun(db, { sourceId, startedAt: `${month}-01T02:00:00.000Z` });
  for (const p of postings) upsertPostings(db, [p], { seenAt: `${p.posted_at}T02:00:00.000Z`, runId });
  finishRun(db, runId, {
    status: 'ok',
    counters: counters(postings.length),
    finishedAt: `${month}-${String(lastDay(month)).padStart(2, '0')}T03:00:00.000Z`,
    coverageFrom: `${month}-01`,
    coverageTo: `${month}-${String(lastDay(month)).padStart(2, '0')}`,
  });
}

/** Creates the fixture database at `path` (a new file) and closes it. */
export function buildFixtureDb(path: string): void {
  const db = openDatabase(path);
  try {
    ensureSource(
      db,
      { id: 'zhaopin', name: '智联招聘', kind: 'html', base_url: 'http://127.0.0.1/zhaopin' },
      '2025-09-01T00:00:00.000Z',
    );
    ensureSource(
      db,
      { id: 'greenhouse', name: 'Greenhouse', kind: 'api', base_url: 'http://127.0.0.1/greenhouse' },
      '2025-09-01T00:00:00.000Z',
    );
    ensureSource(
      db,
      { id: 'boss', name: 'BOSS直聘', kind: 'browser', base_url: 'http://127.0.0.1/boss' },
      '2026-10-01T00:00:00.000Z',
    );

    MONTHS.forEach((month, i) => {
      const days = lastDay(month);
      const zhaopin: NormalisedPosting[] = [];
      for (let k = 0; k < trainerCount(i); k++) {
        const day = String(1 + ((k * 7) % days)).padStart(2, '0');
        const company = COMPANIES[(k + i) % COMPANIES.length]!;
        const low = 6000 + (k % 10) * 500;
        zhaopin.push(
          posting({
            source_id: 'zhaopin',
            source_posting_id: `t-${month}-${k}`,
            title: k % 9 === 0 ? `AI训练师 ${HOSTILE_TEXT[k % HOSTILE_TEXT.length]}` : 'AI训练师',
            company,
            company_norm: company,
            city: 'Shanghai',
            district: DISTRICTS[k % DISTRICTS.length]!,
            country: 'CN',
            salary_min: low,
            salary_max: low + 4000,
            salary_currency: 'CNY',
            salary_period: 'month',
            posted_at: `${month}-${day}`,
            roles: ['ai-trainer'],
            // RLHF rises from one posting in five to one in two in 2026-10 (an emerging skill).
            skills: [
              'data-labeling',
              ...(k % (i >= 13 ? 2 : 5) === 0 ? ['rlhf'] : []),
              ...(k % 3 === 0 ? ['python'] : []),
            ],
          }),
        );
      }
      for (let k = 0; k < 15; k++) {
        const day = String(1 + ((k * 5) % days)).padStart(2, '0');
        zhaopin.push(
          posting({
            source_id: 'zhaopin',
            source_posting_id: `a-${month}-${k}`,
            title: '数据标注员',
            company: '北京标注工场',
            company_norm: '北京标注工场',
            city: 'Beijing',
            district: '海淀区',
            country: 'CN',
            ...(k % 3 === 0
              ? {
                  salary_min: 0.3 + (k % 4) * 0.1,
                  salary_max: 0.5 + (k % 4) * 0.1,
                  salary_currency: 'CNY',
                  salary_period: 'piece' as const,
                }
              : {
                  salary_min: 4000 + k * 100,
                  salary_max: 6000 + k * 100,
                  salary_currency: 'CNY',
                  salary_period: 'month' as const,
                }),
            posted_at: `${month}-${day}`,
            roles: ['data-annotator'],
            skills: ['data-labeling'],
          }),
        );
      }
      store(db, 'zhaopin', month, zhaopin);

      const greenhouse: NormalisedPosting[] = [];
      for (let k = 0; k < 8; k++) {
        const day = String(1 + ((k * 3) % days)).padStart(2, '0');
        greenhouse.push(
          posting({
            source_id: 'greenhouse',
            source_posting_id: `r-${month}-${k}`,
            title: 'AI Rater (RLHF)',
            company: 'Example Labs',
            company_norm: 'example labs',
            city: 'San Francisco',
            country: 'US',
            salary_min: 20 + k * 2,
            salary_max: 30 + k * 2,
            salary_currency: 'USD',
            salary_period: 'hour',
            posted_at: `${month}-${day}`,
            roles: ['ai-rater'],
            skills: ['rlhf', 'python'],
          }),
        );
      }
      store(db, 'greenhouse', month, greenhouse);
    });

    // BOSS直聘 watched only in 2026-10: ten AI-trainer postings, three of them the same jobs as zhaopin's.
    const boss: NormalisedPosting[] = [];
    for (let k = 0; k < 10; k++) {
      const crossPosted = k < 3;
      boss.push(
        posting({
          source_id: 'boss',
          source_posting_id: `b-${k}`,
          title: 'AI训练师（实习）',
          company: '智训AI',
          company_norm: '智训AI',
          city: 'Shanghai',
          district: '浦东新区',
          posted_at: `2026-10-${String(20 + k).padStart(2, '0')}`,
          dedup_key: crossPosted ? `zhaopin:t-2026-10-${k}` : `boss:b-${k}`,
          roles: ['ai-trainer'],
          skills: ['data-labeling'],
        }),
      );
    }
    store(db, 'boss', '2026-10', boss);

    // A blocked run and a partial run in 2026-10.
    const blocked = startRun(db, { sourceId: 'boss', startedAt: '2026-10-12T03:00:00.000Z' });
    finishRun(db, blocked, {
      status: 'failed',
      counters: { ...counters(0), error_count: 3 },
      errorSummary: `blocked: captcha page (HTTP 403) ${HOSTILE_TEXT[0]}`,
      finishedAt: '2026-10-12T03:01:00.000Z',
    });
    const partial = startRun(db, { sourceId: 'zhaopin', startedAt: '2026-10-20T02:00:00.000Z' });
    finishRun(db, partial, {
      status: 'partial',
      counters: { ...counters(0), error_count: 1 },
      errorSummary: 'page 3: timeout after 30 s',
      finishedAt: '2026-10-20T02:05:00.000Z',
    });
  } finally {
    db.close();
  }
}
