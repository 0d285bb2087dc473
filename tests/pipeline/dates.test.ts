import { describe, expect, it } from 'vitest';
import { parseDate } from '../../src/pipeline/dates.js';

// Seen at 2025-03-10 01:30 UTC = 2025-03-10 09:30 in Shanghai; in New York still 2025-03-09.
const seenAt = new Date('2025-03-10T01:30:00.000Z');
const shanghai = { seenAt, timeZone: 'Asia/Shanghai' };
const utc = { seenAt };

const cases: [string | number, { seenAt: Date; timeZone?: string }, string, string][] = [
  ['2025-03-05T10:00:00Z', utc, '2025-03-05T10:00:00.000Z', 'exact'],
  ['2025-03-05T10:00:00+08:00', utc, '2025-03-05T02:00:00.000Z', 'exact'],
  ['2025-03-05T10:00:00.123-0500', utc, '2025-03-05T15:00:00.123Z', 'exact'],
  ['2025-03-05 10:00', shanghai, '2025-03-05T02:00:00.000Z', 'exact'],
  ['2025-03-05 10:00:00', utc, '2025-03-05T10:00:00.000Z', 'exact'],
  ['Wed, 05 Mar 2025 10:00:00 GMT', utc, '2025-03-05T10:00:00.000Z', 'exact'],
  ['Wed, 05 Mar 2025 10:00:00 +0800', utc, '2025-03-05T02:00:00.000Z', 'exact'],
  [1741168800000, utc, '2025-03-05T10:00:00.000Z', 'exact'],
  [1741168800, utc, '2025-03-05T10:00:00.000Z', 'exact'],
  ['1741168800000', utc, '2025-03-05T10:00:00.000Z', 'exact'],
  ['2025-03-05', utc, '2025-03-05', 'day'],
  ['2025/3/5', utc, '2025-03-05', 'day'],
  ['2025年3月5日', shanghai, '2025-03-05', 'day'],
  ['March 5, 2025', utc, '2025-03-05', 'day'],
  ['5 Mar 2025', utc, '2025-03-05', 'day'],
  ['03-05', shanghai, '2025-03-05', 'day'],
  ['3月5日', shanghai, '2025-03-05', 'day'],
  ['12-25', shanghai, '2024-12-25', 'day'],
  ['12月25日', shanghai, '2024-12-25', 'day'],
  ['03-10', shanghai, '2025-03-10', 'day'],
  ['03-10', { seenAt, timeZone: 'America/New_York' }, '2024-03-10', 'day'],
  ['刚刚', shanghai, '2025-03-10', 'day'],
  ['今天', shanghai, '2025-03-10', 'day'],
  ['今天', utc, '2025-03-10', 'day'],
  ['今天', { seenAt, timeZone: 'America/New_York' }, '2025-03-09', 'day'],
  ['1小时前', shanghai, '2025-03-10', 'day'],
  ['10小时前', shanghai, '2025-03-09', 'day'],
  ['30分钟前', shanghai, '2025-03-10', 'day'],
  ['3天前', shanghai, '2025-03-07', 'day'],
  ['1天前发布', shanghai, '2025-03-09', 'day'],
  ['昨天', shanghai, '2025-03-09', 'day'],
  ['前天', shanghai, '2025-03-08', 'day'],
  ['2周前', shanghai, '2025-02-24', 'day'],
  ['2 days ago', utc, '2025-03-08', 'day'],
  ['a day ago', utc, '2025-03-09', 'day'],
  ['an hour ago', utc, '2025-03-10', 'day'],
  ['3 weeks ago', utc, '2025-02-17', 'day'],
  ['30+ days ago', utc, '2025-02-08', 'censored'],
  ['Posted 30+ Days Ago', utc, '2025-02-08', 'censored'],
  ['Just posted', utc, '2025-03-10', 'day'],
  ['Reposted 3 days ago', utc, '2025-03-07', 'day'],
  ['Posted Today', utc, '2025-03-10', 'day'],
  ['Yesterday', utc, '2025-03-09', 'day'],
  ['０３－０５', shanghai, '2025-03-05', 'day'],
  ['08:00发布', shanghai, '2025-03-10T00:00:00.000Z', 'exact'],
  ['10:00发布', shanghai, '2025-03-09T02:00:00.000Z', 'exact'],
];

describe('parseDate', () => {
  it.each(cases)('%s → %s', (input, context, value, precision) => {
    expect(parseDate(input, context)).toEqual({ value, precision });
  });

  it('a day-precision relative form read twice on the same day gives the same value', () => {
    const later = new Date(seenAt.getTime() + 5 * 3_600_000);
    expect(parseDate('3小时前', { seenAt, timeZone: 'Asia/Shanghai' })).toEqual(
      parseDate('3小时前', { seenAt: later, timeZone: 'Asia/Shanghai' }),
    );
  });

  it('an unknown time zone falls back to UTC instead of throwing', () => {
    expect(parseDate('今天', { seenAt, timeZone: 'Mars/Olympus' })).toEqual({
      value: '2025-03-10',
      precision: 'day',
    });
  });

  it.each(['', 'soon', '2025-13-01', '2025-02-30', '13-45', '99天后', 'next week', '25:00', '12345'])(
    '%j is not a date',
    (input) => {
      expect(parseDate(input, utc)).toBeNull();
    },
  );
});
