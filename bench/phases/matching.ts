// Matching: MB/s of role classification and skill matching (every term of the full bilingual taxonomy) over
// 100,000 synthetic bilingual descriptions (quick: 10,000), against one toLowerCase pass over the same text:
// the cheapest thing that still reads every character, so the ratio says how far from "free" matching is. The
// target, ≥ 0.2 of that pass, is met by a plain TypeScript automaton; it is no reason to write the matcher in
// anything else. A figure without a target shows what reading the posting adds on top (its sections and the
// sentences around ambiguous words, skillsAskedFor); its cost in an import is in the import's own figure.
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

  // Warm both paths up (regex compilation, JIT) on a slice before timing.
  const warm = texts.slice(0, Math.min(2000, texts.length));
  matchAll(warm);
  lowercaseAll(warm);

  // Best of two rounds each, interleaved, so a burst of load on the machine hurts both sides alike.
  let bestBaseline = 0;
  let bestMatching = 0;
  let bestRoles = 0;
  let bestSkills = 0;
  let bestAsked = 0;
  let found = 0;
  for (let round = 0; round < 2; round++) {
    let start = process.hrtime.bigint();
    if (lowercaseAll(texts) === 0) throw new Error('no text to lowercase');
    bestBaseline = Math.max(bestBaseline, megabytes / seconds(start));
    start = process.hrtime.bigint();
    found = matchAll(texts);
    bestMatching = Math.max(bestMatching, megabytes / seconds(start));
    // The two halves alone, to say which one costs what.
    start = process.hrtime.bigint();
    for (const { title, description } of texts) classifyRoles(title, description);
    bestRoles = Math.max(bestRoles, megabytes / seconds(start));
    start = process.hrtime.bigint();
    for (const { title, description } of texts) matchSkills(`${title}\n${description}`);
    bestSkills = Math.max(bestSkills, megabytes / seconds(start));
    start = process.hrtime.bigint();
    for (const { title, description } of texts) skillsAskedFor(title, description);
    bestAsked = Math.max(bestAsked, megabytes / seconds(start));
  }
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
