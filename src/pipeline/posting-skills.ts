// The skills a posting asks for: skill terms (skills.ts) found in the title, and in the description only where
// it speaks of the job (sections.ts: not in benefits, the company's description or legal notices). Words that
// are skills only in some uses (the taxonomy's `context` of a skill: "excel", "law", "medical", "translate",
// "finance", "education", 法律, 医疗 …) count only where the sentence around them makes them one: a context
// that `asks` for the skill ("Microsoft Excel", "legal documents", "medical imaging"), or a list of other skills
// ("SQL, Excel and Tableau"), and never in a use the skill's `never` names ("excel at", "translate business
// needs into", "financial wellness"). A domain named only in a list of degree subjects ("BS in Computer
// Science, Mathematics, Physics or a related field") is not asked for either; a degree in that one subject is.
import taxonomy from '../taxonomy/skills.json' with { type: 'json' };
import { findSections, kindAt } from './sections.js';
import { findSkillMentions, type SkillMention, withImplied } from './skills.js';

interface SkillContext {
  /** The ambiguous terms (lower case); every term of the skill when absent. */
  terms?: string[];
  /** Patterns over the sentence around a mention ("§" stands for it, case ignored): one makes it count. */
  asks?: string[];
  /** Like `asks`, with case kept ("Excel" in mid-sentence). */
  asksExact?: string[];
  /** Patterns that make it never count, whatever else says. */
  never?: string[];
  /** Whether a list of other skills makes a mention count ("SQL, Excel and Tableau"); default true. */
  inLists?: boolean;
}

interface SkillData {
  id: string;
  category: string;
  context?: SkillContext;
}

interface ContextRule {
  terms: Set<string> | null;
  asks: RegExp[];
  asksExact: RegExp[];
  never: RegExp[];
  inLists: boolean;
}

const compile = (patterns: string[] | undefined, flags: string): RegExp[] =>
  (patterns ?? []).map((p) => new RegExp(p.replaceAll('§', '\u00a7'), flags));

const skills = taxonomy.skills as SkillData[];
const rules = new Map<string, ContextRule>();
for (const skill of skills) {
  if (!skill.context) continue;
  rules.set(skill.id, {
    terms: skill.context.terms ? new Set(skill.context.terms) : null,
    asks: compile(skill.context.asks, 'i'),
    asksExact: compile(skill.context.asksExact, ''),
    never: compile(skill.context.never, 'i'),
    inLists: skill.context.inLists !== false,
  });
}
/** Subjects a degree can be in: named only in a list of them, they are not asked for. */
const SUBJECT_CATEGORIES = new Set(['domain']);
const category = new Map(skills.map((s) => [s.id, s.category]));

/** How far around a mention its sentence is read. */
const REACH = 120;
const DEGREE =
  /\b(degree|bachelor|master|ph\.?\s?d|doctorate|bs|ba|b\.s|b\.a|ms|m\.s|msc|bsc|b\.?tech|m\.?tech|major(ed)?|graduate)\b|学历|专业|本科|硕士|博士/i;
/** The mention stands in a list of subjects: "…, §, …", "§ or related", "§/…". */
const SUBJECT_LIST = /(,|\bor|\band|\/|、|或)\s*§|§\s*(,|\bor\b|\band\b|\/|、|或|等)/i;
/** "Stay current with advances in healthcare AI" is keeping up with a field, not an ask for it. */
const KEEPING_UP =
  /\b(stay|staying|keep|keeping|remain)\b[^.§]{0,20}\b(up[- ]to[- ]date|current|updated|abreast|informed)\b[^.§]{0,80}\u00a7/i;
/** White space other than a single space: runs, tabs, line breaks. */
const UNUSUAL_SPACE = /[ \t\r\n\f\v\u00a0\u3000]{2,}|[\t\r\n\f\v\u00a0\u3000]/g;
/** Characters that start a list item. */
const BULLET_CODES = new Set([...'-•*·▪●◦–'].map((c) => c.charCodeAt(0)));
/** Where a sentence's reach stops: a paragraph break, a list item, a Chinese full stop. */
const BREAK = /\n\s*\n|\n\s*[-•*·▪●◦–]\s|[。；]/g;
const LIST_GAP = /^\s*(?:[/、,，;；&+|]|和|或|及|与|以及|and|or)?\s*(?:and|or|和|或|及)?\s*$/i;
/** White space to fold to one space: a run, or one character other than a space (a lone space stays as it is). */
const SPACE_TO_FOLD = /\s{2,}|[^\S ]/g;

/** The sentence around a mention, the mention replaced by "§", white space folded; cut at paragraph breaks. */
function sentenceAround(text: string, mention: SkillMention): string {
  let before = text.slice(Math.max(0, mention.start - REACH), mention.start);
  let after = text.slice(mention.end, mention.end + REACH);
  let cut = -1;
  for (const m of before.matchAll(BREAK)) cut = (m.index as number) + m[0].length;
  if (cut >= 0) before = before.slice(cut);
  const end = after.search(BREAK);
  if (end >= 0) after = after.slice(0, end);
  return `${before}\u00a7${after}`.replace(SPACE_TO_FOLD, ' ');
}

/** Whether a mention of an ambiguous term is the skill, read from its sentence and its neighbours. */
function meant(
  text: string,
  mentions: SkillMention[],
  index: number,
  rule: ContextRule,
  sentence: string,
): boolean {
  if (rule.never.some((re) => re.test(sentence))) return false;
  if (rule.asks.some((re) => re.test(sentence)) || rule.asksExact.some((re) => re.test(sentence)))
    return true;
  // In a list with another skill: "SQL, Excel and Tableau", "healthcare, finance or legal".
  if (!rule.inLists) return false;
  const mention = mentions[index] as SkillMention;
  const before = mentions[index - 1];
  if (before && before.skill !== mention.skill && LIST_GAP.test(text.slice(before.end, mention.start)))
    return true;
  const after = mentions[index + 1];
  return !!after && after.skill !== mention.skill && LIST_GAP.test(text.slice(mention.end, after.start));
}

/** Whether the posting asks for the skill at this mention of its description. */
function asked(text: string, mentions: SkillMention[], index: number): boolean {
  const mention = mentions[index] as SkillMention;
  const rule = rules.get(mention.skill);
  const subject = SUBJECT_CATEGORIES.has(category.get(mention.skill) ?? '');
  if (!rule && !subject) return true;
  // Only the skill's ambiguous terms need their sentence read ("质检" is always quality inspection).
  let ambiguous = false;
  if (rule) {
    const term = text.slice(mention.start, mention.end).normalize('NFKC').toLowerCase();
    ambiguous =
      !rule.terms || rule.terms.has(term) || (term.endsWith('s') && rule.terms.has(term.slice(0, -1)));
  }
  if (!ambiguous && !subject) return true;
  const sentence = sentenceAround(text, mention);
  if (subject && DEGREE.test(sentence) && SUBJECT_LIST.test(sentence)) return false;
  if (KEEPING_UP.test(sentence)) return false;
  return !rule || !ambiguous || meant(text, mentions, index, rule, sentence);
}

/**
 * The description with each run of white space as one space (and a line broken after a hyphen joined, as
 * "fine-\n tuning" in hard-wrapped text), so that "machine\n  learning" is a term; and where each of its
 * characters came from, paragraph breaks kept as "\n\n" so that sentences still end at them.
 */
function flatten(description: string): Flattened {
  // Single spaces stay as they are; only runs, tabs and line breaks change, so most text is copied in slices.
  UNUSUAL_SPACE.lastIndex = 0;
  if (!UNUSUAL_SPACE.test(description)) return { text: description, flatStarts: [0], starts: [0] };
  UNUSUAL_SPACE.lastIndex = 0;
  const parts: string[] = [];
  const flatStarts: number[] = [];
  const starts: number[] = [];
  let length = 0;
  let at = 0;
  const copy = (from: number, to: number) => {
    flatStarts.push(length);
    starts.push(from);
    parts.push(description.slice(from, to));
    length += to - from;
  };
  for (let m = UNUSUAL_SPACE.exec(description); m; m = UNUSUAL_SPACE.exec(description)) {
    const start = m.index;
    const space = m[0];
    copy(at, start);
    const newline = space.indexOf('\n');
    const paragraph = newline >= 0 && space.indexOf('\n', newline + 1) >= 0;
    const bullet = newline >= 0 && BULLET_CODES.has(description.charCodeAt(start + space.length));
    const joined = newline >= 0 && !paragraph && description.charCodeAt(start - 1) === 0x2d;
    const gap = joined ? '' : paragraph ? '\n\n' : bullet ? '\n' : ' ';
    parts.push(gap);
    length += gap.length;
    at = start + space.length;
  }
  copy(at, description.length);
  return { text: parts.join(''), flatStarts, starts };
}

/** The folded text and, for each slice copied from the description, where it starts in both. */
interface Flattened {
  text: string;
  flatStarts: number[];
  starts: number[];
}

/** Where a character of the folded text came from in the description (a folded space: where its run began). */
function originOf(flat: Flattened, offset: number): number {
  let low = 0;
  let high = flat.flatStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((flat.flatStarts[mid] as number) <= offset) low = mid;
    else high = mid - 1;
  }
  return (flat.starts[low] as number) + offset - (flat.flatStarts[low] as number);
}

/** The skill ids a posting asks for (plus the skills they imply), sorted. Never throws. */
export function skillsAskedFor(title: string, description?: string | null): string[] {
  const found = new Set<string>();
  if (typeof title === 'string') for (const m of findSkillMentions(title)) found.add(m.skill);
  if (typeof description === 'string' && description.length > 0) {
    const flat = flatten(description);
    const mentions = findSkillMentions(flat.text);
    if (mentions.length > 0) {
      // Sections are read in full only where a mention stands: boilerplate tests elsewhere change nothing.
      const offsets = mentions.map((m) => originOf(flat, m.start));
      const sections = findSections(description, (start, end) => offsets.some((o) => o >= start && o < end));
      for (let i = 0; i < mentions.length; i++) {
        const mention = mentions[i] as SkillMention;
        if (found.has(mention.skill)) continue;
        if (kindAt(sections, originOf(flat, mention.start)) !== 'role') continue;
        if (asked(flat.text, mentions, i)) found.add(mention.skill);
      }
    }
  }
  return withImplied(found);
}
