// The languages a report is written in: the config's setting (en or zh) and the one place that reads a
// language as a user writes it on the command line ("zh", "zh-CN", "中文", "en"). Kept apart from the
// catalogues so the config and the CLI can check a language without loading any report words.
import { z } from 'zod';

export type Lang = 'en' | 'zh';

const ALIASES: Record<string, Lang> = {
  en: 'en',
  'en-us': 'en',
  'en-gb': 'en',
  english: 'en',
  zh: 'zh',
  'zh-cn': 'zh',
  'zh-hans': 'zh',
  'zh-hans-cn': 'zh',
  chinese: 'zh',
  中文: 'zh',
  简体中文: 'zh',
};

/** The report language for what a user wrote (case-insensitive), or null. */
export function langOf(text: string): Lang | null {
  return ALIASES[text.trim().toLowerCase()] ?? null;
}

/** A report language in the config file: en or zh, as written (the command line takes zh-CN, 中文 … too). */
export const langSchema = z.enum(['en', 'zh'], {
  error: (issue) => `${JSON.stringify(issue.input)} is not a report language: use en or zh`,
});
