import { describe, expect, it } from 'vitest';
import { normaliseCompany } from '../../src/pipeline/company.js';

describe('normaliseCompany', () => {
  it.each([
    ['北京字节跳动科技有限公司', '字节跳动'],
    ['字节跳动', '字节跳动'],
    ['上海商汤智能科技有限公司', '商汤'],
    ['科大讯飞股份有限公司', '科大讯飞'],
    ['阿里巴巴（中国）有限公司', '阿里巴巴'],
    ['百度在线网络技术（北京）有限公司', '百度在线'],
    ['Scale AI, Inc.', 'scale'],
    ['Scale AI', 'scale'],
    ['OpenAI', 'openai'],
    ['Anthropic PBC', 'anthropicpbc'],
    ['Outlier Technologies Ltd.', 'outlier'],
    ['The Walt Disney Company', 'waltdisney'],
    ['Ｔｅｎｃｅｎｔ', 'tencent'],
  ])('%s → %s', (name, key) => {
    expect(normaliseCompany(name)).toBe(key);
  });

  it('the same company written two ways gets one key', () => {
    expect(normaliseCompany('DataAnnotation Tech Ltd')).toBe(normaliseCompany('dataannotation tech'));
    expect(normaliseCompany('Acme Corp.')).toBe(normaliseCompany('ACME Corporation'));
  });

  it('different companies keep different keys', () => {
    expect(normaliseCompany('腾讯科技有限公司')).not.toBe(normaliseCompany('百度科技有限公司'));
  });

  it('a name made only of legal words keeps something to match on', () => {
    expect(normaliseCompany('有限公司')).not.toBe('');
    expect(normaliseCompany('')).toBe('');
  });
});
