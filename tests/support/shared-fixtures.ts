// Where the real captures of the scraped sites live: ../shared/fixtures beside the repository, in a
// developer's checkout and in CI. A user's clone has no such folder: tests that read it skip themselves.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHARED_FIXTURES = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'shared',
  'fixtures',
);

export const hasSharedFixtures = existsSync(SHARED_FIXTURES);

/** The path of one capture. */
export const sharedFixture = (name: string): string => join(SHARED_FIXTURES, name);
