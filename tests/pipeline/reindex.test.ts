import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import type { NormalisedPosting, RawPosting } from '../../src/domain/posting.js';
import { contentHash } from '../../src/pipeline/content-hash.js';
import { normalisePosting, roleIds, skillIds } from '../../src/pipeline/index.js';
import { openDatabase } from '../../src/store/database.js';
import { upsertPostings } from '../../src/store/posting-store.js';
import { reindexPostings } from '../../src/store/reindex-store.js';
import { ensureSource } from '../../src/store/source-store.js';
import { syncTaxonomy } from '../../src/store/taxonomy-store.js';
import { tempDbPath } from '../support/temp-db.js';

const seenAt = new Date('2025-03-10T01:30:00.000Z');

function posting(
  id: string,
  title: string,
  description: string,
  extra: Partial<RawPosting> = {},
): NormalisedPosting {
  return normalisePosting(
    {
      sourcePostingId: id,
      title,
      description,
      company: '某某科技有限公司',
      location: '上海',
      raw: { id },
      ...extra,
    },
    { sourceId: 'boss', seenAt },
  );
}

function capture() {
  let text = '';
  const write = (t: string): void => {
    text += t;
  };
  return { output: { write, isTTY: false }, text: () => text };
}

let db: ReturnType<typeof openDatabase>;
let path: string;
let cleanup: () => void;

beforeEach(() => {
  ({ path, cleanup } = tempDbPath());
  db = openDatabase(path);
  ensureSource(db, { id: 'boss', name: 'BOSS直聘', kind: 'browser', base_url: null });
});
afterEach(() => {
  db.close();
  cleanup();
});

function rolesOf(id: number): string[] {
  return db
    .prepare('SELECT role_id FROM posting_roles WHERE posting_id = ? ORDER BY role_id')
    .pluck()
    .all(id) as string[];
}
function skillsOf(id: number): string[] {
  return db
    .prepare('SELECT skill_id FROM posting_skills WHERE posting_id = ? ORDER BY skill_id')
    .pluck()
    .all(id) as string[];
}

describe('syncTaxonomy', () => {
  it('writes every role and skill with its names, and is idempotent', () => {
    syncTaxonomy(db);
    syncTaxonomy(db);
    const roles = db.prepare('SELECT id, name, name_zh FROM roles ORDER BY id').all() as {
      id: string;
      name_zh: string;
    }[];
    expect(roles.map((r) => r.id).sort()).toEqual([...roleIds()].sort());
    expect(roles.find((r) => r.id === 'ai-trainer')?.name_zh).toBe('人工智能训练师');
    expect(db.prepare('SELECT count(*) FROM skills').pluck().get()).toBe(skillIds().length);
    expect(db.prepare("SELECT category FROM skills WHERE id = 'python'").pluck().get()).toBe('programming');
  });

  it('replaces placeholder names the posting store wrote', () => {
    upsertPostings(db, [posting('1', 'AI训练师', '')], { seenAt: seenAt.toISOString() });
    expect(db.prepare("SELECT name FROM roles WHERE id = 'ai-trainer'").pluck().get()).toBe('ai-trainer');
    syncTaxonomy(db);
    expect(db.prepare("SELECT name FROM roles WHERE id = 'ai-trainer'").pluck().get()).toBe('AI trainer');
  });
});

describe('reindexPostings', () => {
  it('replaces stale roles and skills, leaves correct ones alone, batch by batch', () => {
    const stale = { ...posting('1', 'AI训练师', '熟悉Python和SQL'), roles: ['ai-other'], skills: ['excel'] };
    const fine = posting('2', '数据标注员', '图像标注');
    const [a, b] = upsertPostings(db, [stale, fine], { seenAt: seenAt.toISOString() }).items;
    const progress: [number, number][] = [];
    const result = reindexPostings(db, {
      batchSize: 1,
      classify: (row) => posting(row.source_posting_id, row.title, row.description ?? ''),
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(result).toMatchObject({
      postings: 2,
      total: 2,
      rolesChanged: 1,
      skillsChanged: 1,
      interrupted: false,
    });
    expect(progress).toEqual([
      [1, 2],
      [2, 2],
    ]);
    expect(rolesOf(a?.id as number)).toEqual(['ai-trainer']);
    expect(skillsOf(a?.id as number)).toEqual(['coding', 'python', 'sql']);
    expect(rolesOf(b?.id as number)).toEqual(['data-annotator']);
  });

  it('stops between batches when aborted, keeping finished batches', () => {
    const rows = ['1', '2', '3'].map((id) => ({ ...posting(id, 'AI训练师', ''), roles: [] }));
    upsertPostings(db, rows, { seenAt: seenAt.toISOString() });
    const controller = new AbortController();
    const result = reindexPostings(db, {
      batchSize: 1,
      signal: controller.signal,
      classify: (row) => posting(row.source_posting_id, row.title, ''),
      onProgress: () => controller.abort(),
    });
    expect(result).toMatchObject({ postings: 1, interrupted: true, rolesChanged: 1 });
  });
});

describe('jobtrend reindex', () => {
  it('recomputes classifications from stored text and reports counts', async () => {
    const stale = { ...posting('1', 'Prompt Engineer', 'Write prompts; Python or R'), roles: [], skills: [] };
    const [item] = upsertPostings(db, [stale], { seenAt: seenAt.toISOString() }).items;
    const out = capture();
    const err = capture();
    const code = await run(['--db', path, 'reindex'], { out: out.output, err: err.output, env: {} });
    expect(err.text()).toBe('');
    expect(code).toBe(0);
    expect(out.text()).toContain('reindexed 1 of 1 postings: roles changed on 1, skills changed on 1');
    expect(rolesOf(item?.id as number)).toEqual(['prompt-engineer']);
    expect(skillsOf(item?.id as number)).toEqual(['coding', 'prompt-engineering', 'python', 'r']);
  });

  it('--dedup moves stale dedup keys, records the change and re-elects the primary posting', async () => {
    const first = { ...posting('1', 'AI训练师', ''), dedup_key: 'old-key-1' };
    const repost = { ...posting('2', 'AI训练师', '', { postedAt: '2025-03-09' }), dedup_key: 'old-key-2' };
    upsertPostings(db, [first, repost], { seenAt: seenAt.toISOString() });
    expect(db.prepare('SELECT sum(is_primary) FROM postings').pluck().get()).toBe(2);
    const out = capture();
    const code = await run(['--db', path, 'reindex', '--dedup', '--batch-size', '1'], {
      out: out.output,
      err: capture().output,
      env: {},
    });
    expect(code).toBe(0);
    expect(out.text()).toContain('dedup keys changed on 2');
    const keys = db.prepare('SELECT DISTINCT dedup_key FROM postings').pluck().all();
    expect(keys).toHaveLength(1);
    expect(db.prepare('SELECT source_posting_id FROM postings WHERE is_primary = 1').pluck().all()).toEqual([
      '2',
    ]);
    expect(db.prepare("SELECT count(*) FROM posting_changes WHERE field = 'dedup_key'").pluck().get()).toBe(
      2,
    );
  });

  it('reads places again from the stored location text, with the hash a new scrape would give', async () => {
    // Stored by an older pipeline whose place data did not know 大同 or 阜阳: no place, and a hash without one.
    const fresh = [
      posting('1', 'AI训练师', '', { location: '大同·平城区', remote: false }),
      posting('2', '数据标注员', '', { location: '安徽省阜阳市' }),
      posting('3', '数据标注员', '', { location: '上海·浦东新区' }),
    ];
    const unplaced = { city: null, district: null, region: null, country: null };
    const old = fresh.map((p, i) =>
      i < 2 ? { ...p, ...unplaced, content_hash: contentHash({ ...p, ...unplaced }) } : p,
    );
    upsertPostings(db, old, { seenAt: seenAt.toISOString() });
    const out = capture();
    const code = await run(['--db', path, 'reindex', '--dedup'], {
      out: out.output,
      err: capture().output,
      env: {},
    });
    expect(code).toBe(0);
    expect(out.text()).toContain('places changed on 2');
    const rows = db
      .prepare('SELECT city, district, region, country, content_hash, dedup_key FROM postings ORDER BY id')
      .all();
    expect(rows).toEqual(
      fresh.map((p) => ({
        city: p.city,
        district: p.district,
        region: p.region,
        country: p.country,
        content_hash: p.content_hash,
        dedup_key: p.dedup_key,
      })),
    );
    expect(rows[0]).toMatchObject({ city: 'Datong', district: '平城区', region: 'Shanxi' });
    const changes = db
      .prepare(
        "SELECT field, old_value, new_value FROM posting_changes WHERE posting_id = 1 AND field != 'dedup_key'",
      )
      .all();
    expect(changes).toEqual([
      { field: 'city', old_value: null, new_value: 'Datong' },
      { field: 'district', old_value: null, new_value: '平城区' },
      { field: 'region', old_value: null, new_value: 'Shanxi' },
      { field: 'country', old_value: null, new_value: 'China' },
    ]);
    // A second run finds nothing to move.
    const again = capture();
    await run(['--db', path, 'reindex'], { out: again.output, err: capture().output, env: {} });
    expect(again.text()).toContain('places changed on 0');
  });

  it('gives an older database every place, the inferred currency and the implausible-pay flag', async () => {
    ensureSource(db, { id: 'jobs', name: 'a job board', kind: 'api', base_url: null });
    const read = (id: string, raw: Partial<RawPosting>) =>
      normalisePosting(
        { sourcePostingId: id, title: 'AI Engineer', company: `Company ${id}`, raw: { id }, ...raw },
        { sourceId: 'jobs', seenAt },
      );
    const fresh = [
      read('1', { location: 'Pune, IND', salary: '1200000-1800000 per year' }),
      read('2', { location: '北京市海淀区、南京市江宁区' }),
      read('3', { location: 'USA', salary: '1-1 Annually' }),
    ];
    // As an older jobtrend stored them: no world places, one place each, no currency, no flags.
    const old = fresh.map((p, i) => {
      const before = {
        ...p,
        ...(i === 0 ? { city: null, region: null } : {}),
        salary_currency: null,
        salary_currency_inferred: false,
        salary_implausible: false,
        places: i === 1 ? p.places?.slice(0, 1) : [],
      };
      return { ...before, content_hash: contentHash(before) };
    });
    upsertPostings(db, old, { seenAt: seenAt.toISOString() });
    const code = await run(['--db', path, 'reindex'], {
      out: capture().output,
      err: capture().output,
      env: {},
    });
    expect(code).toBe(0);
    const rows = db
      .prepare(
        `SELECT city, country, salary_currency, salary_currency_inferred AS inferred,
           salary_implausible AS implausible, content_hash FROM postings ORDER BY id`,
      )
      .all();
    expect(rows).toEqual([
      {
        city: 'Pune',
        country: 'India',
        salary_currency: 'INR',
        inferred: 1,
        implausible: 0,
        content_hash: fresh[0]?.content_hash,
      },
      {
        city: 'Beijing',
        country: 'China',
        salary_currency: null,
        inferred: 0,
        implausible: 0,
        content_hash: fresh[1]?.content_hash,
      },
      {
        city: null,
        country: 'United States',
        salary_currency: 'USD',
        inferred: 1,
        implausible: 1,
        content_hash: fresh[2]?.content_hash,
      },
    ]);
    const places = db
      .prepare(
        'SELECT posting_id, position, city, district FROM posting_places ORDER BY posting_id, position',
      )
      .all();
    expect(places).toEqual([
      { posting_id: 1, position: 0, city: 'Pune', district: null },
      { posting_id: 2, position: 0, city: 'Beijing', district: '海淀区' },
      { posting_id: 2, position: 1, city: 'Nanjing', district: '江宁区' },
    ]);
  });

  it('shows a progress line on a terminal, and none when not on one', async () => {
    upsertPostings(db, [posting('1', 'AI训练师', ''), posting('2', '数据标注员', '')], {
      seenAt: seenAt.toISOString(),
    });
    let tty = '';
    const terminal = {
      write: (t: string): void => {
        tty += t;
      },
      isTTY: true,
    };
    const plain = capture();
    await run(['--db', path, 'reindex', '--batch-size', '1'], {
      out: capture().output,
      err: terminal,
      env: {},
    });
    await run(['--db', path, 'reindex'], { out: capture().output, err: plain.output, env: {} });
    // A bar with its ETA, redrawn in place, cleared at the end.
    expect(tty).toMatch(/\r\[[█░]+\] 50% 1\/2 postings reindexed \| ETA /);
    expect(tty).toMatch(/\r\[█+\] 100% 2\/2 postings reindexed \| ETA 0s/);
    expect(tty.endsWith('\r\x1b[K')).toBe(true);
    expect(plain.text()).toBe('');
  });

  it('a bad --batch-size is a usage error on one line', async () => {
    const err = capture();
    const code = await run(['--db', path, 'reindex', '--batch-size', 'lots'], {
      out: capture().output,
      err: err.output,
      env: {},
    });
    expect(code).toBe(2);
    expect(err.text().trim().split('\n')).toHaveLength(1);
    expect(err.text()).toContain('--batch-size');
  });
});
