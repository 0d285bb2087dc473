// Skill shares and their change between periods, on constructed data where one skill truly rises.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { skills } from '../../src/analysis/skills.js';
import { benjaminiHochberg } from '../../src/analysis/stats/benjamini-hochberg.js';
import { twoProportionTest } from '../../src/analysis/stats/two-proportion.js';
import type { Db } from '../../src/store/database.js';
import { addPostings, memoryDb } from './support/analysis-db.js';

let db: Db;
beforeEach(() => {
  db = memoryDb();
});
afterEach(() => db.close());

describe('skills', () => {
  it('gives shares of matching postings, and flags a significant rise as emerging', () => {
    // 2024: 200 postings, 20 name python, all name data-labeling. 2025: 200 postings, 80 name python.
    addPostings(db, {
      sourceId: 'zhaopin',
      count: 200,
      from: '2024-01-01',
      to: '2024-12-31',
      pick: (i) => ({ skills: i < 20 ? ['data-labeling', 'python'] : ['data-labeling'] }),
    });
    addPostings(db, {
      sourceId: 'zhaopin',
      count: 200,
      from: '2025-01-01',
      to: '2025-12-31',
      pick: (i) => ({
        skills: i < 80 ? ['data-labeling', 'python'] : i < 83 ? ['data-labeling', 'sql'] : ['data-labeling'],
      }),
    });
    // Another role's postings are not counted.
    addPostings(db, {
      sourceId: 'zhaopin',
      count: 50,
      from: '2025-01-01',
      to: '2025-12-31',
      overrides: { roles: ['ai-other'], skills: ['sql'] },
    });

    const result = skills(db, { role: 'ai-trainer', period: '2025', compare: '2024' });
    expect(result.postings).toBe(200);
    expect(result.comparePostings).toBe(200);
    const python = result.skills.find((s) => s.skillId === 'python')!;
    expect(python).toMatchObject({ count: 80, share: 0.4 });
    expect(python.compare).toMatchObject({ count: 20, share: 0.1 });
    const reference = twoProportionTest(80, 200, 20, 200);
    expect(python.compare!.pValue).toBeCloseTo(reference.pValue, 15);
    // q-values are BH over the three skills compared (data-labeling, python, sql), in that input order.
    const ps = [
      twoProportionTest(200, 200, 200, 200).pValue,
      reference.pValue,
      twoProportionTest(3, 200, 0, 200).pValue,
    ];
    expect(python.compare!.qValue).toBeCloseTo(benjaminiHochberg(ps)[1]!, 15);
    expect(result.emerging).toEqual(['python']);
    // sql rose too, but with 3 postings it is below the minimum support (and not significant).
    expect(result.skills.find((s) => s.skillId === 'sql')!.compare!.emerging).toBe(false);
  });

  it('without --compare lists the top skills by count', () => {
    addPostings(db, {
      sourceId: 'zhaopin',
      count: 30,
      from: '2025-01-01',
      to: '2025-12-31',
      pick: (i) => ({ skills: i % 3 === 0 ? ['python', 'sql'] : ['python'] }),
    });
    const result = skills(db, { period: '2025', top: 1 });
    expect(result.skills.map((s) => [s.skillId, s.count])).toEqual([['python', 30]]);
    expect(result.comparePeriod).toBeNull();
    expect(result.skills[0]!.compare).toBeNull();
  });
});
