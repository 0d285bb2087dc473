// Checks a user's posting filter before any counting: the role must be in the taxonomy, the sources must
// exist, the city is resolved to the canonical English name ("上海", "shanghai" → "Shanghai") through the
// pipeline's resolveCity (or the shipped city list while the pipeline is not there), else taken as typed.
import { UsageError } from '../errors.js';
import { cityExists, cityLike, roleIds, sourceIds } from '../store/analysis-queries.js';
import type { Db } from '../store/database.js';
import cityList from '../taxonomy/cities.json' with { type: 'json' };
import type { PostingFilter, ResolvedFilter } from './types.js';

/** The taxonomy's role ids, used when the roles table is still empty (a database nobody has filled). */
export const ROLE_IDS = [
  'ai-trainer',
  'data-annotator',
  'ai-rater',
  'ai-tutor',
  'prompt-engineer',
  'ai-other',
] as const;

type CityResolver = (input: string) => string | null;

// The pipeline is loaded lazily by name so analysis keeps working (with the fallback) if it is absent.
const pipelineModule = '../pipeline/index.js';
const pipelineResolveCity: CityResolver | null = await import(pipelineModule).then(
  (module: { resolveCity?: unknown }) =>
    typeof module.resolveCity === 'function' ? (module.resolveCity as CityResolver) : null,
  () => null,
);

/** Checks and resolves a filter; throws UsageError for an unknown role or source, or an empty match. */
export function resolveFilter(db: Db, filter: PostingFilter): ResolvedFilter {
  const role = filter.role?.trim() || null;
  if (role) {
    const known = roleIds(db);
    const ids = known.length > 0 ? known : [...ROLE_IDS];
    if (!ids.includes(role)) throw new UsageError(`unknown role "${role}": use one of ${ids.join(', ')}`);
  }
  let match: string | null = null;
  if (filter.match !== undefined) {
    match = filter.match.trim();
    if (!match) throw new UsageError('--match needs some text to search for, e.g. --match "RLHF"');
  }
  let sources: string[] | null = null;
  if (filter.sources && filter.sources.length > 0) {
    const known = sourceIds(db);
    const unknown = filter.sources.filter((s) => !known.includes(s));
    if (unknown.length > 0) {
      throw new UsageError(
        `unknown source ${unknown.map((s) => `"${s}"`).join(', ')}: sources in this database are ${known.join(', ') || '(none yet)'}`,
      );
    }
    sources = [...new Set(filter.sources)].sort();
  }
  const city = filter.city?.trim() ? resolveCityName(db, filter.city.trim()) : null;
  return { role, match, city, sources, description: describeFilter({ role, match, city, sources }) };
}

/** The canonical city for what the user typed. */
export function resolveCityName(db: Db, input: string): string {
  const fromPipeline = pipelineResolveCity?.(input) ?? null;
  if (fromPipeline) return fromPipeline;
  const fromList = resolveFromCityList(input);
  if (fromList) return fromList;
  if (cityExists(db, input)) return input;
  return cityLike(db, input) ?? input;
}

function resolveFromCityList(input: string): string | null {
  const wanted = input.normalize('NFKC').toLowerCase();
  const cities =
    (cityList as { cities?: Array<{ name?: unknown; zh?: unknown; aliases?: unknown }> }).cities ?? [];
  for (const city of cities) {
    if (typeof city.name !== 'string') continue;
    const names = [city.name, city.zh, ...(Array.isArray(city.aliases) ? city.aliases : [])];
    if (names.some((n) => typeof n === 'string' && n.normalize('NFKC').toLowerCase() === wanted))
      return city.name;
  }
  return null;
}

/** True when the shipped city list places this canonical city in China (for the Chinese hiring calendar). */
export function isChineseCity(name: string): boolean {
  const cities = (cityList as { cities?: Array<{ name?: unknown; country?: unknown }> }).cities ?? [];
  const city = cities.find((c) => c.name === name);
  return city ? city.country === 'China' || city.country === 'CN' : false;
}

function describeFilter(filter: Omit<ResolvedFilter, 'description'>): string {
  const parts: string[] = [];
  if (filter.role) parts.push(`role ${filter.role}`);
  if (filter.match) parts.push(`matching "${filter.match}"`);
  if (filter.city) parts.push(`city ${filter.city}`);
  if (filter.sources) parts.push(`sources ${filter.sources.join(', ')}`);
  return parts.length > 0 ? parts.join(', ') : 'all postings';
}
