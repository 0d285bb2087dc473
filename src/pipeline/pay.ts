// Two judgements on stated pay, made once when a posting is read: which currency it is in when the source
// does not say (the currency of the posting's country, marked inferred so that a report can say so), and
// whether the figures are pay anyone is paid. Implausible figures ("1-1 Annually", 3 yuan a month, a
// million dollars an hour) are kept as given but left out of pay statistics.
import type { SalaryPeriod } from '../domain/posting.js';
import { currencyOfCountry } from './gazetteer.js';

export interface StatedPay {
  min: number | null;
  max: number | null;
  currency: string | null;
  period: SalaryPeriod | null;
}

/** The least pay per period that is pay in any currency (1 a year is a placeholder, not a salary). */
const FLOOR: Partial<Record<SalaryPeriod, number>> = { hour: 1, day: 5, week: 20, month: 50, year: 500 };
/** The most pay per period, in US dollars, that a job posting offers. */
const CEILING_USD: Partial<Record<SalaryPeriod, number>> = {
  hour: 1_000,
  day: 8_000,
  week: 40_000,
  month: 150_000,
  year: 2_000_000,
};
/** Rough units per US dollar, only to scale the ceiling (never to convert pay): within a factor of two is enough. */
const UNITS_PER_USD: Record<string, number> = {
  USD: 1,
  EUR: 1,
  GBP: 1,
  CHF: 1,
  CAD: 1.4,
  AUD: 1.5,
  NZD: 1.7,
  SGD: 1.35,
  CNY: 7.2,
  HKD: 7.8,
  TWD: 32,
  JPY: 150,
  KRW: 1_400,
  INR: 85,
  BRL: 5.5,
  MXN: 18,
  PLN: 4,
  SEK: 10.5,
  NOK: 10.5,
  DKK: 7,
  ILS: 3.7,
  PHP: 57,
  AED: 3.7,
};
/** A range whose top is more than this many times its bottom is not one job's pay. */
const MAX_SPREAD = 20;

/** Whether stated figures are not pay anyone is paid (kept, but left out of pay statistics). */
export function isImplausiblePay(pay: StatedPay): boolean {
  const low = pay.min ?? pay.max;
  const high = pay.max ?? pay.min;
  if (low === null || high === null) return false;
  if (low > 0 && high / low > MAX_SPREAD) return true;
  if (pay.period === null) return false;
  const floor = FLOOR[pay.period];
  if (floor !== undefined && high < floor) return true;
  const scale = pay.currency ? UNITS_PER_USD[pay.currency] : undefined;
  const ceiling = CEILING_USD[pay.period];
  return scale !== undefined && ceiling !== undefined && low > ceiling * scale;
}

/** The currency of a country ("India" → INR), to infer an unstated one; null when unknown. */
export function currencyForCountry(country: string | null): string | null {
  return country ? currencyOfCountry(country) : null;
}
