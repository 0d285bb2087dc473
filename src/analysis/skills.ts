// Skill frequencies: the share of matching postings that name each skill in a period, and with a second
// period the change in share, a two-proportion z-test per skill and Benjamini–Hochberg q-values across
// skills. "Emerging" skills rose significantly (q < 0.05) and are named by at least minSupport postings.
import { UsageError } from '../errors.js';
import { type SkillCount, skillCounts } from '../store/analysis-queries.js';
import type { Db } from '../store/database.js';
import type { Caveat } from './caveat-codes.js';
import { caveat } from './caveat-words.js';
import { resolveFilter } from './filters.js';
import { parsePeriod } from './period.js';
import { benjaminiHochberg } from './stats/benjamini-hochberg.js';
import { twoProportionTest } from './stats/two-proportion.js';
import type { SkillRow, SkillsQuery, SkillsResult } from './types.js';

export const DEFAULT_TOP = 20;
export const DEFAULT_MIN_SUPPORT = 10;
const Q_THRESHOLD = 0.05;

export function skills(db: Db, query: SkillsQuery): SkillsResult {
  const now = query.now ?? new Date();
  const top = query.top ?? DEFAULT_TOP;
  const minSupport = query.minSupport ?? DEFAULT_MIN_SUPPORT;
  if (!Number.isInteger(top) || top < 1) throw new UsageError(`--top must be a whole number ≥ 1, not ${top}`);
  if (!Number.isInteger(minSupport) || minSupport < 0)
    throw new UsageError(`--min-support must be a whole number ≥ 0, not ${minSupport}`);
  const filter = resolveFilter(db, query);
  const period = parsePeriod(query.period ?? 'last-12-months', now);
  const comparePeriod = query.compare ? parsePeriod(query.compare, now) : null;

  const { postings, skills: counts } = skillCounts(db, filter, period.start, period.end);
  const compared = comparePeriod ? skillCounts(db, filter, comparePeriod.start, comparePeriod.end) : null;
  const comparePostings = compared ? compared.postings : null;
  const compareCounts = compared ? compared.skills : [];

  const info = new Map<string, SkillCount>();
  for (const row of [...compareCounts, ...counts]) info.set(row.skill_id, row);
  const countNow = new Map(counts.map((r) => [r.skill_id, r.postings]));
  const countThen = new Map(compareCounts.map((r) => [r.skill_id, r.postings]));

  let rows: SkillRow[] = [...info.values()].map((skill) => {
    const count = countNow.get(skill.skill_id) ?? 0;
    return {
      skillId: skill.skill_id,
      name: skill.name,
      nameZh: skill.name_zh,
      category: skill.category,
      count,
      share: postings > 0 ? count / postings : 0,
      compare: null,
    };
  });

  const testable = comparePeriod && postings > 0 && comparePostings! > 0;
  if (testable) {
    const tests = rows.map((row) =>
      twoProportionTest(row.count, postings, countThen.get(row.skillId) ?? 0, comparePostings!),
    );
    const q = benjaminiHochberg(tests.map((t) => t.pValue));
    rows.forEach((row, i) => {
      const then = countThen.get(row.skillId) ?? 0;
      const t = tests[i]!;
      row.compare = {
        count: then,
        share: then / comparePostings!,
        difference: t.difference,
        z: t.z,
        pValue: t.pValue,
        qValue: q[i]!,
        emerging: t.difference > 0 && q[i]! < Q_THRESHOLD && row.count >= minSupport,
      };
    });
  }
  rows.sort((a, b) => b.count - a.count || a.skillId.localeCompare(b.skillId));
  const emergingRows = rows
    .filter((r) => r.compare?.emerging)
    .sort((a, b) => b.compare!.difference - a.compare!.difference || a.skillId.localeCompare(b.skillId));
  const shown = new Set([...rows.slice(0, top), ...emergingRows]);
  rows = rows.filter((r) => shown.has(r));

  const caveats: Caveat[] = [];
  if (comparePeriod && !testable) caveats.push(caveat({ code: 'skills-no-comparison' }));
  if (postings > 0 && postings < 100)
    caveats.push(caveat({ code: 'skills-few-postings', postings, period: period.label }));
  caveats.push(caveat({ code: 'skills-by-taxonomy' }), caveat({ code: 'dedup' }));
  const tested = comparePeriod ? (rows.length > 0 ? info.size : 0) : null;
  return {
    filter,
    period,
    comparePeriod,
    postings,
    comparePostings,
    skills: rows,
    emerging: emergingRows.map((r) => r.skillId),
    method: comparePeriod
      ? `share of matching postings naming each skill; change tested with a two-proportion z-test (pooled), Benjamini–Hochberg q-values across ${tested} skills; emerging = rise with q < ${Q_THRESHOLD} and at least ${minSupport} postings`
      : 'share of matching postings naming each skill',
    tested,
    minSupport,
    caveats,
  };
}
