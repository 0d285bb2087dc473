// Whether a response is a block: a CAPTCHA or slider verification, a "your environment is abnormal" page,
// BOSS直聘's code-37 JSON, a bot check, or a login wall. The fetch layer asks it of every response; the boards'
// parsers ask it of a body without their results (scrapers/china/block-detection.ts). It judges by
// what a person would see — the status, the page's title and visible text — never by script source: a
// results page that ships a slider widget's code and comments ("二次验证…滑动验证") is content; a page
// that shows nothing but the widget is a block. The fetch layer turns a hit into BlockedError.
import { type VisiblePage, visiblePage, withoutHiddenElements } from '../text/visible-text.js';

export interface BlockCheck {
  /** The URL that was asked for. */
  requestedUrl: string;
  /** The URL the response finally came from (after redirects). */
  finalUrl: string;
  status: number;
  contentType?: string | null;
  text: string;
}

/**
 * Phrases only verification, anti-bot and login pages show, with what each means. They are matched
 * against visible text, and specific enough that ordinary postings do not say them: "IC验证工程师",
 * "发送验证码" on a login dialog and "资质验证审核" on a company card are not signs.
 */
const SIGNS: [RegExp, string][] = [
  [/当前IP地址可能存在异常访问行为/, 'IP flagged (当前IP地址可能存在异常访问行为)'],
  [/您的环境存在异常|当前环境异常/, 'environment flagged (您的环境存在异常)'],
  [/访问行为异常|异常访问行为|存在异常访问/, 'abnormal access (异常访问)'],
  [/滑动验证|拖动(下方)?滑块|请?按住滑块|向右滑动(完成)?验证/, 'slider verification page (滑动验证)'],
  [
    /请进行(如下|以下)?验证|请完成(下方|以下)?(安全)?验证|完成验证后(即可)?(正常|继续)|访问验证/,
    'verification page (请进行验证)',
  ],
  [/安全验证|security verification/i, 'security verification (安全验证)'],
  [/人机验证|行为验证/, 'human verification (人机验证)'],
  [
    /Just a moment\.\.\.|Attention Required! \| Cloudflare|Checking your browser before accessing/i,
    'Cloudflare challenge',
  ],
  [
    /verify (that )?you are (a )?human|are you a robot|unusual traffic from your|\bcaptcha\b/i,
    'CAPTCHA (bot check)',
  ],
];

/**
 * Seen only in a page's title: the tab of a verification or login page. A job's own title may hold the same
 * words ("验证码识别工程师招聘"), so a title that speaks of a job (招聘, 职位) never counts.
 */
const TITLE_SIGNS: [RegExp, string][] = [
  [/验证码|身份验证/, 'verification page'],
  [
    /^\s*(用户)?登[录陆]|[-_|｜·]\s*(用户)?登[录陆]\s*$|^(Sign (In|Up)|Log ?In)\b|LinkedIn Login|(Sign (In|Up)|Log ?In) \| LinkedIn/i,
    'login wall (登录)',
  ],
];
const JOB_TITLE = /招聘|职位|岗位|求职/;

/**
 * A page showing a sign is a block only when it shows little else: verification pages are a sentence
 * and a widget (the real 智联 slider page has 77 characters of text), while even a one-card LinkedIn
 * fragment or a short job page carries hundreds of characters more than that.
 */
const SHORT_PAGE_CHARS = 2000;

/** Data a results or job page embeds for its own scripts: when present, the board's parser decides. */
const PAGE_DATA =
  /__(?:INITIAL_STATE|SEARCH_RESULT|NUXT|APOLLO_STATE)__\s*=\s*[{[]|id=["']__NEXT_DATA__["']|"@type"\s*:\s*"JobPosting"/;

const LOGIN_PATH = /(^|[/.])(login|signin|sign-in|passport|auth|authwall)([/._?-]|$)/i;
/** Where boards send a visitor they want to check: 猎聘's safe.liepin.com/intercept/ip/captcha and the like. */
const CHALLENGE_PATH = /(^|[/.])(captcha|verify|verification|intercept|challenge)([/._?-]|$)/i;

/** Why this response is a block page, or null when it looks like content. */
export function detectBlock(check: BlockCheck): string | null {
  const json = jsonBlock(check.text);
  if (json) return json;
  if (isRedirectTo(LOGIN_PATH, check.requestedUrl, check.finalUrl))
    return `redirected to a login page (${pathOf(check.finalUrl)})`;
  if (isRedirectTo(CHALLENGE_PATH, check.requestedUrl, check.finalUrl))
    return `redirected to a verification page (${pathOf(check.finalUrl)})`;
  if (looksLikeJson(check.text) || PAGE_DATA.test(check.text)) return null;
  const page = visiblePage(check.text);
  if (!signOf(page)) return null;
  const refused = check.status === 403 || check.status === 405 || check.status === 429;
  if (page.text.length >= SHORT_PAGE_CHARS && !refused) return null;
  // Look again without the elements the page hides: a dialog it never opens is not what a person sees.
  return signOf(withoutHiddenElements(check.text));
}

/**
 * Why a page that holds none of the results or job details its board serves is a block page, or null
 * (then the page has changed, or is not what was asked for). Boards call this after their parser found
 * no results structure: the length of the page no longer matters, only what it shows.
 */
export function blockSignOf(body: string): string | null {
  const json = jsonBlock(body);
  if (json || looksLikeJson(body)) return json;
  return signOf(withoutHiddenElements(body));
}

/** The first sign the title or visible text shows, or null. */
export function signOf(page: VisiblePage): string | null {
  for (const [pattern, reason] of SIGNS) {
    if (pattern.test(page.title) || pattern.test(page.text)) return reason;
  }
  if (JOB_TITLE.test(page.title)) return null;
  for (const [pattern, reason] of TITLE_SIGNS) {
    if (pattern.test(page.title)) return reason;
  }
  return null;
}

function looksLikeJson(text: string): boolean {
  const start = text.trimStart()[0];
  return start === '{' || start === '[';
}

function jsonBlock(text: string): string | null {
  if (text.trimStart()[0] !== '{' || text.length > 5_000_000) return null;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (!data || typeof data !== 'object') return null;
  const { code, message } = data as { code?: unknown; message?: unknown };
  // BOSS直聘 answers code 37 ("您的环境存在异常") when it wants a browser-made token or a verification.
  if (code === 37) return `code 37: ${typeof message === 'string' ? message : 'environment check'}`;
  if (typeof message === 'string' && code !== 0 && code !== 200) {
    if (/验证|环境存在异常|访问异常|异常访问/.test(message)) return message.slice(0, 80);
    if (/请先?登[录陆]|登[录陆]后|未登[录陆]/.test(message)) return `login wall (${message.slice(0, 60)})`;
  }
  return null;
}

/** The response came from a page of this kind that was not asked for. */
function isRedirectTo(kind: RegExp, requested: string, final: string): boolean {
  if (requested === final) return false;
  return kind.test(pathOf(final)) && !kind.test(pathOf(requested));
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return u.host + u.pathname;
  } catch {
    return url;
  }
}
