import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { dedupKey, normaliseTitle } from '../../src/pipeline/dedup.js';
import { parseLocation } from '../../src/pipeline/location.js';
import { haveRealCaptures, SHARED_FIXTURES } from '../support/shared-fixtures.js';

const base = { title: 'AI训练师', company: '北京字节跳动科技有限公司', city: 'Beijing', country: 'China' };

describe('dedupKey: the same job counts once', () => {
  it('a repost under a new id on the same board gets the same key', () => {
    expect(dedupKey({ ...base, sourceId: 'boss', sourcePostingId: 'a1' })).toBe(
      dedupKey({ ...base, sourceId: 'boss', sourcePostingId: 'b2' }),
    );
  });

  it('the same job on two boards, company written differently, gets the same key', () => {
    expect(dedupKey({ ...base, sourceId: 'boss', sourcePostingId: '1' })).toBe(
      dedupKey({ ...base, company: '字节跳动', sourceId: 'zhaopin', sourcePostingId: 'CC123' }),
    );
  });

  it.each([
    ['【急招】AI训练师'],
    ['AI训练师（急聘）'],
    ['AI训练师 急招'],
    ['ai训练师'],
    ['ＡＩ 训练师'],
    ['AI-训练师'],
  ])('recruiting noise and spelling do not split a job: %s', (title) => {
    expect(dedupKey({ ...base, title })).toBe(dedupKey(base));
  });

  it('English near-duplicates match: case, punctuation, Sr./Senior, Urgent:', () => {
    const a = { title: 'Senior AI Trainer - Chemistry', company: 'Scale AI, Inc.', city: 'San Francisco' };
    for (const title of [
      'Sr. AI Trainer, Chemistry',
      'senior ai trainer (chemistry)',
      'Urgent: Senior AI Trainer - Chemistry',
    ]) {
      expect(dedupKey({ ...a, title })).toBe(dedupKey(a));
    }
    expect(dedupKey({ ...a, company: 'Scale AI' })).toBe(dedupKey(a));
  });
});

describe('dedupKey: different jobs that look alike stay apart', () => {
  it('same title, same company, different city', () => {
    expect(dedupKey({ ...base, city: 'Shanghai' })).not.toBe(dedupKey(base));
  });

  it('same title and city, different company', () => {
    expect(dedupKey({ ...base, company: '百度' })).not.toBe(dedupKey(base));
  });

  it('a meaningful bracket in the title is kept', () => {
    expect(dedupKey({ ...base, title: 'AI训练师（英语）' })).not.toBe(
      dedupKey({ ...base, title: 'AI训练师（日语）' }),
    );
  });

  it('a different level is a different job', () => {
    expect(dedupKey({ ...base, title: '高级AI训练师' })).not.toBe(dedupKey(base));
  });

  it('remote in the US and remote in the UK are different', () => {
    const r = { title: 'AI Tutor', company: 'Outlier', city: null, remote: true };
    expect(dedupKey({ ...r, country: 'United States' })).not.toBe(
      dedupKey({ ...r, country: 'United Kingdom' }),
    );
  });

  it('postings without a company are never merged across ids', () => {
    const noCompany = { title: '数据标注员', company: null, city: 'Chengdu' };
    expect(dedupKey({ ...noCompany, sourceId: 'boss', sourcePostingId: '1' })).not.toBe(
      dedupKey({ ...noCompany, sourceId: 'boss', sourcePostingId: '2' }),
    );
  });
});

describe('dedupKey: names, levels and teams are part of a title', () => {
  const g2i = { company: 'G2i', city: null, country: null, remote: true };
  it('C#, C and C++ postings at one company stay three jobs', () => {
    const keys = ['AI Software Engineer (C#)', 'AI Software Engineer (C)', 'AI Software Engineer (C++)'].map(
      (title) => dedupKey({ ...g2i, title }),
    );
    expect(new Set(keys).size).toBe(3);
  });

  it.each([
    ['Senior .NET Developer', 'Senior NET Developer'],
    ['Node.js Engineer', 'Node Engineer'],
    ['Software Engineer II', 'Software Engineer III'],
    ['Software Engineer II', 'Software Engineer'],
    ['Staff AI Engineer', 'Senior AI Engineer'],
    ['Software Engineer (Payments)', 'Software Engineer (Search)'],
    ['F# Developer', 'F Developer'],
  ])('%s and %s are different jobs', (a, b) => {
    expect(dedupKey({ ...g2i, title: a })).not.toBe(dedupKey({ ...g2i, title: b }));
  });

  it.each([
    ['NodeJS Engineer', 'Node.js Engineer'],
    ['C# Developer', 'C#-Developer'],
    ['AI Engineer (Legal AI Assistant) (m/f/d)', 'AI Engineer (Legal AI Assistant)'],
    ['KI-Entwickler (m/w/d)', 'KI-Entwickler'],
  ])('%s and %s are one job', (a, b) => {
    expect(dedupKey({ ...g2i, title: a })).toBe(dedupKey({ ...g2i, title: b }));
  });
});

const builtin = join(SHARED_FIXTURES, 'real-descriptions-builtin');
describe.skipIf(!haveRealCaptures('real-descriptions-builtin'))(
  'dedupKey on real postings (../shared/fixtures)',
  () => {
    const key = (file: string) => {
      const y = parse(readFileSync(join(builtin, file), 'utf8')) as {
        title: string;
        company: string;
        location?: string;
      };
      const place = parseLocation(y.location ?? null);
      return dedupKey({
        title: y.title,
        company: y.company,
        city: place.city,
        country: place.country,
        remote: place.remote,
      });
    };
    it('the (C#), (C++) and (Python) postings of one company stay apart, and a repost of (C++) merges', () => {
      const csharp = key('8254956_G2i_AI_Software_Engineer_C.yaml');
      const cpp = key('8254987_G2i_AI_Software_Engineer_C.yaml');
      const cppAgain = key('8594191_G2i_AI_Software_Engineer_C.yaml');
      const python = key('8594228_G2i_AI_Software_Engineer_Python.yaml');
      expect(cppAgain).toBe(cpp);
      expect(new Set([csharp, cpp, python]).size).toBe(3);
    });

    it('a Senior AI Engineer and an AI Engineer at one company in one city stay apart', () => {
      expect(key('7405039_Octopus_Energy_Senior_AI_Engineer.yaml')).not.toBe(
        key('8494138_Octopus_Energy_AI_Engineer.yaml'),
      );
    });
  },
);

describe('normaliseTitle', () => {
  it('folds case, width, punctuation and recruiting noise', () => {
    expect(normaliseTitle('【急招】AI训练师（双休）')).toBe('ai训练师');
    expect(normaliseTitle('Hotel Manager')).toBe('hotelmanager');
    expect(normaliseTitle('Sr. Data Annotator')).toBe('seniordataannotator');
  });
});
