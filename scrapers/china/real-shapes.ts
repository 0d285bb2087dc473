// The real pages and responses each board's scraper was checked against: what each is, when it was
// captured, and the project fixture written in its shape (tests/fixtures/sources-cn/README.md says where
// every real page was seen). `jobtrend sources` prints these; tests/sources-cn/real-shapes.test.ts reads
// every fixture with its board's parse and checks the fields.
import type { RealShape } from '../types.js';

export const zhaopinShapes: readonly RealShape[] = [
  {
    kind: 'search state (__INITIAL_STATE__ saved as JSON, \\u escapes)',
    captured: '2022-07',
    fixture: 'zhaopin/search-state-hangzhou-2022-07.json',
    reads: 'postings',
  },
  {
    kind: 'search page behind 瑞数 (Ruishu) script, __INITIAL_STATE__ positionList',
    captured: '2026-02',
    fixture: 'zhaopin/search-ruishu-shanghai-2026-02.html',
    reads: 'postings',
  },
  {
    kind: 'search page shipping its slider-verification widget code',
    captured: '2026',
    fixture: 'zhaopin/search-with-slider-widget-code-2026.html',
    reads: 'postings',
  },
  {
    kind: 'search page with no results (listEmptyReason)',
    captured: '2026',
    fixture: 'zhaopin/search-empty-2026.html',
    reads: 'empty',
  },
  {
    kind: 'campus search page (xiaoyuan, souresult.Items)',
    captured: '2019-09',
    fixture: 'zhaopin/campus-search-2019-09.html',
    reads: 'postings',
  },
  {
    kind: 'search API (fe-api /c/i/sou, data.results with nested objects)',
    captured: '2018-08',
    fixture: 'zhaopin/api-search-results-2018-08.json',
    reads: 'postings',
  },
  {
    kind: 'job page whose state holds the job-info object',
    captured: '2026-05',
    fixture: 'zhaopin/job-detail-state-2026-05.html',
    reads: 'postings',
  },
  {
    kind: 'job-detail API (position-detail-new)',
    captured: '2026-05',
    fixture: 'zhaopin/api-job-detail-2026-05.json',
    reads: 'postings',
  },
  {
    kind: 'slider verification page (Aliyun WAF nocaptcha)',
    captured: '2022-07',
    fixture: 'zhaopin/slider-block-page.html',
    reads: 'blocked',
  },
];

export const bossShapes: readonly RealShape[] = [
  {
    kind: 'joblist.json (zpData.jobList)',
    captured: '2022',
    fixture: 'boss/joblist-shenzhen-2022.json',
    reads: 'postings',
  },
  {
    kind: 'job page with Baidu cambrian block (pubDate, upDate)',
    captured: '2022-07',
    fixture: 'boss/job-detail-2022.html',
    reads: 'postings',
  },
  {
    kind: 'job page without doctype, cambrian upDate only',
    captured: '2025-05',
    fixture: 'boss/job-detail-2025-05.html',
    reads: 'postings',
  },
  {
    kind: 'job-detail API (zpData.jobInfo, postDescription)',
    captured: '2024-11',
    fixture: 'boss/job-detail-api-2024-11.json',
    reads: 'postings',
  },
  {
    kind: 'search page as the browser renders it (job cards, verification widget code)',
    captured: '2026-07',
    fixture: 'boss/rendered-list-beijing-2026-07.html',
    reads: 'postings',
  },
  {
    kind: 'code 37 "您的环境存在异常" with its one-time challenge',
    captured: '2026',
    fixture: 'boss/code-37-challenge-2026.json',
    reads: 'blocked',
  },
  {
    kind: 'IP verification page (当前IP地址可能存在异常访问行为)',
    captured: '2024',
    fixture: 'boss/verify-ip-flagged.html',
    reads: 'blocked',
  },
];

export const job51Shapes: readonly RealShape[] = [
  {
    kind: 'list page, GBK, CRLF, window.__SEARCH_RESULT__',
    captured: '2021-02-26',
    fixture: '51job/search-gbk-2021-02.html',
    reads: 'postings',
  },
  {
    kind: 'list page, GBK, LF, a job without salary text',
    captured: '2021-04-16',
    fixture: '51job/search-gbk-2021-04.html',
    reads: 'postings',
  },
  {
    kind: '__SEARCH_RESULT__ object saved as JSON',
    captured: '2020-07-31',
    fixture: '51job/search-result-state-2020-07.json',
    reads: 'postings',
  },
  {
    kind: 'job page, GBK (.tHeader.tHjob, msg ltype title split on |, job_msg)',
    captured: '2020',
    fixture: '51job/job-150000001.html',
    reads: 'postings',
  },
  {
    kind: 'search page as the browser renders it (we.51job.com, sensorsdata cards)',
    captured: '2026',
    fixture: '51job/rendered-search-shenzhen-2026.html',
    reads: 'postings',
  },
  {
    kind: 'Aliyun slider verification (请按住滑块)',
    captured: '2026',
    fixture: '51job/aliyun-slider-block.html',
    reads: 'blocked',
  },
];

export const liepinShapes: readonly RealShape[] = [
  {
    kind: 'headhunter job page (/a/…shtml, $CONFIG, cambrian pubDate)',
    captured: '2022-07',
    fixture: 'liepin/job-detail-headhunter-2022-07.html',
    reads: 'postings',
  },
  {
    kind: 'search API (api-c pc-search-job, jobCardList, campus lptjob link)',
    captured: '2022-08',
    fixture: 'liepin/search-api-campus-2022-08.json',
    reads: 'postings',
  },
  {
    kind: 'search API (api-c pc-search-job, jobCardList, pagination)',
    captured: '2026-09',
    fixture: 'liepin/search-api-2026-09.json',
    reads: 'postings',
  },
  {
    kind: 'search page as the browser leaves it (hashed classes, 招聘-prefixed titles)',
    captured: '2026-09',
    fixture: 'liepin/search-rendered-2026-09.html',
    reads: 'postings',
  },
  {
    kind: 'company job page with "猜你喜欢" cards below it',
    captured: '2026-09',
    fixture: 'liepin/job-detail-2026-09.html',
    reads: 'postings',
  },
  {
    kind: 'IP captcha interception (redirect to safe.liepin.com)',
    captured: '2026-10',
    fixture: 'liepin/ip-captcha-intercept-2026-10.html',
    servedFrom: 'https://safe.liepin.com/intercept/ip/captcha?url=https%3A%2F%2Fwww.liepin.com%2Fzhaopin%2F',
    reads: 'blocked',
  },
];

export const linkedinShapes: readonly RealShape[] = [
  {
    kind: 'guest search page, pre-2021 result-card markup (Spanish dates)',
    captured: '2020-08',
    fixture: 'linkedin/result-card-page-2020-08.html',
    reads: 'postings',
  },
  {
    kind: 'guest search fragment, base-search-card ("4 months ago")',
    captured: '2026-03',
    fixture: 'linkedin/guest-fragment-kh-2026-03.html',
    reads: 'postings',
  },
  {
    kind: 'guest search fragment, base-search-card with benefits and salary',
    captured: '2026-09',
    fixture: 'linkedin/guest-fragment-2026-09.html',
    reads: 'postings',
  },
  {
    kind: 'guest job page in Chinese (cn.linkedin.com, criteria in 中文)',
    captured: '2026',
    fixture: 'linkedin/job-view-zh-2026.html',
    reads: 'postings',
  },
  {
    kind: 'authwall ("LinkedIn Login, Sign in")',
    captured: '2026',
    fixture: 'linkedin/authwall-2026.html',
    servedFrom: 'https://www.linkedin.com/authwall?trk=bf&trkInfo=AQ&original_referer=',
    reads: 'blocked',
  },
];
