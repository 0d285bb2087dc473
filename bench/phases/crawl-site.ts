// The crawl benchmark's job site: list pages of 20 cards, each card linking its own detail page, a "next"
// link until the last list page, and a robots.txt that allows everything; every answer after 20 ms of
// simulated latency. Two shapes of the same postings: a plain careers site (`/list?page=N`, `/job/<id>`,
// read by the `site` scraper through a definition) and LinkedIn's guest job search (`/jobs-guest/…`,
// read by the `linkedin` scraper). Run as a script it serves in its own process and prints its port, so
// that serving costs the crawler measured no CPU (on a real crawl the site is someone else's machine).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

export const LATENCY_MS = 20;
export const CARDS_PER_LIST = 20;
export const LINKEDIN_PAGE = 25;

const TITLES = [
  'AI训练师（大模型方向）',
  '数据标注员',
  'RLHF 标注专家',
  'Prompt Engineer',
  'AI Tutor (Chinese)',
];
const CITIES = ['上海·浦东新区', '北京·海淀区', '杭州·余杭区', '深圳·南山区', '成都·高新区'];
const BOILERPLATE = `<header><nav><a href="/">首页</a> <a href="/list?page=1">职位</a> <a href="/about">关于我们</a></nav></header>`;
const FOOTER = `<footer><p>© 2026 示例招聘网 · 沪ICP备00000000号</p><ul>${Array.from({ length: 12 }, (_, i) => `<li><a href="/help/${i}">帮助 ${i}</a></li>`).join('')}</ul></footer>`;

function title(n: number): string {
  return `${TITLES[n % TITLES.length]} ${n}`;
}

/** A list page of the careers site: cards 20·(page−1) … 20·page−1. */
export function siteListPage(page: number, pages: number): string {
  const cards: string[] = [];
  for (let i = 0; i < CARDS_PER_LIST; i++) {
    const n = (page - 1) * CARDS_PER_LIST + i;
    cards.push(
      `<li class="job" data-id="j${n}"><a class="title" href="/job/j${n}">${title(n)}</a>` +
        `<span class="company">示例智能科技有限公司</span><span class="city">${CITIES[n % CITIES.length]}</span>` +
        `<span class="salary">8-12K·13薪</span><time datetime="2026-10-${String(1 + (n % 28)).padStart(2, '0')}"></time></li>`,
    );
  }
  const next = page < pages ? `<a class="next" href="/list?page=${page + 1}">下一页</a>` : '';
  return `<!doctype html><html><head><meta charset="utf-8"><title>招聘 第${page}页</title></head><body>${BOILERPLATE}<ul class="jobs">${cards.join('\n')}</ul>${next}${FOOTER}</body></html>`;
}

/** A job page of the careers site. */
export function siteDetailPage(n: number): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title(n)}</title></head><body>${BOILERPLATE}<div class="job-detail"><h1>${title(n)}</h1><div class="desc"><p>负责大模型对话数据的撰写、标注与质检（第 ${n} 号职位）。</p><p>参与 RLHF 数据的排序与评估，编写提示词，分析模型回答的错误类型。</p><ul><li>本科及以上学历</li><li>熟悉 Python 者优先</li><li>细心、有耐心</li></ul></div><span class="type">全职</span></div>${FOOTER}</body></html>`;
}

/** A page of LinkedIn's guest search fragment: 25 cards from start. */
export function linkedinSearchPage(start: number, total: number): string {
  const cards: string[] = [];
  for (let n = start; n < Math.min(start + LINKEDIN_PAGE, total); n++) {
    const id = 4_100_000_000 + n;
    cards.push(
      `<li><div class="base-card base-search-card job-search-card" data-entity-urn="urn:li:jobPosting:${id}">` +
        `<a class="base-card__full-link" href="https://www.linkedin.com/jobs/view/ai-trainer-${id}?position=${n + 1}"><span class="sr-only">${title(n)}</span></a>` +
        `<div class="base-search-card__info"><h3 class="base-search-card__title">${title(n)}</h3>` +
        `<h4 class="base-search-card__subtitle"><a href="https://www.linkedin.com/company/example">Example AI</a></h4>` +
        `<div class="base-search-card__metadata"><span class="job-search-card__location">Shanghai, China</span>` +
        `<time class="job-search-card__listdate" datetime="2026-11-${String(1 + (n % 28)).padStart(2, '0')}">2 days ago</time></div></div></div></li>`,
    );
  }
  return cards.join('\n');
}

/** LinkedIn's guest view of one job. */
export function linkedinJobPage(id: number): string {
  const n = id - 4_100_000_000;
  return `<section class="top-card-layout"><h2 class="top-card-layout__title topcard__title">${title(n)}</h2><h4 class="top-card-layout__second-subline"><a class="topcard__org-name-link" href="https://www.linkedin.com/company/example">Example AI</a><span class="topcard__flavor topcard__flavor--bullet">Shanghai, China</span><span class="posted-time-ago__text">2 days ago</span></h4></section><section class="description"><div class="show-more-less-html__markup"><p>Help train large language models in Mandarin (job ${n}).</p><ul><li>Rate model answers</li><li>Write prompts</li></ul></div></section><ul class="description__job-criteria-list"><li class="description__job-criteria-item"><h3 class="description__job-criteria-subheader">Employment type</h3><span class="description__job-criteria-text">Contract</span></li></ul><code id="decoratedJobPostingId" style="display: none"><!--"urn:li:jobPosting:${id}"--></code>`;
}

export interface CrawlSite {
  url: string;
  /** Requests by path and query (in-process sites only): a page asked for twice shows 2. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

/** Serves `listPages` list pages of the careers site and `linkedinPostings` LinkedIn postings. */
export async function startCrawlSite(
  listPages: number,
  linkedinPostings: number,
  latencyMs = LATENCY_MS,
): Promise<CrawlSite> {
  const hits = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const key = url.pathname + url.search;
    hits.set(key, (hits.get(key) ?? 0) + 1);
    setTimeout(() => {
      const send = (body: string, type = 'text/html; charset=utf-8') => {
        const bytes = Buffer.from(body);
        res.writeHead(200, { 'content-type': type, 'content-length': bytes.length }).end(bytes);
      };
      if (url.pathname === '/robots.txt') return send('User-agent: *\nAllow: /\n', 'text/plain');
      if (url.pathname === '/list') {
        const page = Number(url.searchParams.get('page'));
        if (page >= 1 && page <= listPages) return send(siteListPage(page, listPages));
      }
      const job = /^\/job\/j(\d+)$/.exec(url.pathname);
      if (job && Number(job[1]) < listPages * CARDS_PER_LIST) return send(siteDetailPage(Number(job[1])));
      if (url.pathname === '/jobs-guest/jobs/api/seeMoreJobPostings/search') {
        const start = Number(url.searchParams.get('start') ?? 0);
        return send(start < linkedinPostings ? linkedinSearchPage(start, linkedinPostings) : '');
      }
      const view = /^\/jobs-guest\/jobs\/api\/jobPosting\/(\d+)$/.exec(url.pathname);
      if (view && Number(view[1]) - 4_100_000_000 < linkedinPostings)
        return send(linkedinJobPage(Number(view[1])));
      res.writeHead(404).end('not found');
    }, latencyMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// Run as a script: serve until killed, and print the port.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const site = await startCrawlSite(Number(process.argv[2] ?? 100), Number(process.argv[3] ?? 1000));
  process.stdout.write(`PORT ${new URL(site.url).port}\n`);
  process.once('SIGTERM', () => void site.close().then(() => process.exit(0)));
}
