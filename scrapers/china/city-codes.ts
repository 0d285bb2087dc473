// City and district codes of the Chinese job boards (智联 zhaopin, BOSS直聘 boss, 前程无忧 51job, 猎聘
// liepin), kept as data in city-codes.json and looked up by canonical English name ("Shanghai"), alias
// ("Xian") or Chinese name ("上海"). Every Chinese scraper turns the user's city into its board's code here.
import data from './city-codes.json' with { type: 'json' };

export type ChineseBoard = 'zhaopin' | 'boss' | '51job' | 'liepin';

interface DistrictEntry {
  en: string;
  admin: string;
  zhaopin?: string | null;
  boss?: string | null;
  '51job'?: string | null;
  liepin?: string | null;
}

export interface ChineseCity {
  /** Canonical English name, as stored in postings.city. */
  name: string;
  zh: string;
  aliases: string[];
  admin: string;
  zhaopin: string | null;
  boss: string | null;
  '51job': string | null;
  liepin: string | null;
  districts: Record<string, DistrictEntry>;
}

const cities: ChineseCity[] = Object.entries(data.cities).map(([name, entry]) => ({
  name,
  zh: entry.zh,
  aliases: entry.aliases,
  admin: entry.admin,
  zhaopin: entry.zhaopin,
  boss: entry.boss,
  '51job': entry['51job'],
  liepin: entry.liepin,
  districts: ('districts' in entry ? entry.districts : {}) as Record<string, DistrictEntry>,
}));

/** "Xi'an", "xian", "XI AN" → "xian": case, spaces and punctuation do not matter. */
function key(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s'’\-_.·]/g, '')
    .replace(/(市|city)$/u, '');
}

const byKey = new Map<string, ChineseCity>();
for (const city of cities) {
  for (const name of [city.name, city.zh, ...city.aliases]) byKey.set(key(name), city);
}

/** Every city with codes, in the order of the data file (largest first). */
export function chineseCities(): readonly ChineseCity[] {
  return cities;
}

/** The city for an English, alias or Chinese name ("Shanghai", "上海", "上海市"), or undefined. */
export function findChineseCity(name: string): ChineseCity | undefined {
  return byKey.get(key(name));
}

/** The board's code for a city ("zhaopin", "Shanghai" → "538"), or undefined when unknown. */
export function cityCode(board: ChineseBoard, city: string): string | undefined {
  return findChineseCity(city)?.[board] ?? undefined;
}

/** The board's code for a district of a city ("51job", "Shanghai", "浦东新区" or "Pudong" → "021000"). */
export function districtCode(board: ChineseBoard, city: string, district: string): string | undefined {
  const found = findChineseCity(city);
  if (!found) return undefined;
  const wanted = key(district);
  for (const [zh, entry] of Object.entries(found.districts)) {
    if (key(zh) === wanted || key(entry.en) === wanted || key(zh.replace(/(新区|区)$/u, '')) === wanted) {
      return entry[board] ?? undefined;
    }
  }
  return undefined;
}
