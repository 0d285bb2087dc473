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
    [['claim', '--period', '2025', '--change', '>30%'], /both --period and --baseline, or neither/],
    [['claim', '--change', '>30%', '--as-of', '26.01.2026'], /--as-of needs a date written YYYY-MM-DD/],
    [['claim', '--change', '>30%', '--as-of', '2999-01-01'], /is after today/],
    [
      ['claim', '--period', '2025', '--baseline', '2024', '--change', '>30%', '--as-of', '2026-01-26'],
      /--as-of picks the readings of a claim that names no period/,
    ],
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

  it('with no --period/--baseline checks every standard reading as of --as-of, in text and in snake_case JSON', async () => {
    const argv = [
      'claim',
      '--role',
      'ai-trainer',
      '--city',
      '上海',
      '--change',
      '>30%',
      '--as-of',
      '2026-01-26',
    ];
    const text = await cli(...argv);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /checked under 4 standard readings of the periods complete before 2026-01-26/,
    );
    for (const name of ['calendar year', '12 months', 'quarter', 'month']) expect(text.stdout).toMatch(name);
    expect(text.stdout).toMatch(/2025-Q4 +2024-Q4/);
    expect(text.stdout).toMatch(
      /^Overall verdict \(inconclusive\): Inconclusive: supported under none of the 4 readings/m,
    );
    expect(text.stdout).toMatch(/^Most data: calendar year \(2025 against 2024: 285 postings\)\./m);
    expect(text.stdout).toMatch(/not vacancies/);

    const { code, stdout } = await cli(...argv, '--json');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.as_of).toBe('2026-01-26');
    expect(result.verdict).toBe('inconclusive');
    expect(result.overall).toMatchObject({
      verdict: 'inconclusive',
      readings: 4,
      most_data: 'calendar-year',
    });
    expect(result.readings.map((r: { reading: string; verdict: string }) => [r.reading, r.verdict])).toEqual([
      ['calendar-year', 'inconclusive'],
      ['twelve-months', 'inconclusive'],
      ['quarter', 'insufficient data'],
      ['month', 'insufficient data'],
    ]);
    const year = result.readings[0];
    expect(year.current).toMatchObject({ count: 165, period: { label: '2025' } });
    expect(year.estimate.interval.lower).toBeLessThan(year.estimate.ratio);
    expect(year.holm_p_value).toBeGreaterThanOrEqual(year.p_value);
    expect(year.coverage.current.sources[0]).toHaveProperty('source_id', 'zhaopin');
    expect(result.readings[1].same_as).toBe('calendar-year');
    expect(stdout).not.toMatch(/"[a-z]+[A-Z]\w*":/);
  });

  it('a claims file mixes claims with and without stated periods', async () => {
    const file = join(temp.dir, 'published.yaml');
    writeFileSync(
      file,
      [
        '- id: news',
        '  text: demand surged by over 30%',
        '  publisher: A paper',
        '  published: 2026-01-26',
        '  role: ai-trainer',
        "  change: '>30%'",
        '- {id: stated, period: 2025-Q2, baseline: 2024-Q2, change: ">0%"}',
        '',
      ].join('\n'),
    );
    const { code, stdout } = await cli('claim', '--file', file, '--json');
    expect(code).toBe(0);
    const [news, stated] = JSON.parse(stdout);
    expect(news).toMatchObject({ as_of: '2026-01-26', verdict: 'inconclusive' });
    expect(news.claim).toMatchObject({ publisher: 'A paper', published: '2026-01-26' });
    expect(news.readings).toHaveLength(4);
    expect(stated).toMatchObject({ verdict: 'supported', claim: { id: 'stated' } });
    const text = await cli('claim', '--file', file);
    expect(text.stdout).toMatch(/as published: demand surged by over 30%\n {2}by: A paper, 2026-01-26/);
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
