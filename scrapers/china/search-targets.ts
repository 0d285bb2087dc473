// What the Chinese scrapers share around a search: the common options (query, cities, pages),
// turning the requested cities into board codes, re-rooting absolute site links on a configured base URL
// (so tests and mirrors are followed there), and small helpers for the loosely typed JSON the boards send.
import { z } from 'zod';
import { NotRetryableError } from '../../src/fetch/errors.js';
import type { ScrapeRequest } from '../types.js';
import { type ChineseBoard, cityCode, findChineseCity } from './city-codes.js';

/** The AI-trainer search the project was made for, used when neither the request nor the config says. */
export const DEFAULT_CHINESE_QUERY = '人工智能训练师';

export const chineseSearchOptionsSchema = z
  .object({
    /** Search keywords (the request's query wins). */
    query: z.string().min(1).optional(),
    /** Canonical city names ("Shanghai") or Chinese names ("上海"); the request's city wins. */
    cities: z.array(z.string().min(1)).min(1).optional(),
    /** The board's own city code, for a city missing from scrapers/china/city-codes.json. */
    cityCode: z.string().regex(/^\d+$/, 'a numeric city code of the board').optional(),
    /** Result pages per city (the request's maxPages wins). */
    maxPages: z.number().int().min(1).max(100).default(5),
  })
  // Strict, so a typo in the config ("maxPage") is named instead of silently ignored.
  .strict();

export type ChineseSearchOptions = z.infer<typeof chineseSearchOptionsSchema>;

export interface SearchTarget {
  /** The city as asked ("Shanghai"), or undefined for a nationwide search. */
  city?: string;
  code: string;
}

/** The query, pages and (city, code) pairs a scrape covers; a city without a code is a clear error. */
export function searchPlan(
  board: ChineseBoard,
  context: { options: Partial<ChineseSearchOptions>; search: ScrapeRequest },
  defaultCities: string[] = ['Shanghai'],
): { query: string; maxPages: number; targets: SearchTarget[] } {
  const options = context.options ?? {};
  const query = context.search.query?.trim() || options.query || DEFAULT_CHINESE_QUERY;
  const maxPages = context.search.maxPages ?? options.maxPages ?? 5;
  if (options.cityCode && !context.search.city) {
    return { query, maxPages, targets: [{ city: options.cities?.[0], code: options.cityCode }] };
  }
  const cities = context.search.city ? [context.search.city] : (options.cities ?? defaultCities);
  const targets = cities.map((city) => {
    const code = cityCode(board, city);
    if (!code) {
      const known = findChineseCity(city);
      throw new NotRetryableError(
        known
          ? `no ${board} city code known for ${city}: set sources.${board}.cityCode in the config`
          : `unknown Chinese city "${city}": use a name from scrapers/china/city-codes.json (e.g. Shanghai, 上海) or set sources.${board}.cityCode`,
      );
    }
    return { city, code };
  });
  return { query, maxPages, targets };
}

/** `url` moved onto `baseUrl`'s origin when the scraper runs against a non-default base (tests, mirrors). */
export function reroot(url: string, baseUrl: string, defaultBaseUrl: string): string {
  if (sameOrigin(baseUrl, defaultBaseUrl)) return url;
  try {
    const target = new URL(url, baseUrl);
    const base = new URL(baseUrl);
    return `${base.origin}${target.pathname}${target.search}`;
  } catch {
    return url;
  }
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

/** A trimmed non-empty string from a loosely typed value (numbers become strings), else undefined. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed ? trimmed : undefined;
}

/** Non-empty strings of a list, reading `{ value }` items too (智联 skillLabel, welfareLabel). */
export function textList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((item) =>
      item && typeof item === 'object' ? text((item as Record<string, unknown>).value) : text(item),
    )
    .filter((item): item is string => item !== undefined);
}

/** Joins the parts that exist with the separator the boards show ("上海·浦东新区·张江"). */
export function joinLocation(...parts: (string | undefined)[]): string | undefined {
  const kept: string[] = [];
  for (const part of parts) {
    if (part && !kept.includes(part)) kept.push(part);
  }
  return kept.length ? kept.join('·') : undefined;
}

/** Drops undefined values, so `extra` only holds what the source gave. */
export function compact(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record).filter(
      ([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0),
    ),
  );
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
