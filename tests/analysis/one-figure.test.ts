// One growth figure (issue 19): over random multi-source databases — scrape runs with gaps, snapshots with
// stated collection days, datasets without them, undated postings, several roles — `growth`, `claim` and
// `report` give the same change and the same interval for the same two periods, or all three give none.
// And the source_watch_days view agrees with analysis on which days were watched.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkClaim } from '../../src/analysis/claim.js';
import { oneSidedPValue } from '../../src/analysis/compare.js';
import { growth } from '../../src/analysis/growth.js';
import { loadWatchRecord, watchedDaysOf } from '../../src/analysis/watched-days.js';
import { gatherReport } from '../../src/report/gather-report.js';
import type { Db } from '../../src/store/database.js';
import { markBacklog, recordObservedDays } from '../../src/store/observation-store.js';
import { upsertPostings } from '../../src/store/posting-store.js';
import { emptyRunCounters, finishRun, startRun } from '../../src/store/run-store.js';
import { ensureSource } from '../../src/store/source-store.js';
import { syncTaxonomy } from '../../src/store/taxonomy-store.js';
import { makePosting } from '../support/posting-factory.js';
import { memoryDb } from './support/analysis-db.js';

const NOW = new Date('2026-01-20T00:00:00Z');
const START = Date.parse('2024-12-01T00:00:00Z');
const DAYS = 420; // 2024-12-01 … 2026-01-24
const day = (offset: number) => new Date(START + offset * 86_400_000).toISOString().slice(0, 10);
const COUNTERS = emptyRunCounters();

/** A source: how it was looked at, and whether its postings carry dates. */
const sourceArb = fc.record({
  kind: fc.constantFrom('scrape', 'scrape', 'snapshot', 'days', 'log'),
  dated: fc.boolean(),
  lifetime: fc.constantFrom(7, 30, 45),
  // Scrape runs (or collection days): offsets into the range, gaps included.
  looks: fc.uniqueArray(fc.integer({ min: 0, max: DAYS - 60 }), { minLength: 6, maxLength: 60 }),
  // New postings per look, and which role each is.
  born: fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 25, maxLength: 25 }),
  roles: fc.array(fc.boolean(), { minLength: 150, maxLength: 150 }),
});

type SourcePlan = typeof sourceArb extends fc.Arbitrary<infer T> ? T : never;

let serial = 0;

/** Builds a database from the generated sources through the real store (as scrapes and imports write it). */
function build(sources: SourcePlan[]): Db {
  const db = memoryDb();
  syncTaxonomy(db); // as every scrape and import does: the roles table holds the whole taxonomy
  sources.forEach((source, s) => {
    const id = `s${s}`;
    ensureSource(db, { id, name: id, kind: 'api', base_url: null, lifetime_days: source.lifetime });
    const looks = [...source.looks].sort((a, b) => a - b);
    let r = 0;
    const make = (posted: string | null) => {
      const n = ++serial;
      const role = source.roles[r++ % source.roles.length] ? 'ai-trainer' : 'data-annotator';
      return makePosting({
        source_posting_id: `p${n}`,
        source_id: id,
        dedup_key: `k${n}`,
        posted_at: posted,
        posted_at_precision: posted ? 'day' : null,
        roles: [role],
        title: role === 'ai-trainer' ? 'AI训练师' : '数据标注员',
      });
    };
    if (source.kind === 'scrape') {
      // Each run lists what was born since the previous one (within a lifetime) and relists older postings.
      const listed: ReturnType<typeof make>[] = [];
      looks.forEach((look, i) => {
        const from = Math.max(i > 0 ? looks[i - 1]! + 1 : look - source.lifetime, look - source.lifetime);
        for (let k = 0; k < source.born[i % source.born.length]!; k++) {
          listed.push(make(source.dated ? day(from + ((k * 7) % (look - from + 1))) : null));
        }
        const at = `${day(look)}T08:00:00.000Z`;
        const runId = startRun(db, { sourceId: id, startedAt: at });
        if (listed.length > 0) upsertPostings(db, listed.slice(-40), { seenAt: at, runId });
        finishRun(db, runId, {
          status: i % 7 === 3 ? 'failed' : 'ok',
          counters: COUNTERS,
          finishedAt: `${day(look)}T08:10:00.000Z`,
        });
      });
      return;
    }
    // An imported dataset: collected over a stated range (snapshot), on stated days (days), or with no
    // collection dates at all (log: a continuous log of its posting dates).
    const first = looks[0]!;
    const last = source.kind === 'snapshot' ? Math.min(first + 3, DAYS - 1) : looks[looks.length - 1]!;
    const runId = startRun(db, { sourceId: id, startedAt: NOW.toISOString() });
    const postings = looks.flatMap((look, i) =>
      Array.from({ length: source.born[i % source.born.length]! }, (_, k) =>
        make(
          source.dated || source.kind === 'log' ? day(Math.max(0, look - ((k * 5) % source.lifetime))) : null,
        ),
      ),
    );
    const seenAt = `${day(source.kind === 'days' ? first : last)}T00:00:00.000Z`;
    if (postings.length > 0) upsertPostings(db, postings, { seenAt, runId });
    if (source.kind === 'days') recordObservedDays(db, runId, looks.map(day));
    const dates = postings
      .map((p) => p.posted_at!)
      .filter(Boolean)
      .sort();
    finishRun(db, runId, {
      status: 'ok',
      counters: COUNTERS,
      finishedAt: NOW.toISOString(),
      ...(source.kind === 'log'
        ? {
            coverageFrom: dates[0] ?? day(first),
            coverageTo: dates.at(-1) ?? day(first),
            coverageAssumed: true,
          }
        : source.kind === 'snapshot'
          ? { coverageFrom: day(first), coverageTo: day(last) }
          : {}),
    });
    markBacklog(db, [id]);
  });
  return db;
}

const months = Array.from({ length: 13 }, (_, i) => {
  const d = new Date(Date.UTC(2025, i, 1));
  return d.toISOString().slice(0, 7);
});

describe('one growth figure', () => {
  it('growth, claim and report give the same change and interval for the same comparison', () => {
    fc.assert(
      fc.property(
        fc.array(sourceArb, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom<string | undefined>(undefined, 'ai-trainer'),
        (sources, m, role) => {
          const db = build(sources);
          try {
            const month = months[m]!;
            const previous = months[m - 1]!;
            const subject = role ? { role } : {};
            const series = growth(db, { ...subject, by: 'month', from: '2025-01', to: '2026-01', now: NOW });
            const bucket = series.buckets.find((b) => b.label === month)!;
            const claim = checkClaim(
              db,
              { ...subject, period: month, baseline: previous, change: '>0%' },
              { now: NOW },
            );
            const report = gatherReport(db, { ...subject, period: month, now: NOW });
            const headline = report.headline.find((h) => h.against === 'previous')?.result ?? null;

            // A bucket nobody watched has no rate and no comparison; the claim says so too.
            if (bucket.perDay === null) {
              expect(bucket.vsPrevious).toBeNull();
              expect(claim.estimate).toBeNull();
              expect(claim.verdict).toBe('insufficient data');
              return;
            }
            const figure = bucket.vsPrevious!;
            expect(figure.change).toEqual(claim.estimate?.change ?? null);
            expect(figure.interval).toEqual(claim.estimate?.interval ?? null);
            expect(figure.unavailable).toEqual(claim.estimate ? null : claim.reason);
            // The report shows the headline only when it has postings in the period; then it is the same.
            if (report.postings > 0) {
              expect(headline?.estimate ?? null).toEqual(claim.estimate);
              expect(headline?.coverage).toEqual(claim.coverage);
            }
            // The verdict and the one-sided p-value say the same thing.
            if (claim.estimate) {
              const p = oneSidedPValue(claim.test!, 'rise', 0);
              expect(claim.verdict === 'supported').toBe(p <= 0.025 + 1e-12);
            }
          } finally {
            db.close();
          }
        },
      ),
      { numRuns: 50 },
    );
  });

  it('the source_watch_days view and analysis agree on the days watched', () => {
    fc.assert(
      fc.property(fc.array(sourceArb, { minLength: 1, maxLength: 3 }), (sources) => {
        const db = build(sources);
        try {
          const watch = loadWatchRecord(db);
          const view = db
            .prepare('SELECT source_id, day FROM source_watch_days ORDER BY source_id, day')
            .all() as { source_id: string; day: string }[];
          const ours = [...watch.keys()]
            .sort()
            .flatMap((id) =>
              [...watchedDaysOf(watch.get(id), '2000-01-01', '2100-01-01')]
                .sort()
                .map((d) => ({ source_id: id, day: d })),
            );
          expect(ours).toEqual(view);
        } finally {
          db.close();
        }
      }),
      { numRuns: 50 },
    );
  });
});
