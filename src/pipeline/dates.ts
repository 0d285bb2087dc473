// Posting dates → ISO text with a precision flag. Exact times become UTC ISO ("2025-03-05T02:00:00.000Z");
// dates and relative forms ("3天前", "2 days ago", "昨天", "03-05") become the day the source meant, in the
// source's time zone ("2025-03-05"), counted from the moment the page was seen. "30+ days ago" is censored:
// the value is the latest day it can be (seen − 30 days), the flag says "at least that old".
// Relative hours and minutes are kept at day precision on purpose: "3小时前" read on two scrapes must give the
// same value, or every re-scrape would look like a change.
import type { DatePrecision } from '../domain/posting.js';
import { Memo } from './memo.js';
import { foldText } from './text.js';

export interface ParsedDate {
  value: string;
  precision: DatePrecision;
}

export interface DateContext {
  /** When the page was fetched: relative forms count back from here. */
  seenAt: Date;
  /** IANA time zone of the source (Asia/Shanghai for Chinese boards); default UTC. */
  timeZone?: string;
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const MIN_YEAR = 1990;
const MAX_YEAR = 2100;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat | null {
  const cached = formatters.get(timeZone);
  if (cached) return cached;
  try {
    const made = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, made);
    return made;
  } catch {
    return null;
  }
}

/** The wall-clock parts of an instant in a time zone (UTC when the zone is unknown). */
function partsIn(epochMs: number, timeZone: string): LocalParts {
  const f = formatter(timeZone) ?? (formatter('UTC') as Intl.DateTimeFormat);
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(epochMs)))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** The instant at which a wall-clock time happens in a time zone. */
function zonedToEpoch(p: LocalParts, timeZone: string): number {
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const seen = partsIn(guess, timeZone);
    const offset = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute, seen.second) - guess;
    guess = asUtc - offset;
  }
  return guess;
}

function dayText(year: number, month: number, day: number): string | null {
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}

function shiftDay(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function exact(epochMs: number): ParsedDate | null {
  if (!Number.isFinite(epochMs)) return null;
  const d = new Date(epochMs);
  const year = d.getUTCFullYear();
  if (Number.isNaN(d.getTime()) || year < MIN_YEAR || year > MAX_YEAR) return null;
  return { value: d.toISOString(), precision: 'exact' };
}

function day(value: string | null, precision: DatePrecision = 'day'): ParsedDate | null {
  return value ? { value, precision } : null;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const MONTH_NAME = '(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\\.?';

const UNIT_DAYS: Record<string, number> = {
  天: 1,
  日: 1,
  day: 1,
  周: 7,
  星期: 7,
  week: 7,
  wk: 7,
  个月: 30,
  月: 30,
  month: 30,
  年: 365,
  year: 365,
  yr: 365,
};
const UNIT_MS: Record<string, number> = {
  秒: 1000,
  second: 1000,
  sec: 1000,
  分钟: 60_000,
  分: 60_000,
  minute: 60_000,
  min: 60_000,
  小时: 3_600_000,
  钟头: 3_600_000,
  hour: 3_600_000,
  hr: 3_600_000,
  h: 3_600_000,
};

/**
 * Parses a posting date as a source shows it. Null when the input is not a date; never throws.
 * Epoch numbers: above 1e11 are milliseconds, above 1e8 seconds.
 */
export function parseDate(
  input: string | number | null | undefined,
  context: DateContext,
): ParsedDate | null {
  const seenMs = context.seenAt.getTime();
  if (!Number.isFinite(seenMs)) return null;
  const zone = context.timeZone && formatter(context.timeZone) ? context.timeZone : 'UTC';
  if (typeof input === 'number') return parseEpoch(input);
  if (typeof input !== 'string') return null;
  // A text's meaning depends on the zone and, for relative forms ("3天前"), on when it was seen.
  return dateTexts.get(`${zone}\u0000${seenMs}\u0000${input}`, () => parseDateText(input, zone, seenMs));
}

/** Parsed date texts, by zone, time seen and text. */
const dateTexts = new Memo<ParsedDate | null>();

function parseDateText(input: string, zone: string, seenMs: number): ParsedDate | null {
  const text = foldText(input)
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(
      /^(re-?posted|posted|updated|active|published|发布于|更新于|发布时间[:：]?|更新时间[:：]?)\s*/,
      '',
    )
    .replace(/\s*(发布|更新)$/, '')
    .trim();
  if (text.length === 0 || text.length > 80) return null;

  if (/^\d{12,13}$/.test(text) || /^\d{9,10}$/.test(text)) return parseEpoch(Number(text));
  return parseAbsolute(text, zone, seenMs) ?? parseRelative(text, zone, seenMs);
}

function parseEpoch(n: number): ParsedDate | null {
  if (!Number.isFinite(n)) return null;
  if (n > 1e11) return exact(n);
  if (n > 1e8) return exact(n * 1000);
  return null;
}

function parseAbsolute(text: string, zone: string, seenMs: number): ParsedDate | null {
  let m =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/.exec(text);
  if (m) return day(dayText(Number(m[1]), Number(m[2]), Number(m[3])));

  m =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:t| )(\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(z|utc|gmt|[+-]\d{2}:?\d{2})?$/.exec(
      text,
    );
  if (m) {
    if (!dayText(Number(m[1]), Number(m[2]), Number(m[3]))) return null;
    const parts = {
      year: Number(m[1]),
      month: Number(m[2]),
      day: Number(m[3]),
      hour: Number(m[4]),
      minute: Number(m[5]),
      second: Number(m[6] ?? 0),
    };
    if (parts.hour > 23 || parts.minute > 59 || parts.second > 59) return null;
    const fraction = m[7] ? Math.round(Number(m[7]) * 1000) : 0;
    const zoneText = m[8];
    if (!zoneText) return exact(zonedToEpoch(parts, zone) + fraction);
    const base =
      Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) + fraction;
    if (zoneText === 'z' || zoneText === 'utc' || zoneText === 'gmt') return exact(base);
    const sign = zoneText.startsWith('-') ? -1 : 1;
    const digits = zoneText.slice(1).replace(':', '');
    const offsetMin = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4));
    if (offsetMin > 14 * 60) return null;
    return exact(base - sign * offsetMin * 60_000);
  }

  // RFC 2822 and similar with a time and a zone: "Wed, 05 Mar 2025 10:00:00 GMT".
  m = new RegExp(
    `^(?:[a-z]{3},? )?(\\d{1,2}) ${MONTH_NAME} (\\d{4}) (\\d{1,2}):(\\d{2})(?::(\\d{2}))? ?(gmt|utc|z|[+-]\\d{4})?$`,
  ).exec(text);
  if (m) {
    const month = MONTHS[(m[2] as string).slice(0, 3)] ?? 0;
    const date = dayText(Number(m[3]), month, Number(m[1]));
    const hour = Number(m[4]);
    const minute = Number(m[5]);
    const second = Number(m[6] ?? 0);
    if (!date || hour > 23 || minute > 59 || second > 59) return null;
    const parts = { year: Number(m[3]), month, day: Number(m[1]), hour, minute, second };
    const zoneText = m[7];
    if (!zoneText) return exact(zonedToEpoch(parts, zone));
    const base = Date.UTC(parts.year, month - 1, parts.day, hour, minute, second);
    if (!/^[+-]/.test(zoneText)) return exact(base);
    const sign = zoneText.startsWith('-') ? -1 : 1;
    const offsetMin = Number(zoneText.slice(1, 3)) * 60 + Number(zoneText.slice(3, 5));
    return exact(base - sign * offsetMin * 60_000);
  }

  // "March 5, 2025", "5 March 2025", "Mar 5" (no year: this year, or last year if that is in the future).
  m = new RegExp(`^${MONTH_NAME} (\\d{1,2})(?:st|nd|rd|th)?,? ?(\\d{4})?$`).exec(text);
  if (m) return monthDay(MONTHS[(m[1] as string).slice(0, 3)] ?? 0, Number(m[2]), m[3], zone, seenMs);
  m = new RegExp(`^(\\d{1,2}) ${MONTH_NAME},? ?(\\d{4})?$`).exec(text);
  if (m) return monthDay(MONTHS[(m[2] as string).slice(0, 3)] ?? 0, Number(m[1]), m[3], zone, seenMs);

  // "03-05", "3/5", "3月5日": month and day of this year, or last year if that would be in the future.
  m = /^(\d{1,2})[-/.](\d{1,2})$/.exec(text) ?? /^(\d{1,2})月(\d{1,2})日?$/.exec(text);
  if (m) return monthDay(Number(m[1]), Number(m[2]), undefined, zone, seenMs);

  // "08:00" (as in "08:00发布"): today at that time, or yesterday if that is still to come.
  m = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (m) {
    const hour = Number(m[1]);
    const minute = Number(m[2]);
    if (hour > 23 || minute > 59) return null;
    const seen = partsIn(seenMs, zone);
    let at = zonedToEpoch({ ...seen, hour, minute, second: 0 }, zone);
    if (at > seenMs) at -= DAY_MS;
    return exact(at);
  }
  return null;
}

function monthDay(
  month: number,
  dayOfMonth: number,
  yearText: string | undefined,
  zone: string,
  seenMs: number,
): ParsedDate | null {
  if (yearText) return day(dayText(Number(yearText), month, dayOfMonth));
  const seen = partsIn(seenMs, zone);
  const today = dayText(seen.year, seen.month, seen.day) as string;
  const thisYear = dayText(seen.year, month, dayOfMonth);
  if (thisYear && thisYear <= today) return day(thisYear);
  return day(dayText(seen.year - 1, month, dayOfMonth));
}

function parseRelative(text: string, zone: string, seenMs: number): ParsedDate | null {
  const seen = partsIn(seenMs, zone);
  const today = dayText(seen.year, seen.month, seen.day);
  if (!today) return null;
  if (
    /^(刚刚|刚才|just now|just posted|moments? ago|a moment ago|few (seconds|minutes) ago|今天|今日|today|new|1秒前)$/.test(
      text,
    )
  ) {
    return day(today);
  }
  if (/^(昨天|昨日|yesterday)$/.test(text)) return day(shiftDay(today, -1));
  if (/^(前天)$/.test(text)) return day(shiftDay(today, -2));

  const zh = /^(\d+|一|两|半)\s*(\+)?\s*(秒|分钟|分|小时|钟头|天|日|周|星期|个月|月|年)(\+|以上)?前$/.exec(
    text,
  );
  const en =
    /^(\d+|an?|one)\s*(\+)?\s*(second|sec|minute|min|hour|hr|h|day|week|wk|month|year|yr)s?(\+)?\s*ago$/.exec(
      text,
    );
  const m = zh ?? en;
  if (!m) return null;
  const count =
    m[1] === '一' || m[1] === 'a' || m[1] === 'an' || m[1] === 'one'
      ? 1
      : m[1] === '两'
        ? 2
        : m[1] === '半'
          ? 0.5
          : Number(m[1]);
  const unit = m[3] as string;
  const censored = Boolean(m[2] ?? m[4]);
  if (!Number.isFinite(count) || count > 10_000) return null;
  const ms = UNIT_MS[unit];
  if (ms !== undefined) {
    const at = partsIn(seenMs - count * ms, zone);
    return day(dayText(at.year, at.month, at.day), censored ? 'censored' : 'day');
  }
  const days = UNIT_DAYS[unit];
  if (days === undefined) return null;
  const back = Math.round(count * days);
  if (back > 366 * 50) return null;
  return day(shiftDay(today, -back), censored ? 'censored' : 'day');
}
