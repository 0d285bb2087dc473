// A crawl's plan: its scrapes (source × search), kept in the crawl's row so that a resumed crawl is the same
// crawl, and whether the process that ran a stopped crawl is still alive (then it is busy, not stopped).
import type { CrawlRow } from '../store/crawl-store.js';
import type { ScrapeRequest } from './scraper-contract.js';

/** One scrape of a crawl, as planned (and kept in the crawl's row, so a resumed crawl is the same crawl). */
export interface PlannedScrape {
  sourceId: string;
  request?: ScrapeRequest;
  /** Stop a listing at the first page whose postings are all stored already. */
  incremental?: boolean;
  /** Overrides the config's and the scraper's base URL (tests point it at the local server). */
  baseUrl?: string;
}

/** Whether the process that ran a crawl is still alive (then it is not stopped, only busy). */
export function running(row: CrawlRow): boolean {
  if (row.pid === null || row.pid === process.pid) return false;
  try {
    process.kill(row.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface StoredPlanEntry {
  source_id: string;
  query: string | null;
  city: string | null;
  max_pages: number | null;
  incremental: boolean;
  base_url: string | null;
}

export function storedPlan(plan: PlannedScrape[]): string {
  const entries: StoredPlanEntry[] = plan.map((s) => ({
    source_id: s.sourceId,
    query: s.request?.query ?? null,
    city: s.request?.city ?? null,
    max_pages: s.request?.maxPages ?? null,
    incremental: s.incremental === true,
    base_url: s.baseUrl ?? null,
  }));
  return JSON.stringify(entries);
}

export function readPlan(json: string): PlannedScrape[] {
  return (JSON.parse(json) as StoredPlanEntry[]).map((e) => ({
    sourceId: e.source_id,
    request: {
      ...(e.query !== null ? { query: e.query } : {}),
      ...(e.city !== null ? { city: e.city } : {}),
      ...(e.max_pages !== null ? { maxPages: e.max_pages } : {}),
    },
    incremental: e.incremental,
    ...(e.base_url ? { baseUrl: e.base_url } : {}),
  }));
}
