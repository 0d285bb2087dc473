// The pipeline's public API: pure functions from raw postings to normalised, classified rows.
// Others import from here, except where loading less matters: type-only imports, code that must not build the
// taxonomies' matchers when it loads (import batches read dates, analysis filters suggest cities), and the
// bench timing each matcher alone.

export { classifyPosting, type PostingClassification } from './classify-posting.js';
export { normaliseCompany } from './company.js';
export { contentHash, HASHED_FIELDS } from './content-hash.js';
export { type DateContext, type ParsedDate, parseDate } from './dates.js';
export { type DedupFields, dedupKey, normaliseTitle } from './dedup.js';
export { cityNames, type ParsedLocation, parseLocation, resolveCity } from './location.js';
export {
  CHINESE_SOURCES,
  type NormaliseContext,
  normaliseEmploymentType,
  normalisePosting,
} from './normalise-posting.js';
export { type ReadPlace, type Reclassification, reclassify, type StoredPosting } from './reclassify.js';
export { classifyRoles, type Role, roleIds, roleTaxonomy } from './roles.js';
export { type ParsedSalary, parseSalary, type SalaryOptions } from './salary.js';
export {
  findSkillMentions,
  matchSkills,
  type Skill,
  type SkillMention,
  skillIds,
  skillTaxonomy,
  withImplied,
} from './skills.js';
