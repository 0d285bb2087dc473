// Progress on a terminal: a bar with its ETA when the total is known, the count with its rate when it is
// not, redrawn in place and cleared at the end; nothing at all when stderr is not a terminal.
import { describe, expect, it } from 'vitest';
import { createProgressLine } from '../../src/cli/progress-line.js';
import { duration } from '../../src/text/progress-bar.js';

function stderr(isTTY: boolean) {
  let text = '';
  return { out: { write: (t: string) => (text += t), isTTY }, text: () => text };
}

describe('a progress line', () => {
  it('with a total: a bar, done/total and the ETA from the rate so far', () => {
    const err = stderr(true);
    let clock = 0;
    const line = createProgressLine(err.out, { unit: 'postings', now: () => clock });
    clock = 10_000;
    line.update(2_500, 10_000);
    // 2,500 in 10 s: the other 7,500 take 30 s.
    expect(err.text().replaceAll('\x1b', 'ESC')).toMatch(
      /^\r\[█{6}░{18}\] 25% 2,500\/10,000 postings \| ETA 30sESC\[K$/,
    );
  });

  it('without one: the count and its rate', () => {
    const err = stderr(true);
    let clock = 0;
    const line = createProgressLine(err.out, { unit: 'rows read', now: () => clock });
    clock = 4_000;
    line.update(120_000);
    expect(err.text()).toBe('\r120,000 rows read | 30,000/s\x1b[K');
  });

  it('is redrawn in place at most every 100 ms, and cleared at the end', () => {
    const err = stderr(true);
    let clock = 1;
    const line = createProgressLine(err.out, { unit: 'rows read', now: () => clock });
    line.update(1);
    clock = 50;
    line.update(2);
    clock = 200;
    line.update(3);
    line.stop();
    const draws = err.text().split('\r').filter(Boolean);
    expect(draws).toHaveLength(3);
    expect(draws.at(-1)).toBe('\x1b[K');
  });

  it('writes nothing when stderr is not a terminal', () => {
    const err = stderr(false);
    const line = createProgressLine(err.out, { unit: 'rows read' });
    line.update(5, 10);
    line.stop();
    expect(err.text()).toBe('');
  });

  it('says durations the short way', () => {
    expect([duration(3), duration(75), duration(3725), duration(Number.NaN)]).toEqual([
      '3s',
      '1m15s',
      '1h02m',
      '…',
    ]);
  });
});
