// Where things live: the package root (for migrations and bundled data) and the default locations of the
// database and reports, relative to the current directory so that `db/jobtrend.sqlite` means what it says.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The folder holding jobtrend's package.json, whether running from src (tests) or dist (installed). */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'db'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the jobtrend package root');
    dir = parent;
  }
  root = dir;
  return dir;
}

export const migrationsDir = (): string => join(packageRoot(), 'db');

export const DEFAULT_DB_PATH = join('db', 'jobtrend.sqlite');
export const DEFAULT_REPORTS_DIR = 'reports';

/** The database path from the flag, else JOBTREND_DB, else db/jobtrend.sqlite. */
export function resolveDbPath(flag?: string): string {
  return resolve(flag ?? process.env.JOBTREND_DB ?? DEFAULT_DB_PATH);
}
