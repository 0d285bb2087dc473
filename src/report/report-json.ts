// The figures behind a trend report as JSON (`report --json`): the very ReportData the markdown and HTML forms
// are rendered from, with snake_case keys like the database and every other --json output, numbers that JSON
// cannot hold (NaN, ±Infinity) as null. Words are left to the rendered forms: caveats keep their code, values
// and English text. Pure.
import type { ReportData } from './report-data.js';

/** Bumped when a key is renamed or removed (added keys keep it). */
export const REPORT_JSON_VERSION = 1;

export function reportJson(data: ReportData, now: Date): Record<string, unknown> {
  return {
    report_json_version: REPORT_JSON_VERSION,
    generated_at: now.toISOString(),
    ...(snakeCase(data) as Record<string, unknown>),
  };
}

/** `rSquared` → `r_squared`, `vsYearBefore` → `vs_year_before`; keys already snake_case stay as they are. */
export function snakeKey(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** A deep copy with snake_case keys; undefined members left out, non-finite numbers null, dates ISO strings. */
export function snakeCase(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(snakeCase);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      if (member === undefined) continue;
      out[snakeKey(key)] = snakeCase(member);
    }
    return out;
  }
  return value;
}
