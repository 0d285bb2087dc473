// 前程无忧 51job: search results and job pages over plain HTTP. Two shapes are read: the current JSON search
// API (we.51job.com/api/job/search-pc → resultbody.job.items, camelCase) and the older GBK list pages
// (search.51job.com/list/….html) whose results sit in `window.__SEARCH_RESULT__` (engine_search_result, later
// engine_jds; also served as bare JSON). Job pages (jobs.51job.com/<city>/<id>.html, GBK) give descriptions.
// The fetch layer decodes GBK; parse() takes text. Salary strings stay as shown ("1-1.5万", "1-2万/月").

import * as cheerio from 'cheerio';
import { z } from 'zod';
import type { RawPosting } from '../src/domain/posting.js';
import { BlockedError, NotRetryableError } from '../src/fetch/errors.js';
import { htmlToText } from '../src/text/html-to-text.js';
import { normaliseWhitespace } from '../src/text/whitespace.js';
import { detectChineseBlock, readBoardBody, unreadableBody } from './china/block-detection.js';
import { copyDescription } from './china/detail-pages.js';
import { extractAssignedJson } from './china/embedded-json.js';
import { job51Shapes } from './china/real-shapes.js';
import { type SearchFlow, searchHandlers, searchStart } from './china/search-pages.js';
import {
  chineseSearchOptionsSchema,
  compact,
  isRecord,
  joinLocation,
  reroot,
  text,
  textList,
} from './china/search-targets.js';
import type { ParseHint, Scraper } from './types.js';

const DEFAULT_BASE_URL = 'https://we.51job.com';
const LIST_BASE_URL = 'https://search.51job.com';

export const job51OptionsSchema = chineseSearchOptionsSchema
  .extend({
    /** api: the JSON search API (current site); list: the older GBK list pages with __SEARCH_RESULT__. */
    mode: z.enum(['api', 'list']).default('api'),
    /** Results per API page. */
    pageSize: z.number().int().min(10).max(100).default(50),
  })
  .strict();
export type Job51Options = z.infer<typeof job51OptionsSchema>;

export interface Job51ListPage {
  postings: RawPosting[];
  totalPages?: number;
}

/**
 * Reads a 51job body: the search API's JSON, an older list page with `window.__SEARCH_RESULT__` (or that
 * object as JSON), the current search page as the browser renders it (we.51job.com/pc/search: .joblist-item
 * cards whose sensorsdata attribute holds the job as JSON), or a job page. A body with none of these is a
 * block page when it shows a verification page (the Aliyun slider "请按住滑块"), else a NotRetryableError.
 */
export function parseJob51(body: string, hint: ParseHint = {}): Job51ListPage {
  const json = readBoardBody(body, '51job', hint.url);
  if (json !== undefined) return fromJson(json, hint);
  const result = extractAssignedJson(body, '__SEARCH_RESULT__');
  if (isRecord(result)) return fromSearchResult(result, hint);
  const cards = parseJob51RenderedList(body);
  if (cards) return { postings: cards };
  const detail = parseJob51Detail(body, hint);
  if (detail) return { postings: [detail] };
  throw unreadableBody(
    body,
    '51job',
    'not a 51job search or job page: no __SEARCH_RESULT__, no job cards and no job details',
    hint.url,
  );
}

function fromJson(value: unknown, hint: ParseHint): Job51ListPage {
  if (!isRecord(value)) throw new NotRetryableError('51job JSON is not an object', hint.url);
  const body = isRecord(value.resultbody) ? value.resultbody : undefined;
  const job = body && isRecord(body.job) ? body.job : undefined;
  if (job && Array.isArray(job.items)) {
    const total = Number(job.totalCount ?? job.totalcount);
    const size =
      Number(hint.url ? new URL(hint.url, 'http://x').searchParams.get('pageSize') : NaN) || job.items.length;
    return {
      postings: job.items.filter(isRecord).map(fromApiItem),
      totalPages: Number.isFinite(total) && size > 0 ? Math.ceil(total / size) : undefined,
    };
  }
  if (body && Array.isArray(body.engine_jds)) return fromSearchResult(body, hint);
  if (Array.isArray(value.engine_jds) || Array.isArray(value.engine_search_result))
    return fromSearchResult(value, hint);
  const blocked = detectChineseBlock(JSON.stringify(value).slice(0, 5000));
  if (blocked) throw new BlockedError(`blocked: 51job ${blocked}`, hint.url);
  const message = text(value.message) ?? text(value.msg);
  throw new NotRetryableError(
    `51job JSON has no resultbody.job.items or engine_jds${message ? ` (site says: ${message})` : ''}`,
    hint.url,
  );
}

function fromSearchResult(result: Record<string, unknown>, hint: ParseHint): Job51ListPage {
  const list = Array.isArray(result.engine_jds)
    ? result.engine_jds
    : Array.isArray(result.engine_search_result)
      ? result.engine_search_result
      : undefined;
  if (!list)
    throw new NotRetryableError(
      '51job __SEARCH_RESULT__ has no engine_search_result or engine_jds',
      hint.url,
    );
  const totalPages = Number(result.total_page);
  return {
    postings: list.filter(isRecord).map(fromSearchItem),
    totalPages: Number.isFinite(totalPages) ? totalPages : undefined,
  };
}

/** An item of the older list pages (snake_case: job_name, providesalary_text, workarea_text …). */
export function fromSearchItem(item: Record<string, unknown>): RawPosting {
  const id = text(item.jobid);
  const title = text(item.job_name) ?? text(item.job_title);
  if (!id || !title) throw new NotRetryableError('51job result without jobid or job_name');
  const attributes = textList(item.attribute_text);
  return {
    sourcePostingId: id,
    url: text(item.job_href)?.replace(/\?.*$/, ''),
    title,
    company: text(item.company_name),
    location: text(item.workarea_text)?.replace(/\s*-\s*/g, '·'),
    salary: text(item.providesalary_text),
    postedAt: text(item.issuedate) ?? text(item.updatedate),
    tags: textList(item.jobwelf_list),
    extra: compact({
      experience: attributes.find((a) => /经验|年/.test(a) && !/招/.test(a)),
      degree: attributes.find((a) => /本科|硕士|博士|大专|中专|高中|学历/.test(a)),
      welfare: textList(item.jobwelf_list),
      companySize: text(item.companysize_text),
      industry: text(item.companyind_text),
      companyType: text(item.companytype_text),
      updated: text(item.updatedate),
    }),
    raw: item,
  };
}

/** An item of the current search API (camelCase: jobName, provideSalaryString, jobAreaString …). */
export function fromApiItem(item: Record<string, unknown>): RawPosting {
  const id = text(item.jobId);
  const title = text(item.jobName) ?? text(item.jobTitle);
  if (!id || !title) throw new NotRetryableError('51job API item without jobId or jobName');
  const area = isRecord(item.jobAreaLevelDetail) ? item.jobAreaLevelDetail : {};
  const location =
    joinLocation(...(text(item.jobAreaString)?.split(/\s*[·-]\s*/) ?? []), text(area.landMarkString)) ??
    joinLocation(text(area.cityString), text(area.districtString), text(area.landMarkString));
  return {
    sourcePostingId: id,
    url: text(item.jobHref)?.replace(/\?.*$/, ''),
    title,
    company: text(item.fullCompanyName) ?? text(item.companyName),
    location,
    salary: text(item.provideSalaryString),
    postedAt: text(item.issueDateString) ?? text(item.confirmDateString),
    description: text(item.jobDescribe) ? htmlToText(text(item.jobDescribe)!) : undefined,
    tags: textList(item.jobTags),
    extra: compact({
      experience: text(item.workYearString),
      degree: text(item.degreeString),
      welfare: textList(item.jobTags),
      companySize: text(item.companySizeString),
      industry: text(item.companyIndustryType1Str) ?? text(item.industryType1Str),
      companyType: text(item.companyTypeString),
      brandName: text(item.companyName),
    }),
    raw: item,
  };
}

/**
 * The job cards of the current search page as the browser renders it (we.51job.com/pc/search, 2022–2026):
 * each .joblist-item carries the job as JSON in the sensorsdata attribute of its .joblist-item-job (jobId,
 * jobTitle, jobSalary, jobArea "上海·浦东新区", jobYear, jobDegree, jobTime), the company in .cname.
 * Undefined when the page has no such cards; cards without a jobId (app adverts) are skipped.
 */
export function parseJob51RenderedList(html: string): RawPosting[] | undefined {
  const $ = cheerio.load(html);
  const cards = $('.joblist-item');
  if (cards.length === 0) return undefined;
  const postings: RawPosting[] = [];
  cards.each((_, el) => {
    const card = $(el);
    const holder = card.find('[sensorsdata]').first();
    let data: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(holder.attr('sensorsdata') ?? '{}');
      if (isRecord(parsed)) data = parsed;
    } catch {
      data = {};
    }
    const id = text(data.jobId);
    const title =
      text(data.jobTitle) ?? (normaliseWhitespace(card.find('.jname').first().text()) || undefined);
    if (!id || !title) return;
    const companyLink = card.find('a.cname, .cname').first();
    postings.push({
      sourcePostingId: id,
      url: `https://jobs.51job.com/all/${id}.html`,
      title,
      company: normaliseWhitespace(companyLink.attr('title') ?? companyLink.text()) || undefined,
      location: text(data.jobArea),
      salary: text(data.jobSalary) ?? (normaliseWhitespace(card.find('.sal').first().text()) || undefined),
      postedAt: text(data.jobTime),
      tags: card
        .find('.tags .tag')
        .map((_, tag) => normaliseWhitespace($(tag).text()))
        .get()
        .filter(Boolean),
      extra: compact({
        experience: text(data.jobYear),
        degree: text(data.jobDegree),
        companyId: text(data.companyId),
        companyInfo: card
          .find('.dc')
          .map((_, dc) => normaliseWhitespace($(dc).text()))
          .get()
          .filter(Boolean),
      }),
      raw: { data },
    });
  });
  return postings;
}

/** Where a posting's job page is: jobs.51job.com/<city>/<id>.html (any city path answers: /all/<id>.html). */
export function job51DetailUrl(posting: Pick<RawPosting, 'sourcePostingId' | 'url'>): string {
  return posting.url ?? `https://jobs.51job.com/all/${posting.sourcePostingId}.html`;
}

/** A 51job job page (jobs.51job.com/<city>/<id>.html) as one posting, or undefined when it is not one. */
export function parseJob51Detail(html: string, hint: ParseHint = {}): RawPosting | undefined {
  const $ = cheerio.load(html);
  const title = $('.tHjob h1').attr('title') ?? normaliseWhitespace($('.tHjob h1').first().text());
  const descriptionHtml = $('.job_msg').first().clone();
  descriptionHtml.find('.mt10, .share').remove();
  if (!title || descriptionHtml.length === 0) return undefined;
  const url = $('link[rel="canonical"]').attr('href') ?? hint.url;
  const id = /\/(\d+)\.html/.exec(url ?? '')?.[1] ?? text($('#hidJobID').attr('value'));
  if (!id) return undefined;
  const facts = ($('p.msg.ltype').attr('title') ?? normaliseWhitespace($('p.msg.ltype').text()))
    .split('|')
    .map((s) => normaliseWhitespace(s))
    .filter(Boolean);
  return {
    sourcePostingId: id,
    url: url?.replace(/\?.*$/, ''),
    title: title.trim(),
    company:
      $('.cname a.catn').attr('title') ?? (normaliseWhitespace($('.cname a').first().text()) || undefined),
    location: facts[0]?.replace(/\s*-\s*/g, '·'),
    salary: normaliseWhitespace($('.cn strong').first().text()) || undefined,
    description: htmlToText(descriptionHtml.html() ?? ''),
    postedAt: facts.find((f) => /发布/.test(f))?.replace(/发布$/, ''),
    tags: $('.jtag .sp4')
      .map((_, el) => normaliseWhitespace($(el).text()))
      .get()
      .filter(Boolean),
    extra: compact({
      experience: facts.find((f) => /经验/.test(f)),
      degree: facts.find((f) => /本科|硕士|博士|大专|中专|高中/.test(f)),
    }),
    raw: { title, facts },
  };
}

function apiUrl(base: string, query: string, code: string, page: number, pageSize: number): string {
  const params = new URLSearchParams({
    api_key: '51job',
    keyword: query,
    searchType: '2',
    jobArea: code,
    sortType: '0',
    pageNum: String(page),
    pageSize: String(pageSize),
    source: '1',
    pageCode: 'sou|sou|soulb',
  });
  return `${base}/api/job/search-pc?${params}`;
}

function listUrl(base: string, query: string, code: string, page: number): string {
  // The older path format: area,district,function,industry,issue date,salary,keyword,keyword type,page.
  return `${base}/list/${code},000000,0000,00,9,99,${encodeURIComponent(query)},2,${page}.html`;
}

function searchBase(baseUrl: string, mode: Job51Options['mode']): string {
  const base = baseUrl.replace(/\/$/, '');
  return mode === 'list' && base === DEFAULT_BASE_URL ? LIST_BASE_URL : base;
}

const flow: SearchFlow<Job51Options> = {
  board: '51job',
  site: '51job',
  pageRequest(target, page, query, context) {
    const mode = context.options.mode ?? 'api';
    const base = searchBase(context.baseUrl, mode);
    return mode === 'api'
      ? {
          url: apiUrl(base, query, target.code, page, context.options.pageSize ?? 50),
          headers: { accept: 'application/json' },
        }
      : { url: listUrl(base, query, target.code, page) };
  },
  readPage(page, context) {
    const result = parseJob51(page.text, {
      url: context.request.url,
      contentType: page.headers['content-type'],
    });
    const n = (context.request.data as { page: number }).page;
    return {
      postings: result.postings,
      last: result.totalPages !== undefined && n >= result.totalPages,
      ...(result.totalPages !== undefined ? { pages: result.totalPages } : {}),
    };
  },
  jobPage: (posting, context) =>
    posting.description
      ? undefined
      : { url: reroot(job51DetailUrl(posting), context.baseUrl, DEFAULT_BASE_URL) },
  completeFrom: copyDescription(parseJob51Detail),
};

export const job51Scraper: Scraper<Job51Options> = {
  id: '51job',
  name: '前程无忧 (51job.com)',
  kind: 'api',
  defaultBaseUrl: DEFAULT_BASE_URL,
  timeZone: 'Asia/Shanghai',
  verifiedAgainst:
    '5 real shapes, 2020-07 to 2026: GBK list pages (2021-02, 2021-04), __SEARCH_RESULT__ JSON, the browser-rendered search page, the Aliyun slider; search-pc API shape from public code (not captured); tests on project fixtures (2026-12)',
  checkedAgainst: job51Shapes,
  optionsSchema: job51OptionsSchema,
  details: { enabled: false, maxPerRun: 500 },
  start: (context) => searchStart(flow, context),
  handlers: searchHandlers(flow),
  parse: (body, hint) => parseJob51(body, hint).postings,
};
