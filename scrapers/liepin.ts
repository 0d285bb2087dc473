// 猎聘 (liepin): keyword + city search over plain HTTP. The search page (www.liepin.com/zhaopin/?key=…&dq=020
// &currentPage=0) is server-rendered job cards (.job-card-pc-container); each card links a job page
// (/job/<id>.shtml for companies, /a/<id>.shtml for headhunters) whose .job-apply-container, intro text and
// Baidu cambrian ld+json (pubDate) give the rest. A redirect to the passport page is a login wall.

import * as cheerio from 'cheerio';
import type { RawPosting } from '../src/domain/posting.js';
import { BlockedError, NotRetryableError } from '../src/fetch/errors.js';
import { htmlToText, normaliseWhitespace } from '../src/text/html-to-text.js';
import { detectChineseBlock } from './china/block-detection.js';
import { ownJobPage } from './china/detail-pages.js';
import { extractAssignedJson, extractCambrian } from './china/embedded-json.js';
import { type SearchFlow, searchHandlers, searchStart } from './china/search-pages.js';
import {
  type ChineseSearchOptions,
  chineseSearchOptionsSchema,
  compact,
  isRecord,
  joinLocation,
  text,
} from './china/search-targets.js';
import type { ParseHint, Scraper } from './types.js';

const DEFAULT_BASE_URL = 'https://www.liepin.com';

/** "https://www.liepin.com/job/1936984499.shtml?d_sfrom=…" → "job/1936984499"; "/a/38806387.shtml" → "a/38806387". */
export function liepinPostingId(url: string): string | undefined {
  const match = /\/(job|a)\/(\d+)\.shtml/.exec(url);
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

/** Reads a 猎聘 body: a search page of job cards or a job page. */
export function parseLiepin(body: string, hint: ParseHint = {}): RawPosting[] {
  const blocked = detectChineseBlock(body);
  if (blocked) throw new BlockedError(`blocked: 猎聘 ${blocked}`, hint.url);
  const $ = cheerio.load(body);
  if ($('.job-apply-container').length > 0) {
    const detail = parseLiepinDetail($, body, hint);
    if (detail) return [detail];
  }
  const cards = $('.job-card-pc-container');
  if ($('#lp-search-job-box, .job-list-box, .job-list-item, .job-card-pc-container').length === 0) {
    throw new NotRetryableError('not a 猎聘 search or job page: no job cards and no job details', hint.url);
  }
  return cards
    .map((_, el) => parseCard($, $(el)))
    .get()
    .filter((p): p is RawPosting => p !== undefined);
}

function parseCard($: cheerio.CheerioAPI, card: ReturnType<cheerio.CheerioAPI>): RawPosting | undefined {
  const link = card.find('a[data-nick="job-detail-job-info"], a[href*=".shtml"]').first();
  const href = link.attr('href');
  const id = href ? liepinPostingId(href) : undefined;
  const titleNode = card.find('.job-title-box [title]').first();
  const title =
    titleNode.attr('title') ?? normaliseWhitespace(card.find('.job-title-box .ellipsis-1').first().text());
  if (!id || !href || !title) return undefined;
  const dq = normaliseWhitespace(card.find('.job-dq-box .ellipsis-1').first().text());
  const labels = spans($, card, '.job-labels-box .labels-tag, .job-labels-box span');
  const companyTags = spans($, card, '.company-tags-box span');
  let info: Record<string, unknown> | undefined;
  try {
    const decoded = JSON.parse(decodeURIComponent(card.attr('data-info') ?? ''));
    if (isRecord(decoded)) info = decoded;
  } catch {
    info = undefined;
  }
  return {
    sourcePostingId: id,
    url: absolute(href),
    title: title.trim(),
    company: normaliseWhitespace(card.find('.company-name').first().text()) || undefined,
    location: dq ? joinLocation(...dq.split(/\s*-\s*/)) : undefined,
    salary: normaliseWhitespace(card.find('.job-salary').first().text()) || undefined,
    tags: labels,
    extra: compact({
      experience: labels.find((l) => /年|经验/.test(l)),
      degree: labels.find((l) => /本科|硕士|博士|大专|中专|高中|学历/.test(l)),
      industry: companyTags[0],
      companyStage: companyTags.length > 2 ? companyTags[1] : undefined,
      companySize: companyTags.find((t) => /\d\s*人/.test(t)),
      recruiter: normaliseWhitespace(card.find('.recruiter-name').first().text()) || undefined,
      jobKind: info?.job_kind,
    }),
    raw: { href, title, dq, labels, companyTags, info },
  };
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
  const company =
    text(isRecord(config) ? config.compName : undefined) ??
    (normaliseWhitespace($('.company-info-container .name, .company-card .name').first().text()) ||
      undefined);
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
  jobPage: (posting, context) => ownJobPage(posting, context.baseUrl, DEFAULT_BASE_URL),
  completeFrom(posting, html, url) {
    const [detail] = parseLiepin(html, { url });
    if (!detail) return posting;
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
    'www.liepin.com job page capture (2022-07, cambrian ld+json, job cards of the same template); tests on project fixtures (2026-11)',
  optionsSchema: chineseSearchOptionsSchema,
  details: { enabled: true, maxPerRun: 500 },
  start: (context) => searchStart(flow, context),
  handlers: searchHandlers(flow),
  parse: (body, hint) => parseLiepin(body, hint),
};
