// The crawl itself: workers take requests from the queue across every scrape, source and host at once,
// each started only when the fetch layer's politeness lets its host start one (EngineFetcher.tryStart), so
// a paused, slow or rate-limited host never holds up the others. Each page goes to its scraper's handler;
// what the handler found (postings, further requests) is added to the queue and handed to `handled`, which
// stores it. Detail pages are followed within each scrape's switch and cap; with --incremental a listing
// stops paging at a page of postings already stored.
import type { RawPosting } from '../domain/posting.js';
import type {
  EngineFetcher,
  EngineRequest,
  FetcherStats,
  Readiness,
  StartPermit,
} from '../fetch/create-fetcher.js';
import { BlockedError, CriticalError, NotRetryableError } from '../fetch/errors.js';
import type { BrowsedPage, BrowseOptions, FetchedPage, FetchInit } from '../fetch/fetch-types.js';
import type { HandledRequest, QueuedRequest, RequestQueue } from './request-queue.js';
import { queueable } from './request-queue.js';
import type {
  DetailPages,
  HandlerContext,
  HandlerResult,
  PageResponse,
  ScrapeRequest,
  Scraper,
} from './scraper-contract.js';

/** One scrape of a crawl: a source, its settings and the search asked for. */
export interface CrawlScrape {
  scraper: Scraper<unknown>;
  sourceId: string;
  baseUrl: string;
  options: unknown;
  search: ScrapeRequest;
  /** The source's detail pages (undefined when it has none). */
  details?: DetailPages;
  /** Stop a listing at a page whose postings are all stored already. */
  incremental?: boolean;
  /** The source's own say on robots.txt (else the fetch settings'). */
  respectRobots?: boolean;
}

/** What became of one request: stored by the caller together with the queue's record of it. */
export interface CrawlOutcome extends HandledRequest {
  /** The URL the page came from (after redirects), when it was fetched. */
  pageUrl?: string;
  /** Postings to store: what the page gave, or the posting a failed detail page was to complete. */
  postings: RawPosting[];
  /** Why the request failed. */
  failure?: Error;
  /** The request's own attempts, retries and errors. */
  counts: FetcherStats;
  /** Whether the fetcher counted the failure in `counts` already (else it is one more error). */
  counted: boolean;
}

/** The fetching a crawl needs: a plain Fetcher (tests), or the engine's with its scheduler's questions. */
export interface CrawlFetcher
  extends Partial<Pick<EngineFetcher, 'tryStart' | 'nextChange' | 'reportBlock' | 'alreadyCounted'>> {
  fetch(url: string, init?: FetchInit & EngineRequest): Promise<FetchedPage>;
  browse(url: string, options?: BrowseOptions & EngineRequest): Promise<BrowsedPage>;
}

export interface CrawlOptions {
  scrapes: CrawlScrape[];
  queue: RequestQueue;
  fetcher: CrawlFetcher;
  /** Requests handled at once (fetches, retries waiting to try again); politeness decides how many are sent. */
  concurrency: number;
  signal: AbortSignal;
  /** Which of these posting ids the source has stored already (for --incremental). */
  known?: (sourceId: string, ids: string[]) => Set<string>;
  /** Each outcome, as it happens. May throw CriticalError: the crawl then stops. */
  handled(outcome: CrawlOutcome): void;
  /** Called on every turn of the loop (group commits); returns when it next wants to be called. */
  tick?(): number | undefined;
  /** Where a scrape's requests that belong to no page are counted (its hosts' robots.txt). */
  overhead?(scrape: number): FetcherStats;
}

/**
 * Runs the crawl until its queue is empty, it is aborted, or a CriticalError stops it (rethrown). A scrape
 * that meets a block (a verification page, a login wall) stops: its requests still waiting are not fetched,
 * and the postings they carry are kept as listed.
 */
export async function crawl(options: CrawlOptions): Promise<void> {
  const { queue, fetcher, signal } = options;
  const tasks = new Set<Promise<void>>();
  /** Scrapes stopped by a block, with the block. */
  const blocked = new Map<number, BlockedError>();
  let critical: unknown;
  /** Wakes the loop when it waits: a task ended, a host's turn came, capacity was given back. */
  let changed: (() => void) | undefined;
  const notify = () => changed?.();

  const run = async (request: QueuedRequest, permit: StartPermit | undefined) => {
    const block = blocked.get(request.scrape);
    const outcome = block
      ? failed(
          request,
          new BlockedError(`not fetched: the source was blocked (${block.message})`, request.url),
          {
            requests: 0,
            retries: 0,
            errors: 0,
          },
        )
      : await fetchAndHandle(request, permit, options);
    if (outcome.failure instanceof BlockedError && !blocked.has(request.scrape))
      blocked.set(request.scrape, outcome.failure);
    if (signal.aborted || critical !== undefined) return;
    if (outcome.failure instanceof CriticalError) {
      critical = outcome.failure;
      return;
    }
    try {
      options.handled(outcome);
    } catch (error) {
      critical = error;
    }
  };

  const onAbort = () => notify();
  signal.addEventListener('abort', onAbort);
  try {
    while (!signal.aborted && critical === undefined) {
      let wakeAt = Number.POSITIVE_INFINITY;
      const wakes: Promise<void>[] = [];
      while (tasks.size < options.concurrency) {
        const picked = queue.next<{ permit?: StartPermit }>((request) => {
          if (!fetcher.tryStart || blocked.has(request.scrape)) return {};
          const overhead = options.overhead?.(request.scrape);
          const robots = options.scrapes[request.scrape]!.respectRobots;
          const readiness: Readiness = fetcher.tryStart(request.url, request.via, {
            ...(overhead ? { counts: overhead } : {}),
            ...(robots !== undefined ? { respectRobots: robots } : {}),
          });
          if ('start' in readiness) return { permit: readiness.start };
          if ('failNow' in readiness) return {};
          if (readiness.at !== undefined) wakeAt = Math.min(wakeAt, readiness.at);
          if (readiness.wake) wakes.push(readiness.wake);
          return undefined;
        });
        if (!picked) break;
        const task = run(picked.request, picked.chosen.permit).finally(() => {
          tasks.delete(task);
          notify();
        });
        tasks.add(task);
      }
      try {
        const due = options.tick?.();
        if (due !== undefined) wakeAt = Math.min(wakeAt, due);
      } catch (error) {
        critical = error;
        break;
      }
      if (tasks.size === 0 && queue.waiting === 0) break;
      if (tasks.size === 0 && wakes.length === 0 && wakeAt === Number.POSITIVE_INFINITY) {
        // Nothing in flight and nothing due: look again shortly (a slot freed outside this crawl).
        wakeAt = Date.now() + 50;
      }
      await new Promise<void>((resolve) => {
        let timer: NodeJS.Timeout | undefined;
        const wake = () => {
          if (timer) clearTimeout(timer);
          // A wake-up meant for an earlier wait must not unset this one's.
          if (changed === wake) changed = undefined;
          resolve();
        };
        changed = wake;
        if (wakeAt !== Number.POSITIVE_INFINITY) timer = setTimeout(wake, Math.max(0, wakeAt - Date.now()));
        for (const promise of wakes) promise.then(wake, wake);
        fetcher.nextChange?.().then(wake, wake);
      });
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    // Requests in flight end by themselves (an abort cancels their fetch); their pages are not stored.
    await Promise.allSettled([...tasks]);
  }
  if (critical !== undefined) throw critical;
}

/** Fetches one request and runs its handler; never throws (a failure is the outcome's). */
async function fetchAndHandle(
  request: QueuedRequest,
  permit: StartPermit | undefined,
  options: CrawlOptions,
): Promise<CrawlOutcome> {
  const scrape = options.scrapes[request.scrape]!;
  const { fetcher, queue } = options;
  const counts: FetcherStats = { requests: 0, retries: 0, errors: 0 };
  let page: PageResponse;
  try {
    page = await load(
      request,
      {
        ...(permit ? { permit } : {}),
        counts,
        ...(scrape.respectRobots !== undefined ? { respectRobots: scrape.respectRobots } : {}),
      },
      fetcher,
    );
  } catch (error) {
    return { ...failed(request, error, counts), counted: fetcher.alreadyCounted?.(error) ?? false };
  }
  let result: HandlerResult;
  try {
    const handler = scrape.scraper.handlers[request.handler];
    if (!handler)
      throw new NotRetryableError(`${scrape.sourceId} has no handler "${request.handler}"`, request.url);
    const context: HandlerContext<unknown> = {
      baseUrl: scrape.baseUrl,
      options: scrape.options,
      search: scrape.search,
      request,
      queued: (what) => queue.queued(request.scrape, what),
    };
    result = handler(page, context);
  } catch (error) {
    if (error instanceof BlockedError) fetcher.reportBlock?.(request.url, error.message);
    return { ...failed(request, error, counts), pageUrl: page.url };
  }
  const postings = [...(result.postings ?? [])];
  let further = (result.requests ?? []).map((r) => queueable(r, request.scrape, scrape.sourceId));
  if (scrape.incremental && request.kind === 'list') {
    const ids = [...postings, ...further.flatMap((r) => (r.posting ? [r.posting] : []))].map(
      (p) => p.sourcePostingId,
    );
    const known = ids.length > 0 ? (options.known?.(scrape.sourceId, ids) ?? new Set()) : new Set();
    if (ids.length > 0 && ids.every((id) => known.has(id)))
      further = further.filter((r) => r.kind !== 'list');
  }
  // Detail pages: followed while the source reads them and the run's cap allows; else the listed posting
  // is stored as the list gave it.
  const follow: QueuedRequest[] = [];
  let details = queue.queued(request.scrape, 'kind:detail-posting');
  for (const next of further) {
    if (next.posting && next.kind === 'detail') {
      const allowed = scrape.details?.enabled === true && details < (scrape.details?.maxPerRun ?? 0);
      if (!allowed) {
        postings.push(next.posting);
        continue;
      }
      details++;
    }
    follow.push(next);
  }
  const added = queue.add(follow);
  return {
    request,
    state: 'done',
    error: null,
    attempts: counts.requests,
    counts,
    counted: false,
    added,
    pageUrl: page.url,
    postings,
  };
}

async function load(
  request: QueuedRequest,
  engine: EngineRequest,
  fetcher: CrawlFetcher,
): Promise<PageResponse> {
  if (request.browse) {
    const { captureUrlsContaining, ...browse } = request.browse;
    const browsed = await fetcher.browse(request.url, {
      ...browse,
      ...(captureUrlsContaining?.length
        ? { captureResponses: (url: string) => captureUrlsContaining.some((part) => url.includes(part)) }
        : {}),
      ...engine,
    });
    return {
      url: browsed.url || request.url,
      status: 200,
      headers: {},
      text: browsed.html,
      responses: browsed.responses,
    };
  }
  const fetched = await fetcher.fetch(request.url, {
    ...(request.method ? { method: request.method } : {}),
    ...(request.headers ? { headers: request.headers } : {}),
    ...(request.body !== undefined ? { body: request.body } : {}),
    ...(request.acceptClientErrors ? { acceptClientErrors: true } : {}),
    ...engine,
  });
  return {
    url: fetched.url || request.url,
    status: fetched.status,
    headers: fetched.headers,
    text: fetched.text,
    responses: [],
  };
}

function failed(request: QueuedRequest, error: unknown, counts: FetcherStats): CrawlOutcome {
  const failure = error instanceof Error ? error : new Error(String(error));
  const postings = request.posting
    ? [{ ...request.posting, extra: { ...request.posting.extra, detailError: failure.message } }]
    : [];
  return {
    request,
    state: 'failed',
    error: failure.message,
    attempts: counts.requests,
    counts,
    counted: false,
    added: [],
    postings,
    failure,
  };
}
