// 猎聘 (liepin): keyword + city search over plain HTTP. The search page (www.liepin.com/zhaopin/?key=…&dq=020
// &currentPage=0) is server-rendered job cards (.job-card-pc-container); each card links a job page
// (/job/<id>.shtml for companies, /a/<id>.shtml for headhunters) whose .job-apply-container, intro text and
// Baidu cambrian ld+json (pubDate) give the rest. A redirect to the passport page is a login wall.

import * as cheerio from 'cheerio';
import type { RawPosting } from '../src/domain/posting.js';
import { BlockedError, NotRetryableError } from '../src/fetch/errors.js';
import { htmlToText } from '../src/text/html-to-text.js';
import { normaliseWhitespace } from '../src/text/whitespace.js';
import { readBoardBody, unreadableBody } from './china/block-detection.js';
import { extractAssignedJson, extractCambrian } from './china/embedded-json.js';
import { liepinShapes } from './china/real-shapes.js';
import { type SearchFlow, searchHandlers, searchStart } from './china/search-pages.js';
import {
  type ChineseSearchOptions,
  chineseSearchOptionsSchema,
  compact,
  isRecord,
  joinLocation,
  reroot,
  text,
  textList,
} from './china/search-targets.js';
import type { ParseHint, Scraper } from './types.js';

const DEFAULT_BASE_URL = 'https://www.liepin.com';

/**
 * "https://www.liepin.com/job/1936984499.shtml?d_sfrom=…" → "job/1936984499"; "/a/38806387.shtml" →
 * "a/38806387"; a campus posting "https://www.liepin.com/lptjob/50396915" → "lptjob/50396915".
 */
export function liepinPostingId(url: string): string | undefined {
  const match = /\/(job|a|lptjob)\/(\d+)(?:\.shtml)?/.exec(url);
  return match ? `${match[1]}/${match[2]}` : undefined;
}

function absolute(href: string): string {
  return new URL(href, DEFAULT_BASE_URL).toString().replace(/\?.*$/, '');
}

function spans($: cheerio.CheerioAPI, scope: ReturnType<cheerio.CheerioAPI>, selector: string): string[] {
  return scope
    .find(selector)
    .map((_, el) => normaliseWhitespace($(el).text()))
    .get()
    .filter(Boolean);
}

const SALARY = /^\d+(\.\d+)?(-\d+(\.\d+)?)?[kKwW万千元]|薪|面议/;
const DEGREE = /本科|硕士|博士|大专|中专|高中|学历/;
const EXPERIENCE = /年|经验|应届/;

/**
 * Reads a 猎聘 body: the search API's JSON (api-c.liepin.com … pc-search-job: data.data.jobCardList), a
 * search page of job cards (server-rendered, or as the browser leaves it with hashed class names), or a
 * job page. A body with none of these is a block page when it shows a verification page or login wall,
 * else a NotRetryableError.
 */
export function parseLiepin(body: string, hint: ParseHint = {}): RawPosting[] {
  const json = readBoardBody(body, '猎聘', hint.url);
  if (json !== undefined) return fromSearchApi(json, hint);
  const $ = cheerio.load(body);
  if ($('.job-apply-container').length > 0) {
    const detail = parseLiepinDetail($, body, hint);
    if (detail) return [detail];
  }
  const cards = $('.job-card-pc-container');
  if ($('#lp-search-job-box, .job-list-box, .job-list-item, .job-card-pc-container').length === 0) {
    throw unreadableBody(
      body,
      '猎聘',
      'not a 猎聘 search or job page: no job cards and no job details',
      hint.url,
    );
  }
  return cards
    .map((_, el) => parseCard($, $(el)))
    .get()
    .filter((p): p is RawPosting => p !== undefined);
}

/** The search API's answer: { flag: 1, data: { data: { jobCardList }, pagination } }. */
function fromSearchApi(value: unknown, hint: ParseHint): RawPosting[] {
  if (!isRecord(value)) throw new NotRetryableError('猎聘 JSON is not an object', hint.url);
  const outer = isRecord(value.data) ? value.data : undefined;
  const inner = outer && isRecord(outer.data) ? outer.data : outer;
  if (inner && Array.isArray(inner.jobCardList)) {
    return inner.jobCardList.filter(isRecord).flatMap((card) => {
      const posting = fromJobCard(card);
      return posting ? [posting] : [];
    });
  }
  const message = text(value.msg) ?? text(value.message) ?? '';
  if (/登[录陆]|验证|异常/.test(message))
    throw new BlockedError(
      `blocked: 猎聘 ${/登[录陆]/.test(message) ? 'login wall' : 'verification'} (${message})`,
      hint.url,
    );
  throw new NotRetryableError(
    `猎聘 JSON has no data.data.jobCardList${message ? ` (site says: ${message})` : ''}`,
    hint.url,
  );
}

/** "20260917212231" → "2026-09-17 21:22:31" (Beijing time, as the site writes it). */
function compactTime(value: string | undefined): string | undefined {
  const m = value ? /^(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?(\d{2})?$/.exec(value) : null;
  if (!m) return value;
  return m[4] ? `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5] ?? '00'}:${m[6] ?? '00'}` : `${m[1]}-${m[2]}-${m[3]}`;
}

/** One jobCardList item ({ job, comp, recruiter }) as a raw posting. */
export function fromJobCard(card: Record<string, unknown>): RawPosting | undefined {
  const job = isRecord(card.job) ? card.job : {};
  const comp = isRecord(card.comp) ? card.comp : {};
  const recruiter = isRecord(card.recruiter) ? card.recruiter : {};
  const link = text(job.link);
  const id = (link && liepinPostingId(link)) ?? (text(job.jobId) ? `job-id/${text(job.jobId)}` : undefined);
  const title = text(job.title);
  if (!id || !title) return undefined;
  const dq = text(job.dq);
  const refreshed = compactTime(text(job.refreshTime));
  return {
    sourcePostingId: id,
    url: link ? absolute(link) : undefined,
    title,
    company: text(comp.compName),
    location: dq ? joinLocation(...dq.split(/\s*-\s*/)) : undefined,
    salary: text(job.salary),
    // The list only says when the posting was last refreshed: that is its date until the job page says more.
    postedAt: refreshed,
    tags: textList(job.labels),
    extra: compact({
      experience: text(job.requireWorkYears),
      degree: text(job.requireEduLevel),
      industry: text(comp.compIndustry),
      companyStage: text(comp.compStage),
      companySize: text(comp.compScale),
      recruiter: joinRecruiter(text(recruiter.recruiterName), text(recruiter.recruiterTitle)),
      jobKind: text(job.jobKind),
      campus: text(job.campusJobKind),
      refreshed,
    }),
    raw: card,
  };
}

function joinRecruiter(name?: string, title?: string): string | undefined {
  return name && title ? `${name}·${title}` : (name ?? title);
}

/**
 * One job card. Two generations are read by their structure rather than their class names: the
 * server-rendered card (.job-title-box, .job-dq-box, .job-salary, .company-name, .company-tags-box) and
 * the 2026 card the browser leaves (hashed classes; the title in a [title] attribute prefixed "招聘", the
 * place between 【 】, salary and requirements as bare spans, the company under data-nick).
 */
function parseCard($: cheerio.CheerioAPI, card: ReturnType<cheerio.CheerioAPI>): RawPosting | undefined {
  const link = card
    .find('a[data-nick="job-detail-job-info"], a[href*=".shtml"], a[href*="/lptjob/"]')
    .first();
  const href = link.attr('href');
  const id = href ? liepinPostingId(href) : undefined;
  const titleNode = link.find('[title]').first();
  const title =
    normaliseWhitespace(titleNode.text()) ||
    titleNode.attr('title')?.replace(/^招聘/, '') ||
    normaliseWhitespace(card.find('.job-title-box .ellipsis-1').first().text());
  if (!id || !href || !title) return undefined;
  const leaves = link
    .find('span')
    .filter((_, el) => $(el).children().length === 0)
    .map((_, el) => normaliseWhitespace($(el).text()))
    .get()
    .filter((t) => t && t !== '【' && t !== '】');
  const dq =
    normaliseWhitespace(card.find('.job-dq-box .ellipsis-1').first().text()) ||
    /【\s*([^】]+?)\s*】/.exec(normaliseWhitespace(link.text()))?.[1] ||
    '';
  const salary =
    normaliseWhitespace(card.find('.job-salary').first().text()) || leaves.find((t) => SALARY.test(t)) || '';
  const labels = [
    ...new Set([
      ...spans($, card, '.job-labels-box .labels-tag, .job-labels-box span'),
      ...leaves.filter((t) => t !== dq && t !== salary && (DEGREE.test(t) || EXPERIENCE.test(t))),
    ]),
  ];
  const companyBox = card.find('[data-nick="job-detail-company-info"]').first();
  const companyTags = [
    ...spans($, card, '.company-tags-box span'),
    ...(card.find('.company-tags-box').length === 0 ? spans($, companyBox, 'div.ellipsis-1 span') : []),
  ];
  const company =
    normaliseWhitespace(card.find('.company-name').first().text()) ||
    normaliseWhitespace(companyBox.find('span.ellipsis-1').first().text());
  const recruiter =
    normaliseWhitespace(card.find('.recruiter-name').first().text()) ||
    normaliseWhitespace(card.find('.recruiter-info-box .ellipsis-1').first().text());
  const info = decodedJson(card.attr('data-info')) ?? decodedJson(card.attr('data-tlg-ext'));
  return {
    sourcePostingId: id,
    url: absolute(href),
    title: title.trim(),
    company: company || undefined,
    location: dq ? joinLocation(...dq.split(/\s*-\s*/)) : undefined,
    salary: salary || undefined,
    tags: labels,
    extra: compact({
      experience: labels.find((l) => EXPERIENCE.test(l) && !DEGREE.test(l)),
      degree: labels.find((l) => DEGREE.test(l)),
      industry: companyTags[0],
      companyStage: companyTags.length > 2 ? companyTags[1] : undefined,
      companySize: companyTags.find((t) => /\d\s*人/.test(t)),
      recruiter: recruiter || undefined,
      jobKind: info?.job_kind ?? info?.jobKind,
    }),
    raw: { href, title, dq, labels, companyTags, info },
  };
}

/** A data attribute holding URL-encoded JSON (data-info, data-tlg-ext), or undefined. */
function decodedJson(value: string | undefined): Record<string, unknown> | undefined {
  if (!value) return undefined;
  try {
    const decoded: unknown = JSON.parse(decodeURIComponent(value));
    return isRecord(decoded) ? decoded : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A 猎聘 job page (www.liepin.com/job/<id>.shtml for companies, /a/<id>.shtml for headhunters) as one
 * posting, or undefined when the body is not one. Pure: text in, posting out.
 */
export function parseLiepinJobPage(html: string, hint: ParseHint = {}): RawPosting | undefined {
  const $ = cheerio.load(html);
  return $('.job-apply-container').length > 0 ? parseLiepinDetail($, html, hint) : undefined;
}

/** Where a posting's job page is: its own URL (www.liepin.com/job/….shtml or /a/….shtml). */
export function liepinDetailUrl(posting: Pick<RawPosting, 'sourcePostingId' | 'url'>): string | undefined {
  return (
    posting.url ??
    (/^(job|a)\//.test(posting.sourcePostingId)
      ? `${DEFAULT_BASE_URL}/${posting.sourcePostingId}.shtml`
      : undefined)
  );
}

function parseLiepinDetail($: cheerio.CheerioAPI, html: string, hint: ParseHint): RawPosting | undefined {
  const cambrian = extractCambrian(html);
  const config = extractAssignedJson(html, '$CONFIG');
  const canonical = cambrian?.id ?? $('link[rel="canonical"]').attr('href') ?? hint.url ?? '';
  const id = liepinPostingId(canonical);
  const apply = $('.job-apply-container').first();
  const title =
    normaliseWhitespace(apply.find('.name-box .name').first().text()) ||
    text(isRecord(config) ? config.jobTitle : undefined);
  if (!id || !title) return undefined;
  const properties = spans($, apply, '.job-properties > span:not(.split)');
  const intro =
    $('[data-selector="job-intro-content"]').first().html() ?? $('.job-intro-container dd').first().html();
  // The company: $CONFIG (2022), the company card, the recruiter's " · 库卡机器人" link, or the page title
  // ("【佛山 AI训练师招聘】-库卡机器人招聘信息-猎聘"; a headhunter's page says "猎头顾问" there instead).
  const fromTitle = /】[-_](.+?)招聘信息-猎聘/.exec($('title').first().text())?.[1];
  const company =
    text(isRecord(config) ? config.compName : undefined) ??
    (normaliseWhitespace($('.company-info-container .name, .company-card .name').first().text()) ||
      normaliseWhitespace(
        $('.recruiter-container .title-box a[href*="/company/"]')
          .first()
          .text()
          .replace(/^\s*·\s*/, ''),
      ) ||
      (fromTitle && fromTitle !== '猎头顾问' ? fromTitle : undefined));
  return {
    sourcePostingId: id,
    url: absolute(canonical),
    title,
    company,
    location: properties[0] ? joinLocation(...properties[0].split(/\s*-\s*/)) : undefined,
    salary: normaliseWhitespace(apply.find('.salary').first().text()) || undefined,
    description: intro ? htmlToText(intro) : undefined,
    postedAt: cambrian?.pubDate,
    tags: spans($, $('.job-intro-container').first(), '.tag-box li'),
    extra: compact({
      experience: properties.find((p) => /年|经验/.test(p)),
      degree: properties.find((p) => /本科|硕士|博士|大专|中专|高中|学历/.test(p)),
      welfare: spans($, $('.job-apply-container-left .labels').first(), 'span'),
      updated: cambrian?.upDate,
      recruiter: normaliseWhitespace($('.recruiter-container .name-box .name').first().text()) || undefined,
    }),
    raw: { config, cambrian, properties },
  };
}

const flow: SearchFlow<ChineseSearchOptions> = {
  board: 'liepin',
  site: '猎聘',
  firstPage: 0,
  pageRequest: (target, page, query, context) => ({
    url: `${context.baseUrl.replace(/\/$/, '')}/zhaopin/?key=${encodeURIComponent(query)}&dq=${target.code}&currentPage=${page}`,
  }),
  readPage(page, context) {
    if (/passport\.liepin\.com|\/login/.test(page.url))
      throw new BlockedError('blocked: 猎聘 login wall (redirected to login)', context.request.url);
    return { postings: parseLiepin(page.text, { url: page.url }) };
  },
  // Cards lack the posting date and company details: every job page is read, not only those without text.
  jobPage: (posting, context) => {
    const url = liepinDetailUrl(posting);
    return url ? { url: reroot(url, context.baseUrl, DEFAULT_BASE_URL) } : undefined;
  },
  completeFrom(posting, html, url) {
    const detail = parseLiepinJobPage(html, { url });
    if (!detail) return undefined;
    return {
      ...posting,
      description: detail.description ?? posting.description,
      postedAt: detail.postedAt ?? posting.postedAt,
      company: posting.company ?? detail.company,
      extra: { ...detail.extra, ...posting.extra },
    };
  },
};

export const liepinScraper: Scraper<ChineseSearchOptions> = {
  id: 'liepin',
  name: '猎聘 (liepin.com)',
  kind: 'html',
  defaultBaseUrl: DEFAULT_BASE_URL,
  timeZone: 'Asia/Shanghai',
  verifiedAgainst:
    '6 real shapes, 2022-07 to 2026-10: job pages (2022-07, 2026-09), search API (2022-08, 2026-09), the browser-rendered search page, the IP captcha redirect; tests on project fixtures (2026-12)',
  checkedAgainst: liepinShapes,
  optionsSchema: chineseSearchOptionsSchema,
  details: { enabled: true, maxPerRun: 500 },
  start: (context) => searchStart(flow, context),
  handlers: searchHandlers(flow),
  parse: (body, hint) => parseLiepin(body, hint),
};
