// The scrape benchmark's site: a paginated HTML job listing (20 cards a page) on 127.0.0.1 that answers
// every request after 20 ms of simulated latency, with a robots.txt that allows everything. Started in
// process (startSite: arrival times recorded) or in a child process (startSiteProcess: this file run with
// node, the port read from its first line of output).
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const LATENCY_MS = 20;
export const PER_PAGE = 20;

export interface Site {
  url: string;
  /** Arrival times (ms, performance.now) of every request, robots.txt included (in-process sites only). */
  arrivals: number[];
  close(): Promise<void>;
}

export function renderPage(page: number, pages: number): string {
  const cards: string[] = [];
  for (let i = 0; i < PER_PAGE; i++) {
    const n = (page - 1) * PER_PAGE + i;
    cards.push(
      `<li class="job" data-id="j${n}"><a class="title" href="/job/j${n}">AI训练师（大模型方向）${n}</a>` +
        `<span class="company">示例智能科技有限公司</span><span class="city">上海·浦东新区</span>` +
        `<span class="salary">8-12K·13薪</span><time datetime="2026-10-${String(1 + (n % 28)).padStart(2, '0')}"></time>` +
        `<p class="summary">负责大模型对话数据的标注、清洗与质检；参与RLHF数据撰写与排序，熟悉Python者优先。</p></li>`,
    );
  }
  const next = page < pages ? `<a class="next" href="/jobs?page=${page + 1}">下一页</a>` : '';
  return `<!doctype html><html><head><meta charset="utf-8"><title>招聘 第${page}页</title></head><body><ul class="jobs">${cards.join('\n')}</ul>${next}</body></html>`;
}

export async function startSite(pages: number): Promise<Site> {
  const bodies = Array.from({ length: pages }, (_, i) => Buffer.from(renderPage(i + 1, pages)));
  const arrivals: number[] = [];
  const server: Server = createServer((req, res) => {
    arrivals.push(performance.now());
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    setTimeout(() => {
      if (url.pathname === '/robots.txt') {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
        return;
      }
      const page = Number(url.searchParams.get('page'));
      const body = url.pathname === '/jobs' ? bodies[page - 1] : undefined;
      if (!body) {
        res.writeHead(404).end('not found');
        return;
      }
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length })
        .end(body);
    }, LATENCY_MS);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    arrivals,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The site in a child process: its requests cost the measuring process no CPU. */
export async function startSiteProcess(pages: number): Promise<Site> {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), String(pages)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the bench site exited (${code}) before listening`)));
  });
  const port = /^PORT (\d+)$/.exec(first)?.[1];
  if (!port) throw new Error(`the bench site said "${first}" instead of its port`);
  return {
    url: `http://127.0.0.1:${port}`,
    arrivals: [],
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

// Run as a script: serve `pages` pages until killed, and print the port.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const site = await startSite(Number(process.argv[2] ?? 400));
  process.stdout.write(`PORT ${new URL(site.url).port}\n`);
  process.once('SIGTERM', () => void site.close().then(() => process.exit(0)));
}
