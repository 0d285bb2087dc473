// The report's catalogues by language: `messagesFor('zh')` gives the Chinese words.
import type { Lang } from '../report-lang.js';
import { en } from './en.js';
import type { ReportMessages } from './report-messages.js';
import { zh } from './zh.js';

const CATALOGUES: Record<Lang, ReportMessages> = { en, zh };

export function messagesFor(lang: Lang): ReportMessages {
  return CATALOGUES[lang];
}
