// Matching: MB/s of role classification and skill matching (every term of the full bilingual taxonomy) over
// 100,000 synthetic bilingual descriptions (quick: 10,000), against one toLowerCase pass over the same text:
// the cheapest thing that still reads every character, so the ratio says how far from "free" matching is. The
// target is ≥ 0.2 of that pass, for a plain TypeScript automaton; it is no reason to write the matcher in
// anything else (bench/README.md, "Matching", says where it stands). A figure without a target shows what
// reading the posting adds on top (its sections and the sentences around ambiguous words, skillsAskedFor); its
// cost in an import is in the import's own figure.
import { skillsAskedFor } from '../../src/pipeline/posting-skills.js';
import { classifyRoles } from '../../src/pipeline/roles.js';
import { matchSkills } from '../../src/pipeline/skills.js';
import { syntheticDescriptions } from '../synthetic-postings.js';
import { type Phase, ratioFigure, seconds } from './types.js';

interface Text {
  title: string;
  description: string;
}

/** Reads each posting the way the pipeline does: roles from title (+ description), skills from both. */
function matchAll(texts: Text[]): number {
  let found = 0;
  for (const { title, description } of texts) {
    found += classifyRoles(title, description).length;
    found += matchSkills(`${title}\n${description}`).length;
  }
  return found;
}

function lowercaseAll(texts: Text[]): number {
  let length = 0;
  for (const { title, description } of texts) length += `${title}\n${description}`.toLowerCase().length;
  return length;
}

export const matching: Phase = async ({ quick }) => {
  const count = quick ? 10_000 : 100_000;
  const texts: Text[] = syntheticDescriptions(count).map((text) => {
    const cut = text.indexOf('\n');
    return { title: text.slice(0, cut), description: text.slice(cut + 1) };
  });
  const megabytes =
    texts.reduce((sum, t) => sum + Buffer.byteLength(t.title) + 1 + Buffer.byteLength(t.description), 0) /
    1e6;

  // The loops timed, in the order of each round. Each is warmed up on the whole text first: warmed on a slice,
  // V8 was still optimising the combined loop (which inlines both halves) during the first rounds, while the
  // parts, timed after it, ran optimised code, and so the combined figure came out slower than its parts.
  let found = 0;
  const loops: [string, () => void][] = [
    [
      'baseline',
      () => {
        if (lowercaseAll(texts) === 0) throw new Error('no text to lowercase');
      },
    ],
    [
      'matching',
      () => {
        found = matchAll(texts);
      },
    ],
    [
      'roles',
      () => {
        for (const { title, description } of texts) classifyRoles(title, description);
      },
    ],
    [
      'skills',
      () => {
        for (const { title, description } of texts) matchSkills(`${title}\n${description}`);
      },
    ],
    [
      'asked',
      () => {
        for (const { title, description } of texts) skillsAskedFor(title, description);
      },
    ],
  ];
  for (const [, loop] of loops) loop();
  // Best of three rounds each, interleaved, so a burst of load on the machine (or a garbage collection that
  // lands in one loop) hurts both sides alike.
  const best = new Map<string, number>();
  for (let round = 0; round < 3; round++) {
    for (const [name, loop] of loops) {
      const start = process.hrtime.bigint();
      loop();
      best.set(name, Math.max(best.get(name) ?? 0, megabytes / seconds(start)));
    }
  }
  const bestBaseline = best.get('baseline') as number;
  const bestMatching = best.get('matching') as number;
  const bestRoles = best.get('roles') as number;
  const bestSkills = best.get('skills') as number;
  const bestAsked = best.get('asked') as number;
  if (found === 0)
    throw new Error('matching found no role or skill in the synthetic descriptions: is the taxonomy loaded?');
  const part = (name: string, value: number) => ({
    name,
    value,
    unit: 'MB/s',
    baseline: { name: 'toLowerCase pass', value: bestBaseline },
    ratio: value / bestBaseline,
  });
  return [
    ratioFigure(
      `match roles + skills in ${count.toLocaleString('en')} descriptions (${megabytes.toFixed(1)} MB)`,
      'MB/s',
      bestMatching,
      'toLowerCase pass',
      bestBaseline,
      0.2,
    ),
    part('  classifyRoles alone (same text)', bestRoles),
    part('  matchSkills alone (same text)', bestSkills),
    part('  skillsAskedFor: sections and context too (no target)', bestAsked),
  ];
};
