// "Did you mean …?" for a mistyped city, role, source or job: the closest known names, in the one line the
// error already is; nothing when no name is close.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suggestCity } from '../../src/pipeline/city-suggestions.js';
import { closestNames, didYouMean, editDistance } from '../../src/text/did-you-mean.js';
import { runCli } from '../support/run-cli.js';
import { tempDbPath } from '../support/temp-db.js';

const temp = tempDbPath();
const example = resolve(import.meta.dirname, '../../jobtrend.config.example.yaml');
beforeAll(async () => {
  expect((await runCli(['--db', temp.path, 'init'])).code).toBe(0);
});
afterAll(() => temp.cleanup());

describe('closest names', () => {
  it('counts a swap of neighbours as one edit, over code points', () => {
    expect(editDistance('shangai', 'shanghai')).toBe(1);
    expect(editDistance('shanghia', 'shanghai')).toBe(1);
    expect(editDistance('上诲', '上海')).toBe(1);
  });

  it('suggests only close names, ignoring case, and nothing for an exact or far one', () => {
    expect(closestNames('Shangai', ['Shanghai', 'Shenzhen', 'Beijing'])).toEqual(['Shanghai']);
    expect(closestNames('GRENHOUSE', ['greenhouse', 'lever'])).toEqual(['greenhouse']);
    expect(closestNames('daily-china', ['daily-ats', 'shanghai-boards'])).toEqual([]);
    expect(closestNames('greenhouse', ['greenhouse'])).toEqual([]);
    expect(didYouMean('levr', ['lever', 'liepin'])).toBe(' (did you mean lever?)');
    expect(didYouMean('xyz', ['lever'])).toBe('');
  });

  it('names a city in English and Chinese, in the script it was typed in', () => {
    expect(suggestCity('Shangai')).toBe(' (did you mean Shanghai (上海)?)');
    expect(suggestCity('Bejing')).toBe(' (did you mean Beijing (北京)?)');
    expect(suggestCity('上诲')).toMatch(/^ \(did you mean 上海 \(Shanghai\)/);
    expect(suggestCity('Qwertyuiop')).toBe('');
  });
});

describe('on the command line', () => {
  const cases: [string[], RegExp][] = [
    [
      ['growth', '--city', 'Shangai'],
      /^jobtrend: unknown city "Shangai" \(did you mean Shanghai \(上海\)\?\): /,
    ],
    [
      ['claim', '--city', 'Shangai', '--period', '2025', '--baseline', '2024', '--change', '>30%'],
      /unknown city "Shangai" \(did you mean Shanghai \(上海\)\?\)/,
    ],
    [
      ['scrape', '--source', 'greenhouse', '--city', 'Shangai'],
      /unknown city "Shangai" \(did you mean Shanghai \(上海\)\?\)/,
    ],
    [
      ['growth', '--role', 'ai-traner'],
      /unknown role "ai-traner" \(did you mean ai-trainer\?\): use one of /,
    ],
    [['export', '--role', 'data-anotator'], /unknown role "data-anotator" \(did you mean data-annotator\?\)/],
    [['scrape', '--source', 'grenhouse'], /unknown source "grenhouse" \(did you mean greenhouse\?\)/],
    [
      ['--config', example, 'run', 'daly-ats'],
      /unknown job "daly-ats" \(did you mean daily-ats\?\): the config has daily-ats, /,
    ],
  ];
  it.each(cases)('jobtrend %j', async (argv, says) => {
    const result = await runCli(['--db', temp.path, ...argv]);
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(says);
  });
});
