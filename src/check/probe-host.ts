// Is a source's host there? For `jobtrend check`: its name resolves (DNS), and it answers one HEAD request
// for /robots.txt — any HTTP status counts, since the question is the network, not the page. Through the
// proxy when HTTP(S)_PROXY is set (the name is then the proxy's to resolve). Fast: one attempt, a short
// timeout, no retries.
import { lookup } from 'node:dns/promises';
import { type Dispatcher, EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';

export interface ProbeOptions {
  timeoutMs: number;
  userAgent: string;
  env?: NodeJS.ProcessEnv;
  /** DNS lookup (tests); default node's, as the fetch layer resolves names. */
  resolve?: (host: string) => Promise<string>;
}

export type ProbeResult = { ok: true; detail: string } | { ok: false; detail: string };

export async function probeHost(origin: string, options: ProbeOptions): Promise<ProbeResult> {
  const url = new URL('/robots.txt', origin);
  const env = options.env ?? process.env;
  const proxied = proxyFor(url, env);
  let address = '';
  if (!proxied) {
    try {
      const resolve = options.resolve ?? (async (host: string) => (await lookup(host)).address);
      address = await withTimeout(resolve(url.hostname), options.timeoutMs);
    } catch (error) {
      const code = (error as { code?: string }).code;
      return {
        ok: false,
        detail: `${url.hostname} does not resolve (${code ?? reason(error)}): check the host name, this machine's DNS, or use --offline`,
      };
    }
  }
  const started = Date.now();
  let dispatcher: Dispatcher | undefined;
  try {
    dispatcher = proxied ? new EnvHttpProxyAgent() : undefined;
    const response = await undiciFetch(url, {
      method: 'HEAD',
      redirect: 'manual',
      headers: { 'user-agent': options.userAgent },
      signal: AbortSignal.timeout(options.timeoutMs),
      ...(dispatcher && { dispatcher }),
    });
    const ms = Date.now() - started;
    const where = proxied ? `through the proxy ${proxied}` : `at ${address}`;
    return { ok: true, detail: `${url.host} answers ${where} (HTTP ${response.status}, ${ms} ms)` };
  } catch (error) {
    const cause = describeFailure(error, options.timeoutMs);
    return {
      ok: false,
      detail: `${url.host} ${proxied ? `(through the proxy ${proxied}) ` : ''}${cause}: check the network, the proxy settings (HTTPS_PROXY), or use --offline`,
    };
  } finally {
    await dispatcher?.close().catch(() => {});
  }
}

function describeFailure(error: unknown, timeoutMs: number): string {
  const name = (error as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError') return `gave no answer within ${timeoutMs / 1000} s`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? (error as { code?: string }).code;
  if (code === 'ECONNREFUSED') return 'refuses connections';
  if (code === 'ECONNRESET') return 'closed the connection';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'cannot be reached (no route)';
  return `cannot be reached (${code ?? cause?.message ?? reason(error)})`;
}

/** The proxy the fetch layer would use for `url`, as host:port, or null. */
function proxyFor(url: URL, env: NodeJS.ProcessEnv): string | null {
  const value =
    url.protocol === 'https:' ? env.HTTPS_PROXY || env.https_proxy : env.HTTP_PROXY || env.http_proxy;
  if (!value) return null;
  const noProxy = (env.NO_PROXY ?? env.no_proxy ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (
    noProxy.some(
      (entry) =>
        entry === '*' || url.hostname === entry || url.hostname.endsWith(`.${entry.replace(/^\./, '')}`),
    )
  )
    return null;
  try {
    return new URL(value).host;
  } catch {
    return value;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error(`no answer within ${ms / 1000} s`), { code: 'ETIMEOUT' })),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}
