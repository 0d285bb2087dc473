import { describe, expect, it } from 'vitest';
import { parseSalary } from '../../src/pipeline/salary.js';

type Expected = [
  min: number | null,
  max: number | null,
  currency: string | null,
  period: string | null,
  months?: number | null,
];

const cases: [string, Expected, { currency?: string }?][] = [
  ['15-25K·13薪', [15000, 25000, 'CNY', 'month', 13]],
  ['40-60K·16薪', [40000, 60000, 'CNY', 'month', 16]],
  ['15-30k·13薪', [15000, 30000, 'CNY', 'month', 13]],
  ['1.5-2万/月', [15000, 20000, 'CNY', 'month']],
  ['1万-1.5万', [10000, 15000, 'CNY', 'month']],
  ['1.1万-1.5万', [11000, 15000, 'CNY', 'month']],
  ['8千-1.2万', [8000, 12000, 'CNY', 'month']],
  ['8001-10000元', [8001, 10000, 'CNY', 'month']],
  ['8000-10000元/月', [8000, 10000, 'CNY', 'month']],
  ['10-20万/年', [100000, 200000, 'CNY', 'year']],
  ['200-300元/天', [200, 300, 'CNY', 'day']],
  ['150元/时', [150, 150, 'CNY', 'hour']],
  ['150元/小时', [150, 150, 'CNY', 'hour']],
  ['0.5元/条', [0.5, 0.5, 'CNY', 'piece']],
  ['0.3-0.8元/张', [0.3, 0.8, 'CNY', 'piece']],
  ['2万以上', [20000, null, 'CNY', 'month']],
  ['5000元以下', [null, 5000, 'CNY', 'month']],
  ['5000-1.2万', [5000, 12000, 'CNY', 'month']],
  ['１５～２５Ｋ', [15000, 25000, 'CNY', 'month'], { currency: 'CNY' }],
  ['15-25K', [15000, 25000, 'CNY', 'month'], { currency: 'CNY' }],
  ['10至15K', [10000, 15000, 'CNY', 'month']],
  ['6000—8000元', [6000, 8000, 'CNY', 'month']],
  ['6000～8000元/月', [6000, 8000, 'CNY', 'month']],
  ['$50–$70/hr', [50, 70, 'USD', 'hour']],
  ['$50 - $70 per hour', [50, 70, 'USD', 'hour']],
  ['$40/hour', [40, 40, 'USD', 'hour']],
  ['$120k-$150k a year', [120000, 150000, 'USD', 'year']],
  ['£40,000 - £50,000', [40000, 50000, 'GBP', 'year']],
  ['€60K', [60000, 60000, 'EUR', 'year']],
  ['From $60,000 a year', [60000, null, 'USD', 'year']],
  ['Up to £45,000 per annum', [null, 45000, 'GBP', 'year']],
  ['$100k+', [100000, null, 'USD', 'year']],
  ['USD 90,000 - 110,000', [90000, 110000, 'USD', 'year']],
  ['80,000-100,000 EUR per year', [80000, 100000, 'EUR', 'year']],
  ['$25 an hour', [25, 25, 'USD', 'hour']],
  ['$3,000/month', [3000, 3000, 'USD', 'month']],
];

describe('parseSalary on salary texts', () => {
  it.each(cases)('%s', (text, [min, max, currency, period, months], options) => {
    const parsed = parseSalary(text, options ?? {});
    expect(parsed).not.toBeNull();
    expect(parsed).toMatchObject({ min, max, currency, period, raw: text });
    if (months !== undefined) expect(parsed?.months).toBe(months);
  });

  it('面议 and Negotiable are negotiable with no numbers', () => {
    for (const text of ['面议', 'Negotiable', '薪资面议']) {
      expect(parseSalary(text)).toEqual({
        min: null,
        max: null,
        currency: null,
        period: null,
        months: null,
        negotiable: true,
        raw: text,
      });
    }
  });

  it('numbers with 面议 keep both the range and the flag', () => {
    expect(parseSalary('8-12K 可面议')).toMatchObject({ min: 8000, max: 12000, negotiable: true });
  });

  it('a bare number with nothing salary-like around it is not a salary', () => {
    expect(parseSalary('abc 123')).toBeNull();
    expect(parseSalary('')).toBeNull();
    expect(parseSalary(undefined)).toBeNull();
  });

  it('K without a currency or a period leaves the period open (it could be a month in CNY or a year in USD)', () => {
    expect(parseSalary('9k-15k')).toMatchObject({ min: 9000, max: 15000, currency: null, period: null });
  });

  it('a range written high to low is put in order', () => {
    expect(parseSalary('25-15K', { currency: 'CNY' })).toMatchObject({ min: 15000, max: 25000 });
  });
});

describe('parseSalary on schema.org baseSalary objects', () => {
  it('reads a QuantitativeValue range with its unit', () => {
    const salary = {
      '@type': 'MonetaryAmount',
      currency: 'USD',
      value: { '@type': 'QuantitativeValue', minValue: 40, maxValue: 100, unitText: 'HOUR' },
    };
    expect(parseSalary(salary)).toMatchObject({
      min: 40,
      max: 100,
      currency: 'USD',
      period: 'hour',
      negotiable: false,
    });
    expect(parseSalary(salary)?.raw).toBe(JSON.stringify(salary));
  });

  it('reads a single yearly value given as a string', () => {
    const salary = { currency: 'gbp', value: { value: '45,000', unitText: 'YEAR' } };
    expect(parseSalary(salary)).toMatchObject({ min: 45000, max: 45000, currency: 'GBP', period: 'year' });
  });

  it('reads a value that is itself salary text', () => {
    expect(parseSalary({ currency: 'CNY', value: '15-25K' })).toMatchObject({
      min: 15000,
      max: 25000,
      currency: 'CNY',
    });
  });

  it('an object without amounts is not a salary', () => {
    expect(parseSalary({ currency: 'USD' })).toBeNull();
    expect(parseSalary({ value: { unitText: 'YEAR' } })).toBeNull();
  });
});
