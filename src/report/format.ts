// Number formatting the report's catalogues share (the English one uses all of it, the Chinese one the
// percentages, changes, rates, money and p-values), and the slug of file names. Pure and locale-free, so the
// same data gives the same bytes on every machine.

/** 1234567 → "1,234,567" (no locale lookups). */
export function formatCount(value: number): string {
  const sign = value < 0 ? '-' : '';
  const digits = String(Math.round(Math.abs(value)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A fraction as a percentage: 0.1234 → "12.3%". */
export function formatPercent(value: number | null | undefined, decimals = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return `${(value * 100).toFixed(decimals)}%`;
}

/** A change as a signed percentage: 0.3 → "+30.0%", −0.05 → "−5.0%". */
export function formatChange(value: number | null | undefined, decimals = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const text = (Math.abs(value) * 100).toFixed(decimals);
  if (Number(text) === 0) return `${(0).toFixed(decimals)}%`;
  return `${value < 0 ? '−' : '+'}${text}%`;
}

/** A difference of two shares in percentage points: 0.031 → "+3.1 pp". */
export function formatPoints(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const text = (Math.abs(value) * 100).toFixed(1);
  if (Number(text) === 0) return '0.0 pp';
  return `${value < 0 ? '−' : '+'}${text} pp`;
}

/** A rate with sensible precision: 12.345 → "12.3", 0.0123 → "0.012". */
export function formatRate(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  if (Math.abs(value) >= 100) return formatCount(value);
  if (Math.abs(value) >= 1) return value.toFixed(1);
  return value.toPrecision(2);
}

/** Pay figures: whole units from 100 up (with thousands separators), two decimals below. */
export function formatMoney(value: number): string {
  if (Math.abs(value) >= 100) return formatCount(value);
  return value.toFixed(2);
}

/** A p-value or q-value: "<0.001" or three decimals. */
export function formatP(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  if (value < 0.001) return '<0.001';
  return value.toFixed(3);
}

/** Significance marks for an adjusted p-value: *** < 0.001, ** < 0.01, * < 0.05. */
export function significanceMark(q: number | null | undefined): string {
  if (q === null || q === undefined || !Number.isFinite(q)) return '';
  if (q < 0.001) return '***';
  if (q < 0.01) return '**';
  if (q < 0.05) return '*';
  return '';
}

/** A file-name-safe slug that keeps letters of any script: "San Francisco" → "san-francisco". */
export function slug(text: string): string {
  const cleaned = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return cleaned.slice(0, 60) || 'x';
}
