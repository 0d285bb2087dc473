// Filters as users type them: cities in Chinese or any case, roles and sources checked, text search with
// full-text (3+ characters) or substring matching (shorter words).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveFilter } from '../../src/analysis/filters.js';
import { growth } from '../../src/analysis/growth.js';
import type { PostingFilter } from '../../src/analysis/types.js';
import { UsageError } from '../../src/errors.js';
import type { Db } from '../../src/store/database.js';
import { addPostings, memoryDb, watch } from './support/analysis-db.js';

let db: Db;
beforeEach(() => {
  db = memoryDb();
  watch(db, 'zhaopin', '2025-01-01', '2025-01-31');
  watch(db, 'lever', '2025-01-01', '2025-01-31');
  addPostings(db, {
    sourceId: 'zhaopin',
    count: 5,
    from: '2025-01-01',
    to: '2025-01-31',
    overrides: { title: 'RLHF 标注员 (AI)' },
  });
  addPostings(db, {
    sourceId: 'zhaopin',
    count: 3,
    from: '2025-01-01',
    to: '2025-01-31',
    overrides: { title: '数据标注', description: '图像框选', company: '某公司' },
  });
  addPostings(db, {
    sourceId: 'lever',
    count: 2,
    from: '2025-01-01',
    to: '2025-01-31',
    overrides: { city: 'London', title: 'AI tutor "math" 100%_ok' },
  });
});
afterEach(() => db.close());

const total = (filter: PostingFilter) =>
  growth(db, { ...filter, by: 'month', from: '2025-01', to: '2025-01' }).buckets[0]!.count;

describe('resolveFilter', () => {
  it.each([['上海'], ['shanghai'], ['SHANGHAI'], ['Shanghai']])('city %s is Shanghai', (city) => {
    expect(resolveFilter(db, { city }).city).toBe('Shanghai');
  });

  it('a city neither the city list nor the database knows is a usage error, not an empty answer', () => {
    expect(() => resolveFilter(db, { city: 'Atlantis' })).toThrow(UsageError);
    expect(() => resolveFilter(db, { city: 'Atlantis' })).toThrow(/unknown city "Atlantis"/);
  });

  it('refuses an unknown source, listing the known ones', () => {
    expect(() => resolveFilter(db, { sources: ['monster'] })).toThrow(UsageError);
    expect(() => resolveFilter(db, { sources: ['monster'] })).toThrow(/lever, zhaopin/);
  });

  it('describes the filter in words', () => {
    expect(resolveFilter(db, { role: 'ai-trainer', city: '上海' }).description).toBe(
      'role ai-trainer, city Shanghai',
    );
    expect(resolveFilter(db, {}).description).toBe('all postings');
  });
});

describe('text search', () => {
  it('uses the full-text index for words of 3+ characters', () => {
    expect(total({ match: 'RLHF' })).toBe(5);
    expect(total({ match: 'rlhf 标注员' })).toBe(5);
  });

  it('falls back to substring search for short words (trigram needs 3 characters)', () => {
    expect(total({ match: 'AI' })).toBe(7);
    expect(total({ match: '标注' })).toBe(10); // 5 + 3 titles, and 2 descriptions (数据标注与质检)
    expect(total({ match: '框选' })).toBe(3);
  });

  it('treats quotes, operators and wildcards as plain text', () => {
    expect(total({ match: '"math"' })).toBe(2);
    expect(total({ match: 'OR' })).toBe(2); // "tutor", not the FTS operator
    expect(total({ match: 'NEAR' })).toBe(0);
    expect(total({ match: '%_' })).toBe(2);
    expect(total({ match: 'NOT AND' })).toBe(0);
  });

  it('combines with city and source', () => {
    expect(total({ match: 'AI', city: 'London' })).toBe(2);
    expect(total({ match: 'AI', sources: ['zhaopin'] })).toBe(5);
  });
});
