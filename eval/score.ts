// Scoring the classifiers against the evaluation set: precision and recall per skill and per role, overall
// (micro-averaged over every label), for the AI-trainer family as one yes/no question, and the disagreements
// item by item. Pure: labelled items and predictions in, figures out.

/** The roles that make up the AI-trainer family. */
export const AI_TRAINER_FAMILY: ReadonlySet<string> = new Set([
  'ai-trainer',
  'data-annotator',
  'ai-rater',
  'ai-tutor',
]);

/** One labelled item with what the classifiers said of it. */
export interface Judged {
  id: string;
  title: string;
  /** Whether skills were labelled for it (a title alone has roles only). */
  hasSkills: boolean;
  labelRoles: string[];
  labelSkills: string[];
  roles: string[];
  skills: string[];
}

export interface Tally {
  id: string;
  /** How many items carry the label. */
  labels: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number | null;
  recall: number | null;
}

export interface Disagreement {
  id: string;
  title: string;
  /** Labelled but not found. */
  missed: string[];
  /** Found but not labelled. */
  extra: string[];
}

export interface Scores {
  items: number;
  skills: { overall: Tally; byId: Tally[]; disagreements: Disagreement[] };
  roles: { overall: Tally; byId: Tally[]; disagreements: Disagreement[] };
  family: Tally;
}

function tally(id: string, tp: number, fp: number, fn: number): Tally {
  return {
    id,
    labels: tp + fn,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: tp + fp === 0 ? null : tp / (tp + fp),
    recall: tp + fn === 0 ? null : tp / (tp + fn),
  };
}

function compare(
  items: { id: string; title: string; label: string[]; found: string[] }[],
): { overall: Tally; byId: Tally[]; disagreements: Disagreement[] } {
  const counts = new Map<string, [number, number, number]>();
  const bump = (id: string, at: 0 | 1 | 2) => {
    const c = counts.get(id) ?? [0, 0, 0];
    c[at]++;
    counts.set(id, c);
  };
  const disagreements: Disagreement[] = [];
  for (const item of items) {
    const label = new Set(item.label);
    const found = new Set(item.found);
    const missed = [...label].filter((id) => !found.has(id)).sort();
    const extra = [...found].filter((id) => !label.has(id)).sort();
    for (const id of label) bump(id, found.has(id) ? 0 : 2);
    for (const id of extra) bump(id, 1);
    if (missed.length + extra.length > 0) disagreements.push({ id: item.id, title: item.title, missed, extra });
  }
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const byId = [...counts]
    .map(([id, [t, p, n]]) => {
      tp += t;
      fp += p;
      fn += n;
      return tally(id, t, p, n);
    })
    .sort((a, b) => b.labels - a.labels || a.id.localeCompare(b.id));
  return { overall: tally('overall', tp, fp, fn), byId, disagreements };
}

/** The figures for a set of judged items. */
export function score(judged: Judged[]): Scores {
  const inFamily = (roles: string[]) => roles.some((r) => AI_TRAINER_FAMILY.has(r));
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const item of judged) {
    const label = inFamily(item.labelRoles);
    const found = inFamily(item.roles);
    if (label && found) tp++;
    else if (found) fp++;
    else if (label) fn++;
  }
  return {
    items: judged.length,
    skills: compare(
      judged
        .filter((j) => j.hasSkills)
        .map((j) => ({ id: j.id, title: j.title, label: j.labelSkills, found: j.skills })),
    ),
    roles: compare(judged.map((j) => ({ id: j.id, title: j.title, label: j.labelRoles, found: j.roles }))),
    family: tally('ai-trainer family', tp, fp, fn),
  };
}

/** The targets of issue 20, and which of them a set of scores misses (one line each). */
export const TARGETS = { overall: 0.9, skillPrecision: 0.8, skillMinLabels: 10, family: 0.95 } as const;

export function missedTargets(scores: Scores): string[] {
  const missed: string[] = [];
  const below = (value: number | null, target: number) => value !== null && value < target;
  for (const [what, t] of [
    ['skills', scores.skills.overall],
    ['roles', scores.roles.overall],
  ] as const) {
    if (below(t.precision, TARGETS.overall))
      missed.push(`${what} precision ${fmt(t.precision)} < ${TARGETS.overall}`);
    if (below(t.recall, TARGETS.overall)) missed.push(`${what} recall ${fmt(t.recall)} < ${TARGETS.overall}`);
  }
  for (const t of scores.skills.byId) {
    if (t.labels >= TARGETS.skillMinLabels && below(t.precision, TARGETS.skillPrecision))
      missed.push(`skill ${t.id} (${t.labels} labels): precision ${fmt(t.precision)} < ${TARGETS.skillPrecision}`);
  }
  const f = scores.family;
  if (below(f.precision, TARGETS.family)) missed.push(`AI-trainer family precision ${fmt(f.precision)} < ${TARGETS.family}`);
  if (below(f.recall, TARGETS.family)) missed.push(`AI-trainer family recall ${fmt(f.recall)} < ${TARGETS.family}`);
  return missed;
}

export function fmt(value: number | null): string {
  return value === null ? '—' : value.toFixed(3);
}
