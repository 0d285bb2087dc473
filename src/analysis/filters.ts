// Checks a user's posting filter before any counting: the role must be in the taxonomy, the sources must
// exist, the city is resolved to the canonical English name ("上海", "shanghai" → "Shanghai") by the
// pipeline's resolveCity, else matched against the database's cities; anything else is a usage error.
import { UsageError } from '../errors.js';
import { suggestCity } from '../pipeline/city-suggestions.js';
import { resolveCity, roleIds as taxonomyRoleIds } from '../pipeline/index.js';
import { cityExists, cityLike, roleIds, sourceIds } from '../store/analysis-queries.js';
import type { Db } from '../store/database.js';
import { closestNames, didYouMean } from '../text/did-you-mean.js';
import { describeFilter } from './caveat-words.js';
import type { PostingFilter, ResolvedFilter } from './types.js';

/** Checks and resolves a filter; throws UsageError for an unknown role or source, or an empty match. */
export function resolveFilter(db: Db, filter: PostingFilter): ResolvedFilter {
  const role = filter.role?.trim() || null;
  if (role) {
    const known = roleIds(db);
    // A database nobody has filled yet has an empty roles table: fall back to the shipped taxonomy.
    const ids = known.length > 0 ? known : taxonomyRoleIds();
    if (!ids.includes(role)) {
      throw new UsageError(`unknown role "${role}"${didYouMean(role, ids)}: use one of ${ids.join(', ')}`, {
        code: 'unknown-role',
        values: { role, known: ids.join(', '), closest: closestNames(role, ids).join(', ') },
      });
    }
  }
  let match: string | null = null;
  if (filter.match !== undefined) {
    match = filter.match.trim();
    if (!match) {
      throw new UsageError('--match needs some text to search for, e.g. --match "RLHF"', {
        code: 'empty-match',
        values: {},
      });
    }
  }
  let sources: string[] | null = null;
  if (filter.sources && filter.sources.length > 0) {
    const known = sourceIds(db);
    const unknown = filter.sources.filter((s) => !known.includes(s));
    if (unknown.length > 0) {
      throw new UsageError(
        `unknown source ${unknown.map((s) => `"${s}"${didYouMean(s, known)}`).join(', ')}: sources in this database are ${known.join(', ') || '(none yet)'}`,
        { code: 'unknown-source', values: { sources: unknown.join(', '), known: known.join(', ') } },
      );
    }
    sources = [...new Set(filter.sources)].sort();
  }
  const city = filter.city?.trim() ? resolveCityName(db, filter.city.trim()) : null;
  return { role, match, city, sources, description: describeFilter({ role, match, city, sources }) };
}

/** The canonical city for what the user typed. */
export function resolveCityName(db: Db, input: string): string {
  const canonical = resolveCity(input);
  if (canonical) return canonical;
  if (cityExists(db, input)) return input;
  const like = cityLike(db, input);
  if (like) return like;
  throw new UsageError(
    `unknown city "${input}"${suggestCity(input)}: give a city name such as 上海 or Shanghai (the cities in the database: jobtrend query "SELECT DISTINCT city FROM postings")`,
    { code: 'unknown-city', values: { city: input } },
  );
}
