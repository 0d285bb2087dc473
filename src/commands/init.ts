// `jobtrend init`: create the database or bring it to the current schema and taxonomy. Running it again
// changes nothing.
import { Command } from 'commander';
import type { CliContext } from '../cli/context.js';
import { openDatabase } from '../store/database.js';
import { migrate, schemaVersion } from '../store/migrate.js';
import { syncTaxonomy } from '../store/taxonomy-store.js';
import { withExamples } from './help.js';

export function define(context: CliContext): Command {
  const command = new Command('init')
    .description('create the database, or migrate it to the current schema (safe to run again)')
    .action(() => {
      const path = context.dbPath();
      const db = openDatabase(path, { migrate: false });
      try {
        const applied = migrate(db);
        const version = schemaVersion(db);
        // The role and skill tables carry the shipped taxonomy's names (a no-op when they already do).
        syncTaxonomy(db);
        context.out.write(
          applied.length > 0
            ? `initialised ${path}: applied migrations ${applied.join(', ')} (schema version ${version})\n`
            : `${path} is up to date (schema version ${version})\n`,
        );
      } finally {
        db.close();
      }
    });
  return withExamples(command, 'jobtrend init', 'jobtrend --db /srv/jobtrend/jobs.sqlite init');
}
