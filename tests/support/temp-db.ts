// Temporary database files for tests, removed by the caller's afterEach/afterAll.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function tempDir(prefix = 'jobtrend-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function tempDbPath(): { path: string; dir: string; cleanup: () => void } {
  const { dir, cleanup } = tempDir();
  return { path: join(dir, 'test.sqlite'), dir, cleanup };
}
