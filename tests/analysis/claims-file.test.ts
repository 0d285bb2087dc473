// Claims files: YAML lists of claims, numbers for periods accepted, mistakes named by item and field.

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseClaims, parseClaimsFile } from '../../src/analysis/claims-file.js';
import { UserError } from '../../src/errors.js';

describe('parseClaims', () => {
  it('reads a YAML list, keeping periods written as numbers as text', () => {
    const claims = parseClaims(`
- id: xinhua
  text: 上海AI训练师需求激增超30%
  role: ai-trainer
  city: 上海
  period: 2025
  baseline: 2024
  change: ">30%"
- match: RLHF
  period: 2025-Q3
  baseline: 2024-Q3
  change: "<-10%"
  metric: share
  all_sources: true
`);
    expect(claims).toEqual([
      {
        id: 'xinhua',
        text: '上海AI训练师需求激增超30%',
        role: 'ai-trainer',
        city: '上海',
        period: '2025',
        baseline: '2024',
        change: '>30%',
      },
      {
        match: 'RLHF',
        period: '2025-Q3',
        baseline: '2024-Q3',
        change: '<-10%',
        metric: 'share',
        allSources: true,
      },
    ]);
  });

  it('reads a claim as a newspaper wrote it: text, publisher, date and URL, no period', () => {
    const [claim] = parseClaims(`
- id: shanghai
  text: the demand for AI trainers in Shanghai has surged by over 30%
  publisher: C114
  published: 2026-01-26
  url: https://www.c114pro.com/ainews/142225.html
  role: ai-trainer
  city: 上海
  change: ">30%"
`);
    expect(claim).toEqual({
      id: 'shanghai',
      text: 'the demand for AI trainers in Shanghai has surged by over 30%',
      publisher: 'C114',
      published: '2026-01-26',
      url: 'https://www.c114pro.com/ainews/142225.html',
      role: 'ai-trainer',
      city: '上海',
      change: '>30%',
    });
    expect(parseClaims('- {change: ">0%", as_of: 2025-07-01}')[0]).toEqual({
      change: '>0%',
      asOf: '2025-07-01',
    });
  });

  it('accepts { claims: [...] }', () => {
    expect(parseClaims('claims:\n  - {period: "2025", baseline: "2024", change: ">0%"}')).toHaveLength(1);
  });

  it.each([
    ['- {period: "2025", change: ">30%"}', /claim \[0\] has a period but no baseline/],
    ['- {id: x, change: ">30%"}', /claim \[0\] \(x\) names no period, so it needs the day it was published/],
    ['- {change: ">30%", published: 26/01/2026}', /\[0\]\.published: must be a date written YYYY-MM-DD/],
    ['- {period: "2025", baseline: "2024", change: ">30%", metric: stock}', /\[0\]\.metric/],
    ['- {period: "2025", baseline: "2024", change: ">30%", colour: red}', /colour/],
    ['[]', /no claims/],
    ['- [unclosed', /not valid YAML/],
  ])('%j is refused with a message naming the problem', (text, message) => {
    expect(() => parseClaims(text, 'claims.yaml')).toThrow(UserError);
    expect(() => parseClaims(text, 'claims.yaml')).toThrow(message);
  });
});

describe('examples/claims.yaml', () => {
  it('cites every claim: the text as published, an outlet that names itself, and its address', () => {
    const claims = parseClaimsFile(
      fileURLToPath(new URL('../../examples/claims.yaml', import.meta.url)),
      '--claims',
    );
    expect(claims.length).toBeGreaterThanOrEqual(4);
    for (const claim of claims) {
      expect(claim.text, claim.id).toMatch(/\S/);
      expect(claim.publisher, claim.id).toMatch(/\S/);
      // A repost that cannot say where it came from is no citation.
      expect(claim.publisher, claim.id).not.toMatch(/unnamed|unknown|forum|repost/i);
      expect(claim.url, claim.id).toMatch(/^https:\/\/[^/]+\.[a-z]+\//);
    }
  });
});
