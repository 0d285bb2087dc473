// The memo behind the pipeline's short-field parsers: computes a key once, stays within its capacity, and
// hands out values no caller can change for the next one. And normalisePosting, which uses it, must still
// read a date relative to each posting's own time and zone.
import { describe, expect, it } from 'vitest';
import type { RawPosting } from '../../src/domain/posting.js';
import { normalisePosting } from '../../src/pipeline/index.js';
import { Memo } from '../../src/pipeline/memo.js';

describe('Memo', () => {
  it('computes each key once and returns the same value after', () => {
    const memo = new Memo<string>();
    let calls = 0;
    const upper = (text: string) =>
      memo.get(text, () => {
        calls++;
        return text.toUpperCase();
      });
    expect([upper('ai'), upper('ai'), upper('rlhf'), upper('ai')]).toEqual(['AI', 'AI', 'RLHF', 'AI']);
    expect(calls).toBe(2);
  });

  it('starts over when full, so it never holds more than its capacity', () => {
    const memo = new Memo<number>(3);
    let calls = 0;
    const length = (text: string) =>
      memo.get(text, () => {
        calls++;
        return text.length;
      });
    for (const key of ['a', 'bb', 'ccc', 'dddd', 'a']) length(key);
    // 'dddd' came in with the memo full: it was emptied, so 'a' is computed again.
    expect(calls).toBe(5);
    length('dddd');
    expect(calls).toBe(5);
  });

  it('freezes the values it keeps, nested ones included', () => {
    const memo = new Memo<{ city: string; cities: string[] }>();
    const place = memo.get('上海', () => ({ city: 'Shanghai', cities: ['Shanghai'] }));
    expect(() => {
      place.city = 'Beijing';
    }).toThrow(TypeError);
    expect(() => place.cities.push('Beijing')).toThrow(TypeError);
    expect(memo.get('上海', () => ({ city: 'x', cities: [] })).city).toBe('Shanghai');
  });
});

describe('normalisePosting with memoised parsers', () => {
  const raw = (postedAt: string, location: string): RawPosting => ({
    sourcePostingId: '1',
    title: 'AI训练师',
    company: '示例科技有限公司',
    location,
    salary: '15-25K',
    postedAt,
    raw: {},
  });

  it('reads a relative date from each posting’s own time, and an absolute one in its zone', () => {
    const at = (iso: string) => new Date(iso);
    const first = normalisePosting(raw('3天前', '上海'), {
      sourceId: 'boss',
      seenAt: at('2025-03-10T04:00:00Z'),
    });
    const later = normalisePosting(raw('3天前', '上海'), {
      sourceId: 'boss',
      seenAt: at('2025-04-20T04:00:00Z'),
    });
    expect([first.posted_at, later.posted_at]).toEqual(['2025-03-07', '2025-04-17']);
    const context = { sourceId: 'x', seenAt: at('2025-03-10T04:00:00Z') };
    const utc = normalisePosting(raw('2025-03-01 23:30', '上海'), context);
    const shanghai = normalisePosting(raw('2025-03-01 23:30', '上海'), {
      ...context,
      timeZone: 'Asia/Shanghai',
    });
    expect(utc.posted_at).not.toBe(shanghai.posted_at);
  });

  it('gives a second posting at the same place the same fields, unaffected by the first', () => {
    const context = { sourceId: 'boss', seenAt: new Date('2025-03-10T04:00:00Z') };
    const a = normalisePosting(raw('2025-03-01', '北京·海淀区'), context);
    const b = normalisePosting(raw('2025-03-02', '北京·海淀区'), context);
    expect([a.city, a.district, b.city, b.district]).toEqual(['Beijing', '海淀区', 'Beijing', '海淀区']);
    expect([b.salary_min, b.salary_max, b.salary_currency]).toEqual([15000, 25000, 'CNY']);
    expect(b.company_norm).toBe(a.company_norm);
  });
});
