// The fetch layer's pure decisions: charsets, block pages, Retry-After and backoff.
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBody, detectCharset, normaliseCharset } from '../../src/fetch/decode-body.js';
import { detectBlock } from '../../src/fetch/detect-block.js';
import { parseRetryAfter, retryDelayMs } from '../../src/fetch/retry-policy.js';
import { haveRealCaptures, sharedFixture } from '../support/shared-fixtures.js';

describe('charset decoding', () => {
  it('GB2312 and GBK are read as GB18030, their superset', () => {
    expect(normaliseCharset('gb2312')).toBe('gb18030');
    expect(normaliseCharset('GBK')).toBe('gb18030');
    expect(normaliseCharset('"utf8"')).toBe('utf-8');
    expect(normaliseCharset('no-such-charset')).toBeUndefined();
    // 镕 is outside GB2312: a page that says gb2312 but uses it still decodes.
    const bytes = iconv.encode('朱镕基 数据标注', 'gb18030');
    expect(decodeBody(bytes, 'text/html; charset=gb2312')).toBe('朱镕基 数据标注');
  });

  it('the header wins over <meta>, <meta> over the UTF-8 default, and a BOM is dropped', () => {
    const gbk = iconv.encode('<meta charset="gbk"><p>训练师</p>', 'gbk');
    expect(detectCharset(gbk, 'text/html')).toBe('gb18030');
    expect(decodeBody(gbk)).toContain('训练师');
    expect(detectCharset(Buffer.from('<meta charset="gbk">'), 'text/html; charset=utf-8')).toBe('utf-8');
    expect(decodeBody(Buffer.from('\ufeff{"a":1}'))).toBe('{"a":1}');
  });

  it('UTF-8 decodes as iconv-lite decodes it, broken sequences and a view into a larger buffer too', () => {
    const bytes = Buffer.concat([
      Buffer.from('\ufeff训练师 '),
      Buffer.from([0xe8, 0xae, 0xff, 0xc3, 0x28, 0xf0, 0x9f]),
      Buffer.from(' 🙂 end'),
    ]);
    const expected = iconv.decode(bytes, 'utf-8', { stripBOM: true });
    expect(decodeBody(bytes, 'text/html; charset=utf-8')).toBe(expected);
    const whole = Buffer.concat([Buffer.from('xx'), bytes]);
    const view = new Uint8Array(whole.buffer, whole.byteOffset + 2, bytes.length);
    expect(decodeBody(view, 'text/html; charset=utf-8')).toBe(expected);
  });

  const fixture = sharedFixture('51job_search_gbk_2021-02-26.html');
  it.skipIf(!haveRealCaptures('51job_search_gbk_2021-02-26.html'))(
    'a real GBK capture from 51job decodes to readable Chinese',
    () => {
      const text = decodeBody(readFileSync(fixture));
      expect(text).toMatch(/前程无忧|51job/);
      expect(text).not.toContain('\ufffd');
    },
  );
});

describe('block detection', () => {
  const check = (text: string, extra: Partial<Parameters<typeof detectBlock>[0]> = {}) =>
    detectBlock({
      requestedUrl: 'https://x.test/list',
      finalUrl: 'https://x.test/list',
      status: 200,
      text,
      ...extra,
    });

  it('verification pages, code-37 JSON and login redirects are blocks; ordinary pages are not', () => {
    expect(check('<title>滑动验证页面</title>')).toMatch(/slider/);
    expect(check('<p>您的环境存在异常</p>')).toBeTruthy();
    expect(check('{"code":37,"message":"您的环境存在异常."}')).toMatch(/code 37/);
    expect(check('<html>ok</html>', { finalUrl: 'https://x.test/passport/login?from=list' })).toMatch(
      /login/,
    );
    expect(
      check('<title>AI训练师招聘</title><script src="https://www.google.com/recaptcha/api.js"></script>'),
    ).toBeNull();
    expect(check('{"code":0,"zpData":{"jobList":[]}}')).toBeNull();
  });

  it("Cloudflare's interstitial is a block; the challenge-platform script it adds to ordinary pages is not", () => {
    expect(check('<html><head><title>Just a moment...</title></head><body>cf_chl_opt</body></html>')).toMatch(
      /Cloudflare/,
    );
    expect(
      check(
        '<title>AI Prompt Engineer</title><script src="/cdn-cgi/challenge-platform/scripts/jsd/main.js"></script>',
      ),
    ).toBeNull();
  });

  it('judges what a person sees: widget code and comments in scripts, styles and hidden dialogs are not a block', () => {
    const widget =
      '<script>// 二次验证：滑动验证\nvar tip = "为保证您的正常访问，请进行如下验证：";</script>' +
      '<style>#nocaptcha .nc_scale{height:34px}</style><title>AI训练师招聘</title>';
    expect(check(`${widget}<ul><li>AI训练师 1万-2万</li></ul>`)).toBeNull();
    expect(
      check(`${widget}<div id="nc" style="display: none"><p>请完成安全验证</p></div><p>AI训练师 1万-2万</p>`),
    ).toBeNull();
    expect(check(`${widget}<div id="nc"><p>请完成安全验证</p></div>`)).toMatch(/验证/);
  });

  it('postings that mention verification work are content, however short', () => {
    expect(check('<title>「IC验证工程师招聘」-BOSS直聘</title><p>IC验证工程师 20-40K 上海</p>')).toBeNull();
    expect(check('<title>安全检查员招聘</title><p>负责工地安全检查，发送验证码登录后可投递</p>')).toBeNull();
    expect(check('<title>验证码识别工程师 - 职位详情</title><p>识别验证码图片</p>')).toBeNull();
    const long = `<title>「安全验证工程师招聘」</title><p>${'负责芯片安全验证方案。'.repeat(300)}</p>`;
    expect(check(long)).toBeNull();
    expect(check(long, { status: 403 })).toMatch(/安全验证/);
  });

  it('a redirect to a captcha or interception page is a block', () => {
    expect(
      check('<p>访问受限</p>', { finalUrl: 'https://safe.liepin.com/intercept/ip/captcha?url=x' }),
    ).toMatch(/verification page \(safe\.liepin\.com\/intercept\/ip\/captcha\)/);
  });

  const builtin = sharedFixture('builtin_jobpage_AI_Prompt_Engineer_8543870.html');
  it.skipIf(!haveRealCaptures('builtin_jobpage_AI_Prompt_Engineer_8543870.html'))(
    'a real job page served through Cloudflare is content, not a block',
    () => {
      expect(check(readFileSync(builtin, 'utf8'))).toBeNull();
    },
  );

  const real = sharedFixture('zhaopin_slider_captcha_block_page.html');
  it.skipIf(!haveRealCaptures('zhaopin_slider_captcha_block_page.html'))(
    'the real zhaopin slider-captcha page is recognised',
    () => {
      expect(check(readFileSync(real, 'utf8'))).not.toBeNull();
    },
  );
});

describe('retry timing', () => {
  it('Retry-After is read as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('backoff doubles with each retry, jitters within the upper half and is capped; Retry-After is honoured in full', () => {
    const fixed = (r: number) => ({ baseMs: 100, maxMs: 1000, random: () => r });
    expect(retryDelayMs(0, fixed(0))).toBe(50);
    expect(retryDelayMs(0, fixed(0.999))).toBeLessThanOrEqual(100);
    expect(retryDelayMs(2, fixed(0))).toBe(200);
    expect(retryDelayMs(10, fixed(0.5))).toBe(750);
    expect(retryDelayMs(0, fixed(0), 700)).toBe(700);
    // Longer than the backoff cap, still waited: whether it is too long is with-retries' decision.
    expect(retryDelayMs(0, fixed(0), 60_000)).toBe(60_000);
  });
});
