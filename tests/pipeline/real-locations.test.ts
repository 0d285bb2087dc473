// Places on the real postings in ../shared/fixtures/real-descriptions-builtin (skipped when that folder is
// absent, as in a user's clone): every location that names a country gets it, and every one that names a
// city first gets that city, kept as written where no dataset knows it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseLocation, resolveCity } from '../../src/pipeline/location.js';
import { haveRealCaptures, SHARED_FIXTURES } from '../support/shared-fixtures.js';

const dir = join(SHARED_FIXTURES, 'real-descriptions-builtin');
/** The ISO 3166 alpha-3 codes these postings use, and the countries they are. */
const COUNTRIES: Record<string, string> = {
  USA: 'United States',
  IND: 'India',
  GBR: 'United Kingdom',
  DEU: 'Germany',
  NLD: 'Netherlands',
};

function locations(): string[] {
  return readdirSync(dir)
    .map((f) => (parse(readFileSync(join(dir, f), 'utf8')) as { location?: unknown }).location)
    .filter((l): l is string => typeof l === 'string' && l.trim() !== '');
}

describe.skipIf(!haveRealCaptures('real-descriptions-builtin'))('places of the real postings', () => {
  it('every location that names a country gets it', () => {
    const all = locations();
    expect(all.length).toBeGreaterThan(300);
    for (const location of all) {
      const code = location.split(',').pop()?.trim() ?? '';
      expect(COUNTRIES, `a country code the test does not know: ${location}`).toHaveProperty(code);
      expect(parseLocation(location).country, location).toBe(COUNTRIES[code]);
    }
  });

  it('every location that names a city first gets that city', () => {
    const named = locations().filter((l) => l.includes(','));
    expect(named.length).toBeGreaterThan(200);
    for (const location of named) {
      const written = location.split(',')[0]?.trim() as string;
      // The city as written, its canonical name, or the first of the towns a borough joins ("Reigate and Banstead").
      const expected = [written, resolveCity(written), written.split(' and ')[0]];
      expect(expected, location).toContain(parseLocation(location).city);
    }
  });
});
