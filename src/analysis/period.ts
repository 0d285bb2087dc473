// Periods a user can name: a year (2025), a quarter (2025-Q3), a month (2025-06), an ISO week (2025-W14),
// a day (2025-06-01), a range of days (2025-01-01..2025-06-30), or the last N days/months before today
// (last-90-days, last-12-months). Also the period before and the period a year before, for comparisons.
import { UsageError } from '../errors.js';
import {
  addDays,
  daysInclusive,
  isoWeekOneMonday,
  isoWeeksInYear,
  isValidDay,
  monthEnd,
  pad,
  sameDayYearBefore,
  toDay,
} from './dates.js';
import type { Period } from './types.js';

export const PERIOD_FORMS =
  '2025 (year), 2025-Q3 (quarter), 2025-06 (month), 2025-W14 (ISO week), 2025-06-01 (day), ' +
  '2025-01-01..2025-06-30 (range), last-90-days, last-12-months';

type Kind =
  | { kind: 'year'; year: number }
  | { kind: 'quarter'; year: number; quarter: number }
  | { kind: 'month'; year: number; month: number }
  | { kind: 'week'; year: number; week: number }
  | { kind: 'range'; start: string; end: string };

/** Parses a period; anything else is a UsageError naming the accepted forms. */
export function parsePeriod(text: string, now: Date = new Date()): Period {
  const input = text.trim();
  const kind = parseKind(input, now);
  if (!kind) {
    throw new UsageError(`"${text}" is not a period: use one of ${PERIOD_FORMS}`, {
      code: 'bad-period',
      values: { text },
    });
  }
  return fromKind(kind);
}

/** The period of the same kind just before: 2025 → 2024, 2025-Q1 → 2024-Q4, a range → as many days before it. */
export function previousPeriod(period: Period): Period {
  const kind = kindOf(period);
  switch (kind.kind) {
    case 'year':
      return fromKind({ kind: 'year', year: kind.year - 1 });
    case 'quarter':
      return fromKind(
        kind.quarter === 1
          ? { kind: 'quarter', year: kind.year - 1, quarter: 4 }
          : { ...kind, quarter: kind.quarter - 1 },
      );
    case 'month':
      return fromKind(
        kind.month === 1
          ? { kind: 'month', year: kind.year - 1, month: 12 }
          : { ...kind, month: kind.month - 1 },
      );
    case 'week':
      return fromKind(
        kind.week === 1
          ? { kind: 'week', year: kind.year - 1, week: isoWeeksInYear(kind.year - 1) }
          : { ...kind, week: kind.week - 1 },
      );
    case 'range':
      return fromKind({
        kind: 'range',
        start: addDays(kind.start, -period.days),
        end: addDays(kind.start, -1),
      });
  }
}

/** The same period one year earlier: 2025-Q3 → 2024-Q3, 2025-W53 → 2024-W52 when 2024 has no week 53. */
export function yearBefore(period: Period): Period {
  const kind = kindOf(period);
  switch (kind.kind) {
    case 'year':
    case 'quarter':
    case 'month':
      return fromKind({ ...kind, year: kind.year - 1 });
    case 'week':
      return fromKind({
        kind: 'week',
        year: kind.year - 1,
        week: Math.min(kind.week, isoWeeksInYear(kind.year - 1)),
      });
    case 'range':
      return fromKind({
        kind: 'range',
        start: sameDayYearBefore(kind.start),
        end: sameDayYearBefore(kind.end),
      });
  }
}

/** A period from two days (inclusive), labelled as a range. */
export function periodBetween(start: string, end: string): Period {
  return fromKind({ kind: 'range', start, end });
}

function parseKind(input: string, now: Date): Kind | null {
  let m = /^(\d{4})$/.exec(input);
  if (m) return { kind: 'year', year: Number(m[1]) };
  m = /^(\d{4})-?Q([1-4])$/i.exec(input);
  if (m) return { kind: 'quarter', year: Number(m[1]), quarter: Number(m[2]) };
  m = /^(\d{4})-(\d{2})$/.exec(input);
  if (m) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? { kind: 'month', year: Number(m[1]), month } : null;
  }
  m = /^(\d{4})-?W(\d{2})$/i.exec(input);
  if (m) {
    const year = Number(m[1]);
    const week = Number(m[2]);
    return week >= 1 && week <= isoWeeksInYear(year) ? { kind: 'week', year, week } : null;
  }
  m = /^(\d{4}-\d{2}-\d{2})(?:\s*\.\.\s*(\d{4}-\d{2}-\d{2}))?$/.exec(input);
  if (m) {
    const start = m[1]!;
    const end = m[2] ?? start;
    if (!isValidDay(start) || !isValidDay(end)) return null;
    if (end < start)
      throw new UsageError(`the period ${input} ends before it starts: write the earlier day first`, {
        code: 'period-backwards',
        values: { text: input },
      });
    return { kind: 'range', start, end };
  }
  m = /^last-(\d{1,4})-(days|months)$/i.exec(input);
  if (m) {
    const n = Number(m[1]);
    if (n < 1) return null;
    const today = toDay(now);
    if (m[2]!.toLowerCase() === 'days') return { kind: 'range', start: addDays(today, -(n - 1)), end: today };
    const startDate = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n, now.getUTCDate()));
    return { kind: 'range', start: addDays(toDay(startDate), 1), end: today };
  }
  return null;
}

function fromKind(kind: Kind): Period {
  let label: string;
  let start: string;
  let end: string;
  switch (kind.kind) {
    case 'year':
      label = pad(kind.year, 4);
      start = `${label}-01-01`;
      end = `${label}-12-31`;
      break;
    case 'quarter': {
      label = `${pad(kind.year, 4)}-Q${kind.quarter}`;
      const firstMonth = (kind.quarter - 1) * 3 + 1;
      start = `${pad(kind.year, 4)}-${pad(firstMonth)}-01`;
      end = monthEnd(kind.year, firstMonth + 2);
      break;
    }
    case 'month':
      label = `${pad(kind.year, 4)}-${pad(kind.month)}`;
      start = `${label}-01`;
      end = monthEnd(kind.year, kind.month);
      break;
    case 'week':
      label = `${pad(kind.year, 4)}-W${pad(kind.week)}`;
      start = addDays(isoWeekOneMonday(kind.year), (kind.week - 1) * 7);
      end = addDays(start, 6);
      break;
    case 'range':
      label = kind.start === kind.end ? kind.start : `${kind.start}..${kind.end}`;
      start = kind.start;
      end = kind.end;
      break;
  }
  return { label, start, end, days: daysInclusive(start, end) };
}

function kindOf(period: Period): Kind {
  const kind = parseKind(period.label, new Date());
  // A label that is not a calendar unit (or does not match its dates) is treated as a plain range.
  if (kind && kind.kind !== 'range') {
    const again = fromKind(kind);
    if (again.start === period.start && again.end === period.end) return kind;
  }
  return { kind: 'range', start: period.start, end: period.end };
}
