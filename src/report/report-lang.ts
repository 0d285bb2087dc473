// The languages a report is written in, and the one place that reads a language as a user writes it ("zh",
// "zh-CN", "中文", "en"). Kept apart from the catalogues so the config and the CLI can check a language
// without loading any report words.
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

/** A report language in the config file: en or zh (zh-CN, 中文 … accepted). */
export const langSchema = z.string().transform((text, ctx): Lang => {
  const lang = langOf(text);
  if (lang) return lang;
  ctx.addIssue({ code: 'custom', message: `"${text}" is not a report language: use en or zh` });
  return z.NEVER;
});
