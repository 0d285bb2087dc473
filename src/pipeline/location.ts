// Locations → city / district / region / country / remote, from cities.json and counties.json.
// "上海·浦东新区·张江", "上海-徐汇区", "广东省深圳市南山区", "Shanghai, China", "Remote (US)", "San Francisco, CA",
// "北京/上海". The Chinese, English and pinyin names of a city map to one canonical English name
// (postings.city); districts keep their Chinese name.

import places from '../taxonomy/cities.json' with { type: 'json' };
import counties from '../taxonomy/counties.json' with { type: 'json' };
import { Memo } from './memo.js';
import { foldText } from './text.js';

export interface ParsedLocation {
  /** Canonical English city name ("Shanghai"), the first one when several are listed. */
  city: string | null;
  /** Chinese district of that city ("浦东新区"), when given. */
  district: string | null;
  /** Province, state or world region ("Guangdong", "California", "Europe"). */
  region: string | null;
  country: string | null;
  remote: boolean;
  /** Every city named, in order ("北京/上海" → Beijing, Shanghai). */
  cities: string[];
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
  /\b(remote|fully remote|100% remote|anywhere|work from home|wfh|telecommute|distributed)\b|远程|居家办公|在家办公|线上办公|不限地点/g;
// Without /g: test() must not keep state between calls.
const IS_REMOTE = new RegExp(REMOTE.source);
const NOISE =
  /\b(hybrid|on-?site|in-office|office|or|and|based|only|timezone|time zone)\b|(?:^|\s)(?:全国|不限|其他|异地招聘)(?:\s|$)/g;
const SPLIT = /\s*(?:[·•・/,，、|;；()（）[\]【】\n:：+&]|\s-\s|\s–\s|-)\s*/;

/**
 * A district, county or county-level city named after its city ("杭州·桐庐县", "金华·义乌市", "贵阳市云岩区"):
 * kept as the district even when cities.json does not list it.
 */
const DISTRICT_LIKE = /^[\u3400-\u9fff]{1,12}(?:区|县|旗|市)$/;
/** The district that starts a longer address ("浦东新区张江镇" → "浦东新区"). */
const DISTRICT_PREFIX = /^[\u3400-\u9fff]{1,6}?(?:区|县|旗)/;

/** The district named by what follows a city in an unseparated address: listed, or shaped like one. */
function districtAfter(rest: string, city: CityEntry): string | null {
  if (!rest) return null;
  const listed = findDistrict(rest, [city]);
  if (listed) return listed.zh;
  if (countyAliases.has(rest)) return null;
  if (DISTRICT_LIKE.test(rest)) return rest;
  const head = DISTRICT_PREFIX.exec(rest)?.[0];
  if (!head) return null;
  return findDistrict(head, [city])?.zh ?? (countyAliases.has(head) ? null : head);
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

function readLocation(text: string | null | undefined): ParsedLocation {
  const result: ParsedLocation = {
    city: null,
    district: null,
    region: null,
    country: null,
    remote: false,
    cities: [],
  };
  if (typeof text !== 'string') return result;
  let t = foldText(text).toLowerCase().trim();
  if (t.length === 0 || t.length > 500) return result;
  if (IS_REMOTE.test(t)) result.remote = true;
  t = t.replace(REMOTE, ' ').replace(NOISE, ' ');

  const segments = t
    .split(SPLIT)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .slice(0, 20);
  const found: CityEntry[] = [];
  let district: string | null = null;
  let region: RegionEntry | null = null;
  let country: CountryEntry | null = null;
  const shortOk = segments.length > 1 || result.remote;

  // The index of the segment that named the first city: an unlisted district must follow it directly.
  let firstCityAt = -1;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    const pair = i + 1 < segments.length ? `${segment}, ${segments[i + 1]}` : null;
    const pairCity = pair ? cityByAlias.get(pair) : undefined;
    if (pairCity) {
      if (!found.includes(pairCity)) found.push(pairCity);
      i++;
      continue;
    }
    const city = cityByAlias.get(segment) ?? cityByAlias.get(segment.replace(/市$/, ''));
    if (city) {
      if (!found.includes(city)) found.push(city);
      if (city === found[0]) firstCityAt = i;
      continue;
    }
    const districtHit = findDistrict(segment, found);
    if (districtHit) {
      if (!found.includes(districtHit.city)) found.push(districtHit.city);
      district ??= districtHit.city === found[0] ? districtHit.zh : null;
      continue;
    }
    // Whichever name is longer starts the address: "海南藏族自治州…" is a prefecture, "北海道札幌" is Hokkaido.
    const province = cjkPrefixRegion(segment);
    const prefix = cjkPrefixCity(segment);
    if (prefix && !(province && province.length > prefix.length)) {
      if (!found.includes(prefix.city)) found.push(prefix.city);
      if (prefix.city === found[0]) district ??= districtAfter(prefix.rest, prefix.city);
      continue;
    }
    if (province) {
      // The rest ("深圳市南山区") is read as a segment of its own, next.
      region ??= province.region;
      segments.splice(i + 1, 0, province.rest);
      continue;
    }
    const short = segment.replace(/\./g, '').length <= 2;
    if (short && !shortOk) continue;
    const regionHit = regionByAlias.get(segment);
    const countryHit = countryByAlias.get(segment);
    // A two-letter code after a city is a state or province ("San Francisco, CA"); elsewhere a country.
    if (regionHit && (!countryHit || (short && found.length > 0 && !country))) {
      region ??= regionHit;
      continue;
    }
    if (countryHit) {
      country ??= countryHit;
      continue;
    }
    // "杭州·桐庐县": a district-shaped name right after the city, and not a county-level city of another.
    if (
      i === firstCityAt + 1 &&
      found.length === 1 &&
      !countyAliases.has(segment) &&
      DISTRICT_LIKE.test(segment)
    ) {
      district ??= segment;
    }
  }

  const first = found[0];
  result.cities = found.map((c) => c.name);
  result.city = first?.name ?? null;
  result.district = first ? district : null;
  result.region = first?.region ?? region?.name ?? null;
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
