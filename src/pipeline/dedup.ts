// The dedup key: which postings are the same job, so that a job counts once.
//
// Rule (v1): two postings are the same job when all three agree:
//   1. the company, normalised (normaliseCompany: legal forms, leading city, brackets and punctuation
//      dropped: "北京字节跳动科技有限公司" = "字节跳动");
//   2. the title, normalised (case, full-width forms, spacing and punctuation folded; recruiting noise in
//      brackets or at the ends dropped: "【急招】AI训练师（双休）" = "AI训练师", as are gender markers
//      "(m/f/d)"; meaningful brackets kept, team names included: "AI训练师（英语）" ≠ "AI训练师（日语）";
//      "Sr." = "Senior", "Jr." = "Junior"; levels kept: "Engineer II" ≠ "Engineer III" ≠ "Senior Engineer";
//      the punctuation that makes a name kept: "C#" ≠ "C" ≠ "C++", ".NET", "Node.js", "F#");
//   3. the place: the canonical city; else "remote" plus the country; else the country; else nothing.
// Source, the source's posting id, dates, salary and description do not count, so a repost under a new id
// and the same job on two boards share a key, while the same title at the same company in another city is
// a different job. Postings without a company cannot be matched safely across sources: their key includes
// the source and posting id, so they are never merged. Two real vacancies with identical title, company and
// city merge into one: jobtrend counts postings of distinct jobs, not vacancies.
// The key is the first 32 hex digits of sha256 over "v1|company|title|place".
import { hash } from 'node:crypto';
import { normaliseCompany } from './company.js';
import { Memo } from './memo.js';
import { matchForm } from './text.js';

export interface DedupFields {
  title: string;
  company?: string | null;
  city?: string | null;
  country?: string | null;
  remote?: boolean | null;
  sourceId?: string;
  sourcePostingId?: string;
  /** normaliseCompany(company), when the caller has it already. */
  companyNorm?: string | null;
}

const NOISE =
  '急招|急聘|诚聘|高薪诚聘|高薪|热招|直招|双休|五险一金|六险一金|包吃住|可实习|无经验可|可转正|hot|urgent|urgently hiring|hiring now|hiring|new|now hiring';
/** Names whose punctuation is the name: spelled out before punctuation is folded away. */
const PUNCTUATED_NAMES: [RegExp, string][] = [
  [/c\+\+/g, ' cplusplus '],
  [/(^|[^a-z0-9])([a-z])#/g, '$1 $2sharp '],
  [/(^|[^a-z0-9])\.net\b/g, '$1 dotnet '],
  [/\b([a-z0-9]+)\.js\b/g, ' $1js '],
];
/** Gender markers of German and Dutch postings: "(m/w/d)", "(f/m/x)". */
const GENDER_MARKER = /[(（]\s*[mfwdx](?:\s*[/|]\s*[mfwdx]){1,3}\s*[)）]/g;
const BRACKETED_NOISE = new RegExp(`[(\\[【「〔](?:\\s*(?:${NOISE})\\s*[,，/、+]?)+[)\\]】」〕]`, 'g');
const LEADING_NOISE = new RegExp(`^(?:(?:${NOISE})(?![a-z])\\s*[:：!！\\-|]?\\s*)+`);
const TRAILING_NOISE = new RegExp(`(?:\\s*[\\-|,，]?\\s*(?<![a-z])(?:${NOISE}))+$`);

/** The title as the dedup rule compares it. */
export function normaliseTitle(title: string): string {
  if (typeof title !== 'string') return '';
  let t = matchForm(title).replace(GENDER_MARKER, ' ');
  for (const [pattern, name] of PUNCTUATED_NAMES) t = t.replace(pattern, name);
  t = t
    .replace(BRACKETED_NOISE, ' ')
    .trim()
    .replace(LEADING_NOISE, '')
    .replace(TRAILING_NOISE, '')
    .replace(/\bsr\b\.?/g, 'senior')
    .replace(/\bjr\b\.?/g, 'junior');
  return t.replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The place part of the rule: city, else remote + country, else country. */
function placeOf(fields: DedupFields): string {
  if (fields.city) return `city:${fields.city.toLowerCase()}`;
  if (fields.remote) return `remote:${(fields.country ?? '').toLowerCase()}`;
  if (fields.country) return `country:${fields.country.toLowerCase()}`;
  return '';
}

const titles = new Memo<string>();

/** The dedup key of a posting (see the rule at the top of this file). */
export function dedupKey(fields: DedupFields): string {
  const company = fields.company ? (fields.companyNorm ?? normaliseCompany(fields.company)) : '';
  const title =
    typeof fields.title === 'string' ? titles.get(fields.title, () => normaliseTitle(fields.title)) : '';
  const identity = company
    ? `v1|${company}|${title}|${placeOf(fields)}`
    : `v1|source:${fields.sourceId ?? ''}:${fields.sourcePostingId ?? ''}|${title}|${placeOf(fields)}`;
  return hash('sha256', identity, 'hex').slice(0, 32);
}
