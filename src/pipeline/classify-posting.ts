// Roles and skills of one posting, from its title and description: the single definition used both when a
// posting is scraped (normalisePosting) and when `jobtrend reindex` recomputes stored postings, so the two
// always agree. Tags a source attaches are not stored as a column and so are not used here either.

import { skillsAskedFor } from './posting-skills.js';
import { classifyRoles } from './roles.js';

export interface PostingClassification {
  roles: string[];
  skills: string[];
}

export function classifyPosting(title: string, description?: string | null): PostingClassification {
  return {
    roles: classifyRoles(title, description),
    skills: skillsAskedFor(title, description),
  };
}
