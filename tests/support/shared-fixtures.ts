// The one guard for the real captures of the scraped sites in ../shared/fixtures beside the repository (present
// in a developer's checkout and in CI, absent in a user's clone). Tests over them ask `haveRealCaptures(name)`:
// true when the capture is here; false when it is not, so those tests skip — unless JOBTREND_REAL_CAPTURES=1
// (CI sets it) says the captures must be here: then a missing one throws, and the test file asking fails
// instead of skipping. No test decides this with existsSync of its own.
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

/** The variable that makes missing captures a failure. */
export const REQUIRE_REAL_CAPTURES = 'JOBTREND_REAL_CAPTURES';

/**
 * Whether the capture `name` (a file or folder under the shared fixtures; default the folder itself) is here.
 * Throws when it is not and the environment requires the captures.
 */
export function haveRealCaptures(
  name = '',
  options: { root?: string; env?: NodeJS.ProcessEnv } = {},
): boolean {
  const path = join(options.root ?? SHARED_FIXTURES, name);
  if (existsSync(path)) return true;
  if ((options.env ?? process.env)[REQUIRE_REAL_CAPTURES] === '1') {
    throw new Error(
      `${REQUIRE_REAL_CAPTURES}=1 and the real capture ${path} is missing: put the shared fixtures beside the repository (../shared/fixtures), or unset ${REQUIRE_REAL_CAPTURES} to skip the tests over them`,
    );
  }
  return false;
}

/** The path of one capture. */
export const sharedFixture = (name: string): string => join(SHARED_FIXTURES, name);
