import { describe, expect, it } from 'vitest';
import type { RawPosting } from '../../src/domain/posting.js';
import { normalisePosting } from '../../src/pipeline/index.js';

const seenAt = new Date('2025-03-10T01:30:00.000Z');

const boss: RawPosting = {
  sourcePostingId: 'abc123',
  url: 'https://www.zhipin.com/job_detail/abc123.html',
  title: 'AI训练师（大模型方向）',
  company: '上海某某智能科技有限公司',
  location: '上海·浦东新区·张江',
  salary: '15-25K·13薪',
  employmentType: '全职',
  description: '负责大模型对话数据标注与质检，熟悉Python和SQL，了解RLHF，会用Excel。',
  postedAt: '3天前',
  tags: ['RLHF', 'Excel'],
  raw: { encryptJobId: 'abc123', salaryDesc: '15-25K·13薪' },
};

describe('normalisePosting', () => {
  it('turns a Chinese board posting into a full row', () => {
    const row = normalisePosting(boss, { sourceId: 'boss', seenAt });
    expect(row).toMatchObject({
      source_id: 'boss',
      source_posting_id: 'abc123',
      title: 'AI训练师（大模型方向）',
      company: '上海某某智能科技有限公司',
      company_norm: '某某',
      location_raw: '上海·浦东新区·张江',
      city: 'Shanghai',
      district: '浦东新区',
      region: 'Shanghai',
      country: 'China',
      remote: null,
      employment_type: 'full-time',
      salary_min: 15000,
      salary_max: 25000,
      salary_currency: 'CNY',
      salary_period: 'month',
      salary_months: 13,
      salary_negotiable: false,
      salary_raw: '15-25K·13薪',
      posted_at: '2025-03-07',
      posted_at_precision: 'day',
      valid_through: null,
      raw_json: JSON.stringify(boss.raw),
      roles: ['ai-trainer'],
    });
    expect(row.skills).toEqual(
      expect.arrayContaining([
        'data-labeling',
        'excel',
        'llm',
        'python',
        'quality-inspection',
        'rlhf',
        'sql',
      ]),
    );
    expect(row.content_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.dedup_key).toMatch(/^[0-9a-f]{32}$/);
  });

  it('bare K numbers are CNY on Chinese boards; elsewhere the currency is inferred from the country, and says so', () => {
    const plain = { ...boss, salary: '15-25K' };
    expect(normalisePosting(plain, { sourceId: 'zhaopin', seenAt })).toMatchObject({
      salary_currency: 'CNY',
      salary_currency_inferred: false,
    });
    expect(normalisePosting(plain, { sourceId: 'greenhouse', seenAt })).toMatchObject({
      salary_currency: 'CNY',
      salary_currency_inferred: true,
    });
    const nowhere = { ...plain, location: undefined };
    expect(normalisePosting(nowhere, { sourceId: 'greenhouse', seenAt })).toMatchObject({
      salary_currency: null,
      salary_currency_inferred: false,
    });
    const india = { ...plain, salary: '12,00,000 - 18,00,000 per year', location: 'Pune, IND' };
    expect(normalisePosting(india, { sourceId: 'greenhouse', seenAt })).toMatchObject({
      salary_currency: 'INR',
      salary_currency_inferred: true,
    });
  });

  it('a currency the user states at import is taken as stated, not inferred', () => {
    const posting = { ...boss, salary: '120000-150000 per year', location: 'Pune, IND' };
    expect(normalisePosting(posting, { sourceId: 'import:x', seenAt, currency: 'USD' })).toMatchObject({
      salary_currency: 'USD',
      salary_currency_inferred: false,
      salary_min: 120000,
    });
  });

  it('implausible pay is kept as given and flagged', () => {
    const odd = normalisePosting(
      { ...boss, salary: '1-1 Annually', location: 'USA' },
      { sourceId: 'x', seenAt },
    );
    expect(odd).toMatchObject({
      salary_min: 1,
      salary_max: 1,
      salary_raw: '1-1 Annually',
      salary_implausible: true,
    });
    const three = normalisePosting({ ...boss, salary: '3元/月' }, { sourceId: 'boss', seenAt });
    expect(three).toMatchObject({ salary_max: 3, salary_period: 'month', salary_implausible: true });
    expect(normalisePosting(boss, { sourceId: 'boss', seenAt }).salary_implausible).toBe(false);
  });

  it('keeps every place a posting names', () => {
    const two = normalisePosting(
      { ...boss, location: '北京市海淀区、南京市江宁区' },
      { sourceId: 'boss', seenAt },
    );
    expect(two).toMatchObject({ city: 'Beijing', district: '海淀区' });
    expect(two.places).toEqual([
      { city: 'Beijing', district: '海淀区', region: 'Beijing', country: 'China' },
      { city: 'Nanjing', district: '江宁区', region: 'Jiangsu', country: 'China' },
    ]);
  });

  it('the content hash ignores the time seen and raw_json, and follows the content', () => {
    const a = normalisePosting(boss, { sourceId: 'boss', seenAt });
    const later = normalisePosting(
      { ...boss, postedAt: '2025-03-07', raw: { other: 1 } },
      {
        sourceId: 'boss',
        seenAt: new Date('2025-03-10T05:00:00Z'),
      },
    );
    expect(later.content_hash).toBe(a.content_hash);
    const edited = normalisePosting({ ...boss, salary: '16-26K·13薪' }, { sourceId: 'boss', seenAt });
    expect(edited.content_hash).not.toBe(a.content_hash);
  });

  it('uses explicit salary fields when there is no salary text, and schema.org objects as raw JSON', () => {
    const ashby: RawPosting = {
      sourcePostingId: 'x',
      title: 'AI Tutor - Math',
      salaryRange: { min: 40, max: 60, currency: 'usd', period: 'hour' },
      raw: {},
    };
    expect(normalisePosting(ashby, { sourceId: 'ashby', seenAt })).toMatchObject({
      salary_min: 40,
      salary_max: 60,
      salary_currency: 'USD',
      salary_period: 'hour',
      roles: ['ai-tutor'],
    });
    const jsonld: RawPosting = {
      sourcePostingId: 'y',
      title: 'Prompt Engineer',
      remote: true,
      salary: { currency: 'USD', value: { minValue: 120000, maxValue: 150000, unitText: 'YEAR' } },
      raw: {},
    };
    const row = normalisePosting(jsonld, { sourceId: 'jsonld', seenAt });
    expect(row).toMatchObject({
      salary_min: 120000,
      salary_period: 'year',
      remote: true,
      roles: ['prompt-engineer'],
    });
    expect(row.salary_raw).toBe(JSON.stringify(jsonld.salary));
  });

  it('keeps the raw salary and date when they cannot be parsed', () => {
    const odd = normalisePosting(
      { ...boss, salary: '待遇优厚', postedAt: 'sometime' },
      { sourceId: 'boss', seenAt },
    );
    expect(odd).toMatchObject({
      salary_raw: '待遇优厚',
      salary_min: null,
      salary_max: null,
      posted_at: null,
    });
  });

  it('a remote posting is remote whichever field says so', () => {
    const row = normalisePosting(
      { ...boss, location: 'Remote (US)', remote: undefined },
      { sourceId: 'lever', seenAt },
    );
    expect(row).toMatchObject({ remote: true, country: 'United States', city: null });
  });
});
