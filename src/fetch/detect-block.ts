// The one place that decides whether a response is a block: a CAPTCHA or slider verification, a
// "your environment is abnormal" page, BOSS直聘's code-37 JSON, or a redirect to a login page. The fetch
// layer turns a hit into BlockedError; nothing retries it.

export interface BlockCheck {
  /** The URL that was asked for. */
  requestedUrl: string;
  /** The URL the response finally came from (after redirects). */
  finalUrl: string;
  status: number;
  contentType?: string | null;
  text: string;
}

/** Phrases that only verification and anti-bot pages carry. */
const STRONG_MARKERS: [RegExp, string][] = [
  [/滑动验证/, 'slider verification page'],
  [/安全验证/, 'security verification page'],
  [/您的环境存在异常/, 'environment-abnormal page'],
  [/访问行为异常|异常访问行为/, 'abnormal-access page'],
  [/请完成(下方)?验证|人机验证/, 'verification page'],
  [/id=["']nocaptcha["']|geetest_|class=["'][^"']*\bnc_scale\b/, 'CAPTCHA widget'],
  // Not `challenge-platform`: Cloudflare injects that script path into ordinary pages too.
  [
    /cf-challenge|cf_chl_opt|<title>Just a moment\.\.\.<\/title>|Attention Required! \| Cloudflare/,
    'Cloudflare challenge',
  ],
];

const WEAK_TITLE =
  /captcha|verify you are (a )?human|are you a robot|robot check|security check|验证码|安全检查/i;
const LOGIN_PATH = /(^|[/.])(login|signin|sign-in|passport|auth)([/._?-]|$)/i;

/** Why this response is a block page, or null when it looks like content. */
export function detectBlock(check: BlockCheck): string | null {
  const json = jsonBlock(check);
  if (json) return json;
  if (isLoginRedirect(check.requestedUrl, check.finalUrl))
    return `redirected to a login page (${pathOf(check.finalUrl)})`;
  const head = check.text.slice(0, 200_000);
  for (const [pattern, reason] of STRONG_MARKERS) if (pattern.test(head)) return reason;
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(head)?.[1] ?? '';
  if (WEAK_TITLE.test(title)) return `verification page ("${title.trim().slice(0, 60)}")`;
  if ((check.status === 403 || check.status === 429) && /captcha/i.test(head))
    return `CAPTCHA (HTTP ${check.status})`;
  return null;
}

function jsonBlock(check: BlockCheck): string | null {
  const start = check.text.trimStart().slice(0, 1);
  if (start !== '{' || check.text.length > 5_000_000) return null;
  let data: unknown;
  try {
    data = JSON.parse(check.text);
  } catch {
    return null;
  }
  if (!data || typeof data !== 'object') return null;
  const { code, message } = data as { code?: unknown; message?: unknown };
  // BOSS直聘 answers code 37 ("您的环境存在异常") when it wants a browser-made token or a verification.
  if (code === 37) return `code 37: ${typeof message === 'string' ? message : 'environment check'}`;
  if (typeof message === 'string' && /验证|环境存在异常|访问异常/.test(message) && code !== 0) {
    return `${message}`.slice(0, 80);
  }
  return null;
}

function isLoginRedirect(requested: string, final: string): boolean {
  if (requested === final) return false;
  const before = pathOf(requested);
  const after = pathOf(final);
  return LOGIN_PATH.test(after) && !LOGIN_PATH.test(before);
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return u.host + u.pathname;
  } catch {
    return url;
  }
}
