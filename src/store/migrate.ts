// Numbered SQL migrations from db/ (NNN_name.sql), each applied once, in order, in its own transaction, and
// recorded in schema_migrations; PRAGMA user_version follows the latest. Re-running is a no-op, and so is
// running it from several processes at once. A migration that edits the stored schema text (it sets PRAGMA
// writable_schema, SQLite's procedure for changes that alter no stored data) runs with SQLite's defensive mode
// off, and moves the schema's version on so every open connection reads the schema again. A database with a
// migration this jobtrend does not know was written by a newer one (describeNewerSchema).
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
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').pluck();
  const done: number[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    const editsSchemaText = EDITS_SCHEMA_TEXT.test(migration.sql);
    if (editsSchemaText) db.unsafeMode(true);
    try {
      // Asked again under the write lock: another process may have applied it since the list was read.
      const ran = db
        .transaction(() => {
          if (isApplied.get(migration.version)) return false;
          db.exec(migration.sql);
          if (editsSchemaText) {
            const version = Number(db.pragma('schema_version', { simple: true }));
            db.pragma(`schema_version = ${version + 1}`);
          }
          record.run(migration.version, migration.name, new Date().toISOString());
          return true;
        })
        .immediate();
      if (ran) done.push(migration.version);
    } finally {
      if (editsSchemaText) db.unsafeMode(false);
    }
  }
  const latest = migrations.at(-1)?.version ?? 0;
  if (Number(db.pragma('user_version', { simple: true })) < latest) db.pragma(`user_version = ${latest}`);
  return done;
}

/**
 * What makes this database a newer jobtrend's, in words ("migration 999 (future)", "user_version 999"), or
 * null when this jobtrend knows every migration applied to it.
 */
export function describeNewerSchema(db: Database.Database, migrations = loadMigrations()): string | null {
  const known = new Set(migrations.map((m) => m.version));
  const latest = Math.max(0, ...known);
  const unknown = tableExists(db, 'schema_migrations')
    ? (
        db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as Migration[]
      ).filter((m) => !known.has(Number(m.version)))
    : [];
  const userVersion = Number(db.pragma('user_version', { simple: true }));
  const reasons = unknown.map((m) => `migration ${m.version} (${m.name})`);
  if (userVersion > latest) reasons.push(`user_version ${userVersion}`);
  if (reasons.length === 0) return null;
  return `${reasons.slice(0, 3).join(', ')}${reasons.length > 3 ? ', …' : ''}; this jobtrend knows up to ${latest}`;
}

function tableExists(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

const EDITS_SCHEMA_TEXT = /^\s*PRAGMA\s+writable_schema\s*=\s*ON\b/im;

export function schemaVersion(db: Database.Database): number {
  if (!tableExists(db, 'schema_migrations')) return 0;
  return Number(db.prepare('SELECT coalesce(max(version), 0) FROM schema_migrations').pluck().get());
}
