// Hostile and random input for every parser: none throws; what cannot be parsed gives null (or empty), and
// the raw value survives normalisation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifyRoles,
  dedupKey,
  matchSkills,
  normaliseCompany,
  normalisePosting,
  parseDate,
  parseLocation,
  parseSalary,
  resolveCity,
  roleIds,
  skillIds,
} from '../../src/pipeline/index.js';

const seenAt = new Date('2025-03-10T01:30:00.000Z');

// Strings mixing the characters these parsers care about with anything else.
const pieces = [
  '15',
  '-',
  '25',
  'K',
  '·',
  '13薪',
  '万',
  '千',
  '元',
  '/月',
  '/天',
  '/时',
  '/条',
  '$',
  '£',
  '€',
  '¥',
  'k',
  'per hour',
  'a year',
  'up to',
  'from',
  '以上',
  '面议',
  '～',
  '—',
  '至',
  '１５',
  ',',
  '.',
  ' ',
  '\n',
  '天前',
  '小时前',
  'days ago',
  '30+',
  '昨天',
  '-03-',
  '2025',
  '月',
  '日',
  ':',
  'T',
  'Z',
  '+08:00',
  '上海',
  '·',
  '浦东新区',
  'Remote',
  '(US)',
  ', CA',
  '/',
  'R',
  'Go',
  'C',
  '++',
  'Python',
  'SQL',
  '和',
  '、',
  'prompt',
  'AI',
  '训练师',
  '标注',
  'trainer',
  '宠物',
  '\u0000',
  '\uffff',
  '\ud800',
  '😀',
  '(',
  ')',
  '【',
  '】',
  '?',
  '*',
  '\\',
  '^',
  '$1',
  '%s',
];
const hostile = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((parts) => parts.join('')),
);
const runs = { numRuns: 400 };

describe('parsers never throw on hostile input', () => {
  it('parseSalary: null or a sane result that keeps the raw text', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const parsed = parseSalary(text);
        if (parsed === null) return;
        expect(parsed.raw).toBe(text);
        for (const n of [parsed.min, parsed.max]) {
          if (n !== null) expect(Number.isFinite(n) && n > 0).toBe(true);
        }
        if (parsed.min !== null && parsed.max !== null) expect(parsed.min).toBeLessThanOrEqual(parsed.max);
      }),
      runs,
    );
  });

  it('parseSalary on odd objects', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        parseSalary(value as never);
      }),
      runs,
    );
  });

  it('parseDate: null or a valid ISO value', () => {
    fc.assert(
      fc.property(
        fc.oneof(hostile, fc.double(), fc.integer()),
        fc.constantFrom(undefined, 'Asia/Shanghai', 'Nope/Zone'),
        (input, timeZone) => {
          const parsed = parseDate(input, { seenAt, timeZone });
          if (parsed === null) return;
          if (parsed.precision === 'exact') expect(new Date(parsed.value).toISOString()).toBe(parsed.value);
          else expect(parsed.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        },
      ),
      runs,
    );
  });

  it('parseLocation, resolveCity, normaliseCompany, dedupKey', () => {
    fc.assert(
      fc.property(hostile, hostile, (a, b) => {
        const place = parseLocation(a);
        expect(typeof place.remote).toBe('boolean');
        const city = resolveCity(a);
        expect(city === null || typeof city === 'string').toBe(true);
        expect(typeof normaliseCompany(a)).toBe('string');
        expect(dedupKey({ title: a, company: b, city: place.city })).toMatch(/^[0-9a-f]{32}$/);
      }),
      runs,
    );
  });

  it('classifyRoles and matchSkills return only taxonomy ids', () => {
    const roles = new Set(roleIds());
    const skills = new Set(skillIds());
    fc.assert(
      fc.property(hostile, hostile, (title, description) => {
        for (const id of classifyRoles(title, description)) expect(roles.has(id)).toBe(true);
        for (const id of matchSkills(`${title} ${description}`)) expect(skills.has(id)).toBe(true);
      }),
      runs,
    );
  });

  it('normalisePosting keeps the raw salary text and never throws', () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, hostile, (title, salary, location, postedAt) => {
        const row = normalisePosting(
          { sourcePostingId: 'p', title, salary, location, postedAt, raw: { title } },
          { sourceId: 'boss', seenAt },
        );
        const trimmed = salary.replace(/\s+/g, ' ').trim();
        if (trimmed) expect(row.salary_raw).not.toBeNull();
        expect(row.raw_json).toBe(JSON.stringify({ title }));
        expect(row.content_hash).toMatch(/^[0-9a-f]{64}$/);
      }),
      runs,
    );
  });
});
