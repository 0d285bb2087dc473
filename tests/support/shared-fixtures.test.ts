// The real-captures guard: present captures run their tests, absent ones skip in a user's clone, and fail when
// JOBTREND_REAL_CAPTURES=1 (CI) says they must be here.
import { mkdirSync, writeFileSync } from 'node:fs';
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
