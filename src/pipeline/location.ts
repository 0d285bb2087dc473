// Locations → city / district / region / country / remote, from cities.json and counties.json.
// "上海·浦东新区·张江", "上海-徐汇区", "广东省深圳市南山区", "Shanghai, China", "Remote (US)", "San Francisco, CA",
// "北京/上海". The Chinese, English and pinyin names of a city map to one canonical English name
// (postings.city); districts keep their Chinese name.

import places from '../taxonomy/cities.json' with { type: 'json' };
import counties from '../taxonomy/counties.json' with { type: 'json' };
import { findCountry, findWorldCity, findWorldRegion } from './gazetteer.js';
import { Memo } from './memo.js';
import { foldText } from './text.js';

/** One place a posting names. */
export interface Place {
  /** Canonical city name ("Shanghai", "Bengaluru"), or the locality as written when no dataset knows it. */
  city: string;
  /** Chinese district of that city ("浦东新区"), when given. */
  district: string | null;
  /** Province, state or other first-level division ("Guangdong", "California", "Karnataka"). */
  region: string | null;
  country: string | null;
}

export interface ParsedLocation {
  /** The first place's city, when several are listed. */
  city: string | null;
  /** Chinese district of that city ("浦东新区"), when given. */
  district: string | null;
  /** Province, state or world region ("Guangdong", "California", "Europe"). */
  region: string | null;
  country: string | null;
  remote: boolean;
  /** Every city named, in order ("北京/上海" → Beijing, Shanghai). */
  cities: string[];
  /** Every place named, in order, the first being city/district/region/country above. */
  places: Place[];
}

interface CityEntry {
  name: string;
  zh?: string;
  aliases: string[];
  region: string;
  country: string;
  districts?: { zh: string; aliases: string[] }[];
}
interface RegionEntry {
  name: string;
  aliases: string[];
  country: string | null;
}
interface CountryEntry {
  name: string;
  aliases: string[];
}

const cityList = places.cities as CityEntry[];
const cityByAlias = new Map<string, CityEntry>();
const cjkCityAliases: [string, CityEntry][] = [];
/** A name in Chinese characters, two or more. */
const CJK_NAME = /^[\u3400-\u9fff]{2,}$/;
const districtByAlias = new Map<string, { city: CityEntry; zh: string }[]>();
const regionByAlias = new Map<string, RegionEntry>();
const countryByAlias = new Map<string, CountryEntry>();

for (const city of cityList) {
  for (const alias of [city.name, city.zh ?? '', ...city.aliases]) {
    const key = alias.toLowerCase();
    if (key && !cityByAlias.has(key)) cityByAlias.set(key, city);
    if (CJK_NAME.test(key)) cjkCityAliases.push([key, city]);
  }
  for (const district of city.districts ?? []) {
    for (const alias of [district.zh, ...district.aliases]) {
      const key = alias.toLowerCase();
      const list = districtByAlias.get(key) ?? [];
      list.push({ city, zh: district.zh });
      districtByAlias.set(key, list);
    }
  }
}
cjkCityAliases.sort((a, b) => b[0].length - a[0].length);
// County-level cities (昆山市, 义乌) are districts of their prefecture-level city. Unlike district names
// (朝阳区, 鼓楼区), their names are unique in the country: named after another city, one is not that city's.
const cityByName = new Map(cityList.map((city) => [city.name, city]));
const countyAliases = new Set<string>();
for (const county of counties.counties as { zh: string; city: string; aliases: string[] }[]) {
  const city = cityByName.get(county.city);
  if (!city)
    throw new Error(`counties.json: ${county.zh} belongs to ${county.city}, which cities.json lacks`);
  for (const alias of [county.zh, ...county.aliases]) {
    countyAliases.add(alias);
    const list = districtByAlias.get(alias) ?? [];
    list.push({ city, zh: county.zh });
    districtByAlias.set(alias, list);
  }
}
// Chinese province names ("广东省", "广东", "内蒙古自治区"), longest first, for addresses written without
// separators ("广东省深圳市南山区", "山西大同").
const cjkRegionAliases: [string, RegionEntry][] = [];
for (const region of places.regions as RegionEntry[]) {
  for (const alias of [region.name, ...region.aliases]) {
    const key = alias.toLowerCase();
    if (!regionByAlias.has(key)) regionByAlias.set(key, region);
    if (CJK_NAME.test(key)) cjkRegionAliases.push([key, region]);
  }
}
cjkRegionAliases.sort((a, b) => b[0].length - a[0].length);
for (const country of places.countries as CountryEntry[]) {
  for (const alias of [country.name, ...country.aliases]) countryByAlias.set(alias.toLowerCase(), country);
}

const REMOTE =
  /\b(remote|fully remote|100% remote|anywhere|work from home|wfh|telecommute|distributed)\b|远程|居家办公|在家办公|线上办公|不限地点/gi;
// Without /g: test() must not keep state between calls.
const IS_REMOTE = new RegExp(REMOTE.source, 'i');
const NOISE =
  /\b(hybrid|on-?site|in-office|office|based|only|timezone|time zone)\b|(?:^|\s)(?:全国|不限|其他|异地招聘)(?:\s|$)/gi;
const SPLIT = /\s*(?:[·•・/,，、|;；()（）[\]【】\n:：+&]|\s-\s|\s–\s|-|\sor\s)\s*/i;

/**
 * A district, county or county-level city named after its city ("杭州·桐庐县", "金华·义乌市", "贵阳市云岩区"):
 * kept as the district even when cities.json does not list it.
 */
const DISTRICT_LIKE = /^[\u3400-\u9fff]{1,12}(?:区|县|旗|市)$/;
/** The district that starts a longer address ("浦东新区张江镇" → "浦东新区"). */
const DISTRICT_PREFIX = /^[\u3400-\u9fff]{1,6}?(?:区|县|旗)/;

/**
 * The district named by what follows a city in an unseparated address, cut at the district ("海淀区西二旗" →
 * 海淀区): a listed district it starts with, else the first name ending in 区/县/旗, else a county-level name.
 */
function districtAfter(rest: string, city: CityEntry): string | null {
  if (!rest) return null;
  const listed = findDistrict(rest, [city])?.zh ?? listedPrefix(rest, city);
  if (listed) return listed;
  if (countyAliases.has(rest)) return null;
  const head = DISTRICT_PREFIX.exec(rest)?.[0];
  if (head) return findDistrict(head, [city])?.zh ?? (countyAliases.has(head) ? null : head);
  return DISTRICT_LIKE.test(rest) ? rest : null;
}

/** A listed district of the city that starts the text ("海淀西二旗" → 海淀区), longest name first. */
function listedPrefix(text: string, city: CityEntry): string | null {
  let best: { zh: string; length: number } | null = null;
  for (const district of city.districts ?? []) {
    for (const alias of [district.zh, ...district.aliases]) {
      if (alias.length >= 2 && text.startsWith(alias) && (!best || alias.length > best.length))
        best = { zh: district.zh, length: alias.length };
    }
  }
  return best?.zh ?? null;
}

/** Splits a Chinese segment that starts with a province ("广东省深圳市", "山西大同") into the province and the rest. */
function cjkPrefixRegion(segment: string): { region: RegionEntry; rest: string; length: number } | null {
  for (const [alias, region] of cjkRegionAliases) {
    // "吉林市" is a city of Jilin province, not the province followed by "市".
    if (segment.length > alias.length && segment.startsWith(alias) && segment[alias.length] !== '市') {
      return { region, rest: segment.slice(alias.length), length: alias.length };
    }
  }
  return null;
}

/** Splits a Chinese segment written without separators ("上海浦东新区") into its city and the rest. */
function cjkPrefixCity(segment: string): { city: CityEntry; rest: string; length: number } | null {
  // A place named in full is not a city followed by more ("北海道" is Hokkaido, not 北海 + 道).
  if (regionByAlias.has(segment) || countryByAlias.has(segment)) return null;
  for (const [alias, city] of cjkCityAliases) {
    if (segment.startsWith(alias)) {
      return { city, rest: segment.slice(alias.length).replace(/^市/, ''), length: alias.length };
    }
  }
  return null;
}

const locations = new Memo<ParsedLocation>();

/** Parses a location as a source shows it; unknown places leave the fields null (never throws). */
export function parseLocation(text: string | null | undefined): ParsedLocation {
  return typeof text === 'string' ? locations.get(text, () => readLocation(text)) : readLocation(text);
}

/** Words that say how or where in general, never a locality: not kept as a place when nothing else knows them. */
const NOT_A_PLACE =
  /^(?:multiple|various|several|many|all|any|flexible|worldwide|global|international|nationwide|countrywide|headquarters|hq|tbd|n\/?a|none|other|others|see|locations?|offices?|in[ -]person|emea|apac|americas|\d)\b/i;
/** A locality as people write one: a few words, each capitalised ("New Malden", "Hadapsar"), or a Chinese name. */
const LOCALITY_SHAPE =
  /^(?:\p{Lu}[\p{L}'’.]*(?:[ -](?:\p{Lu}[\p{L}'’.]*|and|de|la|le|del|di|da|am|upon|on|en|sur|of))*|[\u3400-\u9fff]{2,10})$/u;

interface Found {
  place: Place;
  /** The project's city entry, for districts that follow. */
  entry: CityEntry | null;
}

function readLocation(text: string | null | undefined): ParsedLocation {
  const result: ParsedLocation = {
    city: null,
    district: null,
    region: null,
    country: null,
    remote: false,
    cities: [],
    places: [],
  };
  if (typeof text !== 'string') return result;
  let t = foldText(text).trim();
  if (t.length === 0 || t.length > 500) return result;
  if (IS_REMOTE.test(t)) result.remote = true;
  t = t.replace(REMOTE, ' ').replace(NOISE, ' ');

  const segments = t
    .split(SPLIT)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .slice(0, 20);
  const found: Found[] = [];
  let region: RegionEntry | null = null;
  let worldRegion: string | null = null;
  let country: { name: string } | null = null;
  /** Segments no table knew, in order, for the gazetteer once the country is known. */
  const unknown: { text: string; at: number }[] = [];
  const shortOk = segments.length > 1 || result.remote;
  const foundEntries = () => found.flatMap((f) => (f.entry ? [f.entry] : []));
  const addCity = (entry: CityEntry, district: string | null = null): Found => {
    const known = found.find((f) => f.entry === entry);
    if (known) {
      known.place.district ??= district;
      return known;
    }
    const added = {
      place: { city: entry.name, district, region: entry.region, country: entry.country },
      entry,
    };
    found.push(added);
    return added;
  };

  // The index of the segment that named the last city: an unlisted district must follow it directly.
  let lastCityAt = -1;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    const key = segment.toLowerCase();
    const pair = i + 1 < segments.length ? `${key}, ${(segments[i + 1] as string).toLowerCase()}` : null;
    const pairCity = pair ? cityByAlias.get(pair) : undefined;
    if (pairCity) {
      addCity(pairCity);
      lastCityAt = ++i;
      continue;
    }
    const city = cityByAlias.get(key) ?? cityByAlias.get(key.replace(/市$/, ''));
    if (city) {
      addCity(city);
      lastCityAt = i;
      continue;
    }
    const districtHit = findDistrict(key, foundEntries());
    if (districtHit) {
      const own = found.find((f) => f.entry === districtHit.city);
      // A district of a city listed before the last one is not the last one's ("北京/上海·浦东新区").
      if (!own || own === found[found.length - 1]) addCity(districtHit.city, districtHit.zh);
      continue;
    }
    // Whichever name is longer starts the address: "海南藏族自治州…" is a prefecture, "北海道札幌" is Hokkaido.
    const province = cjkPrefixRegion(key);
    const prefix = cjkPrefixCity(key);
    if (prefix && !(province && province.length > prefix.length)) {
      addCity(prefix.city, districtAfter(prefix.rest, prefix.city));
      lastCityAt = i;
      continue;
    }
    if (province) {
      // The rest ("深圳市南山区") is read as a segment of its own, next.
      region ??= province.region;
      segments.splice(i + 1, 0, province.rest);
      continue;
    }
    const short = key.replace(/\./g, '').length <= 2;
    const regionHit = regionByAlias.get(key);
    const countryHit = countryByAlias.get(key);
    const isoCountry = findCountry(segment);
    if (short && !shortOk && !(isoCountry && !regionHit)) continue;
    // A two-letter code after a city is a state or province ("San Francisco, CA"); elsewhere a country.
    if (
      regionHit &&
      (!(countryHit || isoCountry) || (short && found.length + unknown.length > 0 && !country))
    ) {
      region ??= regionHit;
      continue;
    }
    if (countryHit || isoCountry) {
      country ??= countryHit ?? isoCountry;
      continue;
    }
    // "杭州·桐庐县": a district-shaped name right after the city, and not a county-level city of another.
    const last = found[found.length - 1];
    if (i === lastCityAt + 1 && last?.entry && !countyAliases.has(key) && DISTRICT_LIKE.test(key)) {
      last.place.district ??= key;
      continue;
    }
    unknown.push({ text: segment, at: found.length });
  }

  // What the project's tables did not know: the world's gazetteer, in the country the text names, else a
  // locality kept as written when it is the first thing named and looks like one.
  const nameCountry = country ? findCountry(country.name) : null;
  // "Bengaluru, Karnataka, IND": a division's name after the first unknown segment.
  for (const segment of [...unknown]) {
    const division = findWorldRegion(segment.text, nameCountry);
    if (division && unknown.length > 1 && segment !== unknown[0]) {
      worldRegion ??= division.name;
      country ??= { name: division.country.name };
      unknown.splice(unknown.indexOf(segment), 1);
    }
  }
  const countryCode = country ? findCountry(country.name) : null;
  const regionName = region?.name ?? worldRegion;
  let inserted = 0;
  // "San Francisco and New York" names two cities; "Reigate and Banstead" is one borough.
  for (let k = 0; k < unknown.length; k++) {
    const segment = unknown[k] as { text: string; at: number };
    const parts = segment.text.split(/\s+and\s+/i);
    if (
      parts.length > 1 &&
      !findWorldCity(segment.text, { country: countryCode }) &&
      parts.every(
        (part) => cityByAlias.has(part.toLowerCase()) || findWorldCity(part, { country: countryCode }),
      )
    ) {
      unknown.splice(k, 1, ...parts.map((text) => ({ text, at: segment.at })));
    }
  }
  for (const segment of unknown) {
    if (NOT_A_PLACE.test(segment.text)) continue;
    const known = cityByAlias.get(segment.text.toLowerCase());
    if (known) {
      found.splice(segment.at + inserted, 0, {
        place: { city: known.name, district: null, region: known.region, country: known.country },
        entry: known,
      });
      inserted++;
      continue;
    }
    const world = findWorldCity(segment.text, { country: countryCode, region: regionName });
    const firstNamed = segment.at === 0 && found.length === 0 && inserted === 0;
    if (!world && !(firstNamed && LOCALITY_SHAPE.test(segment.text))) continue;
    const place: Place = world
      ? { city: world.name, district: null, region: world.region ?? regionName, country: world.country.name }
      : {
          city: segment.text,
          district: null,
          region: regionName,
          country: country?.name ?? region?.country ?? null,
        };
    found.splice(segment.at + inserted, 0, { place, entry: null });
    inserted++;
  }

  const places = found.map((f) => f.place);
  const first = places[0];
  result.places = places;
  result.cities = places.map((p) => p.city);
  result.city = first?.city ?? null;
  result.district = first?.district ?? null;
  result.region = first?.region ?? region?.name ?? worldRegion ?? null;
  result.country = first?.country ?? country?.name ?? region?.country ?? null;
  return result;
}

function findDistrict(segment: string, cities: CityEntry[]): { city: CityEntry; zh: string } | null {
  const hits = districtByAlias.get(segment);
  if (!hits) return null;
  const inFound = hits.find((h) => cities.includes(h.city));
  if (inFound) return inFound;
  return cities.length === 0 && hits.length === 1 ? (hits[0] as { city: CityEntry; zh: string }) : null;
}

/** The canonical city name for "上海", "shanghai", "Shanghai", "上海市" …; null when unknown. */
export function resolveCity(input: string): string | null {
  if (typeof input !== 'string') return null;
  const key = foldText(input).toLowerCase().trim();
  if (!key) return null;
  const direct = cityByAlias.get(key) ?? cityByAlias.get(key.replace(/市$/, ''));
  if (direct) return direct.name;
  const rest = cjkPrefixRegion(key)?.rest ?? key;
  const city = cityByAlias.get(rest) ?? cityByAlias.get(rest.replace(/市$/, ''));
  return city?.name ?? cjkPrefixCity(rest)?.city.name ?? null;
}

/** Every canonical city name in the taxonomy. */
export function cityNames(): string[] {
  return cityList.map((c) => c.name);
}
