// One HTTP request, once: headers (User-Agent, Accept, cache validators), a timeout, a capped body decoded
// from its charset, and the answer turned into a page or a typed failure (errors.ts): a block page is
// BlockedError, 429 and 5xx RetryableError with the server's Retry-After, other 4xx NotRetryableError, a
// body cut short (body-completeness.ts) or a network fault RetryableError, and a host whose name does not resolve or that refuses connections
// HostUnreachableError. Whether and when to try again is with-retries.ts's business.
// Sent with undici's request() rather than its fetch(): the same connection pool without WHATWG Request,
// Response, Headers and web streams, which cost a crawl several times the CPU per page (bench/README.md,
// "Crawls"). What fetch() did besides is done here: redirects are followed (the final URL kept), and gzip,
// deflate and brotli bodies are asked for and decompressed, under the same size cap.
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { type Dispatcher, interceptors, request as undiciRequest } from 'undici';
import { incompleteBody } from './body-completeness.js';
import { decodeBody } from './decode-body.js';
import { detectBlock } from './detect-block.js';
import { BlockedError, HostUnreachableError, NotRetryableError, RetryableError } from './errors.js';
import type { FetchedPage, FetchInit } from './fetch-types.js';
import type { HttpCache } from './http-cache.js';
import { parseRetryAfter } from './retry-policy.js';
import { abortError } from './sleep.js';

const ACCEPT_HTML = 'text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8';
/** As fetch() asks by default; a request without it stands out from a browser's. */
const ACCEPT_ENCODING = 'gzip, deflate, br';
/** As many redirects as fetch() follows. */
const MAX_REDIRECTS = 20;

/** Network errors that mean the host itself cannot be reached, not that one request went wrong. */
const UNREACHABLE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH']);

export interface HttpAttemptSettings {
  userAgent: string;
  timeoutMs: number;
  maxBodyBytes: number;
}

export interface AttemptMode {
  /** Return any status as a page (robots.txt), except 429 and 5xx. */
  anyStatus?: boolean;
  /** Leave the HTTP cache out of it. */
  noCache?: boolean;
}

export type HttpAttempt = (
  url: string,
  init: FetchInit,
  signal: AbortSignal | undefined,
  mode?: AttemptMode,
) => Promise<FetchedPage>;

export function createHttpAttempt(
  settings: HttpAttemptSettings,
  dispatcher: Dispatcher,
  cache: HttpCache,
): HttpAttempt {
  const following = dispatcher.compose(interceptors.redirect({ maxRedirections: MAX_REDIRECTS }));
  return async (url, init, signal, mode = {}) => {
    const method = init.method ?? 'GET';
    const cached = mode.noCache ? undefined : cache.lookup(url, method, init.body);
    const headers: Record<string, string> = {
      'user-agent': settings.userAgent,
      accept: ACCEPT_HTML,
      'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8',
      'accept-encoding': ACCEPT_ENCODING,
      ...lowerKeys(init.headers ?? {}),
      ...cache.validators(cached),
    };
    const deadline = new Deadline(settings.timeoutMs, signal);
    try {
      return await attemptWith(deadline.signal, () => deadline.passed);
    } finally {
      deadline.clear();
    }

    async function attemptWith(combined: AbortSignal, isTimedOut: () => boolean): Promise<FetchedPage> {
      const transportError = (what: string, error: unknown) => {
        if (signal?.aborted) return abortError(signal);
        if (isTimedOut())
          return new RetryableError(`timed out after ${settings.timeoutMs} ms ${what} ${url}`, url);
        const code = causeCode(error);
        if (code && UNREACHABLE_CODES.has(code)) {
          return new HostUnreachableError(
            `cannot reach ${new URL(url).host} (${code}): check the network connection and proxy settings (HTTPS_PROXY)`,
            url,
            { cause: error },
          );
        }
        return new RetryableError(
          `network error ${what} ${url}: ${describeCause(error)}`,
          url,
          undefined,
          undefined,
          { cause: error },
        );
      };
      let response: Dispatcher.ResponseData;
      try {
        response = await undiciRequest(url, {
          method,
          headers,
          ...(init.body !== undefined ? { body: init.body } : {}),
          signal: combined,
          dispatcher: following,
        });
      } catch (error) {
        throw transportError('requesting', error);
      }
      const responseHeaders = headerRecord(response.headers);
      const contentType = responseHeaders['content-type'] ?? null;
      const status = response.statusCode;
      // The redirect interceptor's history ends with the URL the answer came from.
      const history = (response.context as { history?: URL[] } | undefined)?.history;
      const finalUrl = history?.at(-1)?.href ?? url;
      if (status === 304 && cached) {
        discard(response.body);
        cache.confirmed(url);
        return {
          url,
          status: 200,
          headers: responseHeaders,
          text: decodeBody(cached.body, cached.contentType),
        };
      }
      const declared = Number(responseHeaders['content-length'] ?? Number.NaN);
      if (declared > settings.maxBodyBytes) {
        discard(response.body);
        throw new NotRetryableError(
          `response of ${url} is ${declared} bytes, over the ${settings.maxBodyBytes}-byte cap (fetch.maxBodyBytes)`,
          url,
        );
      }
      let bytes: Buffer;
      try {
        const received = await readCapped(response.body, settings.maxBodyBytes, url);
        bytes = decompressed(received, responseHeaders['content-encoding'], settings.maxBodyBytes, url);
      } catch (error) {
        if (error instanceof NotRetryableError) throw error;
        throw transportError('reading the body of', error);
      }
      const text = decodeBody(bytes, contentType);
      const page: FetchedPage = {
        url: finalUrl,
        status,
        headers: responseHeaders,
        text,
      };
      const overloaded = status === 429 || status >= 500;
      if (mode.anyStatus && !overloaded) return page;
      const block = detectBlock({
        requestedUrl: url,
        finalUrl: page.url,
        status,
        contentType,
        text,
      });
      if (block) throw new BlockedError(block, url);
      if (overloaded) {
        throw new RetryableError(
          `HTTP ${status} from ${url}`,
          url,
          parseRetryAfter(responseHeaders['retry-after'] ?? null),
          status,
        );
      }
      if (status >= 400) {
        if (init.acceptClientErrors) return page;
        throw new NotRetryableError(`HTTP ${status} from ${url}`, url);
      }
      // A redirect still pointing on is one the interceptor gave up on (fetch() failed those too).
      if (status >= 300 && status < 400 && responseHeaders.location)
        throw new RetryableError(`${url} redirects more than ${MAX_REDIRECTS} times`, url);
      const cut = incompleteBody(text, contentType);
      if (cut) throw new RetryableError(`the body of ${url} came incomplete: ${cut} (cut short?)`, url);
      if (status === 200 && !mode.noCache) {
        cache.remember(url, method, init.body, {
          etag: responseHeaders.etag ?? null,
          lastModified: responseHeaders['last-modified'] ?? null,
          contentType,
          bytes,
        });
      }
      return page;
    }
  };
}

/**
 * The request's own signal: aborted when the time is up or the run's signal is. One controller and one timer
 * per request (AbortSignal.timeout with AbortSignal.any cost several times as much on every request).
 */
class Deadline {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly onAbort = () => this.controller.abort(this.outer?.reason);
  passed = false;

  constructor(
    ms: number,
    private readonly outer: AbortSignal | undefined,
  ) {
    this.timer = setTimeout(() => {
      this.passed = true;
      this.controller.abort();
    }, ms);
    if (outer?.aborted) this.onAbort();
    else outer?.addEventListener('abort', this.onAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  clear(): void {
    clearTimeout(this.timer);
    this.outer?.removeEventListener('abort', this.onAbort);
  }
}

async function readCapped(body: Dispatcher.ResponseData['body'], cap: number, url: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    total += chunk.byteLength;
    if (total > cap) {
      body.destroy();
      throw new NotRetryableError(`response of ${url} is over the ${cap}-byte cap (fetch.maxBodyBytes)`, url);
    }
    chunks.push(chunk);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

/** Drops a body that is not read, letting its connection go back to the pool when it can. */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.dump().catch(() => {});
}

const DECODERS: Record<string, (bytes: Buffer, options: { maxOutputLength: number }) => Buffer> = {
  gzip: gunzipSync,
  'x-gzip': gunzipSync,
  deflate: inflateSync,
  br: brotliDecompressSync,
};

/** The body as sent, its content codings undone (last applied first); over `cap` bytes it is refused. */
function decompressed(bytes: Buffer, encoding: string | undefined, cap: number, url: string): Buffer {
  const codings = (encoding ?? '')
    .toLowerCase()
    .split(',')
    .map((coding) => coding.trim())
    .filter((coding) => coding !== '' && coding !== 'identity');
  let body = bytes;
  for (const coding of codings.reverse()) {
    const decode = DECODERS[coding];
    if (!decode) return body;
    try {
      body = decode(body, { maxOutputLength: cap });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
        throw new NotRetryableError(
          `response of ${url} is over the ${cap}-byte cap (fetch.maxBodyBytes)`,
          url,
        );
      throw error;
    }
  }
  return body;
}

/** Response headers as one string each (repeated ones joined, as fetch's Headers joins them). */
function headerRecord(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) record[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return record;
}

interface NetworkFault {
  code?: string;
  message?: string;
  errors?: { code?: string }[];
  cause?: NetworkFault;
}

/** The system error code of a network failure (request() throws it as is; a wrapped one carries it as cause). */
function causeCode(error: unknown): string | undefined {
  const fault = error as NetworkFault | undefined;
  return fault?.code ?? fault?.errors?.[0]?.code ?? fault?.cause?.code ?? fault?.cause?.errors?.[0]?.code;
}

function describeCause(error: unknown): string {
  const cause = (error as NetworkFault | undefined)?.cause;
  return causeCode(error) ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
