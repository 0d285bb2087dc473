import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../src/store/database.js';
import { upsertPostings } from '../../src/store/posting-store.js';
import { ensureSource } from '../../src/store/source-store.js';
import { makePosting } from '../support/posting-factory.js';

let db: Db;

beforeEach(() => {
  db = openDatabase(':memory:');
  ensureSource(db, { id: 'test', name: 'Test', kind: 'api', base_url: null });
});
afterEach(() => db.close());

const count = (sql: string, ...params: unknown[]) =>
  Number(
    db
      .prepare(sql)
      .pluck()
      .get(...params),
  );

describe('upsertPostings', () => {
  it('repeated upserts of the same postings make no duplicates', () => {
    const batch = [makePosting({ source_posting_id: 'a' }), makePosting({ source_posting_id: 'b' })];
    const first = upsertPostings(db, batch, { seenAt: '2025-03-05T10:00:00.000Z' });
    const second = upsertPostings(db, batch, { seenAt: '2025-03-06T10:00:00.000Z' });
    expect(first).toMatchObject({ inserted: 2, updated: 0, unchanged: 0 });
    expect(second).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    expect(count('SELECT count(*) FROM postings')).toBe(2);
    expect(count('SELECT count(*) FROM posting_roles')).toBe(2);
    expect(count('SELECT count(*) FROM posting_changes')).toBe(0);
  });

  it('keeps first_seen_at and advances last_seen_at', () => {
    const posting = makePosting({ source_posting_id: 'a' });
    upsertPostings(db, [posting], { seenAt: '2025-03-05T10:00:00.000Z' });
    upsertPostings(db, [posting], { seenAt: '2025-03-09T08:00:00.000Z' });
    // An older observation arriving late does not move last_seen_at backwards.
    upsertPostings(db, [posting], { seenAt: '2025-03-07T08:00:00.000Z' });
    const row = db.prepare('SELECT first_seen_at, last_seen_at FROM postings').get();
    expect(row).toEqual({
      first_seen_at: '2025-03-05T10:00:00.000Z',
      last_seen_at: '2025-03-09T08:00:00.000Z',
    });
  });

  it('updates changed fields and records each change with its old and new value', () => {
    upsertPostings(db, [makePosting({ source_posting_id: 'a', salary_max: 12000 })], {
      seenAt: '2025-03-05T10:00:00.000Z',
    });
    const result = upsertPostings(
      db,
      [makePosting({ source_posting_id: 'a', salary_max: 15000, title: 'AI训练师（急招）' })],
      {
        seenAt: '2025-03-06T10:00:00.000Z',
      },
    );
    expect(result).toMatchObject({ inserted: 0, updated: 1 });
    expect(db.prepare('SELECT title, salary_max, updated_at FROM postings').get()).toEqual({
      title: 'AI训练师（急招）',
      salary_max: 15000,
      updated_at: '2025-03-06T10:00:00.000Z',
    });
    const changes = db
      .prepare('SELECT field, old_value, new_value FROM posting_changes ORDER BY field')
      .all();
    expect(changes).toEqual([
      { field: 'salary_max', old_value: '12000', new_value: '15000' },
      { field: 'title', old_value: 'AI训练师', new_value: 'AI训练师（急招）' },
    ]);
  });

  it('a repost with a later date keeps counting at its first appearance', () => {
    upsertPostings(db, [makePosting({ source_posting_id: 'a', posted_at: '2025-03-05' })], {
      seenAt: '2025-03-05T10:00:00.000Z',
    });
    upsertPostings(db, [makePosting({ source_posting_id: 'a', posted_at: '2025-04-01' })], {
      seenAt: '2025-04-01T10:00:00.000Z',
    });
    expect(db.prepare('SELECT effective_date, posted_at FROM postings').get()).toEqual({
      effective_date: '2025-03-05',
      posted_at: '2025-04-01',
    });
  });

  it('the same job under two ids counts once, at its earliest appearance', () => {
    upsertPostings(
      db,
      [makePosting({ source_posting_id: 'late', dedup_key: 'k', posted_at: '2025-03-09' })],
      {
        seenAt: '2025-03-09T00:00:00.000Z',
      },
    );
    upsertPostings(
      db,
      [makePosting({ source_posting_id: 'early', dedup_key: 'k', posted_at: '2025-03-01' })],
      {
        seenAt: '2025-03-10T00:00:00.000Z',
      },
    );
    expect(db.prepare('SELECT source_posting_id FROM postings_dedup').pluck().all()).toEqual(['early']);
    expect(count('SELECT count(*) FROM postings')).toBe(2);
  });

  it('a changed classification replaces the roles and skills', () => {
    upsertPostings(db, [makePosting({ source_posting_id: 'a', roles: ['ai-trainer'], skills: ['python'] })], {
      seenAt: '2025-03-05T10:00:00.000Z',
    });
    const result = upsertPostings(
      db,
      [makePosting({ source_posting_id: 'a', roles: ['data-annotator'], skills: ['python', 'sql'] })],
      {
        seenAt: '2025-03-06T10:00:00.000Z',
      },
    );
    expect(result.items[0]?.status).toBe('updated');
    expect(db.prepare('SELECT role_id FROM posting_roles').pluck().all()).toEqual(['data-annotator']);
    expect(db.prepare('SELECT skill_id FROM posting_skills ORDER BY skill_id').pluck().all()).toEqual([
      'python',
      'sql',
    ]);
  });

  it('a posting twice in one batch is inserted once, then updated with its links replaced', () => {
    const result = upsertPostings(
      db,
      [
        makePosting({ source_posting_id: 'a', skills: ['python'] }),
        makePosting({ source_posting_id: 'b' }),
        makePosting({ source_posting_id: 'a', title: 'AI训练师（英语）', skills: ['sql', 'excel'] }),
      ],
      { seenAt: '2025-03-05T10:00:00.000Z' },
    );
    expect(result).toMatchObject({ inserted: 2, updated: 1, unchanged: 0 });
    expect(result.items.map((i) => i.status)).toEqual(['new', 'new', 'updated']);
    expect(result.items[2]?.id).toBe(result.items[0]?.id);
    expect(db.prepare("SELECT title FROM postings WHERE source_posting_id = 'a'").pluck().get()).toBe(
      'AI训练师（英语）',
    );
    const skillsOf = (id: string) =>
      db
        .prepare(
          `SELECT skill_id FROM posting_skills JOIN postings ON postings.id = posting_id
           WHERE source_posting_id = ? ORDER BY skill_id`,
        )
        .pluck()
        .all(id);
    expect(skillsOf('a')).toEqual(['excel', 'sql']);
    expect(skillsOf('b')).toEqual(['data-labeling']);
  });

  it('writes every role and skill of a large batch, over several multi-row statements', () => {
    const skills = ['python', 'sql', 'excel', 'data-labeling', 'rlhf'];
    const batch = Array.from({ length: 300 }, (_, i) =>
      makePosting({
        source_posting_id: `p${i}`,
        skills: skills.slice(0, 1 + (i % skills.length)),
        roles: i % 2 ? ['ai-trainer'] : ['ai-trainer', 'data-annotator', 'ai-trainer'],
      }),
    );
    upsertPostings(db, batch, { seenAt: '2025-03-05T10:00:00.000Z' });
    const expectedSkills = batch.reduce((sum, p) => sum + p.skills.length, 0);
    const expectedRoles = batch.reduce((sum, p) => sum + new Set(p.roles).size, 0);
    expect(count('SELECT count(*) FROM posting_skills')).toBe(expectedSkills);
    expect(count('SELECT count(*) FROM posting_roles')).toBe(expectedRoles);
    expect(
      db
        .prepare(
          `SELECT group_concat(skill_id, ',') FROM (SELECT skill_id FROM posting_skills
           JOIN postings ON postings.id = posting_id WHERE source_posting_id = 'p299' ORDER BY skill_id)`,
        )
        .pluck()
        .get(),
    ).toBe([...skills].sort().join(','));
  });

  it('writes every place of a large batch in order, over several multi-row statements, and replaces changed ones', () => {
    const place = (city: string) => ({ city, district: null, region: null, country: 'China' });
    const batch = Array.from({ length: 300 }, (_, i) =>
      makePosting({
        source_posting_id: `p${i}`,
        city: 'Beijing',
        places: i % 3 ? [place('Beijing')] : [place('Beijing'), place('Nanjing'), place('Hangzhou')],
      }),
    );
    upsertPostings(db, batch, { seenAt: '2025-03-05T10:00:00.000Z' });
    const placesOf = (id: string) =>
      db
        .prepare(
          `SELECT group_concat(city, ',') FROM (SELECT pl.city FROM posting_places pl JOIN postings ON postings.id = pl.posting_id
           WHERE source_posting_id = ? ORDER BY position)`,
        )
        .pluck()
        .get(id);
    expect(count('SELECT count(*) FROM posting_places')).toBe(100 * 3 + 200);
    expect(placesOf('p0')).toBe('Beijing,Nanjing,Hangzhou');
    expect(placesOf('p297')).toBe('Beijing,Nanjing,Hangzhou');
    expect(placesOf('p298')).toBe('Beijing');
    // The same postings again, one of them moved: its places are replaced, the others left alone.
    batch[1] = makePosting({
      source_posting_id: 'p1',
      city: 'Shanghai',
      places: [place('Shanghai'), place('Suzhou')],
    });
    const result = upsertPostings(db, batch, { seenAt: '2025-03-06T10:00:00.000Z' });
    expect(result).toMatchObject({ inserted: 0, updated: 1 });
    expect(placesOf('p1')).toBe('Shanghai,Suzhou');
    expect(count('SELECT count(*) FROM posting_places')).toBe(100 * 3 + 200 + 1);
  });

  it('full-text search finds postings by Chinese and English words', () => {
    upsertPostings(
      db,
      [
        makePosting({ source_posting_id: 'a', title: '大模型数据标注员', description: null }),
        makePosting({ source_posting_id: 'b', title: 'RLHF Rater (English)', description: null }),
      ],
      { seenAt: '2025-03-05T10:00:00.000Z' },
    );
    const search = (q: string) =>
      db
        .prepare(
          'SELECT p.source_posting_id FROM postings_fts f JOIN postings p ON p.id = f.rowid WHERE postings_fts MATCH ?',
        )
        .pluck()
        .all(q);
    expect(search('数据标注')).toEqual(['a']);
    expect(search('rater')).toEqual(['b']);
  });
});
