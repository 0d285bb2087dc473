// The pipeline's parsers on the field values of real captures in ../shared/fixtures (skipped when that
// folder is absent, as in a user's clone). Values are read from the captures, not copied into the project.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseDate, parseLocation, parseSalary } from '../../src/pipeline/index.js';
import { haveRealCaptures, SHARED_FIXTURES } from '../support/shared-fixtures.js';

const dir = `${SHARED_FIXTURES}/`;
const seenAt = new Date('2026-09-30T04:00:00.000Z');
const shanghai = { seenAt, timeZone: 'Asia/Shanghai' };

function values(file: string, key: string, decode: 'utf8' | 'gbk' = 'utf8'): string[] {
  const buffer = readFileSync(join(dir, file));
  const text = decode === 'gbk' ? iconv.decode(buffer, 'gbk') : buffer.toString('utf8');
  const found = [...text.matchAll(new RegExp(`"${key}"\\s*:\\s*"((?:[^"\\\\]|\\\\.)*)"`, 'g'))].map(
    (m) => JSON.parse(`"${m[1]}"`) as string,
  );
  return [...new Set(found)].filter((v) => v.trim() !== '');
}

describe.skipIf(!haveRealCaptures())('parsers on real captures', () => {
  it('every BOSS直聘 salaryDesc is a monthly CNY range', () => {
    const salaries = values('bosszhipin_joblist_shenzhen.json', 'salaryDesc');
    expect(salaries.length).toBeGreaterThan(5);
    for (const text of salaries) {
      const parsed = parseSalary(text, { currency: 'CNY' });
      expect(parsed, text).toMatchObject({ currency: 'CNY', period: 'month' });
      expect(parsed?.min, text).toBeGreaterThanOrEqual(1000);
      expect(parsed?.max, text).toBeGreaterThan(parsed?.min ?? 0);
    }
  });

  it('every 智联 salary60 and 51job providesalary_text parses with CNY', () => {
    const salaries = [
      ...values('zhaopin_search_initial_state_hangzhou_p1.json', 'salary60'),
      ...values('51job_search_gbk_2021-02-26.html', 'providesalary_text', 'gbk'),
    ];
    expect(salaries.length).toBeGreaterThan(10);
    for (const text of salaries) {
      const parsed = parseSalary(text);
      expect(parsed, text).not.toBeNull();
      if (parsed?.negotiable && parsed.min === null && parsed.max === null) continue; // 面议
      expect(parsed?.currency, text).toBe('CNY');
      expect(parsed?.max ?? parsed?.min, text).toBeGreaterThan(0);
    }
  });

  it('51job work areas resolve to a city and, where given, a district', () => {
    const areas = values('51job_search_gbk_2021-02-26.html', 'workarea_text', 'gbk');
    const known = areas.filter((a) => /^(上海|北京|深圳|广州|杭州|南京)/.test(a));
    expect(known.length).toBeGreaterThan(5);
    for (const area of known) {
      const place = parseLocation(area);
      expect(place.city, area).not.toBeNull();
      expect(place.country, area).toBe('China');
    }
    expect(parseLocation('上海-浦东新区')).toMatchObject({ city: 'Shanghai', district: '浦东新区' });
  });

  it('date forms of the captures all parse', () => {
    const dates = [
      ...values('zhaopin_search_initial_state_hangzhou_p1.json', 'publishTime'),
      ...values('51job_search_gbk_2021-02-26.html', 'issuedate', 'gbk'),
      ...values('51job_search_gbk_2021-02-26.html', 'updatedate', 'gbk'),
      ...values('hunt_workday_cxs_jobs_trimmed.json', 'postedOn'),
    ];
    // The 51job page also has an "issuedate" filter option ("9"): only date-looking values count here.
    const dated = dates.filter((d) => /\d-\d|ago/i.test(d));
    expect(dated.length).toBeGreaterThan(5);
    for (const text of dated) expect(parseDate(text, shanghai), text).not.toBeNull();
    expect(parseDate('Posted 30+ Days Ago', { seenAt })?.precision).toBe('censored');
  });
});
