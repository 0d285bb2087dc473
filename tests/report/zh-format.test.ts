// Chinese numbers, dates, periods and names as the report writes them: 万 in sentences, 个百分点, 2025年3月,
// 2025年第一季度, weekdays, axis labels that name the year where it changes, and Chinese names for places,
// roles, skills and sources (company names are never translated).
import { describe, expect, it } from 'vitest';
import { messagesFor } from '../../src/report/messages/catalogues.js';
import {
  zhAxisLabel,
  zhChangeWords,
  zhDay,
  zhPeriod,
  zhPoints,
  zhPostings,
  zhTick,
  zhTime,
  zhWeekday,
} from '../../src/report/messages/zh-format.js';
import { zhCity, zhPayUnit, zhRole, zhSkill, zhSource } from '../../src/report/messages/zh-names.js';
import { renderReport } from '../../src/report/render-report.js';
import { sampleReportData } from './sample-report-data.js';
import { figureDifferences } from './zh-checks.js';

describe('Chinese numbers', () => {
  it('writes large counts in a sentence with 万, small ones as they are', () => {
    expect(zhPostings(856)).toBe('856条');
    expect(zhPostings(9999)).toBe('9999条');
    expect(zhPostings(10_000)).toBe('1万条');
    expect(zhPostings(12_345)).toBe('1.2万条');
    expect(zhPostings(123_456)).toBe('12.3万条');
    expect(zhPostings(3_456_789)).toBe('346万条');
  });

  it('writes differences of shares in 个百分点 and changes in words', () => {
    expect(zhPoints(0.031)).toBe('+3.1个百分点');
    expect(zhPoints(-0.02)).toBe('−2.0个百分点');
    expect(zhPoints(0.0001)).toBe('0.0个百分点');
    expect(zhChangeWords(0.123)).toBe('上升12.3%');
    expect(zhChangeWords(-0.05)).toBe('下降5.0%');
  });

  it('labels chart axes with 万 and without thousands marks', () => {
    expect(zhTick(15_000, false)).toBe('1.5万');
    expect(zhTick(5000, false)).toBe('5000');
    expect(zhTick(0.125, true)).toBe('12.5%');
    expect(zhTick(0.25, false)).toBe('0.25');
  });
});

describe('Chinese dates and periods', () => {
  it('names days, months, quarters, weeks, years and ranges', () => {
    expect(zhDay('2025-03-01')).toBe('2025年3月1日');
    expect(zhPeriod('2025-03')).toBe('2025年3月');
    expect(zhPeriod('2025-Q1')).toBe('2025年第一季度');
    expect(zhPeriod('2025-Q4')).toBe('2025年第四季度');
    expect(zhPeriod('2025-W14')).toBe('2025年第14周');
    expect(zhPeriod('2025')).toBe('2025年');
    expect(zhPeriod('2025-01-01..2025-03-31')).toBe('2025年1月1日至2025年3月31日');
    expect(zhPeriod('2025-06-01')).toBe('2025年6月1日');
    expect(zhPeriod('2025-02..2026-01')).toBe('2025年2月至2026年1月');
    expect(zhTime('2026-11-24T02:05:00.000Z')).toBe('2026年11月24日 02:05');
  });

  it('names weekdays', () => {
    expect(zhWeekday('2026-11-25')).toBe('星期三');
    expect(zhWeekday('2026-02-15')).toBe('星期日');
  });

  it('writes the year on an axis where the series starts and where the year changes', () => {
    const labels = ['2025-11', '2025-12', '2026-01', '2026-02'];
    expect(labels.map((l, i) => zhAxisLabel(l, i > 0 ? labels[i - 1]! : null))).toEqual([
      '2025年11月',
      '12月',
      '2026年1月',
      '2月',
    ]);
    expect(zhAxisLabel('2025-W15', '2025-W14')).toBe('第15周');
    expect(zhAxisLabel('2026-Q1', '2025-Q4')).toBe('2026年一季度');
  });
});

describe('Chinese names', () => {
  it('names cities, districts stay as stored, roles, skills, sources and pay units in Chinese', () => {
    expect(zhCity('Shanghai')).toBe('上海');
    expect(zhCity("Xi'an")).toBe('西安');
    expect(zhCity('San Francisco')).toBe('旧金山');
    expect(zhCity('Nowhere Town')).toBeNull();
    expect(zhRole('ai-trainer')).toBe('人工智能训练师');
    expect(zhRole('data-annotator')).toBe('数据标注员');
    expect(zhSkill({ skillId: 'data-labeling', name: 'data-labeling', nameZh: null })).toBe('数据标注');
    expect(zhSkill({ skillId: 'x', name: 'Stored name', nameZh: null })).toBe('Stored name');
    expect(zhSource('zhaopin', (s) => s)).toBe('智联招聘');
    expect(zhSource('boss', (s) => s)).toBe('BOSS直聘');
    expect(zhSource('import:my data', (s) => `<${s}>`)).toBe('导入的数据集“<my data>”');
    expect(zhPayUnit('CNY', 'month')).toBe('元/月');
    expect(zhPayUnit('USD', 'hour')).toBe('美元/小时');
    expect(zhPayUnit('CNY', 'piece')).toBe('元/条（计件）');
  });

  it('gives an HTML form of the report its language tag', () => {
    expect(messagesFor('zh').htmlLang).toBe('zh-CN');
    expect(messagesFor('en').htmlLang).toBe('en');
  });
});

describe('a report with large counts', () => {
  it('says them with 万 in sentences and in full in tables, and every figure still matches the English', () => {
    const data = { ...sampleReportData(), postings: 123_456, allPostings: 1_234_567 };
    data.companies = data.companies.map((c) => ({ ...c, postings: c.postings * 1000 }));
    const en = renderReport(data, { now: new Date('2026-11-25T08:00:00Z') }).markdown;
    const zh = renderReport(data, { now: new Date('2026-11-25T08:00:00Z'), lang: 'zh' }).markdown;
    expect(zh).toContain('新增**12.3万条**');
    expect(zh).toContain('占该时期全部123万条岗位的10.0%');
    expect(zh).toContain('| 1 | \\<script>alert(1)\\</script> | 20,000 |');
    expect(en).toContain('**123,456**');
    // The headline sentence and the companies' table (the sample's hand-written method notes are not
    // compared: they are not what analysis writes).
    const sentence = (text: string, start: string) => text.split('\n').find((l) => l.startsWith(start))!;
    const companies = (text: string, heading: string) =>
      text.slice(text.indexOf(heading)).split('\n\n## ')[0]!;
    expect(figureDifferences(sentence(en, 'In 2026-10'), sentence(zh, '2026年10月，'))).toEqual([]);
    expect(figureDifferences(companies(en, '## Top companies'), companies(zh, '## 招聘最多的公司'))).toEqual(
      [],
    );
    // A different count in 万 is found.
    const altered = zh.replace('12.3万条', '12.4万条');
    expect(figureDifferences(sentence(en, 'In 2026-10'), sentence(altered, '2026年10月，'))).not.toEqual([]);
  });
});
