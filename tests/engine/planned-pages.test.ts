// The pages a scrape has ahead: known while no waiting list or index page may ask for an unknown number of
// pages; every request queued so far plus what the waiting ones say they lead to.
import { describe, expect, it } from 'vitest';
import { PagePlan } from '../../src/engine/planned-pages.js';

const detail = { kind: 'detail' as const };

describe('planned pages', () => {
  it('boards that hold their whole list: the total is known from the start', () => {
    const plan = new PagePlan();
    plan.queued(0, [
      { kind: 'list', leadsTo: 0 },
      { kind: 'list', leadsTo: 0 },
    ]);
    expect(plan.progress(0)).toEqual({ done: 0, total: 2 });
    plan.handled(0, { kind: 'list', leadsTo: 0 }, []);
    expect(plan.progress(0)).toEqual({ done: 1, total: 2 });
  });

  it('a sitemap: unknown until it is read, then the pages it listed', () => {
    const plan = new PagePlan();
    plan.queued(0, [{ kind: 'index' }]);
    expect(plan.progress(0)).toBeUndefined();
    plan.handled(0, { kind: 'index' }, [detail, detail, detail]);
    expect(plan.progress(0)).toEqual({ done: 1, total: 4 });
    plan.handled(0, detail, []);
    expect(plan.progress(0)).toEqual({ done: 2, total: 4 });
  });

  it('a listing that says its length: the pages left, plus the detail pages found so far', () => {
    const plan = new PagePlan();
    plan.queued(0, [{ kind: 'list', leadsTo: 4 }]);
    expect(plan.progress(0)).toEqual({ done: 0, total: 5 });
    // Page 1 says the listing has 3 pages: page 2 leads to one more; two postings need their own pages.
    plan.handled(0, { kind: 'list', leadsTo: 4 }, [{ kind: 'list', leadsTo: 1 }, detail, detail]);
    expect(plan.progress(0)).toEqual({ done: 1, total: 5 });
  });

  it('a page that does not say what it leads to hides the total until it is read', () => {
    const plan = new PagePlan();
    plan.queued(0, [{ kind: 'list', leadsTo: 0 }, { kind: 'list' }]);
    expect(plan.progress(0)).toBeUndefined();
    plan.handled(0, { kind: 'list' }, []);
    expect(plan.progress(0)).toEqual({ done: 1, total: 2 });
  });

  it('scrapes are counted apart; one with nothing queued has no total', () => {
    const plan = new PagePlan();
    plan.queued(0, [detail]);
    plan.queued(1, [detail, detail, { kind: 'list', leadsTo: 2 }]);
    expect(plan.progress(0)).toEqual({ done: 0, total: 1 });
    expect(plan.progress(1)).toEqual({ done: 0, total: 5 });
    expect(plan.progress(2)).toBeUndefined();
  });
});
