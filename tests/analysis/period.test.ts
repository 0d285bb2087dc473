// Periods users name on the command line, their first and last days, and the clear error for anything else.
import { describe, expect, it } from 'vitest';
import { parsePeriod, previousPeriod, yearBefore } from '../../src/analysis/period.js';
import { UsageError } from '../../src/errors.js';

describe('parsePeriod', () => {
  // ISO weeks checked against Python: date.fromisocalendar(2025, 14, 1) = 2025-03-31,
  // date.fromisocalendar(2026, 53, 1) = 2026-12-28, date.fromisocalendar(2021, 1, 1) = 2021-01-04.
  it.each([
    ['2025', '2025', '2025-01-01', '2025-12-31', 365],
    ['2024', '2024', '2024-01-01', '2024-12-31', 366],
    ['2025-Q3', '2025-Q3', '2025-07-01', '2025-09-30', 92],
    ['2024-q1', '2024-Q1', '2024-01-01', '2024-03-31', 91],
    ['2025-06', '2025-06', '2025-06-01', '2025-06-30', 30],
    ['2024-02', '2024-02', '2024-02-01', '2024-02-29', 29],
    ['2025-W14', '2025-W14', '2025-03-31', '2025-04-06', 7],
    ['2026-W53', '2026-W53', '2026-12-28', '2027-01-03', 7],
    ['2021-W01', '2021-W01', '2021-01-04', '2021-01-10', 7],
    ['2025-01-01..2025-06-30', '2025-01-01..2025-06-30', '2025-01-01', '2025-06-30', 181],
    [' 2025-03-05 .. 2025-03-05 ', '2025-03-05', '2025-03-05', '2025-03-05', 1],
  ])('%s is %s, %s to %s (%i days)', (text, label, start, end, days) => {
    expect(parsePeriod(text)).toEqual({ label, start, end, days });
  });

  it('last-N-days and last-N-months end today', () => {
    const now = new Date('2026-03-10T12:00:00Z');
    expect(parsePeriod('last-7-days', now)).toMatchObject({
      start: '2026-03-04',
      end: '2026-03-10',
      days: 7,
    });
    expect(parsePeriod('last-12-months', now)).toMatchObject({
      start: '2025-03-11',
      end: '2026-03-10',
      days: 365,
    });
  });

  it.each([
    ['2025-13'],
    ['2025-Q5'],
    ['2025-W54'],
    ['2025-W53'], // 2025 has 52 ISO weeks
    ['2025-02-30'],
    ['25'],
    ['last year'],
    [''],
    ['2025-06-01..'],
  ])('%j is refused with the accepted forms', (text) => {
    expect(() => parsePeriod(text)).toThrow(UsageError);
    expect(() => parsePeriod(text)).toThrow(/2025-Q3.*2025-W14.*2025-01-01\.\.2025-06-30/);
  });

  it('a range that ends before it starts says so', () => {
    expect(() => parsePeriod('2025-06-30..2025-01-01')).toThrow(/ends before it starts/);
  });
});

describe('previousPeriod and yearBefore', () => {
  it.each([
    ['2025', '2024', '2024'],
    ['2025-Q1', '2024-Q4', '2024-Q1'],
    ['2025-01', '2024-12', '2024-01'],
    ['2025-W01', '2024-W52', '2024-W01'],
    ['2027-W01', '2026-W53', '2026-W01'],
    ['2026-W53', '2026-W52', '2025-W52'],
    ['2025-03-01..2025-03-10', '2025-02-19..2025-02-28', '2024-03-01..2024-03-10'],
    ['2024-02-29', '2024-02-28', '2023-02-28'],
  ])('%s: before is %s, a year before is %s', (text, previous, yearEarlier) => {
    const period = parsePeriod(text);
    expect(previousPeriod(period).label).toBe(previous);
    expect(yearBefore(period).label).toBe(yearEarlier);
  });
});
