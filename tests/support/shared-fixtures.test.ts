// The real-captures guard: present captures run their tests, absent ones skip in a user's clone, and fail when
// JOBTREND_REAL_CAPTURES=1 (CI) says they must be here.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { haveRealCaptures } from './shared-fixtures.js';
import { tempDir } from './temp-db.js';

const temp = tempDir('jobtrend-captures-');
afterAll(temp.cleanup);
const root = join(temp.dir, 'fixtures');
mkdirSync(root);
writeFileSync(join(root, 'board_page.html'), '<html></html>');

describe('the real-captures guard', () => {
  it('a capture that is here runs its tests, with or without JOBTREND_REAL_CAPTURES', () => {
    expect(haveRealCaptures('board_page.html', { root, env: {} })).toBe(true);
    expect(haveRealCaptures('board_page.html', { root, env: { JOBTREND_REAL_CAPTURES: '1' } })).toBe(true);
    expect(haveRealCaptures('', { root, env: { JOBTREND_REAL_CAPTURES: '1' } })).toBe(true);
  });

  it("a missing capture skips its tests in a user's clone", () => {
    expect(haveRealCaptures('gone.html', { root, env: {} })).toBe(false);
    expect(
      haveRealCaptures('', { root: join(temp.dir, 'nowhere'), env: { JOBTREND_REAL_CAPTURES: '0' } }),
    ).toBe(false);
  });

  it('a missing capture fails when JOBTREND_REAL_CAPTURES=1, naming the path and the fix', () => {
    const env = { JOBTREND_REAL_CAPTURES: '1' };
    expect(() => haveRealCaptures('gone.html', { root, env })).toThrow(
      /JOBTREND_REAL_CAPTURES=1 and the real capture .*gone\.html is missing: put the shared fixtures/,
    );
    expect(() => haveRealCaptures('', { root: join(temp.dir, 'nowhere'), env })).toThrow(
      /nowhere is missing/,
    );
  });
});

describe('the tests over the real captures', () => {
  it('decide whether they run only through the guard: no skipIf or runIf on an existsSync of their own', () => {
    const testsDir = join(import.meta.dirname, '..');
    const ownChecks = readdirSync(testsDir, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.ts') && !name.endsWith('shared-fixtures.ts'))
      .flatMap((name) =>
        readFileSync(join(testsDir, name), 'utf8')
          .split('\n')
          .map((line, i) => ({ at: `tests/${name}:${i + 1}`, line }))
          .filter(({ line }) =>
            /\b(skipIf|runIf)\(.*existsSync|existsSync\(.*(SHARED|shared|realCapture)/.test(line),
          ),
      )
      .map(({ at, line }) => `${at}: ${line.trim()}`);
    expect(ownChecks).toEqual([]);
  });
});
