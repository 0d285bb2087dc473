// Company names for matching: "北京字节跳动科技有限公司", "字节跳动" and "ByteDance Ltd." must compare by what
// identifies the company, not by its legal form. normaliseCompany gives that matching key (lower case, no
// legal suffixes, no leading city, no brackets, no punctuation); the display name is kept as the source gave it.

import places from '../taxonomy/cities.json' with { type: 'json' };
import { Memo } from './memo.js';
import { foldText } from './text.js';

const CJK_SUFFIXES = [
  '股份有限公司',
  '有限责任公司',
  '集团有限公司',
  '有限公司',
  '分公司',
  '子公司',
  '总公司',
  '公司',
  '集团',
  '工作室',
  '科技',
  '技术',
  '网络',
  '信息',
  '数据',
  '软件',
  '智能',
  '人工智能',
  '服务',
  '咨询',
  '管理',
  '发展',
  '实业',
  '控股',
  '中国',
  '(中国)',
];
const LATIN_SUFFIXES = [
  'incorporated',
  'inc',
  'llc',
  'l.l.c',
  'ltd',
  'limited',
  'co',
  'company',
  'corp',
  'corporation',
  'gmbh',
  'ag',
  'plc',
  'sa',
  'sas',
  'bv',
  'pte',
  'pty',
  'srl',
  'lp',
  'llp',
  'group',
  'holdings',
  'technologies',
  'technology',
  'labs',
  'ai',
  'the',
];

const CITY_PREFIXES = (places.cities as { zh?: string }[])
  .map((c) => c.zh)
  .filter((zh): zh is string => typeof zh === 'string' && zh.length >= 2)
  .sort((a, b) => b.length - a.length);

const companyKeys = new Memo<string>();

/** The matching key of a company name ("" only when the name has nothing but legal words). */
export function normaliseCompany(name: string): string {
  if (typeof name !== 'string') return '';
  return companyKeys.get(name, () => companyKey(name));
}

function companyKey(name: string): string {
  let t = foldText(name).toLowerCase().trim();
  if (!t) return '';
  // Bracketed parts are places or legal notes: "(北京)", "（中国）", "(Beijing) Co.".
  t = t.replace(/[(（[【][^)）\]】]*[)）\]】]/g, ' ').trim();
  for (const city of CITY_PREFIXES) {
    if (t.startsWith(city) && t.length > city.length + 2) {
      t = t.slice(city.length).replace(/^市/, '');
      break;
    }
  }
  const core = stripSuffixes(t);
  const key = core.replace(/[^\p{L}\p{N}]+/gu, '');
  return key || t.replace(/[^\p{L}\p{N}]+/gu, '');
}

function stripSuffixes(text: string): string {
  let t = text;
  for (let changed = true; changed; ) {
    changed = false;
    for (const suffix of CJK_SUFFIXES) {
      if (t.endsWith(suffix) && t.length - suffix.length >= 2) {
        t = t.slice(0, -suffix.length).trim();
        changed = true;
      }
    }
    const words = t.split(/[\s,.]+/).filter(Boolean);
    while (words.length > 1 && LATIN_SUFFIXES.includes(words[words.length - 1] as string)) {
      words.pop();
      changed = true;
    }
    if (words.length > 1 && words[0] === 'the') words.shift();
    if (changed) t = words.join(' ');
  }
  return t;
}
