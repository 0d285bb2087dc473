// Options shared by the analysis commands (growth, skills, claim): the posting filter flags and number
// parsing that turns bad input into a UsageError.
import type { Command } from 'commander';
import { UsageError } from '../errors.js';

export interface FilterOptions {
  role?: string;
  match?: string;
  city?: string;
  source?: string[];
  json?: boolean;
}

export function addFilterOptions(command: Command): Command {
  return command
    .option(
      '--role <id>',
      'role id: ai-trainer, data-annotator, ai-rater, ai-tutor, prompt-engineer, ai-other',
    )
    .option(
      '--match <text>',
      'full-text search in title, company and description instead of (or with) a role',
    )
    .option('--city <name>', 'city, in English or Chinese (上海, Shanghai)')
    .option('--source <id>', 'count only this source; repeatable', collect, [])
    .option('--json', 'print JSON instead of text');
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function filterFrom(options: FilterOptions): {
  role?: string;
  match?: string;
  city?: string;
  sources?: string[];
} {
  return {
    ...(options.role !== undefined ? { role: options.role } : {}),
    ...(options.match !== undefined ? { match: options.match } : {}),
    ...(options.city !== undefined ? { city: options.city } : {}),
    ...(options.source && options.source.length > 0 ? { sources: options.source } : {}),
  };
}

export function wholeNumber(flag: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim()) || Number(text) < min) {
    throw new UsageError(`${flag} needs a whole number of at least ${min}, got "${text}"`);
  }
  return Number(text);
}

/** 0.123 → "+12.3%"; null → "—". */
export function percent(value: number | null | undefined, signed = true): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const text = `${(value * 100).toFixed(1)}%`;
  return signed && value > 0 ? `+${text}` : text;
}

export function fixed(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '—';
  return value.toFixed(digits);
}
