// The figures behind a trend report as JSON (`report --json`): the very ReportData the markdown and HTML forms
// are rendered from, with its version and time. Written like every other --json output (src/cli/print-json.ts:
// snake_case keys; numbers JSON cannot hold, NaN and ±Infinity, as null). Words are left to the rendered forms:
// caveats keep their code, values and English text. Pure.
import type { ReportData } from './report-data.js';

/** Bumped when a key is renamed or removed (added keys keep it). */
export const REPORT_JSON_VERSION = 1;

/** The report's figures, ready for `jsonText` (which writes every key in snake_case, as every --json does). */
export function reportJson(data: ReportData, now: Date): Record<string, unknown> {
  return { reportJsonVersion: REPORT_JSON_VERSION, generatedAt: now.toISOString(), ...data };
}
