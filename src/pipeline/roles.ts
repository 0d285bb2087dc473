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
const trainingContext = compile(taxonomy.trainingContext);

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

/** Role ids for a posting (possibly several, possibly none), in taxonomy order. Never throws. */
export function classifyRoles(title: string, description?: string | null): string[] {
  if (typeof title !== 'string') return [];
  const t = matchForm(title);
  if (!t || globalExclude.some((re) => re.test(t))) return [];
  let context: boolean | undefined;
  const hasContext = (): boolean => {
    if (context === undefined) {
      const text = typeof description === 'string' ? matchForm(description.slice(0, MAX_DESCRIPTION)) : '';
      context = trainingContext.some((re) => re.test(t) || (text !== '' && re.test(text)));
    }
    return context;
  };
  const roles: string[] = [];
  for (const rule of rules) {
    if (rule.catchAll && roles.length > 0) continue;
    if (rule.exclude.some((re) => re.test(t))) continue;
    if (rule.include.some((re) => re.test(t)) || (rule.ambiguous.some((re) => re.test(t)) && hasContext())) {
      roles.push(rule.id);
    }
  }
  return roles;
}
