// One HTTP request, once: headers (User-Agent, Accept, cache validators), a timeout, a capped body decoded
// from its charset, and the answer turned into a page or a typed failure (errors.ts): a block page is
// BlockedError, 429 and 5xx RetryableError with the server's Retry-After, other 4xx NotRetryableError, a
// body cut short (body-completeness.ts) or a network fault RetryableError, and a host whose name does not resolve or that refuses connections
// HostUnreachableError. Whether and when to try again is with-retries.ts's business.
import { type Dispatcher, fetch as undiciFetch } from 'undici';
import { incompleteBody } from './body-completeness.js';
import { decodeBody } from './decode-body.js';
import { detectBlock } from './detect-block.js';
import { BlockedError, HostUnreachableError, NotRetryableError, RetryableError } from './errors.js';
import type { FetchedPage, FetchInit } from './fetch-types.js';
import type { HttpCache } from './http-cache.js';
import { parseRetryAfter } from './retry-policy.js';
import { abortError } from './sleep.js';

const ACCEPT_HTML = 'text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8';

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
  return async (url, init, signal, mode = {}) => {
    const method = init.method ?? 'GET';
    const cached = mode.noCache ? undefined : cache.lookup(url, method, init.body);
    const headers: Record<string, string> = {
      'user-agent': settings.userAgent,
      accept: ACCEPT_HTML,
      'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8',
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
      let response: Awaited<ReturnType<typeof undiciFetch>>;
      try {
        response = await undiciFetch(url, {
          method,
          headers,
          body: init.body,
          signal: combined,
          dispatcher,
          redirect: 'follow',
        });
      } catch (error) {
        throw transportError('requesting', error);
      }
      const contentType = response.headers.get('content-type');
      const responseHeaders = Object.fromEntries(response.headers);
      if (response.status === 304 && cached) {
        await response.body?.cancel().catch(() => {});
        cache.confirmed(url);
        return {
          url,
          status: 200,
          headers: responseHeaders,
          text: decodeBody(cached.body, cached.contentType),
        };
      }
      const declared = Number(response.headers.get('content-length') ?? Number.NaN);
      if (declared > settings.maxBodyBytes) {
        await response.body?.cancel().catch(() => {});
        throw new NotRetryableError(
          `response of ${url} is ${declared} bytes, over the ${settings.maxBodyBytes}-byte cap (fetch.maxBodyBytes)`,
          url,
        );
      }
      let bytes: Buffer;
      try {
        bytes = await readCapped(response.body, settings.maxBodyBytes, url);
      } catch (error) {
        if (error instanceof NotRetryableError) throw error;
        throw transportError('reading the body of', error);
      }
      const text = decodeBody(bytes, contentType);
      const page: FetchedPage = {
        url: response.url || url,
        status: response.status,
        headers: responseHeaders,
        text,
      };
      const overloaded = response.status === 429 || response.status >= 500;
      if (mode.anyStatus && !overloaded) return page;
      const block = detectBlock({
        requestedUrl: url,
        finalUrl: page.url,
        status: response.status,
        contentType,
        text,
      });
      if (block) throw new BlockedError(block, url);
      if (overloaded) {
        throw new RetryableError(
          `HTTP ${response.status} from ${url}`,
          url,
          parseRetryAfter(response.headers.get('retry-after')),
          response.status,
        );
      }
      if (response.status >= 400) {
        if (init.acceptClientErrors) return page;
        throw new NotRetryableError(`HTTP ${response.status} from ${url}`, url);
      }
      const cut = incompleteBody(text, contentType);
      if (cut) throw new RetryableError(`the body of ${url} came incomplete: ${cut} (cut short?)`, url);
      if (response.status === 200 && !mode.noCache) {
        cache.remember(url, method, init.body, {
          etag: response.headers.get('etag'),
          lastModified: response.headers.get('last-modified'),
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

async function readCapped(
  body: ReadableStream<Uint8Array> | null,
  cap: number,
  url: string,
): Promise<Buffer> {
  if (!body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel().catch(() => {});
      throw new NotRetryableError(`response of ${url} is over the ${cap}-byte cap (fetch.maxBodyBytes)`, url);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function causeCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: string; errors?: { code?: string }[] } })?.cause;
  return cause?.code ?? cause?.errors?.[0]?.code;
}

function describeCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
