// 智联招聘 (zhaopin): keyword + city search over plain HTTP. The search page (sou.zhaopin.com/?jl=538&kw=…&p=2)
// carries its results as embedded state (`window.__INITIAL_STATE__`, positionList); the positions API
// answers with the same items under data.list. Detail pages (jobs.zhaopin.com/CC…J….htm) give the
// description. Salary strings stay as shown ("1.1万-1.5万", "8千-1.2万·13薪"): the pipeline parses them.

import * as cheerio from 'cheerio';
import type { RawPosting } from '../src/domain/posting.js';
import { BlockedError, NotRetryableError } from '../src/fetch/errors.js';
import { htmlToText, normaliseWhitespace } from '../src/text/html-to-text.js';
import { detectChineseBlock, readBoardBody } from './china/block-detection.js';
import { copyDescription, ownJobPage } from './china/detail-pages.js';
import { extractAssignedJson } from './china/embedded-json.js';
import { type SearchFlow, searchHandlers, searchStart } from './china/search-pages.js';
import {
  type ChineseSearchOptions,
  chineseSearchOptionsSchema,
  compact,
  isRecord,
  joinLocation,
  text,
  textList,
} from './china/search-targets.js';
import type { ParseHint, Scraper } from './types.js';

const DEFAULT_BASE_URL = 'https://sou.zhaopin.com';

/** One search result page as the state or API gives it. */
export interface ZhaopinListPage {
  postings: RawPosting[];
  /** Pages the search has in all, when the state says. */
  pages?: number;
}

/** Reads a 智联 body: search page HTML, its `__INITIAL_STATE__` JSON, a positions API body or a detail page. */
export function parseZhaopin(body: string, hint: ParseHint = {}): ZhaopinListPage {
  const json = readBoardBody(body, '智联', hint.url);
  if (json !== undefined) return fromJson(json, hint);
  const state = extractAssignedJson(body, '__INITIAL_STATE__');
  if (isRecord(state) && Array.isArray(state.positionList)) return fromState(state, hint);
  const detail = parseZhaopinDetail(body, hint);
  if (detail) return { postings: [detail] };
  throw new NotRetryableError(
    'not a 智联 search or job page: no __INITIAL_STATE__ positionList and no job details',
    hint.url,
  );
}

function fromJson(value: unknown, hint: ParseHint): ZhaopinListPage {
  if (!isRecord(value)) throw new NotRetryableError('智联 JSON is not an object', hint.url);
  if (isRecord(value) && Array.isArray(value.positionList)) return fromState(value, hint);
  const data = value.data;
  if (isRecord(data)) {
    const list = Array.isArray(data.list)
      ? data.list
      : Array.isArray(data.results)
        ? data.results
        : undefined;
    if (list) {
      const count = Number(data.count ?? data.numFound);
      const pageSize = Number(data.pageSize ?? list.length) || list.length;
      return {
        postings: list.filter(isRecord).map(fromPosition),
        pages: Number.isFinite(count) && pageSize > 0 ? Math.ceil(count / pageSize) : undefined,
      };
    }
  }
  const blocked = detectChineseBlock(JSON.stringify(value).slice(0, 5000));
  if (blocked) throw new BlockedError(`blocked: 智联 ${blocked}`, hint.url);
  throw new NotRetryableError('智联 JSON has neither positionList nor data.list', hint.url);
}

function fromState(state: Record<string, unknown>, hint: ParseHint): ZhaopinListPage {
  if (state.isVerification === true)
    throw new BlockedError('blocked: 智联 verification required (isVerification)', hint.url);
  const list = (state.positionList as unknown[]).filter(isRecord);
  const pages = Number(state.pages);
  return { postings: list.map(fromPosition), pages: Number.isFinite(pages) ? pages : undefined };
}

/** One positionList item as a raw posting. */
export function fromPosition(item: Record<string, unknown>): RawPosting {
  const number = text(item.number) ?? text(item.jobId);
  const title = text(item.name) ?? text(item.jobName);
  if (!number || !title) throw new NotRetryableError('智联 position without number or name');
  const url = text(item.positionURL) ?? text(item.positionUrl) ?? `https://jobs.zhaopin.com/${number}.htm`;
  return {
    sourcePostingId: number,
    url: url.replace(/^http:/, 'https:'),
    title,
    company: text(item.companyName),
    location: joinLocation(
      text(item.workCity),
      text(item.cityDistrict),
      text(item.tradingArea) ?? text(item.streetName),
    ),
    salary: text(item.salary60) ?? text(item.salary),
    employmentType: text(item.workType),
    postedAt: text(item.publishTime),
    description: text(item.jobSummary) ? htmlToText(text(item.jobSummary)!) : undefined,
    tags: textList(item.skillLabel),
    extra: compact({
      experience: text(item.workingExp),
      degree: text(item.education),
      welfare: textList(item.welfareLabel),
      companySize: text(item.companySize),
      industry: text(item.industryName),
      companyType: text(item.property),
      jobType: text(item.subJobTypeLevelName),
      recruitNumber: item.recruitNumber,
    }),
    raw: item,
  };
}

/** A 智联 job page (jobs.zhaopin.com/CC…J….htm) as one posting, or undefined when the page is not one. */
export function parseZhaopinDetail(html: string, hint: ParseHint = {}): RawPosting | undefined {
  const $ = cheerio.load(html);
  const title = normaliseWhitespace($('.summary-plane__title, h1.job-name, h1').first().text());
  const descriptionHtml = $('.describtion__detail-content, .describtion-detail, .job-detail').first().html();
  if (!title || !descriptionHtml) return undefined;
  const canonical = $('link[rel="canonical"]').attr('href') ?? hint.url ?? '';
  const id = /(CC\w+J\w+|\d{8,})\.htm/i.exec(canonical)?.[1] ?? /(CC\w+J\w+)\.htm/i.exec(hint.url ?? '')?.[1];
  if (!id) return undefined;
  const info = $('.summary-plane__info li')
    .map((_, el) => normaliseWhitespace($(el).text()))
    .get()
    .filter(Boolean);
  return {
    sourcePostingId: id,
    url: canonical || hint.url,
    title,
    company: normaliseWhitespace($('.company__title, .company-name').first().text()) || undefined,
    location: info[0]?.replace(/-/g, '·'),
    salary: normaliseWhitespace($('.summary-plane__salary, .job-salary').first().text()) || undefined,
    description: htmlToText(descriptionHtml),
    postedAt:
      normaliseWhitespace($('.summary-plane__time').first().text()).replace(/^更新于\s*/, '') || undefined,
    tags: $('.describtion__skills-item')
      .map((_, el) => normaliseWhitespace($(el).text()))
      .get()
      .filter(Boolean),
    extra: compact({ experience: info[1], degree: info[2] }),
    raw: { title, info },
  };
}

const flow: SearchFlow<ChineseSearchOptions> = {
  board: 'zhaopin',
  site: '智联',
  pageRequest: (target, page, query, context) => ({
    url: `${context.baseUrl.replace(/\/$/, '')}/?jl=${target.code}&kw=${encodeURIComponent(query)}&p=${page}`,
  }),
  readPage(page, context) {
    const result = parseZhaopin(page.text, { url: page.url, contentType: page.headers['content-type'] });
    const n = (context.request.data as { page: number }).page;
    return { postings: result.postings, last: result.pages !== undefined && n >= result.pages };
  },
  jobPage: (posting, context) =>
    posting.description ? undefined : ownJobPage(posting, context.baseUrl, DEFAULT_BASE_URL),
  completeFrom: copyDescription(parseZhaopinDetail),
};

export const zhaopinScraper: Scraper<ChineseSearchOptions> = {
  id: 'zhaopin',
  name: '智联招聘 (zhaopin.com)',
  kind: 'html',
  defaultBaseUrl: DEFAULT_BASE_URL,
  timeZone: 'Asia/Shanghai',
  verifiedAgainst:
    'sou.zhaopin.com __INITIAL_STATE__ capture (Hangzhou p1, 2022-07) and its slider-captcha page; tests on project fixtures (2026-11)',
  optionsSchema: chineseSearchOptionsSchema,
  details: { enabled: false, maxPerRun: 500 },
  start: (context) => searchStart(flow, context),
  handlers: searchHandlers(flow),
  parse: (body, hint) => parseZhaopin(body, hint).postings,
};
