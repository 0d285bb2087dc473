// The health rules on made-up run histories: a share that falls by more than 20 points against the earlier
// runs (followed back to its first run), noise that does not, a run that stored nothing after runs that
// stored many, a run of blocks, and runs too small to say anything about shares.
import { describe, expect, it } from 'vitest';
import { FieldTally, fieldsOf } from '../../src/health/field-tally.js';
import { assessSource } from '../../src/health/source-health.js';
import type { RunRecord } from '../../src/store/health-queries.js';
import { makePosting } from '../support/posting-factory.js';

let nextId = 1;
function run(postings: number, fields: Record<string, number>, extra: Partial<RunRecord> = {}): RunRecord {
  const id = nextId++;
  return {
    run_id: id,
    source_id: 'zhaopin',
    started_at: `2026-11-${String(id).padStart(2, '0')}T08:00:00.000Z`,
    status: postings > 0 ? 'ok' : 'failed',
    postings_seen: postings,
    error_summary: null,
    blocked: false,
    postings_counted: postings,
    fields: { title: postings, ...fields },
    ...extra,
  };
}

describe('field coverage', () => {
  it('a share falling by more than 20 points is flagged from the first run it fell, with before and after', () => {
    nextId = 1;
    const runs = [
      run(20, { company: 20 }),
      run(20, { company: 19 }),
      run(20, { company: 20 }),
      run(20, { company: 6 }),
      run(20, { company: 4 }),
    ];
    const [flag, ...rest] = assessSource('zhaopin', runs).flags;
    expect(rest).toEqual([]);
    expect(flag).toMatchObject({
      source_id: 'zhaopin',
      kind: 'field_drop',
      field: 'company',
      before: 1,
      after: 0.2,
      first_run_id: 4,
      first_run_at: '2026-11-04T08:00:00.000Z',
      runs_since: 2,
    });
    expect(flag!.message).toBe(
      'zhaopin: company fell from 100% to 20% of postings, since run 4 (2026-11-04, 2 runs)',
    );
  });

  it('noise within 20 points, a field that recovered, and a field never given are not flagged', () => {
    nextId = 1;
    const runs = [
      run(20, { company: 20, salary: 12, description: 0 }),
      run(20, { company: 17, salary: 16, description: 0 }),
      run(20, { company: 2, salary: 10, description: 0 }),
      run(20, { company: 19, salary: 13, description: 0 }),
    ];
    expect(assessSource('zhaopin', runs).flags).toEqual([]);
  });

  it("a source's own field that vanishes from the latest run counts as 0%", () => {
    nextId = 1;
    const runs = [run(10, { 'extra.welfare': 9 }), run(10, { 'extra.welfare': 10 }), run(10, {})];
    const result = assessSource('zhaopin', runs);
    expect(result.fields).toContain('extra.welfare');
    expect(result.runs.at(-1)!.shares['extra.welfare']).toBe(0);
    expect(result.flags.map((f) => [f.field, f.before, f.after])).toEqual([['extra.welfare', 0.95, 0]]);
  });

  it('runs with fewer than 5 postings are left out of the shares', () => {
    nextId = 1;
    expect(assessSource('zhaopin', [run(20, { company: 20 }), run(3, { company: 0 })]).flags).toEqual([]);
  });
});

describe('empty runs and blocks', () => {
  it('a run that stored nothing after runs that stored many is flagged; after runs that stored few it is not', () => {
    nextId = 1;
    const flags = assessSource('zhaopin', [run(40, {}), run(36, {}), run(0, {}), run(0, {})]).flags;
    expect(flags.map((f) => [f.kind, f.before, f.after, f.first_run_id, f.runs_since])).toEqual([
      ['empty_run', 38, 0, 3, 2],
    ]);
    expect(flags[0]!.message).toMatch(/zhaopin: stored no postings since run 3 .*earlier runs stored 38/);
    nextId = 1;
    expect(assessSource('zhaopin', [run(3, {}), run(2, {}), run(0, {})]).flags).toEqual([]);
  });

  it('two or more blocked runs in a row are flagged with the reason; one is not', () => {
    nextId = 1;
    const blocked = (summary: string) =>
      run(0, {}, { blocked: true, status: 'failed', error_summary: summary });
    const one = assessSource('zhaopin', [
      run(30, {}),
      run(30, {}),
      blocked('blocked: 智联 slider verification'),
    ]);
    expect(one.flags).toEqual([]);
    nextId = 1;
    const two = assessSource('zhaopin', [
      run(30, {}),
      run(30, {}),
      blocked('blocked: 智联 slider verification (滑动验证)'),
      blocked('blocked: 智联 slider verification (滑动验证)'),
    ]);
    expect(two.flags.map((f) => [f.kind, f.before, f.after, f.first_run_id])).toEqual([
      ['blocked_runs', 0, 2, 3],
    ]);
    expect(two.flags[0]!.message).toMatch(/2 runs in a row blocked since run 3 .*: 智联 slider verification/);
  });
});

describe('the field tally', () => {
  it("counts the common fields from the row and the source's own from extra, empty values not counted", () => {
    const row = makePosting({ source_posting_id: 'a', company: null, description: ' ', posted_at: null });
    expect(fieldsOf({ extra: { experience: '1-3年', welfare: [], degree: '' } }, row)).toEqual(
      expect.arrayContaining(['title', 'city', 'salary', 'extra.experience']),
    );
    expect(fieldsOf({ extra: { welfare: [] } }, row)).not.toContain('company');
    const tally = new FieldTally();
    tally.add({ extra: { welfare: ['五险一金'] } }, row);
    tally.add({ extra: {} }, row);
    const counts = tally.counts();
    expect(counts.postings).toBe(2);
    expect(counts.present.get('extra.welfare')).toBe(1);
    expect(counts.present.get('company')).toBe(0);
  });
});
