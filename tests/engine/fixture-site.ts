// The fixture job site for engine tests: N postings of AI-trainer work, paginated HTML lists served by the
// local test server, optionally GBK-encoded, optionally with a verification page in place of page K.
import iconv from 'iconv-lite';
import type { TestServer } from '../support/test-server.js';

export interface FixtureSiteOptions {
  count: number;
  perPage: number;
  /** Serve the lists GBK-encoded, the charset declared only in <meta>. */
  gbk?: boolean;
  /** Page number answered with a slider-verification page instead of results. */
  blockedPage?: number;
  listPath?: string;
  robots?: string;
}

const TITLES = [
  '人工智能训练师',
  'AI训练师（大模型方向）',
  '数据标注员',
  'RLHF 标注专家',
  'Prompt Engineer',
  'AI Tutor (Chinese)',
];
const CITIES = ['上海·浦东新区', '北京·海淀区', '杭州·余杭区', '深圳·南山区', '成都·高新区'];

export function fixturePosting(n: number) {
  return {
    id: `p${String(n).padStart(4, '0')}`,
    title: `${TITLES[n % TITLES.length]} ${n}`,
    company: `训练数据公司${n % 17}`,
    city: CITIES[n % CITIES.length]!,
    salary: `${8 + (n % 5)}-${12 + (n % 5)}K`,
    date: `2026-01-${String(1 + (n % 28)).padStart(2, '0')}`,
  };
}

export function renderListPage(page: number, options: FixtureSiteOptions): string {
  const pages = Math.ceil(options.count / options.perPage);
  const first = (page - 1) * options.perPage;
  const items = [];
  for (let n = first; n < Math.min(first + options.perPage, options.count); n++) {
    const p = fixturePosting(n);
    items.push(
      `<li class="job" data-id="${p.id}"><a class="title" href="/job/${p.id}">${p.title}</a>` +
        `<span class="company">${p.company}</span><span class="city">${p.city}</span>` +
        `<span class="salary">${p.salary}</span><time datetime="${p.date}">${p.date}</time>` +
        `<p class="summary">负责大模型训练数据的标注与质检，编写提示词，评估模型回答。</p></li>`,
    );
  }
  const charset = options.gbk ? 'gbk' : 'utf-8';
  const next = page < pages ? `<a class="next" href="?page=${page + 1}">下一页</a>` : '';
  return `<!doctype html><html><head><meta charset="${charset}"><title>招聘 第${page}页</title></head><body><ul class="jobs">${items.join('\n')}</ul>${next}</body></html>`;
}

export const VERIFICATION_PAGE =
  '<!DOCTYPE html><html><head><meta charset="UTF-8"><title>滑动验证页面</title></head><body><div class="content"><p>请完成下方验证后继续访问</p><div id="nocaptcha"></div></div></body></html>';

/** Adds the site's routes to the server. */
export function serveFixtureSite(server: TestServer, options: FixtureSiteOptions): void {
  const listPath = options.listPath ?? '/jobs';
  server.route('/robots.txt', {
    headers: { 'content-type': 'text/plain' },
    body: options.robots ?? 'User-agent: *\nDisallow: /admin\n',
  });
  server.route(listPath, (_req, url) => {
    const page = Number(url.searchParams.get('page') ?? '1');
    if (page === options.blockedPage) return { body: VERIFICATION_PAGE };
    if (!(page >= 1) || (page - 1) * options.perPage >= options.count)
      return { status: 404, body: 'no such page' };
    const html = renderListPage(page, options);
    return options.gbk
      ? { headers: { 'content-type': 'text/html' }, body: iconv.encode(html, 'gbk') }
      : { headers: { 'content-type': 'text/html; charset=utf-8' }, body: html };
  });
}
