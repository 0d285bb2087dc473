// `npm run eval`: the role and skill classifiers against the project's evaluation set (eval/labels). Prints
// precision and recall per skill and per role, the AI-trainer family as one question, and the disagreements;
// figures for the part tuned on, the held-out part and the whole; exits 1 when the whole set misses a target
// of issue 20 (overall P and R ≥ 0.9 for skills and for roles, no skill with ≥ 10 labels under 0.8 precision,
// the AI-trainer family ≥ 0.95 both). `--all` lists every disagreement; `--held-out` only the held-out part's.
import { formatTable } from '../src/cli/format-table.js';
import { classifyPosting } from '../src/pipeline/index.js';
import { type LabelledItem, loadEvaluationSet } from './evaluation-set.js';
import { fmt, type Judged, missedTargets, type Scores, score, type Tally } from './score.js';

const args = process.argv.slice(2);
const showAll = args.includes('--all');

function judge(item: LabelledItem): Judged {
  const found = classifyPosting(item.title, item.description);
  return {
    id: item.id,
    title: item.title,
    hasSkills: item.skills !== null,
    labelRoles: item.roles,
    labelSkills: item.skills ?? [],
    roles: found.roles,
    skills: item.skills !== null ? found.skills : [],
  };
}

function sameRoles(a: string[], b: string[]): boolean {
  return [...a].sort().join() === [...b].sort().join();
}

const row = (t: Tally) => ({
  id: t.id,
  labels: t.labels,
  tp: t.truePositives,
  fp: t.falsePositives,
  fn: t.falseNegatives,
  precision: fmt(t.precision),
  recall: fmt(t.recall),
});
const columns = ['id', 'labels', 'tp', 'fp', 'fn', 'precision', 'recall'];

function summary(name: string, s: Scores): string {
  const t = (x: Tally) => `P ${fmt(x.precision)} R ${fmt(x.recall)}`;
  return `${name.padEnd(9)} ${String(s.items).padStart(4)} items   skills ${t(s.skills.overall)}   roles ${t(s.roles.overall)}   AI-trainer family ${t(s.family)}`;
}

const set = loadEvaluationSet();
if (set.skipped) {
  process.stdout.write(`eval: skipped ${set.skipped.count} English items: ${set.skipped.reason}\n`);
  // CI says the captures must be there (JOBTREND_REAL_CAPTURES=1): then a missing folder is a failure.
  if (process.env.JOBTREND_REAL_CAPTURES === '1') {
    process.stdout.write('eval: JOBTREND_REAL_CAPTURES=1 and the real descriptions are missing\n');
    process.exit(1);
  }
}
if (set.items.length === 0) {
  process.stdout.write('eval: no labelled items to score\n');
  process.exit(set.skipped ? 0 : 1);
}
const pageOnly = set.items.filter((item) => item.pageOnly);
const judged = set.items.filter((item) => !item.pageOnly).map((item) => ({ item, judged: judge(item) }));
const all = score(judged.map((j) => j.judged));
const tuning = score(judged.filter((j) => !j.item.heldOut).map((j) => j.judged));
const heldOut = score(judged.filter((j) => j.item.heldOut).map((j) => j.judged));
const shown = args.includes('--held-out') ? heldOut : all;

const out: string[] = [];
out.push('Skills (whole set)', formatTable(columns, all.skills.byId.map(row), 40), '');
out.push('Roles (whole set)', formatTable(columns, all.roles.byId.map(row), 40), '');
const limit = showAll ? Number.POSITIVE_INFINITY : 40;
for (const [what, list] of [
  ['skills', shown.skills.disagreements],
  ['roles', shown.roles.disagreements],
] as const) {
  out.push(`Disagreements on ${what} (${list.length} items${list.length > limit ? `, first ${limit}: --all for every one` : ''})`);
  for (const d of list.slice(0, limit)) {
    const parts = [d.missed.length ? `missed ${d.missed.join(', ')}` : '', d.extra.length ? `extra ${d.extra.join(', ')}` : ''];
    out.push(`  ${d.id} "${d.title.slice(0, 60)}": ${parts.filter(Boolean).join('; ')}`);
  }
  out.push('');
}
if (pageOnly.length > 0) {
  const found = pageOnly.filter((item) => sameRoles(judge(item).roles, item.roles)).length;
  out.push(
    `Not scored: ${pageOnly.length} titles whose role only their page tells (page_only in eval/labels/titles.jsonl); ${found} of them get their labelled roles from the title alone.`,
    '',
  );
}
out.push(summary('tuning', tuning), summary('held-out', heldOut), summary('all', all), '');
const missed = missedTargets(all);
out.push(missed.length === 0 ? 'eval: every target met' : `eval: ${missed.length} target(s) missed:\n  ${missed.join('\n  ')}`);
// The targets are the whole set's: a set without its English descriptions is reported, not judged.
if (set.skipped) out.push('eval: targets not judged: the set is incomplete without the English descriptions');
process.stdout.write(`${out.join('\n')}\n`);
process.exitCode = missed.length === 0 || set.skipped ? 0 : 1;
