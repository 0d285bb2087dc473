// A run's failed requests in one line: one bad board named with its reason while the others were scraped,
// one reason shared by many said once, a block first of all.
import { describe, expect, it } from 'vitest';
import { isRunFailure, summariseFailures } from '../../src/engine/failure-summary.js';
import { BlockedError, NotRetryableError, RetryableError } from '../../src/fetch/errors.js';

const fail = (target: string, message: string) => ({ target, error: new NotRetryableError(message) });

describe('the summary of a run that failed in part', () => {
  it('names every failure and how many of the requests failed', () => {
    expect(summariseFailures([fail('board "b"', 'HTTP 404')], 3)).toBe('1 of 3 failed: board "b": HTTP 404');
    expect(summariseFailures([fail('board "b"', 'HTTP 404')], 1)).toBe('board "b": HTTP 404');
  });

  it('says a reason shared by several requests once, and only the reason when every request failed so', () => {
    const unreachable = 'cannot reach x.test (ENOTFOUND): check the network connection';
    expect(
      summariseFailures(
        [fail('board "a"', unreachable), fail('board "b"', unreachable), fail('board "c"', 'HTTP 404')],
        3,
      ),
    ).toBe(`3 of 3 failed: board "a", board "b": ${unreachable}; board "c": HTTP 404`);
    expect(summariseFailures([fail('board "a"', unreachable), fail('board "b"', unreachable)], 2)).toBe(
      `${unreachable} (all 2 requests)`,
    );
    const many = Array.from({ length: 6 }, (_, i) => fail(`page ${i}`, 'HTTP 500'));
    expect(summariseFailures(many, 10)).toBe('6 of 10 failed: page 0, page 1, page 2 and 3 more: HTTP 500');
  });

  it('puts a block first, said once', () => {
    const summary = summariseFailures(
      [
        fail('board "a"', 'HTTP 404'),
        { target: 'page 2', error: new BlockedError('blocked: 智联 slider verification (滑动验证)') },
        { target: 'page 3', error: new BlockedError('not fetched: the source was blocked') },
      ],
      5,
    );
    expect(summary).toBe(
      'blocked: 智联 slider verification (滑动验证) (2 more requests not fetched or failed)',
    );
  });

  it("a posting's own page that is gone does not count against the run; a block or a passing fault does", () => {
    const posting = { sourcePostingId: 'p', title: 't', raw: {} };
    expect(isRunFailure({ posting }, new NotRetryableError('HTTP 404'))).toBe(false);
    expect(isRunFailure({ posting }, new BlockedError('blocked'))).toBe(true);
    expect(isRunFailure({ posting }, new RetryableError('HTTP 503'))).toBe(true);
    expect(isRunFailure({}, new NotRetryableError('HTTP 404'))).toBe(true);
  });
});
