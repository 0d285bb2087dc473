// The sections of a job description, read as a person reads them: what the job asks for (responsibilities,
// requirements, about the role; 岗位职责, 任职要求), and what it does not (benefits, the company's own
// description, equal-opportunity, privacy and other legal notices; 福利待遇, 公司介绍). Skills are matched only
// where the posting asks for them (posting-skills.ts), so "medical, dental, vision" benefits, "protected by
// law" notices and a company blurb about finance name no skill.
//
// How: a heading (a short line of its own, or a Chinese heading word followed by a colon) starts a section of
// the kind its words say; an unknown heading starts none. Within any section, a paragraph or list item that
// reads as boilerplate (an equal-opportunity sentence, a list of insurance benefits, a pay-range line) is
// boilerplate on its own. An opening paragraph, before any heading, that describes the company and says
// nothing of the job is the company's description.

/** What a stretch of a description is for. */
export type SectionKind = 'role' | 'benefits' | 'company' | 'legal';

/** A stretch [start, end) of the description, by character offsets. */
export interface Section {
  kind: SectionKind;
  start: number;
  end: number;
}

// Heading words, tried in this order on a heading's text (lower case, without its closing colon): "About Lyra
// Health" is the company's, "Health & wellbeing" the benefits'.
const HEADINGS: [SectionKind, RegExp][] = [
  [
    'legal',
    /equal (employment )?opportunit|\beeo\b|diversity|inclusion|belonging|accommodation|privacy|fraud|scam|disclaimer|notice|e-?verify|\blegal\b|applicant|background check|interview (practices|process)|on-camera|guidelines|policy|logistics|visa|sponsorship|data protection|stay connected|pledge|security requirements|next steps|how to apply|application process/,
  ],
  [
    'company',
    /^about (?!(the |this )?(role|job|position|opportunity|you|team|work|project|program|internship|candidate)\b)|who we are|company (description|overview|profile|summary)|our (mission|story|values|culture|company|vision|principles)|^mission|^values|what we do|how we('re| are) different|on a mission|^(the )?company$|公司介绍|公司简介|关于我们|企业介绍|企业简介|团队介绍|公司概况/,
  ],
  [
    'benefits',
    /benefit|perks|what we (can )?(offer|provide|bring)|we offer|our offer|in it for you|why (join|work|us|you should)|compensation|salary|pay (range|transparency)|\bpay\b|rewards|health (&|and) (wellbeing|well-being|wellness|benefits)|health(care)? (benefits|insurance|coverage)|^health$|wellbeing|well-being|wellness|take care of you|relocation|love it here|life at|what you('ll| will)? get|time off|hybrid work|work model|professional development|learning and development|growth opportunities|福利|待遇|我们提供|薪资|薪酬/,
  ],
  [
    'role',
    /role|responsibilit|qualification|requirement|what you('ll| will)|you (will|have|bring|are|might|should|thrive)|about you|who you are|looking for|nice[- ]to[- ]have|preferred|bonus|skills|experience|expertise|tech(nology)? stack|stack|job|summary|overview|opportunity|ideal|day[- ]to[- ]day|a typical day|impact|education|essential|desirable|required|attributes|success|fit|position|the team|your team|duties|what we('re| are)? look|key|must|minimum|basic|additional|candidate|profile|project|职责|要求|任职|资格|描述|工作内容|加分|优先|技能|能力/,
  ],
];

/** Chinese headings written inline ("岗位职责：1、…"), where they start a section wherever they stand. */
const CJK_HEADING =
  /[【[]?(岗位职责|工作职责|职位职责|岗位描述|职位描述|职责描述|工作内容|岗位内容|任职要求|任职资格|岗位要求|职位要求|招聘要求|技能要求|加分项|优先条件|福利待遇|薪资福利|薪酬福利|员工福利|公司福利|福利|我们提供|公司介绍|公司简介|关于我们|企业介绍|企业简介)[】\]]?\s*[：:]/g;

/** A line that could be a heading: short, a few words, not a sentence or a list item. */
const HEADING_SHAPE = /^(?![-•*·▪●◦–]\s)[^.;,!?。；，]{2,70}$/;

// Boilerplate a paragraph or list item shows by itself, wherever it stands.
// Each set is one English pattern tried at word starts only (\b first: a quarter of the places to try) and
// one Chinese pattern, since \b means nothing between Chinese characters.
const LEGAL_TEXT =
  /\b(?:equal (employment )?opportunit|without regard to|regardless of (race|age|gender|sex)|protected (veteran|characteristic|class|status|by (federal|state|local|applicable)? ?law)|reasonable accommodation|e-?verify|affirmative action|applicable (federal|state|local )?laws?|background check|privacy (policy|notice)|personal data|recruit(ing|ment) (fraud|scam)|never ask (you )?for (payment|money)|eligib(le|ility) to work|authori[sz]ed to work|work authori[sz]ation|visa sponsorship|sponsor(ship)? (a |an )?(visa|work)|pay transparency|(fair chance|arrest|conviction) (ordinance|record)|to the extent permitted by law|not discriminate|discriminat(e|ion) (on|based)|disabilit(y|ies) (and|or) (veteran|accommodation))/i;
const LEGAL_TEXT_ZH = /平等就业|反歧视/;
const BENEFITS_TEXT =
  /\b(?:\b(medical|health|dental|vision)\b[^.\n]{0,30}\b(dental|vision|insurance|coverage|plans?|benefits)\b|401\s?\(?k\)?|paid time off|\bpto\b|parental leave|(health|life|disability) insurance|pension|equity (package|grant)|stock options|tuition|(learning|education|training|development) (stipend|budget|allowance|reimbursement|assistance)|gym|commuter|wellness|holidays|annual leave|(base )?(pay|salary) range|competitive (salary|compensation|pay)|bonus (scheme|structure|plan))/i;
const BENEFITS_TEXT_ZH =
  /五险一金|六险一金|社保|公积金|带薪|年假|补充医疗|医疗保险|商业保险|节日福利|餐补|餐饮补贴|交通补贴|房补|团建|体检|下午茶|年终奖|\$\s?\d[\d,]{2,}(\.\d+)?\s*(-|—|–|to)\s*\$?\s?\d/;
/** What a job's own text says: an opening paragraph with these is about the job, not the company. */
const ROLE_TEXT =
  /\byou('ll| will| are| have|r)?\b|looking for|seeking|hiring|join (our|the) ([\w-]+ )?team|this (role|position)|the (role|position)|candidate|responsib|requirements?|qualifications?|experience (in|with)|岗位|职位|负责|要求|招聘/i;
const COMPANY_TEXT =
  /\b(we are|we're|we|our|is an?|founded|headquartered|leading|company|startup|platform|backed by|customers)\b|公司|集团|企业|成立于|致力于/i;

interface Line {
  text: string;
  start: number;
  end: number;
}

function linesOf(description: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    const newline = description.indexOf('\n', start);
    const end = newline < 0 ? description.length : newline;
    lines.push({ text: description.slice(start, end), start, end });
    if (newline < 0) break;
    start = newline + 1;
  }
  return lines;
}

/** A short line with no sentence in it: a title or a name. */
function isTitleLine(text: string): boolean {
  const trimmed = text.trim();
  // Split into at most 13 words: enough to tell a title's 12 from a paragraph, without splitting the paragraph.
  return !trimmed.includes('\n') && trimmed.split(/\s+/, 13).length <= 12 && !/[.!?。]$/.test(trimmed);
}

/** The kind a heading names, or null when its words say nothing (then it starts no section). */
export function headingKind(heading: string): SectionKind | null {
  const text = heading
    .trim()
    .replace(/[:：?？]\s*$/, '')
    .toLowerCase();
  for (const [kind, pattern] of HEADINGS) if (pattern.test(text)) return kind;
  return null;
}

/** Whether a line stands as a heading: a heading's words alone on it, set off by a colon or blank lines. */
function headingOf(lines: Line[], i: number): SectionKind | null {
  const line = (lines[i] as Line).text.trim();
  if (!HEADING_SHAPE.test(line.replace(/[:：?？]$/, '')) || line.split(/\s+/).length > 12) return null;
  // A heading starts its paragraph: the last line of a wrapped sentence ("  healthcare environment") is none.
  if (/^\s/.test((lines[i] as Line).text)) return null;
  const setOff = /[:：]$/.test(line) || i === 0 || (lines[i - 1] as Line).text.trim() === '';
  // Followed at once by more text, a heading is a few words or ends in a colon; a longer line is the first line
  // of a wrapped paragraph ("Why work at Nebius Nebius is leading a new era in cloud").
  const next = lines[i + 1]?.text.trim() ?? '';
  const runsOn = next !== '' && !/^[-•*·▪●◦–]\s/.test(next) && !/[:：?？]$/.test(line);
  if (runsOn && line.split(/\s+/).length > 8) return null;
  return setOff ? headingKind(line) : null;
}

/**
 * The sections of a description, in order, covering it from start to end. With `matters`, paragraphs and list
 * items for which it says false are not read for boilerplate (they keep their section's kind): a caller that
 * needs the kinds at a few places only saves the time.
 */
export function findSections(
  description: string,
  matters: (start: number, end: number) => boolean = () => true,
): Section[] {
  const sections: Section[] = [];
  const push = (kind: SectionKind, start: number, end: number) => {
    if (end <= start) return;
    const last = sections[sections.length - 1];
    if (last && last.kind === kind && last.end === start) last.end = end;
    else sections.push({ kind, start, end });
  };
  const lines = linesOf(description);
  let current: SectionKind = 'role';
  let seenHeading = false;
  /** The paragraph or list item being gathered: its lines' span. */
  let itemStart = -1;
  let itemEnd = -1;
  /** Still in the opening: no heading yet, and no paragraph about the job. */
  let opening = true;
  const closeItem = () => {
    if (itemStart < 0) return;
    const text = description.slice(itemStart, itemEnd);
    let kind = current;
    if (!opening && !matters(itemStart, itemEnd)) {
      push(kind, itemStart, itemEnd);
      itemStart = -1;
      return;
    }
    if (LEGAL_TEXT.test(text) || LEGAL_TEXT_ZH.test(text)) kind = 'legal';
    else if (BENEFITS_TEXT.test(text) || BENEFITS_TEXT_ZH.test(text)) kind = 'benefits';
    else if (kind === 'company' && ROLE_TEXT.test(text) && /\byou\b|你/.test(text)) kind = 'role';
    else if (opening && !seenHeading && !ROLE_TEXT.test(text) && COMPANY_TEXT.test(text)) kind = 'company';
    // A title line repeated at the top ("Senior AI Engineer") does not end the opening; a paragraph about the
    // job does.
    if (kind !== 'company' && !isTitleLine(text)) opening = false;
    push(kind, itemStart, itemEnd);
    itemStart = -1;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Line;
    const trimmed = line.text.trim();
    if (trimmed === '') {
      closeItem();
      push(current, line.start, Math.min(line.end + 1, description.length));
      continue;
    }
    const heading = headingOf(lines, i);
    if (heading) {
      closeItem();
      current = heading;
      seenHeading = true;
      push(current, line.start, Math.min(line.end + 1, description.length));
      continue;
    }
    // Chinese headings inline: each starts a section where it stands.
    CJK_HEADING.lastIndex = 0;
    let match: RegExpExecArray | null = CJK_HEADING.exec(line.text);
    if (match) {
      closeItem();
      let from = line.start;
      while (match) {
        push(current, from, line.start + match.index);
        current = headingKind(match[1] as string) ?? current;
        seenHeading = true;
        from = line.start + match.index;
        match = CJK_HEADING.exec(line.text);
      }
      itemStart = from;
      itemEnd = Math.min(line.end + 1, description.length);
      closeItem();
      continue;
    }
    // A list item starts an item of its own; other lines continue the paragraph.
    if (/^\s*([-•*·▪●◦–]|\d{1,2}[.、)）]|[（(]\d{1,2}[)）])\s*/.test(line.text)) closeItem();
    if (itemStart < 0) itemStart = line.start;
    itemEnd = Math.min(line.end + 1, description.length);
  }
  closeItem();
  return sections;
}

/** The kind of the section holding `offset`, given the sections of the text (role when outside them all). */
export function kindAt(sections: Section[], offset: number): SectionKind {
  let low = 0;
  let high = sections.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const section = sections[mid] as Section;
    if (offset < section.start) high = mid - 1;
    else if (offset >= section.end) low = mid + 1;
    else return section.kind;
  }
  return 'role';
}
