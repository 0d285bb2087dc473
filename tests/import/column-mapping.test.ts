import { describe, expect, it } from 'vitest';
import { parseMapFlags, parseMappingData, resolveMapping } from '../../src/import/column-mapping.js';
import { rowToRawPosting } from '../../src/import/row-to-raw.js';

describe('column mapping', () => {
  it('finds the common Chinese and English column names by default', () => {
    expect(resolveMapping(['职位名称', '公司名称', '城市', '薪资', '发布时间', '职位描述', '链接'])).toEqual({
      title: '职位名称',
      company: '公司名称',
      city: '城市',
      salary: '薪资',
      posted_at: '发布时间',
      description: '职位描述',
      url: '链接',
    });
    expect(
      resolveMapping(['Job Title', 'companyFullName', 'positionName', 'Location', 'date']),
    ).toMatchObject({
      title: 'Job Title',
      company: 'companyFullName',
      location: 'Location',
      posted_at: 'date',
    });
  });

  it('lets an explicit mapping win, and names a mapped column that is not in the data', () => {
    expect(resolveMapping(['name', '岗位', 'co'], { title: '岗位', company: 'co' })).toMatchObject({
      title: '岗位',
      company: 'co',
    });
    expect(() => resolveMapping(['a', 'b'], { title: 'job' })).toThrow(
      /column "job" \(mapped to title\) is not in the data: its columns are a, b/,
    );
  });

  it('parses --map flags and refuses unknown fields', () => {
    expect(parseMapFlags(['title=职位', 'posted_at=更新 日期'])).toEqual({
      title: '职位',
      posted_at: '更新 日期',
    });
    expect(() => parseMapFlags(['titel=x'])).toThrow(/unknown field "titel"/);
    expect(() => parseMapFlags(['title'])).toThrow(/field=column/);
  });

  it('accepts a mapping file with or without a columns key, and names a bad field', () => {
    expect(parseMappingData({ columns: { title: 'T' } }, 'm.yaml')).toEqual({ title: 'T' });
    expect(parseMappingData({ company: 'C' }, 'm.yaml')).toEqual({ company: 'C' });
    expect(() => parseMappingData({ salary: 3 }, 'm.yaml')).toThrow(/m.yaml: salary must be a column name/);
  });
});

describe('a row as a raw posting', () => {
  const mapping = resolveMapping(['职位名称', '公司名称', '城市', '区域', '薪资', '发布时间', 'tags']);

  it('keeps text as the dataset has it and builds the location from city and district', () => {
    const result = rowToRawPosting(
      {
        职位名称: ' AI训练师 ',
        公司名称: '示例科技',
        城市: '上海',
        区域: '浦东新区',
        薪资: '8-12K·13薪',
        发布时间: '2025-03-05',
        tags: '标注、质检',
      },
      mapping,
    );
    expect(result.posting).toMatchObject({
      title: 'AI训练师',
      company: '示例科技',
      location: '上海·浦东新区',
      salary: '8-12K·13薪',
      postedAt: '2025-03-05',
      tags: ['标注', '质检'],
    });
  });

  it('gives the same row the same id and a different row another, without an id column', () => {
    const row = { 职位名称: 'AI训练师', 公司名称: 'A', 城市: '上海' };
    const a = rowToRawPosting(row, mapping).posting!.sourcePostingId;
    expect(rowToRawPosting({ ...row }, mapping).posting!.sourcePostingId).toBe(a);
    expect(rowToRawPosting({ ...row, 公司名称: 'B' }, mapping).posting!.sourcePostingId).not.toBe(a);
  });

  it('uses the id column when there is one', () => {
    const m = resolveMapping(['id', 'title']);
    expect(rowToRawPosting({ id: 42, title: 'Rater' }, m).posting!.sourcePostingId).toBe('42');
  });

  it('refuses a row without a title, saying which column was empty', () => {
    expect(rowToRawPosting({ 职位名称: '  ' }, mapping).error).toBe('no title in column "职位名称"');
  });
});
