// BOSS直聘 (boss): keyword + city-code search through the real browser. The search page computes a token in
// script before it calls /wapi/zpgeek/search/joblist.json, so we load the page in Chromium and read the JSON
// responses it receives (zpData.jobList) instead of the rendered DOM. Job card / detail responses
// (/wapi/zpgeek/job/card.json, detail.json) give descriptions when captured; the server-rendered job page
// (job_detail/<id>.html, cambrian ld+json) parses too. Code 37 and verification pages are blocks.

import * as cheerio from 'cheerio';
import type { RawPosting } from '../src/domain/posting.js';
import { BlockedError, NotRetryableError } from '../src/fetch/errors.js';
import { htmlToText } from '../src/text/html-to-text.js';
import { normaliseWhitespace } from '../src/text/whitespace.js';
import { detectChineseBlock, readBoardBody, unreadableBody } from './china/block-detection.js';
import { extractCambrian } from './china/embedded-json.js';
import { bossShapes } from './china/real-shapes.js';
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
import type { BrowserResponse, ParseHint, Scraper } from './types.js';

const DEFAULT_BASE_URL = 'https://www.zhipin.com';
const JOB_LIST_PATH = '/wapi/zpgeek/search/joblist.json';
const DETAIL_PATHS = ['/wapi/zpgeek/job/card.json', '/wapi/zpgeek/job/detail.json'];

export interface BossListPage {
  postings: RawPosting[];
  hasMore?: boolean;
}

/**
 * Reads a BOSS body: a joblist.json response, a job card/detail response (zpData.jobCard, zpData.jobInfo), a
 * server-rendered job page (job_detail/<id>.html), or a search page as the browser rendered it (job cards in
 * the DOM, salary drawn as an image and so absent). A body with none of these is a block page when it
 * shows a verification or login page (code 37, "当前IP地址可能存在异常访问行为"), else a NotRetryableError.
 */
export function parseBoss(body: string, hint: ParseHint = {}): BossListPage {
  const json = readBoardBody(body, 'BOSS', hint.url);
  if (json !== undefined) return fromJson(json, hint);
  const detail = parseBossDetailPage(body, hint);
  if (detail) return { postings: [detail] };
  const cards = parseBossRenderedList(body);
  if (cards) return { postings: cards };
  throw unreadableBody(body, 'BOSS', 'not a BOSS job-list response, job page or page of job cards', hint.url);
}

function fromJson(value: unknown, hint: ParseHint): BossListPage {
  if (!isRecord(value)) throw new NotRetryableError('BOSS JSON is not an object', hint.url);
  const code = Number(value.code);
  const message = text(value.message) ?? '';
  if (code === 37 || /异常访问|环境存在异常/.test(message)) {
    throw new BlockedError(`blocked: BOSS code ${code}${message ? ` (${message})` : ''}`, hint.url);
  }
  if (code !== 0) {
    if (/登录|登陆/.test(message))
      throw new BlockedError(`blocked: BOSS login wall (code ${code}: ${message})`, hint.url);
    throw new NotRetryableError(`BOSS answered code ${code}${message ? `: ${message}` : ''}`, hint.url);
  }
  const data = value.zpData;
  if (!isRecord(data)) throw new NotRetryableError('BOSS response has no zpData', hint.url);
  if (Array.isArray(data.jobList)) {
    return { postings: data.jobList.filter(isRecord).map(fromJobListItem), hasMore: data.hasMore === true };
  }
  const detail = fromDetailData(data);
  if (detail) return { postings: [detail] };
  throw new NotRetryableError('BOSS zpData has no jobList, jobCard or jobInfo', hint.url);
}

/** One zpData.jobList item as a raw posting. */
export function fromJobListItem(item: Record<string, unknown>): RawPosting {
  const id = text(item.encryptJobId);
  const title = text(item.jobName);
  if (!id || !title) throw new NotRetryableError('BOSS job without encryptJobId or jobName');
  const skills = textList(item.skills);
  return {
    sourcePostingId: id,
    url: `${DEFAULT_BASE_URL}/job_detail/${id}.html`,
    title,
    company: text(item.brandName),
    location: joinLocation(text(item.cityName), text(item.areaDistrict), text(item.businessDistrict)),
    salary: text(item.salaryDesc),
    tags: [...skills, ...textList(item.jobLabels).filter((l) => !skills.includes(l))],
    extra: compact({
      experience: text(item.jobExperience),
      degree: text(item.jobDegree),
      welfare: textList(item.welfareList),
      companySize: text(item.brandScaleName),
      industry: text(item.brandIndustry),
      companyStage: text(item.brandStageName),
      bossTitle: text(item.bossTitle),
      cityCode: text(item.city),
      securityId: text(item.securityId),
      lid: text(item.lid),
    }),
    raw: item,
  };
}

/** A job card (zpData.jobCard) or detail (zpData.jobInfo + brandComInfo) response as one posting. */
function fromDetailData(data: Record<string, unknown>): RawPosting | undefined {
  const card = isRecord(data.jobCard) ? data.jobCard : isRecord(data.jobInfo) ? data.jobInfo : undefined;
  if (!card) return undefined;
  const id = text(card.encryptJobId) ?? text(card.encryptId);
  const title = text(card.jobName);
  if (!id || !title) return undefined;
  const brand = isRecord(data.brandComInfo) ? data.brandComInfo : {};
  const description = text(card.postDescription);
  return {
    sourcePostingId: id,
    url: `${DEFAULT_BASE_URL}/job_detail/${id}.html`,
    title,
    company: text(card.brandName) ?? text(brand.brandName),
    location: joinLocation(
      text(card.cityName) ?? text(card.locationName),
      text(card.areaDistrict),
      text(card.businessDistrict),
    ),
    salary: text(card.salaryDesc),
    description: description ? htmlToText(description) : undefined,
    tags: textList(card.skills ?? card.showSkills),
    extra: compact({
      experience: text(card.experienceName) ?? text(card.jobExperience),
      degree: text(card.degreeName) ?? text(card.jobDegree),
      address: text(card.address),
    }),
    raw: data,
  };
}

/** The server-rendered job page (zhipin.com/job_detail/<id>.html) as one posting, or undefined. */
export function parseBossDetailPage(html: string, hint: ParseHint = {}): RawPosting | undefined {
  const $ = cheerio.load(html);
  const cambrian = extractCambrian(html);
  const canonical = cambrian?.id ?? $('link[rel="canonical"]').attr('href') ?? hint.url ?? '';
  const id = /job_detail\/([^/.?]+)\.html/.exec(canonical)?.[1];
  const primary = $('.job-primary .info-primary, .job-banner .info-primary').first();
  const title = primary.find('h1').attr('title') ?? normaliseWhitespace(primary.find('h1').first().text());
  if (!id || !title) return undefined;
  const facts = primary
    .find('p')
    .first()
    .contents()
    .map((_, el) => normaliseWhitespace($(el).text()))
    .get()
    .filter(Boolean);
  const descriptionHtml = $('.detail-content .job-sec .text').first().html();
  const company =
    normaliseWhitespace($('.sider-company .company-info a[title]').first().attr('title') ?? '') ||
    normaliseWhitespace($('.job-sec .name').first().text()) ||
    cambrian?.title?.match(/_(.+?)招聘-BOSS直聘/)?.[1];
  const address = normaliseWhitespace($('.location-address').first().text());
  return {
    sourcePostingId: id,
    url: `${DEFAULT_BASE_URL}/job_detail/${id}.html`,
    title: title.trim(),
    company: company || undefined,
    location: facts[0],
    salary: normaliseWhitespace(primary.find('.salary').first().text()) || undefined,
    description: descriptionHtml ? htmlToText(descriptionHtml) : undefined,
    postedAt: cambrian?.pubDate,
    tags: $('.job-tags')
      .last()
      .find('span')
      .map((_, el) => normaliseWhitespace($(el).text()))
      .get()
      .filter(Boolean),
    extra: compact({
      experience: facts[1],
      degree: facts[2],
      address: address || undefined,
      updated: cambrian?.upDate,
    }),
    raw: { cambrian, facts },
  };
}

/**
 * The job cards of a search or recommendation page as the browser rendered it (zhipin.com/web/geek/jobs,
 * 2025–2026: li.job-card-box with a.job-name, .tag-list, .boss-name, .company-location), or undefined when
 * the page has none. BOSS draws salaries with a private font or an image, so cards carry no salary.
 */
export function parseBossRenderedList(html: string): RawPosting[] | undefined {
  const $ = cheerio.load(html);
  const cards = $('.job-card-box, .job-card-wrapper');
  if (cards.length === 0) return undefined;
  const postings: RawPosting[] = [];
  const seen = new Set<string>();
  cards.each((_, el) => {
    const card = $(el);
    const link = card.find('a.job-name, a[href*="/job_detail/"]').first();
    const id = /job_detail\/([^/.?]+)\.html/.exec(link.attr('href') ?? '')?.[1];
    const title = normaliseWhitespace(card.find('.job-name').first().text());
    if (!id || !title || seen.has(id)) return;
    seen.add(id);
    const tags = card
      .find('.tag-list li')
      .map((_, li) => normaliseWhitespace($(li).text()))
      .get()
      .filter(Boolean);
    const salary = normaliseWhitespace(card.find('.job-salary, .salary').first().text());
    postings.push({
      sourcePostingId: id,
      url: `${DEFAULT_BASE_URL}/job_detail/${id}.html`,
      title,
      company: normaliseWhitespace(card.find('.boss-name, .company-name').first().text()) || undefined,
      location: normaliseWhitespace(card.find('.company-location, .job-area').first().text()) || undefined,
      salary: salary || undefined,
      tags: tags.slice(2),
      extra: compact({
        experience: tags.find((t) => /经验|年|应届|在校/.test(t)),
        degree: tags.find((t) => /学历|本科|硕士|博士|大专|中专|高中/.test(t)),
      }),
      raw: { id, title, tags },
    });
  });
  return postings;
}

/** Where a posting's job page is: zhipin.com/job_detail/<encryptJobId>.html, read by parseBossDetailPage. */
export function bossDetailUrl(posting: Pick<RawPosting, 'sourcePostingId'>): string {
  return `${DEFAULT_BASE_URL}/job_detail/${posting.sourcePostingId}.html`;
}

/** Postings from the responses one search page received: job lists first, then card/detail descriptions. */
export function postingsFromResponses(responses: BrowserResponse[]): BossListPage {
  const byId = new Map<string, RawPosting>();
  let hasMore: boolean | undefined;
  let lists = 0;
  for (const response of responses.filter((r) => r.url.includes(JOB_LIST_PATH))) {
    const page = parseBoss(response.body, { url: response.url, contentType: response.contentType });
    lists++;
    hasMore = page.hasMore;
    for (const posting of page.postings) byId.set(posting.sourcePostingId, posting);
  }
  for (const response of responses.filter((r) => DETAIL_PATHS.some((p) => r.url.includes(p)))) {
    let detail: RawPosting | undefined;
    try {
      [detail] = parseBoss(response.body, { url: response.url }).postings;
    } catch (error) {
      if (error instanceof NotRetryableError) continue;
      throw error;
    }
    const listed = detail && byId.get(detail.sourcePostingId);
    if (listed && detail?.description) listed.description = detail.description;
  }
  if (lists === 0) throw new NotRetryableError('the BOSS search page made no job-list request');
  return { postings: [...byId.values()], hasMore };
}

const flow: SearchFlow<ChineseSearchOptions> = {
  board: 'boss',
  site: 'BOSS',
  // Not waitForCapture: a verification page makes no job-list request, and waiting for one would end in a
  // timeout that gets retried; loading to network idle sees the block at once and catches card responses.
  pageRequest: (target, page, query, context) => ({
    url: `${context.baseUrl.replace(/\/$/, '')}/web/geek/job?query=${encodeURIComponent(query)}&city=${target.code}&page=${page}`,
    browse: { captureUrlsContaining: [JOB_LIST_PATH, ...DETAIL_PATHS] },
  }),
  readPage(page) {
    if (!page.responses.some((r) => r.url.includes(JOB_LIST_PATH))) {
      const blocked = detectChineseBlock(page.text);
      if (blocked) throw new BlockedError(`blocked: BOSS ${blocked}`, page.url);
      if (/\/web\/user\/|passport|login/.test(page.url))
        throw new BlockedError('blocked: BOSS login wall', page.url);
    }
    const result = postingsFromResponses(page.responses);
    return { postings: result.postings, last: result.hasMore === false };
  },
  // Job pages want the browser's cookies, so they are opened in the browser too.
  jobPage: (posting, context) =>
    posting.description
      ? undefined
      : { url: reroot(bossDetailUrl(posting), context.baseUrl, DEFAULT_BASE_URL), browse: {} },
  completeFrom(posting, html, url) {
    const detail = parseBossDetailPage(html, { url });
    if (!detail) return undefined;
    return {
      ...posting,
      ...(detail?.description ? { description: detail.description } : {}),
      ...(detail?.postedAt ? { postedAt: detail.postedAt } : {}),
    };
  },
};

export const bossScraper: Scraper<ChineseSearchOptions> = {
  id: 'boss',
  name: 'BOSS直聘 (zhipin.com)',
  kind: 'browser',
  defaultBaseUrl: DEFAULT_BASE_URL,
  timeZone: 'Asia/Shanghai',
  verifiedAgainst:
    '7 real shapes, 2022 to 2026-07: joblist.json, job pages (2022, 2025-05), detail API (2024-11), the browser-rendered search page, code 37 and the IP verification page; tests on project fixtures, scrape in real Chromium (2026-12)',
  checkedAgainst: bossShapes,
  optionsSchema: chineseSearchOptionsSchema,
  details: { enabled: false, maxPerRun: 500 },
  start: (context) => searchStart(flow, context),
  handlers: searchHandlers(flow),
  parse: (body, hint) => parseBoss(body, hint).postings,
};
