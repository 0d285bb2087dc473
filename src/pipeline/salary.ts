// Salary parsing: "15-25K·13薪", "1.5-2万/月", "$50–$70/hr", "Up to £45,000 per annum", schema.org
// baseSalary objects … → min / max / currency / period / months / negotiable, always keeping the raw text.
// Numbers are currency units per period: "15-25K·13薪" → 15000–25000 CNY a month, 13 months a year.
// K means thousands (of CNY per month on Chinese boards); 万 ten thousands; 千 thousands.
import type { SalaryPeriod, SchemaOrgSalary } from '../domain/posting.js';
import { Memo } from './memo.js';
import { foldText, hasCjk } from './text.js';

export interface ParsedSalary {
  min: number | null;
  max: number | null;
  /** ISO 4217 code (CNY, USD, GBP, EUR …), null when the text does not say. */
  currency: string | null;
  period: SalaryPeriod | null;
  /** Months paid per year ("13薪" → 13), null when not stated. */
  months: number | null;
  /** "面议" / "Negotiable": the source says pay is agreed case by case. */
  negotiable: boolean;
  /** What the source showed (a JSON text for schema.org objects). */
  raw: string;
}

export interface SalaryOptions {
  /** Currency to assume for bare numbers ("15-25K" on a Chinese board: CNY). */
  currency?: string;
}

const MAX_TEXT = 300;
const MAX_AMOUNT = 1e9;

/** Parsed salary texts, by the currency assumed for bare numbers and the text. */
const salaryTexts = new Memo<ParsedSalary | null>();

/** Parses a salary text or schema.org MonetaryAmount; null when nothing salary-like is found. */
export function parseSalary(
  input: string | SchemaOrgSalary | undefined | null,
  options: SalaryOptions = {},
): ParsedSalary | null {
  if (input === undefined || input === null) return null;
  if (typeof input === 'string') {
    return salaryTexts.get(`${options.currency ?? ''}\u0000${input}`, () => parseSalaryText(input, options));
  }
  if (typeof input === 'object') return parseSchemaOrgSalary(input, options);
  return null;
}

const CURRENCIES: [RegExp, string][] = [
  [/hk\$|港币|港元|\bhkd\b/, 'HKD'],
  [/\bc\$|\bca\$|\bcad\b|加元/, 'CAD'],
  [/\ba\$|\bau\$|\baud\b|澳元/, 'AUD'],
  [/\bs\$|\bsgd\b|新币/, 'SGD'],
  [/\bjpy\b|円|日元/, 'JPY'],
  [/\binr\b|₹|\brs\.?\s*\d/, 'INR'],
  [/us\$|\$|\busd\b|美元|美金/, 'USD'],
  [/£|\bgbp\b|英镑/, 'GBP'],
  [/€|\beur\b|欧元/, 'EUR'],
  [/¥|元|人民币|\brmb\b|\bcny\b/, 'CNY'],
];

const PERIODS: [RegExp, SalaryPeriod][] = [
  [
    /\/\s*(条|件|张|单|个|题|份|段|帧|框|篇|piece|task|item|unit)|每\s*(条|件|张|单|个|题|份)|\bper (task|item|piece|unit)\b|计件/,
    'piece',
  ],
  [/(\/|\bper\b|\ban?\b|每)\s*(hour|hr|h|小时|时)(?![a-z])|\bhourly\b|时薪|\d\s*k?\s*(hr|hrs)\b/, 'hour'],
  [/(\/|\bper\b|\ba\b|每)\s*(day|天|日)(?![a-z])|\bdaily\b|日薪|\bper diem\b/, 'day'],
  [/(\/|\bper\b|\ba\b|每)\s*(week|wk|周)(?![a-z])|\bweekly\b|周薪/, 'week'],
  [/(\/|\bper\b|\ba\b|每)\s*(month|mo|mth|月)(?![a-z])|\bmonthly\b|月薪|\bpcm\b/, 'month'],
  [
    /(\/|\bper\b|\ba\b|每)\s*(year|yr|annum|年)(?![a-z])|\bannual(ly)?\b|\byearly\b|年薪|\bp\.?a\.?(?![a-z])|\bper annum\b/,
    'year',
  ],
];

const NEGOTIABLE =
  /面议|面谈|薪资面议|待遇面议|negotiable|\bdoe\b|depending on experience|commensurate|competitive/;
const LOWER_BOUND = /以上|起|\bfrom\b|\bat least\b|\bminimum\b|\bmin\b|\d\s*[k万千w]?\s*\+|≥|>=/;
const UPPER_BOUND = /以下|以内|\bup to\b|\bmaximum\b|\bmax\b|不超过|最高|≤|<=|\bunder\b/;
const NUMBER = /(\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(\s*(?:千|万)|[kw](?![a-z]))?/g;
const RANGE_GAP = /^\s*[$£€¥]?\s*(?:-|~|至|到|to)\s*(?:[a-z]{0,2}[$£€¥]|rmb|usd|gbp|eur|cny)?\s*$/;

interface Amount {
  value: number;
  unit: number | null;
  start: number;
  end: number;
}

function parseSalaryText(input: string, options: SalaryOptions): ParsedSalary | null {
  const raw = input;
  let text = foldText(input).toLowerCase().trim();
  if (text.length === 0 || text.length > MAX_TEXT) return null;
  const chinese = hasCjk(text);

  let months: number | null = null;
  text = text.replace(/(\d{1,2}(?:\.\d)?)\s*薪/, (_, m: string) => {
    const n = Number(m);
    if (n >= 1 && n <= 36) months = n;
    return ' ';
  });

  const negotiable = NEGOTIABLE.test(text);
  const amounts = findAmounts(text);
  if (amounts.length === 0) {
    return negotiable ? empty(raw, { negotiable: true, months }) : null;
  }

  const currency = detectCurrency(text) ?? (chinese ? 'CNY' : (options.currency?.toUpperCase() ?? null));
  let period = PERIODS.find(([re]) => re.test(text))?.[1] ?? null;

  const first = amounts[0] as Amount;
  const second = amounts[1];
  let min: number | null;
  let max: number | null;
  if (second && RANGE_GAP.test(text.slice(first.end, second.start))) {
    // "15-25K": the unit written once applies to both ends, unless the first end is clearly a full
    // amount already ("5000-1.2万").
    const unitA = first.unit ?? (second.unit !== null && first.value <= second.value * 10 ? second.unit : 1);
    min = first.value * unitA;
    max = second.value * (second.unit ?? 1);
    if (min > max) [min, max] = [max, min];
  } else {
    const value = first.value * (first.unit ?? 1);
    const before = text.slice(0, first.start);
    const after = text.slice(first.end);
    if (UPPER_BOUND.test(before) || /^\s*[元块]?\s*(以下|以内)/.test(after)) {
      min = null;
      max = value;
    } else if (LOWER_BOUND.test(text)) {
      min = value;
      max = null;
    } else {
      min = value;
      max = value;
    }
  }
  const hasUnit = amounts.slice(0, 2).some((a) => a.unit !== null);
  if (!currency && !hasUnit && !period && months === null) return null;
  const top = Math.max(min ?? 0, max ?? 0);
  if (!Number.isFinite(top) || top <= 0 || top > MAX_AMOUNT) return null;
  period ??= defaultPeriod(currency, top, hasUnit);
  return { min: round(min), max: round(max), currency, period, months, negotiable, raw };
}

function findAmounts(text: string): Amount[] {
  const amounts: Amount[] = [];
  for (const match of text.matchAll(NUMBER)) {
    const value = Number((match[1] as string).replace(/,/g, ''));
    if (!Number.isFinite(value)) continue;
    const unitText = (match[2] ?? '').trim();
    const unit = unitText === '' ? null : unitText === '万' || unitText === 'w' ? 10_000 : 1_000;
    const start = match.index ?? 0;
    amounts.push({ value, unit, start, end: start + match[0].length });
    if (amounts.length === 2) break;
  }
  return amounts;
}

function detectCurrency(text: string): string | null {
  for (const [re, code] of CURRENCIES) if (re.test(text)) return code;
  return null;
}

/** When the text names no period: Chinese pay is monthly (yearly from 100k up); large figures in another
 * named currency yearly; without a currency there is no telling. */
function defaultPeriod(currency: string | null, top: number, hasUnit: boolean): SalaryPeriod | null {
  if (currency === 'CNY') return top >= 100_000 ? 'year' : hasUnit || top >= 1000 ? 'month' : null;
  if (currency !== null && top >= 10_000) return 'year';
  return null;
}

function round(value: number | null): number | null {
  return value === null ? null : Math.round(value * 100) / 100;
}

function empty(raw: string, extra: { negotiable: boolean; months: number | null }): ParsedSalary {
  return { min: null, max: null, currency: null, period: null, raw, ...extra };
}

const UNIT_TEXT: Record<string, SalaryPeriod> = {
  hour: 'hour',
  hourly: 'hour',
  day: 'day',
  daily: 'day',
  week: 'week',
  weekly: 'week',
  month: 'month',
  monthly: 'month',
  year: 'year',
  yearly: 'year',
  annual: 'year',
  annually: 'year',
  piece: 'piece',
};

function amountOf(value: unknown): number | null {
  if (typeof value === 'number')
    return Number.isFinite(value) && value > 0 && value <= MAX_AMOUNT ? value : null;
  if (typeof value === 'string' && /^\s*\d[\d,]*(\.\d+)?\s*$/.test(value))
    return amountOf(Number(value.replace(/,/g, '')));
  return null;
}

function parseSchemaOrgSalary(input: SchemaOrgSalary, options: SalaryOptions): ParsedSalary | null {
  let raw: string;
  try {
    raw = JSON.stringify(input) ?? '';
  } catch {
    return null;
  }
  const value = input.value;
  const quantity = value !== null && typeof value === 'object' ? value : undefined;
  let min = amountOf(quantity?.minValue ?? input.minValue);
  let max = amountOf(quantity?.maxValue ?? input.maxValue);
  const single = amountOf(quantity ? quantity.value : value);
  if (min === null && max === null && single !== null) min = max = single;
  if (min === null && max === null) {
    // Some sites put "40-60K" in value: read it as text.
    const text =
      typeof value === 'string' ? value : typeof quantity?.value === 'string' ? quantity.value : null;
    const parsed = text ? parseSalaryText(text, { currency: input.currency ?? options.currency }) : null;
    return parsed ? { ...parsed, raw } : null;
  }
  if (min !== null && max !== null && min > max) [min, max] = [max, min];
  const unitText = String(quantity?.unitText ?? input.unitText ?? '')
    .toLowerCase()
    .trim();
  const currencyText = typeof input.currency === 'string' ? input.currency.trim().toUpperCase() : '';
  const currency = /^[A-Z]{3}$/.test(currencyText) ? currencyText : (options.currency?.toUpperCase() ?? null);
  const period = UNIT_TEXT[unitText] ?? null;
  return { min, max, currency, period, months: null, negotiable: false, raw };
}
