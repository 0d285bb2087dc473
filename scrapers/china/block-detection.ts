// Recognises the pages Chinese job boards serve instead of results: slider CAPTCHAs (滑动验证), security
// checks (安全验证, "您的环境存在异常"), BOSS直聘's code 37 ("当前IP地址可能存在异常访问行为") and login walls.
// Scrapers call detectChineseBlock on every body and throw BlockedError with its reason; nothing here tries
// to get past such a page.
import { BlockedError, NotRetryableError } from '../../src/fetch/errors.js';

interface BlockSign {
  test: RegExp;
  reason: string;
}

// Phrases that only appear on verification or login pages, never on a page of results.
const SIGNS: BlockSign[] = [
  { test: /^\s*\{\s*"code"\s*:\s*37\b/, reason: 'BOSS code 37 (abnormal access)' },
  { test: /当前IP地址可能存在异常访问行为/, reason: 'IP flagged (当前IP地址可能存在异常访问行为)' },
  { test: /您的环境存在异常/, reason: 'environment flagged (您的环境存在异常)' },
  { test: /滑动验证|拖动(下方)?滑块|请按住滑块/, reason: 'slider verification (滑动验证)' },
  { test: /安全验证/, reason: 'security verification (安全验证)' },
  { test: /请进行如下验证|请完成(下方)?验证|访问验证/, reason: 'verification page (请进行验证)' },
  { test: /"isVerification"\s*:\s*true/, reason: 'verification required (isVerification)' },
  { test: /id=["']?nocaptcha|waf_nc_|_waf_bd8ce2ce37|acw_sc__v2/, reason: 'slider CAPTCHA (WAF)' },
  { test: /<title>[^<]*(验证码|人机验证|身份验证|安全检查)[^<]*<\/title>/, reason: 'verification page' },
  { test: /<title>[^<]*(登录|登陆)[^<]*<\/title>/, reason: 'login wall (登录)' },
  { test: /^\s*\{\s*"code"\s*:\s*\d+\s*,\s*"message"\s*:\s*"[^"]*(登录|登陆)/, reason: 'login wall (登录)' },
];

/**
 * Why this body is a block page ("slider verification (滑动验证)"), or null when it looks like content.
 * Only the first 200 kB are examined: a verification page is small, a results page carries its data early.
 */
export function detectChineseBlock(text: string): string | null {
  const head = text.length > 200_000 ? text.slice(0, 200_000) : text;
  for (const sign of SIGNS) {
    if (sign.test.test(head)) return sign.reason;
  }
  return null;
}

/**
 * The first step of every board's parser: a body that is JSON (it starts with "{") comes back parsed, and
 * one that does not parse is a NotRetryableError naming the site; an HTML verification page is a
 * BlockedError ("blocked: <site> <what was seen>"); any other HTML comes back as undefined, for the caller.
 */
export function readBoardBody(body: string, site: string, url?: string): unknown {
  const trimmed = body.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      return JSON.parse(trimmed);
    } catch {
      throw new NotRetryableError(`${site} response is not valid JSON`, url);
    }
  }
  const blocked = detectChineseBlock(body);
  if (blocked) throw new BlockedError(`blocked: ${site} ${blocked}`, url);
  return undefined;
}
