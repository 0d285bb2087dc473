// 智联招聘 (zhaopin): keyword + city search over plain HTTP. The search page (sou.zhaopin.com/?jl=538&kw=…&p=2)
// carries its results as embedded state (`window.__INITIAL_STATE__`, positionList); the positions API
// answers with the same items under data.list. Detail pages (jobs.zhaopin.com/CC…J….htm) give the
// description. Salary strings stay as shown ("1.1万-1.5万", "8千-1.2万·13薪"): the pipeline parses them.

import * as cheerio from 'cheerio';
import type { RawPosting } from '../src/domain/posting.js';
import { BlockedError, NotRetryableError } from '../src/fetch/errors.js';
import { htmlToText } from '../src/text/html-to-text.js';
import { normaliseWhitespace } from '../src/text/whitespace.js';
import { readBoardBody, unreadableBody } from './china/block-detection.js';
import { copyDescription } from './china/detail-pages.js';
import { extractAssignedJson } from './china/embedded-json.js';
import { zhaopinShapes } from './china/real-shapes.js';
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

const DEFAULT_BASE_URL = 'https://sou.zhaopin.com';

/** One search result page as the state or API gives it. */
export interface ZhaopinListPage {
  postings: RawPosting[];
  /** Pages the search has in all, when the state says. */
  pages?: number;
}

/**
 * Reads a 智联 body: a search page (its `__INITIAL_STATE__` positionList, or the campus site's
 * souresult.Items), that state saved as JSON, a positions API body (data.list, or the 2018 API's
 * data.results with nested company and city objects), or a job page (its embedded job state, the job-detail
 * API's data, or the older server-rendered summary). A body with none of these is a block page when it
 * shows a verification or login page, else a NotRetryableError.
 */
export function parseZhaopin(body: string, hint: ParseHint = {}): ZhaopinListPage {
  const json = readBoardBody(body, '智联', hint.url);
  const state = json ?? extractAssignedJson(body, '__INITIAL_STATE__');
  if (isRecord(state)) {
    const page = fromState(state, hint);
    if (page) return page;
  }
  const detail = parseZhaopinDetail(body, hint);
  if (detail) return { postings: [detail] };
  throw unreadableBody(
    body,
    '智联',
    json !== undefined
      ? '智联 JSON has no positionList, data.list, data.results or job details'
      : 'not a 智联 search or job page: no __INITIAL_STATE__ positionList and no job details',
    hint.url,
  );
}

/** Results or job details from a state object or API body, or undefined when it holds neither. */
function fromState(state: Record<string, unknown>, hint: ParseHint): ZhaopinListPage | undefined {
  if (state.isVerification === true)
    throw new BlockedError('blocked: 智联 verification required (isVerification)', hint.url);
  if (Array.isArray(state.positionList)) {
    const pages = Number(state.pages);
    return {
      postings: state.positionList.filter(isRecord).map(fromPosition),
      pages: Number.isFinite(pages) ? pages : undefined,
    };
  }
  const campus = isRecord(state.souresult) ? state.souresult : undefined;
  if (campus && Array.isArray(campus.Items)) {
    const pages = Number(campus.PageCount);
    return {
      postings: campus.Items.filter(isRecord).map(fromCampusItem),
      pages: Number.isFinite(pages) ? pages : undefined,
    };
  }
  const data = isRecord(state.data) ? state.data : undefined;
  const list =
    data && (Array.isArray(data.list) ? data.list : Array.isArray(data.results) ? data.results : undefined);
  if (data && list) {
    const count = Number(data.count ?? data.numFound);
    const pageSize = Number(data.pageSize ?? list.length) || list.length;
    return {
      postings: list.filter(isRecord).map(fromPosition),
      pages: Number.isFinite(count) && pageSize > 0 ? Math.ceil(count / pageSize) : undefined,
    };
  }
  const detail = fromJobDetailState(state, hint);
  return detail ? { postings: [detail] } : undefined;
}

/** A name from a value that is either text or an object naming itself ({ name }, { display }). */
function named(value: unknown): string | undefined {
  if (isRecord(value)) return text(value.name) ?? text(value.display) ?? text(value.value);
  return text(value);
}

/** Where, for how much and how a 智联 position works, whichever generation's keys it uses. */
function placePayAndKind(
  item: Record<string, unknown>,
): Pick<RawPosting, 'location' | 'salary' | 'employmentType'> {
  return {
    location: joinLocation(
      text(item.workCity) ?? text(item.positionWorkCity) ?? named(item.city),
      text(item.cityDistrict) ?? text(item.positionCityDistrict) ?? named(item.businessArea),
      text(item.tradingArea) ?? text(item.streetName),
    ),
    salary: text(item.salary60) ?? text(item.salary),
    employmentType: text(item.workType) ?? text(item.emplType),
  };
}

/**
 * One positionList item (the search page's state, the positions API) as a raw posting; the 2018 API's
 * items, whose company, city, experience and education are objects, read the same way.
 */
export function fromPosition(item: Record<string, unknown>): RawPosting {
  const number = text(item.number) ?? text(item.jobId);
  const title = text(item.name) ?? text(item.jobName);
  if (!number || !title) throw new NotRetryableError('智联 position without number or name');
  const url = text(item.positionURL) ?? text(item.positionUrl) ?? `https://jobs.zhaopin.com/${number}.htm`;
  const company = isRecord(item.company) ? item.company : {};
  const published = text(item.publishTime) ?? text(item.updateDate);
  return {
    sourcePostingId: number,
    url: url.replace(/^http:/, 'https:'),
    title,
    company: text(item.companyName) ?? text(company.name),
    ...placePayAndKind(item),
    postedAt: text(item.firstPublishTime) ?? text(item.createDate) ?? published,
    description: text(item.jobSummary) ? htmlToText(text(item.jobSummary)!) : undefined,
    tags: textList(item.skillLabel),
    extra: compact({
      experience: named(item.workingExp),
      degree: text(item.education) ?? named(item.eduLevel),
      welfare: textList(item.welfareLabel).length > 0 ? textList(item.welfareLabel) : textList(item.welfare),
      companySize: text(item.companySize) ?? named(company.size),
      industry: text(item.industryName),
      companyType: text(item.property) ?? named(company.type),
      jobType: text(item.subJobTypeLevelName) ?? named(item.jobType),
      recruitNumber: item.recruitNumber ?? item.recruitCount,
      updated: published,
    }),
    raw: item,
  };
}

/** One item of the campus site's search state (xiaoyuan.zhaopin.com, souresult.Items, PascalCase). */
export function fromCampusItem(item: Record<string, unknown>): RawPosting {
  const number = text(item.JobPositionNumber);
  const title = text(item.JobTitle);
  if (!number || !title)
    throw new NotRetryableError('智联 campus item without JobPositionNumber or JobTitle');
  const min = Number(item.MinSalary);
  const max = Number(item.MaxSalary);
  return {
    sourcePostingId: number,
    url: `https://xiaoyuan.zhaopin.com/job/${number}`,
    title,
    company: text(item.CompanyName),
    location: text(item.CityName),
    // "0"/"0" is how the campus site says it shows no pay; campus pay is monthly when it is given.
    salary: min > 0 && max > 0 ? `${min}-${max}元/月` : undefined,
    employmentType: text(item.JobNatureName),
    postedAt: text(item.DateCreated) ?? text(item.DateShowStr),
    extra: compact({
      source: text(item.JobSourceType),
      jobType: text(item.JobTypeName),
      companySize: text(item.CompanySize),
      companyType: text(item.CompanyTypeName),
      industry: text(item.IndustryName),
      recruitNumber: text(item.RecruitCount),
    }),
    raw: item,
  };
}

/**
 * The job-info object of a job page's state, or of the job-detail API's data: the record holding
 * detailedPosition (and detailedCompany), found at the top or one or two levels down (jobInfo, jobDetail).
 */
function findJobInfo(value: unknown, depth = 0): Record<string, unknown> | undefined {
  if (!isRecord(value) || depth > 3) return undefined;
  if (isRecord(value.detailedPosition) || isRecord(value.positionDetail)) return value;
  for (const key of ['jobInfo', 'jobDetail', 'data', 'detail']) {
    const found = findJobInfo(value[key], depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** A job page's embedded state (or the job-detail API body) as one posting, or undefined. */
function fromJobDetailState(state: Record<string, unknown>, hint: ParseHint): RawPosting | undefined {
  const info = findJobInfo(state);
  if (!info) return undefined;
  const position = (isRecord(info.detailedPosition) ? info.detailedPosition : info.positionDetail) as Record<
    string,
    unknown
  >;
  const company = isRecord(info.detailedCompany)
    ? info.detailedCompany
    : isRecord(info.companyDetail)
      ? info.companyDetail
      : {};
  const url = text(position.positionUrl) ?? text(position.positionURL) ?? hint.url;
  const id =
    text(position.number) ??
    text(position.positionNumber) ??
    (url ? /(C[A-Z]*\d+J\d+)/.exec(url)?.[1] : undefined);
  const title = text(position.positionName) ?? text(position.name) ?? text(position.jobName);
  if (!id || !title) return undefined;
  const description =
    text(position.jobDescPC) ??
    text(position.jobDesc) ??
    text(position.description) ??
    text(position.jobDescription);
  const welfare = [...textList(position.welfareLabel), ...textList(position.welfareTags)];
  return {
    sourcePostingId: id,
    url: (url ?? `https://www.zhaopin.com/jobdetail/${id}.htm`).replace(/^http:/, 'https:'),
    title,
    company: text(company.companyName) ?? text(position.companyName),
    ...placePayAndKind(position),
    description: description ? htmlToText(description) : undefined,
    postedAt:
      text(position.positionPublishTime) ?? text(position.publishTime) ?? text(position.firstPublishTime),
    tags: textList(position.skillLabel),
    extra: compact({
      experience: text(position.workingExp) ?? text(position.positionWorkingExp),
      degree: text(position.education),
      welfare: [...new Set(welfare)],
      address: text(position.workAddress),
      recruitNumber: position.recruitNumber,
      jobType: text(position.jobTypeLevelName) ?? text(position.subJobTypeLevelName),
      companySize: text(company.companySize),
      industry: text(company.industryNameLevel) ?? text(company.industryName),
      companyStage: text(company.financingStageName),
      companyNumber: text(company.companyNumber),
      status: text(position.positionStatus),
    }),
    raw: info,
  };
}

/**
 * A 智联 job page as one posting, or undefined when the page is not one. Two generations are read: the
 * page whose embedded state (`__INITIAL_STATE__`) holds the job-info object (detailedPosition,
 * detailedCompany) — www.zhaopin.com/jobdetail/CC….htm and jobs.zhaopin.com/CC….htm today — and the older
 * server-rendered page with its .summary-plane markup. Pure: text in, posting out.
 */
export function parseZhaopinDetail(html: string, hint: ParseHint = {}): RawPosting | undefined {
  const json = html.trimStart().startsWith('{') ? safeJson(html) : undefined;
  const state = json ?? extractAssignedJson(html, '__INITIAL_STATE__');
  if (isRecord(state)) {
    const fromState = fromJobDetailState(state, hint);
    if (fromState) return fromState;
  }
  if (json !== undefined) return undefined;
  return fromSummaryPlane(html, hint);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The older server-rendered job page (.summary-plane, .describtion), as one posting or undefined. */
function fromSummaryPlane(html: string, hint: ParseHint): RawPosting | undefined {
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

/**
 * Where a posting's job page is: www.zhaopin.com/jobdetail/<number>.htm (older postings:
 * jobs.zhaopin.com/<number>.htm, campus: xiaoyuan.zhaopin.com/job/<number>); parseZhaopinDetail reads it.
 */
export function zhaopinDetailUrl(posting: Pick<RawPosting, 'sourcePostingId' | 'url'>): string {
  return posting.url ?? `https://www.zhaopin.com/jobdetail/${posting.sourcePostingId}.htm`;
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
    return {
      postings: result.postings,
      last: result.pages !== undefined && n >= result.pages,
      ...(result.pages !== undefined ? { pages: result.pages } : {}),
    };
  },
  jobPage: (posting, context) =>
    posting.description
      ? undefined
      : { url: reroot(zhaopinDetailUrl(posting), context.baseUrl, DEFAULT_BASE_URL) },
  completeFrom: copyDescription(parseZhaopinDetail),
};

export const zhaopinScraper: Scraper<ChineseSearchOptions> = {
  id: 'zhaopin',
  name: '智联招聘 (zhaopin.com)',
  kind: 'html',
  defaultBaseUrl: DEFAULT_BASE_URL,
  timeZone: 'Asia/Shanghai',
  verifiedAgainst:
    '9 real shapes, 2018-08 to 2026-05: search state and pages (Ruishu, slider-widget code, campus, empty), search and job-detail APIs, job-info job pages, the slider block page; tests on project fixtures in their shapes (2026-12)',
  checkedAgainst: zhaopinShapes,
  optionsSchema: chineseSearchOptionsSchema,
  details: { enabled: false, maxPerRun: 500 },
  start: (context) => searchStart(flow, context),
  handlers: searchHandlers(flow),
  parse: (body, hint) => parseZhaopin(body, hint).postings,
};
