// The demo's sample sites on 127.0.0.1: serves the sample postings as a Greenhouse board API, a careers site
// with schema.org JSON-LD pages and a sitemap, GBK-encoded 51job list pages, and a BOSS-style page whose
// script fetches its job list (so it needs a real browser). No internet, no files: everything is rendered
// from the sample data on request.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';
import { cityCode } from '../../scrapers/china/city-codes.js';
import { SAMPLE_BOARDS, SAMPLE_CITIES, type SamplePosting } from './sample-data.js';
import {
  renderBossJobList,
  renderBossSearchPage,
  renderGreenhouseJobs,
  renderJob51ListPage,
  renderJobPostingPage,
  renderSitemap,
} from './sample-pages.js';

export interface SampleServer {
  origin: string;
  /** Requests answered so far, by path (without the query). */
  requests: string[];
  close(): Promise<void>;
}

const JOB51_PAGE_SIZE = 50;

interface Answer {
  status?: number;
  type: string;
  body: string | Buffer;
}

/** Starts the sample sites on an ephemeral port of 127.0.0.1 (or `port`). */
export async function startSampleServer(
  postings: SamplePosting[],
  options: { port?: number } = {},
): Promise<SampleServer> {
  const requests: string[] = [];
  let origin = '';
  const bySource = (source: SamplePosting['source']) =>
    postings.filter((p) => p.source === source).sort((a, b) => b.postedAt.getTime() - a.postedAt.getTime());
  const cityOfCode = (board: 'boss' | '51job', code: string) =>
    SAMPLE_CITIES.find((c) => cityCode(board, c) === code);

  const answer = (url: URL): Answer | undefined => {
    const path = url.pathname;
    if (path === '/robots.txt')
      return { type: 'text/plain; charset=utf-8', body: 'User-agent: *\nAllow: /\n' };
    if (path === '/') return { type: 'text/html; charset=utf-8', body: indexPage(origin) };
    const board = /^\/v1\/boards\/([\w.-]+)\/jobs$/.exec(path)?.[1];
    if (board) {
      if (!SAMPLE_BOARDS.includes(board))
        return { status: 404, type: 'application/json', body: '{"status":404,"error":"Job not found"}' };
      return { type: 'application/json; charset=utf-8', body: renderGreenhouseJobs(board, postings) };
    }
    if (path === '/careers/sitemap.xml')
      return { type: 'application/xml; charset=utf-8', body: renderSitemap(origin, postings) };
    const jobPage = /^\/careers\/jobs\/([\w-]+)\.html$/.exec(path)?.[1];
    if (jobPage) {
      const posting = postings.find((p) => p.source === 'jsonld' && p.id === jobPage);
      return posting ? { type: 'text/html; charset=utf-8', body: renderJobPostingPage(posting) } : undefined;
    }
    const list = /^\/list\/(\d+),[^/]*,(\d+)\.html$/.exec(path);
    if (list) {
      const city = cityOfCode('51job', list[1]!);
      const all = bySource('51job').filter((p) => p.city === city);
      const page = Math.max(1, Number(list[2]));
      const totalPages = Math.max(1, Math.ceil(all.length / JOB51_PAGE_SIZE));
      const html = renderJob51ListPage(
        all.slice((page - 1) * JOB51_PAGE_SIZE, page * JOB51_PAGE_SIZE),
        page,
        totalPages,
        list[1]!,
      );
      return { type: 'text/html; charset=gbk', body: iconv.encode(html, 'gbk') };
    }
    if (path === '/web/geek/job') return { type: 'text/html; charset=utf-8', body: renderBossSearchPage() };
    if (path === '/wapi/zpgeek/search/joblist.json') {
      const code = url.searchParams.get('city') ?? '';
      const city = cityOfCode('boss', code);
      const page = Number(url.searchParams.get('page') ?? '1');
      const jobs = page === 1 ? bySource('boss').filter((p) => p.city === city) : [];
      return { type: 'application/json; charset=utf-8', body: renderBossJobList(jobs, code) };
    }
    return undefined;
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url.pathname);
    let response: Answer | undefined;
    try {
      response = answer(url);
    } catch (error) {
      response = {
        status: 500,
        type: 'text/plain',
        body: `sample server error: ${(error as Error).message}`,
      };
    }
    const found = response ?? { status: 404, type: 'text/plain; charset=utf-8', body: 'not found' };
    res.writeHead(found.status ?? 200, { 'content-type': found.type, 'cache-control': 'no-store' });
    res.end(found.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function indexPage(origin: string): string {
  return `<!doctype html><meta charset="utf-8"><title>jobtrend sample sites</title>
<h1>jobtrend sample sites (invented data)</h1>
<ul>
<li><a href="${origin}/v1/boards/example-ai-lab/jobs?content=true">Greenhouse-style board API</a></li>
<li><a href="${origin}/careers/sitemap.xml">careers site with schema.org JSON-LD pages</a></li>
<li><a href="${origin}/list/020000,000000,0000,00,9,99,AI,2,1.html">51job-style GBK list page</a></li>
<li><a href="${origin}/web/geek/job?query=AI&amp;city=101020100">BOSS-style page rendered by JavaScript</a></li>
</ul>`;
}
