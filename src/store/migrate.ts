// Numbered SQL migrations from db/ (NNN_name.sql), each applied once, in order, in its own transaction, and
// recorded in schema_migrations. Re-running is a no-op. A migration that edits the stored schema text (it
// sets PRAGMA writable_schema, SQLite's procedure for changes that alter no stored data) runs with SQLite's
// defensive mode off, and moves the schema's version on so every open connection reads the schema again.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { migrationsDir } from '../paths.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function loadMigrations(dir = migrationsDir()): Migration[] {
  return readdirSync(dir)
    .map((file) => /^(\d+)_(.+)\.sql$/.exec(file))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ version: Number(m[1]), name: m[2]!, sql: readFileSync(join(dir, m[0]), 'utf8') }))
    .sort((a, b) => a.version - b.version);
}

/** Applies pending migrations; returns the versions applied (empty when the database was current). */
export function migrate(db: Database.Database, migrations = loadMigrations()): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Set(
    db
      .prepare('SELECT version FROM schema_migrations')
      .pluck()
      .all()
      .map((v) => Number(v)),
  );
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const done: number[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    const editsSchemaText = EDITS_SCHEMA_TEXT.test(migration.sql);
    if (editsSchemaText) db.unsafeMode(true);
    try {
      db.transaction(() => {
        db.exec(migration.sql);
        if (editsSchemaText) {
          const version = Number(db.pragma('schema_version', { simple: true }));
          db.pragma(`schema_version = ${version + 1}`);
        }
        record.run(migration.version, migration.name, new Date().toISOString());
      }).immediate();
    } finally {
      if (editsSchemaText) db.unsafeMode(false);
    }
    done.push(migration.version);
  }
  return done;
}

const EDITS_SCHEMA_TEXT = /^\s*PRAGMA\s+writable_schema\s*=\s*ON\b/im;

export function schemaVersion(db: Database.Database): number {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'schema_migrations'").get();
  if (!exists) return 0;
  return Number(db.prepare('SELECT coalesce(max(version), 0) FROM schema_migrations').pluck().get());
}
