// The `roles` and `skills` tables from the shipped taxonomy: names, Chinese names, descriptions and
// categories upserted; ids that left the taxonomy removed once no posting refers to them.
import { type Role, roleTaxonomy, type Skill, skillTaxonomy } from '../pipeline/index.js';
import { type Db, inTransaction } from './database.js';

export interface Taxonomy {
  roles: Role[];
  skills: Skill[];
}

export interface TaxonomySyncResult {
  roles: number;
  skills: number;
  /** Ids no longer in the taxonomy and no longer used by any posting, deleted. */
  removedRoles: number;
  removedSkills: number;
}

/** Upserts the taxonomy into `roles` and `skills` in one transaction; rows already current are not rewritten. */
export function syncTaxonomy(
  db: Db,
  taxonomy: Taxonomy = { roles: roleTaxonomy, skills: skillTaxonomy },
): TaxonomySyncResult {
  const upsertRole = db.prepare(
    `INSERT INTO roles (id, name, name_zh, description) VALUES (@id, @name, @name_zh, @description)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_zh = excluded.name_zh, description = excluded.description
     WHERE name IS NOT excluded.name OR name_zh IS NOT excluded.name_zh OR description IS NOT excluded.description`,
  );
  const upsertSkill = db.prepare(
    `INSERT INTO skills (id, name, name_zh, category) VALUES (@id, @name, @name_zh, @category)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_zh = excluded.name_zh, category = excluded.category
     WHERE name IS NOT excluded.name OR name_zh IS NOT excluded.name_zh OR category IS NOT excluded.category`,
  );
  const roleIds = JSON.stringify(taxonomy.roles.map((r) => r.id));
  const skillIds = JSON.stringify(taxonomy.skills.map((s) => s.id));
  return inTransaction(db, () => {
    for (const role of taxonomy.roles) upsertRole.run(role);
    for (const skill of taxonomy.skills) upsertSkill.run(skill);
    const removedRoles = db
      .prepare(
        `DELETE FROM roles WHERE id NOT IN (SELECT value FROM json_each(?))
         AND NOT EXISTS (SELECT 1 FROM posting_roles WHERE role_id = roles.id)`,
      )
      .run(roleIds).changes;
    const removedSkills = db
      .prepare(
        `DELETE FROM skills WHERE id NOT IN (SELECT value FROM json_each(?))
         AND NOT EXISTS (SELECT 1 FROM posting_skills WHERE skill_id = skills.id)`,
      )
      .run(skillIds).changes;
    return { roles: taxonomy.roles.length, skills: taxonomy.skills.length, removedRoles, removedSkills };
  });
}
