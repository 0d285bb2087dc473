// The growth, skills and claim commands as a user runs them (in-process): text and --json output,
// exit 0 whatever the verdict, and one clear line with exit 2 for bad input.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { runCli } from '../support/run-cli.js';
import { tempDbPath } from '../support/temp-db.js';
import { addPostings, watch } from './support/analysis-db.js';

const temp = tempDbPath();

beforeAll(() => {
  const db = openDatabase(temp.path);
  watch(db, 'zhaopin', '2024-01-01', '2025-12-31');
  // 120 → 165 postings over two equal quarters (the reference example: ratio 1.375, [1.080, 1.754]).
  addPostings(db, {
    sourceId: 'zhaopin',
    count: 120,
    from: '2024-04-01',
    to: '2024-06-30',
    pick: (i) => ({ skills: i < 12 ? ['python'] : ['data-labeling'] }),
  });
  addPostings(db, {
    sourceId: 'zhaopin',
    count: 165,
    from: '2025-04-01',
    to: '2025-06-30',
    pick: (i) => ({ skills: i < 60 ? ['python'] : ['data-labeling'] }),
  });
  db.close();
});
afterAll(() => temp.cleanup());

const cli = (...argv: string[]) => runCli(['--db', temp.path, ...argv]);

describe('jobtrend claim', () => {
  it('prints an inconclusive verdict for 120 → 165 against a 30% claim, with counts and interval, and exits 0', async () => {
    const { code, stdout, stderr } = await cli(
      'claim',
      '--role',
      'ai-trainer',
      '--city',
      '上海',
      '--period',
      '2025-Q2',
      '--baseline',
      '2024-Q2',
      '--change',
      '>30%',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Verdict: INCONCLUSIVE/);
    expect(stdout).toMatch(/ratio 1\.375 \(\+37\.5%\), 95% interval 1\.080 to 1\.754/);
    expect(stdout).toMatch(/165/);
    expect(stdout).toMatch(/not vacancies/);
  });

  it('--json gives the result object', async () => {
    const { code, stdout } = await cli(
      'claim',
      '--period',
      '2025-Q2',
      '--baseline',
      '2024-Q2',
      '--change',
      '>30%',
      '--json',
    );
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.verdict).toBe('inconclusive');
    expect(result.current.count).toBe(165);
    expect(result.estimate.interval.lower).toBeCloseTo(1.0803, 4);
  });

  it('--file checks every claim in the file', async () => {
    const file = join(temp.dir, 'claims.yaml');
    writeFileSync(
      file,
      '- {id: a, period: 2025-Q2, baseline: 2024-Q2, change: ">30%"}\n- {id: b, period: 2025-Q2, baseline: 2024-Q2, change: ">0%"}\n',
    );
    const { code, stdout } = await cli('claim', '--file', file, '--json');
    expect(code).toBe(0);
    const results = JSON.parse(stdout);
    expect(results.map((r: { claim: { id: string }; verdict: string }) => [r.claim.id, r.verdict])).toEqual([
      ['a', 'inconclusive'],
      ['b', 'supported'],
    ]);
  });

  it.each([
    [['claim', '--period', '2025', '--baseline', '2024'], /--change/],
    [['claim', '--period', 'last year', '--baseline', '2024', '--change', '>30%'], /is not a period/],
    [
      ['claim', '--role', 'astronaut', '--period', '2025', '--baseline', '2024', '--change', '>30%'],
      /unknown role "astronaut": use one of/,
    ],
    [['claim', '--period', '2025', '--baseline', '2024', '--change', 'lots'], /is not a change/],
    [['growth', '--by', 'day'], /--by must be one of week, month, quarter/],
    [['skills', '--top', 'ten'], /--top needs a whole number/],
  ])('%j exits 2 with one line', async (argv, message) => {
    const { code, stdout, stderr } = await cli(...argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
  });

  it('a missing claims file exits 1 with one line', async () => {
    const { code, stderr } = await cli('claim', '--file', join(temp.dir, 'nope.yaml'));
    expect(code).toBe(1);
    expect(stderr).toMatch(/no claims file at/);
  });
});

describe('jobtrend growth and skills', () => {
  it('growth prints a row per quarter with its share and year-over-year growth', async () => {
    const { code, stdout } = await cli(
      'growth',
      '--role',
      'ai-trainer',
      '--by',
      'quarter',
      '--from',
      '2024',
      '--to',
      '2025',
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/2025-Q2\s+165/);
    expect(stdout).toMatch(/\+37\.5%/); // year over year: same number of days in both quarters
    const json = JSON.parse(
      (await cli('growth', '--by', 'quarter', '--from', '2024', '--to', '2025', '--json')).stdout,
    );
    expect(json.buckets).toHaveLength(8);
  });

  it('skills --compare marks the skill that rose', async () => {
    const { code, stdout } = await cli('skills', '--period', '2025-Q2', '--compare', '2024-Q2');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Emerging: python/);
    const json = JSON.parse(
      (await cli('skills', '--period', '2025-Q2', '--compare', '2024-Q2', '--json')).stdout,
    );
    expect(json.emerging).toEqual(['python']);
  });
});
