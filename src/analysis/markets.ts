// Job markets with their own hiring calendars, and which market a posting's country belongs to. The one place
// that maps countries (the postings' `country` column: English names today, ISO codes accepted too) to the
// seasonal caveats analysis prints: Spring Festival and 金三银四 only for mainland China, other markets'
// seasons elsewhere. Pure data and lookups.

export type Market = 'mainland-china' | 'north-america' | 'europe' | 'india';

/** Country names and codes (compared case-insensitively) by market. Hong Kong, Macau and Taiwan are not mainland China. */
const COUNTRIES: Record<Market, readonly string[]> = {
  'mainland-china': ['china', 'cn', 'chn', "people's republic of china", 'prc', '中国', '中华人民共和国'],
  'north-america': [
    'united states',
    'united states of america',
    'us',
    'usa',
    'u.s.',
    'u.s.a.',
    'canada',
    'ca',
    'can',
  ],
  europe: [
    'united kingdom',
    'uk',
    'u.k.',
    'gb',
    'gbr',
    'great britain',
    'england',
    'scotland',
    'wales',
    'ireland',
    'ie',
    'germany',
    'de',
    'deu',
    'france',
    'fr',
    'netherlands',
    'nl',
    'belgium',
    'spain',
    'es',
    'portugal',
    'italy',
    'it',
    'switzerland',
    'austria',
    'poland',
    'pl',
    'sweden',
    'se',
    'denmark',
    'norway',
    'finland',
    'czechia',
    'czech republic',
    'romania',
    'greece',
    'hungary',
  ],
  india: ['india', 'in', 'ind'],
};

const BY_COUNTRY = new Map<string, Market>(
  (Object.entries(COUNTRIES) as [Market, readonly string[]][]).flatMap(([market, names]) =>
    names.map((name) => [name, market] as [string, Market]),
  ),
);

/** The market of a country as stored (null when unknown or not one with a calendar here). */
export function marketOf(country: string | null | undefined): Market | null {
  if (!country) return null;
  return BY_COUNTRY.get(country.trim().toLowerCase()) ?? null;
}

/** The hiring seasons below, one id each (the report words them by id in other languages). */
export type SeasonId =
  | 'jin-san-yin-si'
  | 'jin-jiu-yin-shi'
  | 'north-america-year-end'
  | 'north-america-summer'
  | 'europe-year-end'
  | 'europe-summer'
  | 'india-festivals'
  | 'india-appraisals';

/** A market's hiring seasons: months (1–12) a caveat is about, and what it says. */
export interface Season {
  id: SeasonId;
  months: number[];
  /** Shown when both periods touch `months` but not equally (or, with `always`, when either touches them). */
  always?: boolean;
  text: string;
}

/** Seasons by market; Spring Festival is added with its dates by the caveats (it moves each year). */
export const SEASONS: Record<Market, Season[]> = {
  'mainland-china': [
    {
      id: 'jin-san-yin-si',
      months: [3, 4],
      text: '金三银四: March and April are the busiest hiring months in mainland China; a period with them runs high against one without.',
    },
    {
      id: 'jin-jiu-yin-shi',
      months: [9, 10],
      text: '金九银十: September and October are mainland China’s second hiring peak (and the National Day holiday pauses it in early October).',
    },
  ],
  'north-america': [
    {
      id: 'north-america-year-end',
      months: [11, 12],
      text: 'Year-end in the United States and Canada: hiring slows from Thanksgiving through the December holidays, and picks up again in January.',
    },
    {
      id: 'north-america-summer',
      months: [7, 8],
      text: 'Summer in the United States and Canada: hiring is usually slower in July and August.',
    },
  ],
  europe: [
    {
      id: 'europe-year-end',
      months: [12],
      text: 'Year-end in Europe: hiring slows over the December holidays and picks up in January.',
    },
    {
      id: 'europe-summer',
      months: [7, 8],
      text: 'Summer in Europe: August especially is a holiday month, and hiring slows with it.',
    },
  ],
  india: [
    {
      id: 'india-festivals',
      months: [10, 11],
      text: 'Festival season in India: hiring slows around Diwali (October or November).',
    },
    {
      id: 'india-appraisals',
      months: [4, 5, 6],
      text: 'Appraisal season in India: April to June, after the annual appraisals, is a busy time for job changes.',
    },
  ],
};

/** Chinese New Year (春节, first day of the lunar year), from the published calendars. */
export const SPRING_FESTIVAL: Record<number, string> = {
  2019: '2019-02-05',
  2020: '2020-01-25',
  2021: '2021-02-12',
  2022: '2022-02-01',
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-03',
};

/**
 * The markets whose calendars apply to postings with these country counts: each market with at least
 * `minShare` of the postings whose country is known.
 */
export function marketsOf(
  counts: ReadonlyArray<{ country: string | null; postings: number }>,
  minShare = 0.1,
): { markets: Market[]; unknown: number; known: number } {
  const byMarket = new Map<Market | 'other', number>();
  let unknown = 0;
  let known = 0;
  for (const { country, postings } of counts) {
    if (!country) {
      unknown += postings;
      continue;
    }
    known += postings;
    const market = marketOf(country) ?? 'other';
    byMarket.set(market, (byMarket.get(market) ?? 0) + postings);
  }
  const markets = (Object.keys(SEASONS) as Market[]).filter(
    (m) => known > 0 && (byMarket.get(m) ?? 0) / known >= minShare,
  );
  return { markets, unknown, known };
}
