// The local test server: serves fixture sites on 127.0.0.1 and injects faults on demand (500s, 429 with
// Retry-After, connection resets, slow and truncated bodies, bodies cut short without a Content-Length,
// garbage), so no test touches the internet.
// Every request is logged with its arrival time, so tests can measure rates and count retries.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRandom } from '../../src/seeded-random.js';

export interface CannedResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Milliseconds to wait before answering. */
  delayMs?: number;
}

export type RouteHandler = (
  request: IncomingMessage,
  url: URL,
) => CannedResponse | Promise<CannedResponse> | 'reset' | undefined;

export type Fault = '500' | '503' | '429' | 'reset' | 'slow' | 'truncated' | 'cut' | 'garbage';

export interface FaultOptions {
  /** Share of requests (0..1) that get a fault; robots.txt is never faulted. */
  rate: number;
  kinds: Fault[];
  /** Seed of the fault sequence, so a failing test can be replayed. */
  seed?: number;
  retryAfterSeconds?: number;
  slowMs?: number;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  at: number;
  fault?: Fault;
  status?: number;
  headers: IncomingMessage['headers'];
}

export interface TestServer {
  url: string;
  origin: string;
  requests: RequestLogEntry[];
  /** Adds or replaces a route: exact path (with query ignored) or a RegExp over path+query. */
  route(path: string | RegExp, handler: RouteHandler | CannedResponse): void;
  faults(options: FaultOptions | null): void;
  close(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
  const routes: { match: string | RegExp; handler: RouteHandler }[] = [];
  const requests: RequestLogEntry[] = [];
  let faultOptions: FaultOptions | null = null;
  let random = seededRandom(1);

  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const entry: RequestLogEntry = {
      method: req.method ?? 'GET',
      path: url.pathname + url.search,
      at: Date.now(),
      headers: req.headers,
    };
    requests.push(entry);

    if (faultOptions && url.pathname !== '/robots.txt' && random() < faultOptions.rate) {
      const kind = faultOptions.kinds[Math.floor(random() * faultOptions.kinds.length)]!;
      entry.fault = kind;
      if (await injectFault(kind, res, faultOptions, req, url)) return;
    }

    const answer = await routeAnswer(req, url);
    if (answer === 'reset') {
      req.socket.destroy();
      return;
    }
    const response = answer ?? { status: 404, body: 'not found' };
    if (response.delayMs) await new Promise((r) => setTimeout(r, response.delayMs));
    entry.status = response.status ?? 200;
    res.writeHead(entry.status, { 'content-type': 'text/html; charset=utf-8', ...response.headers });
    res.end(response.body ?? '');

    async function injectFault(
      kind: Fault,
      out: ServerResponse,
      options: FaultOptions,
      request: IncomingMessage,
      u: URL,
    ) {
      switch (kind) {
        case '500':
        case '503':
          entry.status = Number(kind);
          out.writeHead(Number(kind)).end('server error');
          return true;
        case '429':
          entry.status = 429;
          out.writeHead(429, { 'retry-after': String(options.retryAfterSeconds ?? 1) }).end('slow down');
          return true;
        case 'reset':
          request.socket.destroy();
          return true;
        case 'slow':
          await new Promise((r) => setTimeout(r, options.slowMs ?? 3000));
          return false;
        case 'truncated': {
          // Promise a longer body than is sent, then cut the connection.
          const answer = await routeAnswer(request, u);
          const body = answer && answer !== 'reset' ? String(answer.body ?? '') : 'partial';
          out.writeHead(200, {
            'content-length': String(Buffer.byteLength(body) + 100),
            ...(answer && answer !== 'reset' ? answer.headers : {}),
          });
          out.write(body.slice(0, Math.max(1, Math.floor(body.length / 2))));
          setTimeout(() => request.socket.destroy(), 10);
          return true;
        }
        case 'cut': {
          // The body ends early and the connection closes, with no Content-Length (the server says nothing
          // of its length): to HTTP the shorter body is whole.
          const answer = await routeAnswer(request, u);
          const body = Buffer.from(answer && answer !== 'reset' ? (answer.body ?? '') : 'partial');
          const type =
            (answer && answer !== 'reset' ? answer.headers?.['content-type'] : undefined) ??
            'text/html; charset=utf-8';
          const head = `HTTP/1.1 200 OK\r\ncontent-type: ${type}\r\nconnection: close\r\n\r\n`;
          entry.status = 200;
          const keep = Math.floor(body.length * (0.2 + 0.7 * random()));
          request.socket.end(Buffer.concat([Buffer.from(head), body.subarray(0, keep)]));
          return true;
        }
        case 'garbage':
          entry.status = 200;
          out.writeHead(200, { 'content-type': 'application/json' }).end('{"garbage": [1, 2,');
          return true;
      }
    }
  });
  function routeAnswer(request: IncomingMessage, url: URL) {
    const route = [...routes]
      .reverse()
      .find((r) =>
        typeof r.match === 'string' ? r.match === url.pathname : r.match.test(url.pathname + url.search),
      );
    return route ? route.handler(request, url) : undefined;
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: origin,
    origin,
    requests,
    route(path, handler) {
      routes.push({ match: path, handler: typeof handler === 'function' ? handler : () => handler });
    },
    faults(options) {
      faultOptions = options;
      random = seededRandom(options?.seed ?? 1);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
