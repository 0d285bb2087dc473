// Role classification from the bilingual role taxonomy (src/taxonomy/roles.json), mainly from the title:
// descriptions of non-AI jobs mention AI too, so a description is consulted only for titles that are
// ambiguous alone ("训练师", "Trainer", "Evaluator", "Math Tutor"), and then must show AI-training context.
// `--role ai-trainer` means exactly what classifyRoles returns, everywhere.
import taxonomy from '../taxonomy/roles.json' with { type: 'json' };
import { matchForm } from './text.js';

export interface Role {
  id: string;
  name: string;
  name_zh: string;
  description: string;
}

interface RoleRule extends Role {
  include: RegExp[];
  ambiguous: RegExp[];
  exclude: RegExp[];
  catchAll: boolean;
}

interface RoleData extends Role {
  include: string[];
  ambiguous?: string[];
  exclude?: string[];
  catchAll?: boolean;
}

const compile = (patterns: string[] | undefined): RegExp[] => (patterns ?? []).map((p) => new RegExp(p, 'i'));
/** Patterns any one of which is enough, as one expression: the text is read once, not once for each. */
const anyOf = (patterns: string[]): RegExp => new RegExp(patterns.map((p) => `(?:${p})`).join('|'), 'i');

const rules: RoleRule[] = (taxonomy.roles as RoleData[]).map((r) => ({
  id: r.id,
  name: r.name,
  name_zh: r.name_zh,
  description: r.description,
  include: compile(r.include),
  ambiguous: compile(r.ambiguous),
  exclude: compile(r.exclude),
  catchAll: r.catchAll === true,
}));
const globalExclude = compile(taxonomy.globalExclude);
const trainingContext = anyOf(taxonomy.trainingContext);
const expert = {
  title: new RegExp(taxonomy.expertForTraining.title, 'i'),
  notTitle: new RegExp(taxonomy.expertForTraining.notTitle, 'i'),
  opening: anyOf(taxonomy.expertForTraining.opening),
};
/** How much of a description's start says what the job is. */
const OPENING = 600;

/** The roles of the taxonomy, as stored in the `roles` table. */
export const roleTaxonomy: Role[] = rules.map(({ id, name, name_zh, description }) => ({
  id,
  name,
  name_zh,
  description,
}));

/** Role ids, in taxonomy order. */
export function roleIds(): string[] {
  return rules.map((r) => r.id);
}

const MAX_DESCRIPTION = 20_000;
/** The AI-trainer family: a title already in it is not read as an expert's hired to train AI. */
const FAMILY = new Set(['ai-trainer', 'data-annotator', 'ai-rater', 'ai-tutor']);

interface TitleAnalysis {
  /** Roles from the title alone. */
  plain: string[];
  /** Roles when the posting shows AI-training context (differs only for ambiguous titles). */
  inContext: string[];
  /** Whether the title itself shows that context. */
  titleContext: boolean;
  /** Whether plain and inContext differ, i.e. whether the description can matter. */
  ambiguous: boolean;
  /** Whether the title reads as an engineer's or expert's who may be hired to train AI (expertForTraining). */
  expertTitle: boolean;
}

// Titles repeat a lot ("AI训练师" thousands of times), so the title's part of the work is remembered.
const MAX_CACHED_TITLES = 50_000;
const titleCache = new Map<string, TitleAnalysis>();

function analyseTitle(title: string): TitleAnalysis {
  const cached = titleCache.get(title);
  if (cached) return cached;
  const t = matchForm(title);
  const analysis: TitleAnalysis = {
    plain: [],
    inContext: [],
    titleContext: false,
    ambiguous: false,
    expertTitle: false,
  };
  if (t && !globalExclude.some((re) => re.test(t))) {
    analysis.expertTitle = expert.title.test(t) && !expert.notTitle.test(t);
    analysis.titleContext = trainingContext.test(t);
    for (const rule of rules) {
      if (rule.exclude.some((re) => re.test(t))) continue;
      const included = rule.include.some((re) => re.test(t));
      const ambiguous = !included && rule.ambiguous.some((re) => re.test(t));
      if (rule.catchAll) {
        if (included && analysis.plain.length === 0) analysis.plain.push(rule.id);
        if (included && analysis.inContext.length === 0) analysis.inContext.push(rule.id);
        continue;
      }
      if (included) {
        analysis.plain.push(rule.id);
        analysis.inContext.push(rule.id);
      } else if (ambiguous) {
        analysis.inContext.push(rule.id);
      }
    }
  }
  analysis.ambiguous = analysis.plain.join() !== analysis.inContext.join();
  if (titleCache.size >= MAX_CACHED_TITLES) titleCache.clear();
  titleCache.set(title, analysis);
  return analysis;
}

/**
 * An expert hired to train AI (see `expertForTraining` in roles.json): the title reads as an engineer's or
 * expert's, and the opening of the description says the job trains AI with that expertise.
 */
function expertForTraining(analysis: TitleAnalysis, description: string | null | undefined): boolean {
  if (!analysis.expertTitle || typeof description !== 'string' || description.length === 0) return false;
  const opening = matchForm(description.slice(0, OPENING));
  return expert.opening.test(opening);
}

/** Role ids for a posting (possibly several, possibly none), in taxonomy order. Never throws. */
export function classifyRoles(title: string, description?: string | null): string[] {
  if (typeof title !== 'string') return [];
  const analysis = analyseTitle(title);
  if (!analysis.inContext.some((r) => FAMILY.has(r)) && expertForTraining(analysis, description)) {
    return ['ai-tutor'];
  }
  if (!analysis.ambiguous) return [...analysis.plain];
  // An ambiguous title ("训练师", "Trainer"): the title or the description must show AI-training context.
  if (analysis.titleContext) return [...analysis.inContext];
  const text = typeof description === 'string' ? matchForm(description.slice(0, MAX_DESCRIPTION)) : '';
  const context = text !== '' && trainingContext.test(text);
  return [...(context ? analysis.inContext : analysis.plain)];
}
