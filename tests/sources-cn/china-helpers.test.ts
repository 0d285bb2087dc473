import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bossScraper } from '../../scrapers/boss.js';
import { detectChineseBlock } from '../../scrapers/china/block-detection.js';
import { chineseCities, cityCode, districtCode, findChineseCity } from '../../scrapers/china/city-codes.js';
import { balancedSlice, extractAssignedJson, extractCambrian } from '../../scrapers/china/embedded-json.js';
import { job51Scraper } from '../../scrapers/job51.js';
import { linkedinScraper } from '../../scrapers/linkedin.js';
import { fixture, haveRealCaptures, SHARED, shared } from './support/context.js';

describe('city codes', () => {
  it('gives each board its own code for Shanghai', () => {
    expect(cityCode('zhaopin', 'Shanghai')).toBe('538');
    expect(cityCode('boss', 'Shanghai')).toBe('101020100');
    expect(cityCode('51job', 'Shanghai')).toBe('020000');
    expect(cityCode('liepin', 'Shanghai')).toBe('020');
  });

  it('finds a city by English name, alias, Chinese name or 市 suffix, ignoring case and punctuation', () => {
    for (const name of ["Xi'an", 'xian', 'XI AN', '西安', '西安市'])
      expect(cityCode('boss', name)).toBe('101110100');
    expect(findChineseCity('上海')?.name).toBe('Shanghai');
    expect(cityCode('zhaopin', 'Atlantis')).toBeUndefined();
  });

  it('covers at least the 30 largest cities, each with a zhaopin, boss and 51job code', () => {
    const cities = chineseCities();
    expect(cities.length).toBeGreaterThanOrEqual(30);
    for (const city of cities) {
      expect(city.zhaopin, city.name).toMatch(/^\d+$/);
      expect(city.boss, city.name).toMatch(/^101\d{6}$/);
      expect(city['51job'], city.name).toMatch(/^\d{6}$/);
    }
    expect(new Set(cities.map((c) => c.boss)).size).toBe(cities.length);
    expect(new Set(cities.map((c) => c.zhaopin)).size).toBe(cities.length);
  });

  it('has all 16 districts of Shanghai, looked up by Chinese or English name', () => {
    const shanghai = findChineseCity('Shanghai')!;
    expect(Object.keys(shanghai.districts)).toHaveLength(16);
    expect(districtCode('zhaopin', 'Shanghai', '浦东新区')).toBe('2031');
    expect(districtCode('51job', '上海', 'Pudong')).toBe('021000');
    expect(districtCode('zhaopin', 'Shanghai', '徐汇')).toBe('2021');
    expect(districtCode('zhaopin', 'Shanghai', '不存在区')).toBeUndefined();
  });
});

describe.skipIf(!haveRealCaptures())('city codes agree with the real captures', () => {
  it('zhaopin codes match the allCity list of the 智联 state capture', () => {
    const state = JSON.parse(shared('zhaopin_search_initial_state_hangzhou_p1.json')) as {
      baseData: { allCity: unknown[] };
    };
    const byName = new Map<string, string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const { name, code, sublist } = node as { name?: string; code?: string; sublist?: unknown };
        if (name && code && !byName.has(name)) byName.set(name, code);
        walk(sublist);
      }
    };
    walk(state.baseData.allCity);
    for (const city of chineseCities()) expect(city.zhaopin, city.zh).toBe(byName.get(city.zh));
    const shanghai = state.baseData.allCity.find((c) => (c as { name: string }).name === '上海') as {
      sublist: { name: string; code: string }[];
    };
    const districts = new Map(shanghai.sublist.map((d) => [d.name, d.code]));
    for (const [district, entry] of Object.entries(findChineseCity('Shanghai')!.districts)) {
      expect(entry.zhaopin, district).toBe(districts.get(district));
    }
  });
});

describe('detectChineseBlock', () => {
  it('names what it saw on verification pages, code 37 and login walls', () => {
    expect(detectChineseBlock(fixture('zhaopin/slider-captcha.html'))).toMatch(/滑动验证/);
    expect(detectChineseBlock('<p>您的环境存在异常，请稍后再试</p>')).toMatch(/您的环境存在异常/);
    expect(detectChineseBlock('{"code":37,"message":"您的访问行为异常."}')).toMatch(/code 37/);
    expect(detectChineseBlock(fixture('boss/verify.html'))).toMatch(/当前IP地址可能存在异常访问行为/);
    expect(detectChineseBlock('<title>安全验证</title>')).toMatch(/安全验证/);
    expect(detectChineseBlock(fixture('liepin/login-wall.html'))).toMatch(/login wall/);
    expect(detectChineseBlock(fixture('51job/waf-slider.html'))).not.toBeNull();
  });

  it('does not mistake result pages for blocks', () => {
    expect(detectChineseBlock(fixture('zhaopin/search-shanghai-p1.html'))).toBeNull();
    expect(detectChineseBlock(fixture('boss/joblist-p1.json'))).toBeNull();
    expect(detectChineseBlock(fixture('liepin/search-p0.html'))).toBeNull();
    expect(detectChineseBlock('{"code":0,"message":"Success","zpData":{"code":37}}')).toBeNull();
  });
});

describe.skipIf(!haveRealCaptures())('detectChineseBlock on the real captures', () => {
  it('flags only the slider page among the shared captures', () => {
    const flagged = readdirSync(SHARED)
      .filter((name) => /\.(html|json)$/.test(name))
      .filter((name) => detectChineseBlock(shared(name, name.startsWith('51job') ? 'gbk' : 'utf8')) !== null);
    expect(flagged).toEqual(['zhaopin_slider_captcha_block_page.html']);
  });
});

describe('embedded JSON', () => {
  it('extracts an assigned object even when strings hold braces and the script goes on', () => {
    const html = '<script>window.__S__ = {"a":"}{\\"x","b":[1,{"c":2}]}; var y = {"no":1};</script>';
    expect(extractAssignedJson(html, '__S__')).toEqual({ a: '}{"x', b: [1, { c: 2 }] });
    expect(extractAssignedJson(html, '__MISSING__')).toBeUndefined();
    expect(balancedSlice('{"open": [1, 2', 0)).toBeUndefined();
  });

  it('reads the cambrian block of a job page', () => {
    expect(extractCambrian(fixture('liepin/job-1970000001.html'))).toMatchObject({
      id: 'https://www.liepin.com/job/1970000001.shtml',
      pubDate: '2026-11-19T10:20:30',
    });
  });
});

describe('source options', () => {
  it('a typo in a source section is refused, naming the key', () => {
    for (const scraper of [bossScraper, job51Scraper, linkedinScraper]) {
      const parsed = scraper.optionsSchema!.safeParse({ maxPage: 3 });
      expect(parsed.success, scraper.id).toBe(false);
      expect(JSON.stringify(parsed.error?.issues), scraper.id).toContain('maxPage');
    }
  });

  it('defaults and limits: 5 pages, a query that is not empty, 51job in API mode', () => {
    expect(bossScraper.optionsSchema!.parse({})).toMatchObject({ maxPages: 5 });
    expect(job51Scraper.optionsSchema!.parse({ cities: ['上海'] })).toMatchObject({
      mode: 'api',
      cities: ['上海'],
    });
    expect(bossScraper.optionsSchema!.safeParse({ query: '' }).success).toBe(false);
    expect(bossScraper.optionsSchema!.safeParse({ maxPages: 0 }).success).toBe(false);
  });
});
