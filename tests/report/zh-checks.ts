// Mechanical checks of a Chinese report against its English twin, shared by the report tests: the words still
// in Latin letters (to be found on an explicit allow-list of proper names, code and units, or in the data the
// report quotes as posted), the figures of each section (the same numbers, dates and periods in both
// languages), the tables after markdown-it, the text of the charts, and the fonts that cover every character.
import { execFileSync } from 'node:child_process';
import type { ReportData } from '../../src/report/report-data.js';
import { decodeEntities } from './html-checks.js';

/**
 * Latin-letter words a Chinese report may keep, each for a reason: names of people and methods
 * (Clopper–Pearson, Benjamini–Hochberg, Katz), statistical symbols (q, p, z, t, R², exp), the program's
 * name, time zone, the proper names of sources (BOSS直聘, Greenhouse, schema.org …) and of skills and tools
 * that Chinese postings write in Latin letters too (Python, Excel …), and the abbreviation AI in role and
 * skill names (AI导师). Everything in a code span (`--period`) is code and not looked at.
 */
export const ALLOWED_WORDS = new Set([
  // people and methods
  'Clopper',
  'Pearson',
  'Benjamini',
  'Hochberg',
  'Holm',
  'BH',
  'Katz',
  // symbols and units
  'q',
  'p',
  'z',
  't',
  'R',
  'exp',
  'UTC',
  // the program
  'jobtrend',
  // sources
  'BOSS',
  'Greenhouse',
  'Lever',
  'Ashby',
  'Hacker',
  'News',
  'Remote',
  'OK',
  'schema',
  'org',
  // skills and tools as Chinese postings write them
  'AI',
  'AIGC',
  'ChatGPT',
  'Python',
  'PyTorch',
  'TensorFlow',
  'Hugging',
  'Face',
  'LangChain',
  'Label',
  'Studio',
  'CVAT',
  'LabelImg',
  'Labelme',
  'doccano',
  'Excel',
  'Jupyter',
  'pandas',
  'NumPy',
  'Git',
  'Linux',
  'JSON',
  'LaTeX',
  'SQL',
  'C',
  'Java',
  'JavaScript',
  'Shell',
]);

const WORD = /[A-Za-z][A-Za-z]*/g;

/** Latin-letter words of a text. */
export function latinWords(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** The text a reader reads in a markdown document: code spans, link targets and escapes taken out. */
function readableMarkdown(markdown: string): string {
  return markdown
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/\]\([^)\s]*\)/g, '] ')
    .replace(/\\(.)/g, '$1');
}

/** The text of a chart: its title, description and every <text>. */
export function svgText(svg: string): string[] {
  return [...svg.matchAll(/<(title|desc|text)\b[^>]*>([^<]*)<\/\1>/g)].map((m) => decodeEntities(m[2]!));
}

/**
 * Words in Latin letters that are neither allowed nor in `quoted` (text the report shows as posted or as
 * recorded: companies, districts, claim names and quotes, source ids, run logs).
 */
export function englishLeft(texts: string[], quoted: Iterable<string>): string[] {
  const fromData = new Set([...quoted].flatMap((q) => latinWords(q)));
  const left = texts.flatMap((t) => latinWords(t)).filter((w) => !ALLOWED_WORDS.has(w) && !fromData.has(w));
  return [...new Set(left)].sort();
}

/** The text of a markdown document a reader reads, for englishLeft. */
export function markdownText(markdown: string): string {
  return readableMarkdown(markdown);
}

/** Text the report quotes from its data, as posted or recorded (never translated). */
export function quotedText(data: ReportData): string[] {
  return [
    ...data.companies.map((c) => c.company),
    ...data.districts.map((d) => d.district),
    ...data.claims.flatMap((c) => [
      c.claim.id ?? '',
      c.claim.text ?? '',
      c.claim.publisher ?? '',
      c.claim.url ?? '',
    ]),
    ...data.claimErrors.flatMap((e) => [e.claim, ...Object.values(e.detail?.values ?? {})]),
    ...data.coverage.problemRuns.map((r) => r.errorSummary ?? ''),
    ...data.coverage.sources.map((s) => s.sourceId),
    ...data.claims.flatMap((c) => c.readings.flatMap((r) => r.result.coverage.included)),
  ];
}

// ---------------------------------------------------------------------------------------------------
// figures

const QUARTERS: Record<string, string> = { 一: '1', 二: '2', 三: '3', 四: '4' };

/** Chinese dates and periods in the ISO forms the English report writes, so both give the same tokens. */
function isoDates(text: string): string {
  const two = (n: string) => n.padStart(2, '0');
  return text
    .replace(/(\d{4})年(\d{1,2})月(\d{1,2})日/g, (_, y, m, d) => `${y}-${two(m)}-${two(d)}`)
    .replace(/(\d{4})年第([一二三四])季度/g, (_, y, q) => `${y}-Q${QUARTERS[q]}`)
    .replace(/(\d{4})年第(\d{1,2})周/g, (_, y, w) => `${y}-W${two(w)}`)
    .replace(/(\d{4})年(\d{1,2})月/g, (_, y, m) => `${y}-${two(m)}`)
    .replace(/(\d{4})年/g, '$1');
}

/** 12345 → "1.2万", 1234567 → "123万": how the Chinese report writes a count of ten thousand or more in a sentence. */
function wan(n: number): string {
  const w = n / 10_000;
  return `${w >= 100 ? Math.round(w) : Number(w.toFixed(1))}万`;
}

/**
 * The figures of each section (split at "## " headings): dates and periods as ISO tokens, numbers without
 * their sign (the Chinese report says 上升/下降 where the English writes + and −) and without thousands marks.
 * Counts the Chinese report writes with 万 are tokens like "1.2万"; an English count of ten thousand or more
 * stands for both its digits and its 万 form.
 */
export function figuresBySection(markdown: string, lang: 'en' | 'zh'): Set<string>[] {
  return markdown.split(/^## /m).map((section) => {
    let text = section.replace(/!\[[^\]]*\]\([^)]*\)/g, ' ').replace(/\\(.)/g, '$1');
    // Ordinals are figures ("25th pct" is 25%分位数); other digits in a word are part of a name ("51job").
    text = lang === 'zh' ? isoDates(text) : text.replace(/\b(\d+)(?:st|nd|rd|th)\b/g, '$1');
    const tokens = new Set<string>();
    const take = (pattern: RegExp) => {
      text = text.replace(pattern, (token) => {
        tokens.add(token);
        return ' ';
      });
    };
    take(/\d{4}-\d{2}-\d{2}/g);
    take(/\d{4}-Q\d/g);
    take(/\d{4}-W\d{2}/g);
    take(/\d{4}-\d{2}(?!\d)/g);
    if (lang === 'zh') take(/\d+(?:\.\d+)?万/g);
    // Digits that are part of a name ("51job") are not a figure.
    for (const m of text.matchAll(/(?<![A-Za-z])\d[\d,]*(?:\.\d+)?(?![A-Za-z\d])/g)) {
      const digits = m[0].replace(/,/g, '');
      tokens.add(digits);
      if (lang === 'en' && Number(digits) >= 10_000) tokens.add(wan(Number(digits)));
    }
    return tokens;
  });
}

/** Per section, the figures of one report missing from the other (an English count may appear as 万 only). */
export function figureDifferences(
  en: string,
  zh: string,
): { section: number; onlyEn: string[]; onlyZh: string[] }[] {
  const a = figuresBySection(en, 'en');
  const b = figuresBySection(zh, 'zh');
  const out: { section: number; onlyEn: string[]; onlyZh: string[] }[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const enSet = a[i] ?? new Set<string>();
    const zhSet = b[i] ?? new Set<string>();
    const onlyEn = [...enSet].filter((t) => {
      if (zhSet.has(t)) return false;
      // A count of ten thousand or more is enough in its 万 form (its digits and 万 are both in enSet).
      if (/^\d+$/.test(t) && Number(t) >= 10_000) return !zhSet.has(wan(Number(t)));
      if (t.endsWith('万')) return false;
      return true;
    });
    const onlyZh = [...zhSet].filter((t) => !enSet.has(t));
    if (onlyEn.length > 0 || onlyZh.length > 0) out.push({ section: i, onlyEn, onlyZh });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// tables

/** Each table of rendered HTML: its header cells and the number of cells in each row. */
export function tables(html: string): { header: string[]; rows: number[] }[] {
  return [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)].map(([, table]) => {
    const header = [...table!.matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].map((m) => decodeEntities(m[1]!));
    const body = table!.slice(table!.indexOf('<tbody>'));
    const rows = [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(
      ([, row]) => [...row!.matchAll(/<td[^>]*>/g)].length,
    );
    return { header, rows };
  });
}

// ---------------------------------------------------------------------------------------------------
// fonts

/** Whether fontconfig is here to ask (fc-list, from Debian's fontconfig). */
export function hasFontconfig(): boolean {
  try {
    execFileSync('fc-list', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The font families (fc-list) that have a glyph for every character of `text`. */
export function familiesCovering(text: string): string[] {
  const codePoints = [...new Set([...text].map((ch) => ch.codePointAt(0)!))]
    .filter((cp) => cp > 0x20)
    .map((cp) => cp.toString(16));
  const out = execFileSync('fc-list', [`:charset=${codePoints.join(' ')}`, 'family'], { encoding: 'utf8' });
  return out
    .split('\n')
    .flatMap((line) => line.split(','))
    .map((f) => f.trim())
    .filter((f) => f.length > 0);
}
