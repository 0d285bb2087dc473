// The pipeline's public API: pure functions from raw postings to normalised, classified rows.
// Others import from here, never from the files behind it.
export { type NormaliseContext, CHINESE_SOURCES, normaliseEmploymentType, normalisePosting } from './normalise-posting.js';
export { type ParsedSalary, type SalaryOptions, parseSalary } from './salary.js';
export { type DateContext, type ParsedDate, parseDate } from './dates.js';
export { type ParsedLocation, cityNames, parseLocation, resolveCity } from './location.js';
export { normaliseCompany } from './company.js';
export { type PostingClassification, classifyPosting } from './classify-posting.js';
export { type Role, classifyRoles, roleIds, roleTaxonomy } from './roles.js';
export { type Skill, type SkillMention, findSkillMentions, matchSkills, skillIds, skillTaxonomy } from './skills.js';
export { type DedupFields, dedupKey, normaliseTitle } from './dedup.js';
export { HASHED_FIELDS, contentHash } from './content-hash.js';
