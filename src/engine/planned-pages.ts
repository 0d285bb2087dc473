// How many pages each scrape of a crawl is known to have ahead, for the progress bar's total: every request
// queued so far, plus what the waiting ones are expected to lead to (PageRequest.leadsTo: an ATS board holds
// its whole list, a listing says its length, a sitemap read has queued its pages). The total is known only
// while no waiting list or index page may ask for an unknown number of further pages; it grows as pages are
// found (detail pages a list names). Kept in the crawl's thread, from the requests it queues and handles.
import type { PageKind } from './scraper-contract.js';

/** A scrape's pages handled (fetched or failed) of those planned. */
export interface PlannedPages {
  done: number;
  total: number;
}

type Planned = { kind: PageKind; leadsTo?: number | undefined };

interface ScrapePlan {
  queued: number;
  handled: number;
  /** Σ leadsTo of the waiting requests that say it. */
  expected: number;
  /** Waiting list or index pages that do not say what they lead to. */
  open: number;
}

export class PagePlan {
  private readonly scrapes = new Map<number, ScrapePlan>();

  /**
   * Requests queued for a scrape: its first ones (or those a stopped crawl left, resumed), or those a page
   * asked for that were new to the crawl.
   */
  queued(scrape: number, requests: readonly Planned[]): void {
    const plan = this.of(scrape);
    plan.queued += requests.length;
    for (const request of requests) {
      const leads = leadsTo(request);
      if (leads === undefined) plan.open++;
      else plan.expected += leads;
    }
  }

  /** A request was handled (its page stored, or failed), having queued `added`. */
  handled(scrape: number, request: Planned, added: readonly Planned[]): void {
    const plan = this.of(scrape);
    plan.handled++;
    const leads = leadsTo(request);
    if (leads === undefined) plan.open = Math.max(0, plan.open - 1);
    else plan.expected = Math.max(0, plan.expected - leads);
    this.queued(scrape, added);
  }

  /** The scrape's pages done of the total, when the total is known; else undefined. */
  progress(scrape: number): PlannedPages | undefined {
    const plan = this.scrapes.get(scrape);
    if (!plan || plan.open > 0) return undefined;
    return { done: plan.handled, total: Math.max(plan.queued + plan.expected, plan.handled) };
  }

  private of(scrape: number): ScrapePlan {
    let plan = this.scrapes.get(scrape);
    if (!plan) {
      plan = { queued: 0, handled: 0, expected: 0, open: 0 };
      this.scrapes.set(scrape, plan);
    }
    return plan;
  }
}

/** What a request is expected to lead to; undefined when a list or index page does not say. */
function leadsTo(request: Planned): number | undefined {
  if (request.leadsTo !== undefined) return Math.max(0, request.leadsTo);
  return request.kind === 'detail' ? 0 : undefined;
}
