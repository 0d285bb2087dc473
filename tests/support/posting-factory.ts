// Normalised postings for store and analysis tests, with every column filled sensibly and overridable.
import { createHash } from 'node:crypto';
import type { NormalisedPosting } from '../../src/domain/posting.js';

export function makePosting(
  overrides: Partial<NormalisedPosting> & { source_posting_id: string },
): NormalisedPosting {
  const base: NormalisedPosting = {
    source_id: 'test',
    source_posting_id: overrides.source_posting_id,
    url: `https://example.test/jobs/${overrides.source_posting_id}`,
    title: 'AI训练师',
    company: '上海示例科技有限公司',
    company_norm: '示例',
    location_raw: '上海·浦东新区',
    city: 'Shanghai',
    district: '浦东新区',
    region: 'Shanghai',
    country: 'CN',
    remote: false,
    employment_type: 'full-time',
    salary_min: 8000,
    salary_max: 12000,
    salary_currency: 'CNY',
    salary_period: 'month',
    salary_months: 13,
    salary_negotiable: false,
    salary_raw: '8千-1.2万·13薪',
    description: '负责大模型数据标注与质检',
    posted_at: '2025-03-05',
    posted_at_precision: 'day',
    valid_through: null,
    dedup_key: `key-${overrides.source_posting_id}`,
    content_hash: '',
    raw_json: '{}',
    roles: ['ai-trainer'],
    skills: ['data-labeling'],
  };
  const posting = { ...base, ...overrides };
  if (!overrides.content_hash) {
    const { raw_json: _r, content_hash: _c, roles: _ro, skills: _s, ...meaningful } = posting;
    posting.content_hash = createHash('sha256').update(JSON.stringify(meaningful)).digest('hex');
  }
  return posting;
}
