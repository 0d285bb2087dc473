// Calendar arithmetic on YYYY-MM-DD strings in UTC: adding days, counting days, ISO weeks, months,
// quarters. Pure functions; no time zones beyond UTC dates.

const DAY_MS = 86_400_000;

export function toDate(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

export function toDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

// Day strings and their day numbers, remembered: coverage walks the same few thousand days many times over.
const dayNumbers = new Map<string, number>();
const dayStrings = new Map<number, string>();

function dayNumber(day: string): number {
  let n = dayNumbers.get(day);
  if (n === undefined) {
    n = Math.round(toDate(day).getTime() / DAY_MS);
    dayNumbers.set(day, n);
  }
  return n;
}

function dayString(n: number): string {
  let day = dayStrings.get(n);
  if (day === undefined) {
    day = toDay(new Date(n * DAY_MS));
    dayStrings.set(n, day);
  }
  return day;
}

export function addDays(day: string, days: number): string {
  return dayString(dayNumber(day) + days);
}

/** Days from `start` to `end` inclusive (1 for the same day). */
export function daysInclusive(start: string, end: string): number {
  return Math.round((toDate(end).getTime() - toDate(start).getTime()) / DAY_MS) + 1;
}

/** True when `text` is a real calendar date written YYYY-MM-DD. */
export function isValidDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = toDate(text);
  return !Number.isNaN(date.getTime()) && toDay(date) === text;
}

/** Last day of a month (month 1–12). */
export function monthEnd(year: number, month: number): string {
  return toDay(new Date(Date.UTC(year, month, 0)));
}

export function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** Monday of ISO week 1 of `year` (the week with the year's first Thursday). */
export function isoWeekOneMonday(year: number): string {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const weekday = (jan4.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return toDay(new Date(jan4.getTime() - weekday * DAY_MS));
}

/** Number of ISO weeks in a year: 53 when it starts on a Thursday, or a leap year starting on Wednesday. */
export function isoWeeksInYear(year: number): number {
  const next = toDate(isoWeekOneMonday(year + 1)).getTime();
  const first = toDate(isoWeekOneMonday(year)).getTime();
  return Math.round((next - first) / (7 * DAY_MS));
}

/** The ISO week a day falls in: year (which may differ from the calendar year) and week number. */
export function isoWeekOf(day: string): { year: number; week: number } {
  const date = toDate(day);
  const weekday = (date.getUTCDay() + 6) % 7;
  const thursday = new Date(date.getTime() + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - toDate(isoWeekOneMonday(year)).getTime()) / (7 * DAY_MS)) + 1;
  return { year, week };
}

/** Monday of the week containing `day`. */
export function mondayOf(day: string): string {
  const weekday = (toDate(day).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

/** The same day of the month one year earlier (29 February becomes 28 February). */
export function sameDayYearBefore(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const lastDay = Number(monthEnd(year - 1, month).slice(8));
  return `${pad(year - 1, 4)}-${pad(month)}-${pad(Math.min(date, lastDay))}`;
}
