// A large synthetic database for checking analysis speed by hand (and for `npm run bench`): postings
// spread over several years, sources, cities, roles and skills, inserted directly in big transactions.
// Not used by the tests (it takes a while); run it through a script:
//   buildSyntheticDb('/tmp/big.sqlite', { postings: 1_000_000 })
import { type Db, openDatabase } from '../../../src/store/database.js';

export interface SyntheticOptions {
  postings: number;
  from?: string;
  days?: number;
  seed?: number;
}

const SOURCES = ['zhaopin', 'boss', '51job', 'liepin', 'greenhouse', 'lever'];
const CITIES = [
  'Shanghai',
  'Beijing',
  'Shenzhen',
  'Hangzhou',
  'Guangzhou',
  'Chengdu',
  'San Francisco',
  'London',
];
const ROLES = ['ai-trainer', 'data-annotator', 'ai-rater', 'ai-tutor', 'prompt-engineer', 'ai-other'];
const SKILLS = [
  'python',
  'sql',
  'data-labeling',
  'rlhf',
  'prompt-writing',
  'excel',
  'linux',
  'nlp',
  'english',
  'quality-control',
];
const TITLES = ['AI训练师', '数据标注员', 'RLHF rater', 'AI tutor', 'Prompt engineer', '大模型评测'];

/** Builds (or rebuilds) the file at `path`; returns it open for writing. */
export function buildSyntheticDb(path: string, options: SyntheticOptions): Db {
  const db = openDatabase(path);
  const from = Date.parse(`${options.from ?? '2023-01-01'}T00:00:00Z`);
  const days = options.days ?? 1095;
  let state = options.seed ?? 42;
  const random = () => {
    // xorshift32: fast and reproducible; statistical quality is irrelevant here.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const day = (offset: number) => new Date(from + offset * 86_400_000).toISOString().slice(0, 10);
  db.exec('PRAGMA synchronous = OFF');
  db.transaction(() => {
    const source = db.prepare(
      "INSERT OR IGNORE INTO sources (id, name, kind, created_at) VALUES (?, ?, 'api', ?)",
    );
    const run = db.prepare(
      `INSERT INTO scrape_runs (source_id, started_at, finished_at, status, coverage_from, coverage_to)
       VALUES (?, ?, ?, 'ok', ?, ?)`,
    );
    for (const s of SOURCES) {
      source.run(s, s, '2023-01-01T00:00:00.000Z');
      // One run per source per day: the coverage record of a daily scrape.
      for (let d = 0; d < days; d++) {
        if (s === 'lever' && d < days / 2) continue; // a source that came online half-way
        run.run(s, `${day(d)}T02:00:00.000Z`, `${day(d)}T02:10:00.000Z`, day(d), day(d));
      }
    }
    const role = db.prepare('INSERT OR IGNORE INTO roles (id, name) VALUES (?, ?)');
    for (const r of ROLES) role.run(r, r);
    const skill = db.prepare('INSERT OR IGNORE INTO skills (id, name) VALUES (?, ?)');
    for (const s of SKILLS) skill.run(s, s);
  })();
  const insert = db.prepare(
    `INSERT INTO postings (source_id, source_posting_id, title, city, description, posted_at, posted_at_precision,
       first_seen_at, last_seen_at, closed_at, effective_date, dedup_key, is_primary, content_hash)
     VALUES (?, ?, ?, ?, ?, ?, 'day', ?, ?, ?, ?, ?, ?, '')`,
  );
  const postingRole = db.prepare('INSERT OR IGNORE INTO posting_roles (posting_id, role_id) VALUES (?, ?)');
  const postingSkill = db.prepare(
    'INSERT OR IGNORE INTO posting_skills (posting_id, skill_id) VALUES (?, ?)',
  );
  const batch = 50_000;
  for (let start = 0; start < options.postings; start += batch) {
    db.transaction(() => {
      for (let i = start; i < Math.min(options.postings, start + batch); i++) {
        // Growth over time: later days are more likely.
        const offset = Math.min(days - 1, Math.floor(Math.sqrt(random()) * days));
        const effective = day(offset);
        const s = SOURCES[Math.floor(random() * SOURCES.length)]!;
        const r = Math.floor(random() * ROLES.length);
        const open = 7 + Math.floor(random() * 40);
        const id = Number(
          insert.run(
            s,
            `s${i}`,
            TITLES[r]!,
            CITIES[Math.floor(random() * random() * CITIES.length)]!,
            'short text',
            effective,
            `${effective}T03:00:00.000Z`,
            `${day(Math.min(days - 1, offset + open))}T03:00:00.000Z`,
            null,
            effective,
            `k${i}`,
            random() < 0.9 ? 1 : 0,
          ).lastInsertRowid,
        );
        postingRole.run(id, ROLES[r]!);
        const n = 1 + Math.floor(random() * 3);
        for (let k = 0; k < n; k++) postingSkill.run(id, SKILLS[Math.floor(random() * SKILLS.length)]!);
      }
    })();
  }
  db.exec('ANALYZE');
  return db;
}
